import * as E from 'fp-ts/lib/Either.js';
import { IsoDate, ParameterValueMissingError, participantCommandKey, participantStreamName, type IsoDate as IsoDateT, type ParticipantCommand, type ParticipantId } from '@jamsos/domain';
import { participantBranch } from '../auth/branch.js';
import { holdsFor } from '../auth/roles.js';
import { EnrolAnswerC, ErrorBodyC, LookupAnswerC, ProtectionAnswerC } from '../contracts/answers.js';
import { EnrolWorkerC, LookupC, ParticipantParamsC, ProtectionQueryC } from '../contracts/requests.js';
import { decodeWith } from '../http/decode.js';
import { executeFailure, failure, forbidden, notFound } from '../http/errors.js';
import { json, route, type AnyRoute } from '../http/route.js';
import { participantState, protectionAnswer } from '../queries/protection.js';
import { refuseWrite, writeAnswer } from './commands.js';
import { COMMON_ERRORS, WRITE_ERRORS } from './responses.js';
import type { Services } from './services.js';

/** POST /participants: register and enrol a worker in one atomic step, the id derived from the NIK. */
export const enrolRoute = (services: Services): AnyRoute =>
  route({
    method: 'POST',
    path: '/participants',
    operationId: 'enrolWorker',
    tag: 'commands',
    summary: 'Register a worker and enrol them, in one atomic step',
    description:
      "The registration (NIK, name, birth date, domicile) and the enrolment (terms, programmes, branch, region, category, first period, optional sponsor). The service gives the worker a participant id: an HMAC of the NIK under the store's secret key, the same every time, so enrolling the same worker again records nothing and answers the same. Both commands are decided and appended together or not at all. A clerk may enrol at their own branch only.",
    permission: 'write',
    body: EnrolWorkerC,
    idempotencyKey: true,
    responses: { 201: { description: 'Registered and enrolled (or before: the same answer).', schema: EnrolAnswerC }, ...WRITE_ERRORS },
    handler: async ({ caller, body }) => {
      const decoded = decodeWith(EnrolWorkerC, body, 'body');
      if (E.isLeft(decoded)) return decoded.left;
      const { enrolment, ...registration } = decoded.right;
      const participantId = services.participantIdFor(registration.nik) as ParticipantId;
      const commands: ParticipantCommand[] = [
        { type: 'RegisterParticipant', participantId, ...registration },
        { type: 'EnrolParticipant', participantId, ...enrolment },
      ];
      const refused = await refuseWrite(services, caller, commands[1] as ParticipantCommand);
      if (refused !== undefined) return refused;
      const result = await services.service.participantSequence(commands, { correlationId: `http:${caller.name}` })();
      if (E.isLeft(result)) return executeFailure(result.left);
      return writeAnswer(services, participantStreamName(participantId), commands.map(participantCommandKey).join('\u0001'), result.right, { participantId });
    },
  });

/** POST /participants/lookup: the participant id of a NIK. */
export const lookupRoute = (services: Services): AnyRoute =>
  route({
    method: 'POST',
    path: '/participants/lookup',
    operationId: 'lookUpParticipant',
    tag: 'queries',
    summary: 'The participant id of a NIK, and whether they are registered',
    description: 'The NIK goes in the body, never in a URL (URLs end up in logs). Needs the personal-data permission (a clerk, the data protection officer). Writes nothing.',
    permission: 'read-personal-data',
    body: LookupC,
    responses: { 200: { description: 'The id the service gives this NIK.', schema: LookupAnswerC }, ...COMMON_ERRORS },
    handler: async ({ body }) => {
      const decoded = decodeWith(LookupC, body, 'body');
      if (E.isLeft(decoded)) return decoded.left;
      const participantId = services.participantIdFor(decoded.right.nik);
      const revision = await services.store.streamRevision(participantStreamName(participantId))();
      if (E.isLeft(revision)) return failure(503, 'store-unavailable', revision.left.message);
      return json(200, { participantId, registered: revision.right !== 'no_stream' });
    },
  });

/** GET /participants/{participantId}/protection: status and protection per programme on a date. */
export const protectionRoute = (services: Services): AnyRoute =>
  route({
    method: 'GET',
    path: '/participants/{participantId}/protection',
    operationId: 'participantProtection',
    tag: 'queries',
    summary: "A participant's protection status as of a date",
    description:
      "Membership, sponsorships and, per programme, whether the worker was protected on the date (asOf, default today) under the law in force that day: the evidence (the month's contribution) or the gap (unpaid, lapsed, not enrolled, ...), exactly as a claim would be judged. The NIK and birth date appear only for a caller allowed personal data (a clerk of the participant's branch, the data protection officer). A clerk reads participants of their own branch only.",
    permission: 'read-participant',
    params: ParticipantParamsC,
    query: ProtectionQueryC,
    responses: { 200: { description: 'The status on the date.', schema: ProtectionAnswerC }, 404: { description: 'No such participant.', schema: ErrorBodyC }, ...COMMON_ERRORS },
    handler: async ({ caller, params, query }) => {
      const branch = await participantBranch(services.store, params.participantId);
      if (branch !== undefined && !holdsFor(caller, 'read-participant', branch)) return forbidden(`${caller.name} reads participants of ${caller.branchId} only; this one is enrolled at ${branch}`);
      const state = await participantState(services.store, params.participantId);
      if (state.status === 'unregistered') return notFound(`no participant ${params.participantId}`);
      const asOf = query.asOf ?? (services.clock().slice(0, 10) as IsoDateT);
      const personalData = holdsFor(caller, 'read-personal-data', branch ?? caller.branchId ?? '');
      try {
        return json(200, protectionAnswer(params.participantId, state, asOf, services.policy, personalData));
      } catch (error) {
        // The policy has no value for a parameter on that date (before the scheme's first rules, say).
        if (!(error instanceof ParameterValueMissingError)) throw error;
        return failure(422, 'policy-has-no-value', `the policy cannot judge protection on ${asOf}: ${error instanceof Error ? error.message : String(error)}`, [{ path: 'asOf', message: `no rules in force on ${IsoDate.period(asOf)}` }]);
      }
    },
  });
