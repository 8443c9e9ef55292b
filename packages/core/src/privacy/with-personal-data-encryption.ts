import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { invalidAppend, type AppendError } from '../store/errors.js';
import { batchProblem, readAllInBatches, readAllToFoldInBatches } from '../store/read.js';
import type { AppendResult, EventStore, EventToFold, ReadAllBatchesOptions, RecordedEvent } from '../store/types.js';
import { PersonalDataReadError } from './errors.js';
import { redactEvent, revealEvent, sealBatch } from './fields.js';
import { cryptoRandomBytes, type Keyring, type RandomBytes } from './keyring.js';
import { jamsosPersonalData, type PersonalDataSchema } from './schema.js';

/** Options of the personal-data decorator. */
export interface PersonalDataOptions {
  /** Where personal data is and whose it is (default: jamsos's catalogue). */
  readonly schema?: PersonalDataSchema;
  /** Random bytes for the IVs (default node:crypto); inject a seeded source for deterministic tests. */
  readonly random?: RandomBytes;
  /**
   * What reads do: 'decrypt' (default) opens each envelope with its key; 'redact' gives every personal
   * field its placeholder without a key, as the `redacted` view does (e.g. when the key file is not here).
   */
  readonly reads?: 'decrypt' | 'redact';
}

/** An event store that encrypts personal data on append and decrypts (or redacts) it on read. */
export interface PersonalDataStore extends EventStore {
  /** The store underneath, as stored (ciphertext envelopes): for hash-chain verification and exports. */
  readonly stored: EventStore;
  readonly keyring: Keyring;
  readonly schema: PersonalDataSchema;
  /** Reads one stored event as this store's reads do; throws PersonalDataReadError as they do. */
  readonly reveal: (event: RecordedEvent) => Promise<RecordedEvent>;
  /**
   * The same store for readers that need no personal data (projections, what-if, audits): appends as
   * this store does; reads give every personal field its placeholder, as if everyone were forgotten,
   * without a key lookup or a decryption (and without holding anyone's personal data in memory).
   */
  readonly redacted: EventStore;
}

/**
 * A store decorator for UU PDP 27/2022 crypto-shredding. On append, every personal-data field (the
 * schema's paths for the event's type) is replaced by an AES-256-GCM envelope
 * `{ $pdp: 1, kid, iv, ct, tag }` under its participant's own key from the keyring, with a fresh IV and
 * the stream, event id and path as AAD; the keys never enter a payload. On read, envelopes are opened;
 * once a participant's key is destroyed their fields read back as codec-valid placeholders, so every
 * event still decodes and every count and amount folds as before; plaintext fields (written before
 * encryption) read as they are. A field that does not authenticate stops the read with a
 * PersonalDataReadError carrying a typed problem.
 *
 * Put it outside the hash chain, `withPersonalDataEncryption(withHashChain(store), keyring)`, so the
 * chain covers the ciphertext and still verifies after a key is destroyed; verify over `stored`.
 * Event ids are the caller's, so a retried command is acknowledged by id as before, whatever its IVs.
 */
export const withPersonalDataEncryption = (store: EventStore, keyring: Keyring, options: PersonalDataOptions = {}): PersonalDataStore => {
  const schema = options.schema ?? jamsosPersonalData;
  const random = options.random ?? cryptoRandomBytes;

  const redactOnly = options.reads === 'redact';
  const reveal = async (event: RecordedEvent): Promise<RecordedEvent> => {
    const fields = schema.fieldsOf(event.type);
    if (fields.length === 0) return event;
    if (redactOnly) return redactEvent(event, fields);
    const revealed = await revealEvent(event, keyring, schema);
    if (E.isLeft(revealed)) throw new PersonalDataReadError(revealed.left);
    return revealed.right.event;
  };

  const revealAll = async function* (events: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    for await (const event of events) yield schema.fieldsOf(event.type).length === 0 ? event : await reveal(event);
  };

  const redactAll = async function* (events: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    for await (const event of events) {
      const fields = schema.fieldsOf(event.type);
      yield fields.length === 0 ? event : redactEvent(event, fields);
    }
  };

  // Batched reads: a batch without personal data passes as it is. Folding reads (no stream, no event
  // id) are only offered redacted: an envelope cannot be opened without its stream and id (its AAD), so
  // the decrypting view leaves readAllToFold out and folds fall back on its decrypting batches.
  const revealBatches = async function* (options?: ReadAllBatchesOptions): AsyncGenerator<ReadonlyArray<RecordedEvent>> {
    for await (const batch of readAllInBatches(store, options)) {
      if (!batch.some((event) => schema.fieldsOf(event.type).length > 0)) yield batch;
      else {
        const revealed: RecordedEvent[] = [];
        for (const event of batch) revealed.push(schema.fieldsOf(event.type).length === 0 ? event : await reveal(event));
        yield revealed;
      }
    }
  };
  const redactBatches = <T extends EventToFold>(batches: AsyncIterable<ReadonlyArray<T>>): AsyncIterable<ReadonlyArray<T>> => ({
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches)
        yield batch.some((event) => schema.fieldsOf(event.type).length > 0)
          ? batch.map((event) => {
              const fields = schema.fieldsOf(event.type);
              return fields.length === 0 ? event : redactEvent(event, fields);
            })
          : batch;
    },
  });
  const redactedReads = {
    readAllBatches: (options?: ReadAllBatchesOptions) => redactBatches(readAllInBatches(store, options)),
    readAllToFold: (options?: ReadAllBatchesOptions) => redactBatches(readAllToFoldInBatches(store, options)),
  };

  const append = async (streamName: string, events: Parameters<EventStore['appendToStream']>[1], expectedRevision: Parameters<EventStore['appendToStream']>[2]['expectedRevision']): Promise<E.Either<AppendError, AppendResult>> => {
    if (events.length > 0) {
      const problem = batchProblem(events);
      if (problem !== undefined) return E.left(invalidAppend(problem));
    }
    const sealed = await sealBatch(streamName, events, { schema, keyring, random });
    if (E.isLeft(sealed)) return sealed;
    return store.appendToStream(streamName, sealed.right, { expectedRevision })();
  };

  const appendToStream: EventStore['appendToStream'] = (streamName, events, { expectedRevision }): TaskEither<AppendError, AppendResult> => () => append(streamName, events, expectedRevision);
  const closing = store.close === undefined ? {} : { close: () => store.close?.() ?? Promise.resolve() };
  return {
    appendToStream,
    readStream: (streamName, readOptions) => (redactOnly ? redactAll : revealAll)(store.readStream(streamName, readOptions)),
    readAll: (readOptions) => (redactOnly ? redactAll : revealAll)(store.readAll(readOptions)),
    ...(redactOnly ? redactedReads : { readAllBatches: revealBatches }),
    streamRevision: (streamName) => store.streamRevision(streamName),
    ...closing,
    redacted: {
      appendToStream,
      readStream: (streamName, readOptions) => redactAll(store.readStream(streamName, readOptions)),
      readAll: (readOptions) => redactAll(store.readAll(readOptions)),
      ...redactedReads,
      streamRevision: (streamName) => store.streamRevision(streamName),
      ...closing,
    },
    stored: store,
    keyring,
    schema,
    reveal,
  };
};
