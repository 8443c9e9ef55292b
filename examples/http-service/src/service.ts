import type { Context } from '@jamsos/cli';
import { exportParticipant, forgetParticipant } from '@jamsos/core';
import type { Caller } from './auth/roles.js';
import { buildApp } from './http/app.js';
import { openApiDocument } from './openapi/document.js';
import { createReadModels } from './queries/read-models.js';
import { routesOf, type Services } from './routes/index.js';
import { openIdempotencyStore } from './writes/idempotency.js';

/** A running service: its URL, and how to stop it. */
export interface RunningService {
  readonly url: string;
  /** Stops taking requests, finishes those in flight, saves the read models and closes the store. */
  readonly close: () => Promise<void>;
}

/** Where and for whom the service listens. */
export interface ServiceOptions {
  readonly context: Context;
  readonly callers: ReadonlyMap<string, Caller>;
  readonly host: string;
  readonly port: number;
  readonly onBug: (error: unknown, request: string) => void;
}

/** The id of the log's first event ('' for an empty log): what the idempotency records are bound to. */
const firstEventId = async (context: Context): Promise<string> => {
  for await (const recorded of context.store.readAll({ maxCount: 1 })) return recorded.id;
  return '';
};

/** Starts the HTTP service over an opened context; the read models are caught up in the background. */
export const startService = async (options: ServiceOptions): Promise<RunningService> => {
  const { context } = options;
  const idempotency = openIdempotencyStore(context.readModelsPath);
  idempotency.bindToLog(await firstEventId(context));
  const readModels = createReadModels(context.store, context.readModels);
  const services: Services = {
    store: context.store,
    service: context.service,
    policy: context.policy,
    clock: context.clock,
    participantIdFor: context.participantIdFor,
    readModels,
    privacy: {
      exportParticipant: (participantId) => exportParticipant(context.store, participantId)(),
      forgetParticipant: (participantId) => forgetParticipant(context.store, participantId, { clock: context.clock })(),
    },
  };
  const routes = routesOf(services);
  const document = openApiDocument(routes);
  const app = buildApp({ routes, callers: options.callers, idempotency, openApi: () => document, onBug: options.onBug });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  // Warm the read models (load the snapshots, fold what is new) so the first query is quick.
  void readModels.current().catch(() => undefined);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await readModels.save().catch(() => undefined);
        idempotency.close();
        await context.close();
      })()),
  };
};
