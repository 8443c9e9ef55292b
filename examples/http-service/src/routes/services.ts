import type { CommandService, EventStore, ExportError, ForgetOutcome, ParticipantExport, StoreFailure } from '@jamsos/core';
import type { Policy } from '@jamsos/domain';
import type * as E from 'fp-ts/lib/Either.js';
import type { ReadModels } from '../queries/read-models.js';

/** Crypto-shredding's data-subject operations (@jamsos/core's exportParticipant and forgetParticipant on the context's store). */
export interface PrivacyOperations {
  readonly exportParticipant: (participantId: string) => Promise<E.Either<ExportError, ParticipantExport>>;
  readonly forgetParticipant: (participantId: string) => Promise<E.Either<StoreFailure, ForgetOutcome>>;
}

/** What the routes work with: the store (encrypting, hash-chained), the command service, the policy, the clock, the read models. */
export interface Services {
  readonly store: EventStore;
  readonly service: CommandService;
  readonly policy: Policy;
  readonly clock: () => string;
  /** The participant id of a NIK: an HMAC under the store's secret key. */
  readonly participantIdFor: (nik: string) => string;
  readonly readModels: ReadModels;
  readonly privacy: PrivacyOperations;
}
