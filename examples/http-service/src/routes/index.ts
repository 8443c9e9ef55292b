import type { AnyRoute } from '../http/route.js';
import { commandRoute } from './commands.js';
import { feedRoute } from './feed.js';
import { enrolRoute, lookupRoute, protectionRoute } from './participants.js';
import { paymentFileRoute } from './payment-files.js';
import { privacyRoutes } from './privacy.js';
import { coverageRoute, explainRoute, fundRoute } from './reports.js';
import type { Services } from './services.js';

export type { Services } from './services.js';

/** Every route of the service, in the order the OpenAPI document lists them. */
export const routesOf = (services: Services): ReadonlyArray<AnyRoute> => [
  enrolRoute(services),
  commandRoute(services),
  paymentFileRoute(services),
  lookupRoute(services),
  protectionRoute(services),
  coverageRoute(services),
  fundRoute(services),
  explainRoute(services),
  feedRoute(services),
  ...privacyRoutes(services),
];
