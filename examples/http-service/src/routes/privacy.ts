import * as E from 'fp-ts/lib/Either.js';
import { ErrorBodyC, ExportAnswerC, ForgetAnswerC } from '../contracts/answers.js';
import { ParticipantParamsC } from '../contracts/requests.js';
import { failure, notFound } from '../http/errors.js';
import { json, route, type AnyRoute } from '../http/route.js';
import { COMMON_ERRORS } from './responses.js';
import type { Services } from './services.js';

/** The data-subject routes (UU PDP 27/2022): export and forget, for the data protection officer. */
export const privacyRoutes = (services: Services): ReadonlyArray<AnyRoute> => [
  route({
    method: 'GET',
    path: '/participants/{participantId}/export',
    operationId: 'exportParticipant',
    tag: 'privacy',
    summary: 'Everything held about one participant, personal data decrypted (a data-subject access request)',
    description:
      'Every event of the participant\'s stream and of each stream holding personal data of theirs (their claims), in log order, personal fields decrypted (or "[redacted]" once they were forgotten) with the status of each. The data protection officer only. See docs/privacy.md.',
    permission: 'manage-personal-data',
    params: ParticipantParamsC,
    responses: { 200: { description: 'The export.', schema: ExportAnswerC }, 404: { description: 'No such participant.', schema: ErrorBodyC }, ...COMMON_ERRORS },
    handler: async ({ params }) => {
      const exported = await services.privacy.exportParticipant(params.participantId);
      if (E.isRight(exported)) return json(200, exported.right);
      const error = exported.left;
      if (error._tag === 'UnknownParticipant') return notFound(`no participant ${params.participantId}`);
      return failure(503, error._tag === 'StoreFailure' ? 'store-unavailable' : 'personal-data-unavailable', error._tag === 'StoreFailure' ? error.message : `personal data of ${params.participantId} could not be read (${error._tag}); nothing was exported`);
    },
  }),
  route({
    method: 'POST',
    path: '/participants/{participantId}/forget',
    operationId: 'forgetParticipant',
    tag: 'privacy',
    summary: "Forget a participant: destroy the key of their personal data (the right to erasure)",
    description:
      'Destroys the key their personal data is encrypted with: from then on their NIK, name and birth date, and the claimant\'s and heirs\' details on their claims, read back redacted everywhere the log is, while every count, contribution, claim and balance stays the same and the hash chain still verifies. Calling it again answers already-forgotten. No body. The data protection officer only. See docs/privacy.md.',
    permission: 'manage-personal-data',
    params: ParticipantParamsC,
    idempotencyKey: true,
    responses: { 200: { description: 'Forgotten (now or before).', schema: ForgetAnswerC }, 404: { description: 'No such participant.', schema: ErrorBodyC }, ...COMMON_ERRORS },
    handler: async ({ params }) => {
      const forgotten = await services.privacy.forgetParticipant(params.participantId);
      if (E.isLeft(forgotten)) return failure(503, 'store-unavailable', forgotten.left.message);
      const outcome = forgotten.right;
      switch (outcome._tag) {
        case 'UnknownParticipant':
          return notFound(`no participant ${params.participantId}`);
        case 'AlreadyForgotten':
          return json(200, { outcome: 'already-forgotten', participantId: outcome.participantId, forgottenAt: outcome.forgottenAt });
        case 'Forgotten':
          return json(200, { outcome: 'forgotten', participantId: outcome.participantId, forgottenAt: outcome.forgottenAt, keyDestroyed: outcome.keyDestroyed, wiped: outcome.wiped, plaintextFields: outcome.plaintextFields });
      }
    },
  }),
];
