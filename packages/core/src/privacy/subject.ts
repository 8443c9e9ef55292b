import * as E from 'fp-ts/lib/Either.js';
import { participantStreamName } from '@jamsos/domain';
import { storeFailure, type StoreFailure } from '../store/errors.js';
import type { RecordedEvent } from '../store/types.js';
import { isEnvelope } from './envelope.js';
import { mapAtPath } from './paths.js';
import type { PersonalDataStore } from './with-personal-data-encryption.js';

/** A participant the store knows nothing about: no stream and no key. */
export interface UnknownParticipant {
  readonly _tag: 'UnknownParticipant';
  readonly participantId: string;
}

/** What the store holds of one data subject's personal data, found in one pass. */
export interface SubjectFootprint {
  /** Their own stream first (when it exists), then every other stream with personal data of theirs (their claims), in log order. */
  readonly streams: ReadonlyArray<string>;
  /** Personal-data fields of theirs stored in plaintext (written before encryption): forgetting cannot shred these. */
  readonly plaintextFields: number;
}

/**
 * Finds a participant's streams and plaintext personal fields: one pass over the stored log filtered
 * to the event types that carry personal data (in jamsos, registrations and claim filings), keeping
 * those whose subject is the participant, plus the participant's own stream.
 */
export const subjectFootprint = async (store: PersonalDataStore, participantId: string): Promise<E.Either<StoreFailure, SubjectFootprint>> => {
  const own = participantStreamName(participantId);
  const streams = new Set<string>();
  let plaintextFields = 0;
  try {
    const revision = await store.stored.streamRevision(own)();
    if (E.isLeft(revision)) return revision;
    if (revision.right !== 'no_stream') streams.add(own);
    if (store.schema.eventTypes.length > 0)
      for await (const event of store.stored.readAll({ filter: { eventTypes: store.schema.eventTypes } })) {
        if (store.schema.subjectOf(event.type, event.data) !== participantId) continue;
        streams.add(event.streamName);
        plaintextFields += countPlaintext(store, event);
      }
  } catch (cause) {
    return E.left(storeFailure(`reading the log for the streams of participant ${participantId}`, cause));
  }
  return E.right({ streams: [...streams], plaintextFields });
};

/** The personal-data fields of a stored event that hold a value that is not an envelope. */
const countPlaintext = (store: PersonalDataStore, event: RecordedEvent): number => {
  let count = 0;
  for (const field of store.schema.fieldsOf(event.type))
    mapAtPath(event.data, field.segments, (value) => {
      if (value !== undefined && !isEnvelope(value)) count += 1;
      return value;
    });
  return count;
};
