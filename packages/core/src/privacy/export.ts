import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { storeFailure, type StoreFailure } from '../store/errors.js';
import type { EventMetadata, RecordedEvent } from '../store/types.js';
import { CHAIN_KEY } from '../audit/chain/canonical.js';
import type { PersonalDataProblem } from './errors.js';
import { revealEvent, type FieldStatus } from './fields.js';
import { subjectFootprint, type UnknownParticipant } from './subject.js';
import type { PersonalDataStore } from './with-personal-data-encryption.js';

/** The format tag of an export. */
export const PARTICIPANT_EXPORT_FORMAT = 'jamsos-participant-export/1';

/** One event of an export: where it is, what it says (personal fields decrypted), and how each personal field read. */
export interface ExportedEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly id: string;
  readonly type: string;
  /** The event's metadata without the hash-chain entry (knowledge time, schema version, correlation). */
  readonly metadata: Omit<EventMetadata, typeof CHAIN_KEY>;
  readonly data: unknown;
  /** Each personal-data field by concrete path: decrypted, redacted (key destroyed: "[redacted]" in data) or plaintext. */
  readonly personalData: Readonly<Record<string, FieldStatus>>;
}

/** Everything the store holds about one participant, for a data-subject access request. */
export interface ParticipantExport {
  readonly format: typeof PARTICIPANT_EXPORT_FORMAT;
  readonly participantId: string;
  /** The participant's key: active, forgotten (with when), or none made (no encrypted personal data). */
  readonly key: { readonly state: 'active' } | { readonly state: 'forgotten'; readonly forgottenAt: string } | { readonly state: 'none' };
  /** Their stream and every stream with personal data of theirs (their claims). */
  readonly streams: ReadonlyArray<string>;
  /** Every event of those streams, in log order. */
  readonly events: ReadonlyArray<ExportedEvent>;
}

/** Why an export could not be made. */
export type ExportError = UnknownParticipant | StoreFailure | PersonalDataProblem;

const withoutChain = (metadata: EventMetadata): Omit<EventMetadata, typeof CHAIN_KEY> => {
  const { [CHAIN_KEY]: _chain, ...rest } = metadata;
  return rest;
};

/**
 * Exports everything held about one participant (UU PDP 27/2022, the right of access): every event
 * of their own stream and of each stream holding personal data of theirs (their claims: every event,
 * decisions and payments too), in log order, personal fields decrypted, or "[redacted]" once their
 * key is destroyed, with each field's status. Reads the stored log (two passes: a filtered one to find
 * the streams, then each stream); holds one participant's events in memory.
 */
export const exportParticipant =
  (store: PersonalDataStore, participantId: string): TE.TaskEither<ExportError, ParticipantExport> =>
  async () => {
    const state = await store.keyring.lookup(participantId)();
    if (E.isLeft(state)) return state;
    const footprint = await subjectFootprint(store, participantId);
    if (E.isLeft(footprint)) return footprint;
    const { streams } = footprint.right;
    if (streams.length === 0 && state.right._tag === 'Absent') return E.left({ _tag: 'UnknownParticipant', participantId });
    const events: ExportedEvent[] = [];
    for (const streamName of streams) {
      try {
        for await (const recorded of store.stored.readStream(streamName)) {
          const revealed = await revealEvent(recorded, store.keyring, store.schema, { redactWith: 'text', statuses: true });
          if (E.isLeft(revealed)) return revealed;
          events.push(exported(revealed.right.event, revealed.right.fields));
        }
      } catch (cause) {
        return E.left(storeFailure(`reading ${streamName} for the export of participant ${participantId}`, cause));
      }
    }
    events.sort((a, b) => a.globalPosition - b.globalPosition);
    const key: ParticipantExport['key'] =
      state.right._tag === 'Active' ? { state: 'active' } : state.right._tag === 'Forgotten' ? { state: 'forgotten', forgottenAt: state.right.forgottenAt } : { state: 'none' };
    return E.right({ format: PARTICIPANT_EXPORT_FORMAT, participantId, key, streams, events });
  };

const exported = (event: RecordedEvent, fields: ReadonlyArray<{ readonly path: string; readonly status: FieldStatus }>): ExportedEvent => ({
  streamName: event.streamName,
  revision: event.revision,
  globalPosition: event.globalPosition,
  id: event.id,
  type: event.type,
  metadata: withoutChain(event.metadata),
  data: event.data,
  personalData: Object.fromEntries(fields.map((f) => [f.path, f.status])),
});
