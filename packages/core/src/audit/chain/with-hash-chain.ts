import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { invalidAppend, storeFailure, wrongExpectedVersion, type AppendError } from '../../store/errors.js';
import { batchProblem } from '../../store/read.js';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, RecordedEvent } from '../../store/types.js';
import { CHAIN_KEY, CHAIN_VERSION, GENESIS_HASH, describeNotJson, eventHash, linkOf, metadataWithoutChain, type ChainLink } from './canonical.js';

/** Options of the hash-chain decorator. */
export interface HashChainOptions {
  /** How often an append with 'any' or 'stream_exists' re-reads the stream's end after losing a race (default 50). */
  readonly maxRetries?: number;
}

/**
 * An expectation no stream can meet: an append with it never writes, and the store answers what it
 * would answer the caller (an invalid batch, an id used elsewhere, or the stream's actual revision).
 */
const UNREACHABLE_REVISION = Number.MAX_SAFE_INTEGER;

/** Where a chained batch lands: the exact expectation to append with and the hash its first event links to. */
type Anchor = { readonly _tag: 'At'; readonly expected: number | 'no_stream'; readonly prev: string } | { readonly _tag: 'Unknown' };

const first = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent | undefined> => {
  for await (const event of events) return event;
  return undefined;
};

/** The events with `metadata.chain` for revisions from the anchor on, or the first that cannot be hashed. */
const chainBatch = (streamName: string, events: ReadonlyArray<EventToAppend>, anchor: { readonly expected: number | 'no_stream'; readonly prev: string }): E.Either<AppendError, EventToAppend[]> => {
  let prev = anchor.prev;
  let revision = anchor.expected === 'no_stream' ? 0 : anchor.expected + 1;
  const chained: EventToAppend[] = [];
  for (const [index, event] of events.entries()) {
    const metadata = metadataWithoutChain(event.metadata);
    const hash = eventHash(prev, { streamName, revision, id: event.id, type: event.type, data: event.data, metadata });
    if (E.isLeft(hash)) return E.left(invalidAppend(`event ${index} cannot be hash-chained: ${describeNotJson(hash.left)}`));
    const link: ChainLink = { v: CHAIN_VERSION, prev, hash: hash.right };
    chained.push({ ...event, metadata: { ...metadata, [CHAIN_KEY]: link } });
    prev = hash.right;
    revision += 1;
  }
  return E.right(chained);
};

/** After a probe found the stream at `actual`: whether the caller's expectation may now hold (the stream moved meanwhile). */
const mayHoldNow = (expected: ExpectedRevision, actual: number | 'no_stream'): boolean =>
  actual !== 'no_stream' && (expected === 'stream_exists' || (typeof expected === 'number' && actual >= expected));

/**
 * A store that puts a hash chain on every appended event: `metadata.chain = { v: 1, prev, hash }`,
 * where `prev` is the hash of the stream's previous event (64 zeros for revision 0) and `hash` is
 * {@link eventHash} of the event at the revision it lands at. To know that revision, every append goes
 * to the inner store with an exact expectation: a number reads the event at that revision, 'no_stream'
 * starts at genesis, 'any' and 'stream_exists' read the stream's last event and retry (bounded) when
 * another writer wins meanwhile. Answers, idempotent re-appends included, are the inner store's; data
 * or metadata that is not JSON is refused with InvalidAppend. Reads pass through (the chain is visible).
 */
export const withHashChain = (store: EventStore, options: HashChainOptions = {}): EventStore => {
  const maxRetries = options.maxRetries ?? 50;

  /** Reads where an append with the caller's expectation would land now. */
  const anchorOf = async (streamName: string, expected: ExpectedRevision): Promise<E.Either<AppendError, Anchor>> => {
    if (expected === 'no_stream') return E.right({ _tag: 'At', expected: 'no_stream', prev: GENESIS_HASH });
    let last: RecordedEvent | undefined;
    try {
      if (typeof expected !== 'number') last = await first(store.readStream(streamName, { direction: 'backwards', maxCount: 1 }));
      else if (Number.isInteger(expected) && expected >= 0) last = await first(store.readStream(streamName, { fromRevision: expected, maxCount: 1 }));
    } catch (error) {
      return E.left(storeFailure(`reading the end of ${streamName} to hash-chain an append`, error));
    }
    if (last === undefined || (typeof expected === 'number' && last.revision !== expected))
      return E.right(expected === 'any' ? { _tag: 'At', expected: 'no_stream', prev: GENESIS_HASH } : { _tag: 'Unknown' });
    const link = linkOf(last);
    if (E.isLeft(link)) return E.left(storeFailure(`the event at revision ${last.revision} of ${streamName} cannot be hashed: ${describeNotJson(link.left)}`));
    return E.right({ _tag: 'At', expected: last.revision, prev: link.right });
  };

  const append = async (streamName: string, events: ReadonlyArray<EventToAppend>, expected: ExpectedRevision): Promise<E.Either<AppendError, AppendResult>> => {
    if (events.length === 0) return store.appendToStream(streamName, events, { expectedRevision: expected })();
    const problem = batchProblem(events);
    if (problem !== undefined) return E.left(invalidAppend(problem));
    for (let attempt = 0; ; attempt++) {
      const anchor = await anchorOf(streamName, expected);
      if (E.isLeft(anchor)) return anchor;
      if (anchor.right._tag === 'Unknown') {
        // The expectation does not hold now (no event at that revision, or no stream): let the store say
        // why without any risk of writing; the caller's events, unchained, are never stored by a probe.
        const probe = await store.appendToStream(streamName, events, { expectedRevision: UNREACHABLE_REVISION })();
        if (E.isRight(probe) || probe.left._tag !== 'WrongExpectedVersion') return probe;
        if (mayHoldNow(expected, probe.left.actual) && attempt < maxRetries) continue;
        return E.left(wrongExpectedVersion(streamName, expected, probe.left.actual));
      }
      const batch = chainBatch(streamName, events, anchor.right);
      if (E.isLeft(batch)) return batch;
      const result = await store.appendToStream(streamName, batch.right, { expectedRevision: anchor.right.expected })();
      if (E.isRight(result) || typeof expected === 'number' || expected === 'no_stream') return result;
      // 'any' or 'stream_exists', narrowed to an exact revision. An id already stored makes the exact
      // append invalid where the caller's expectation may be an idempotent replay; ids stay stored, so
      // the store, asked again with the caller's expectation, acknowledges or refuses but never writes.
      if (result.left._tag === 'InvalidAppend') return store.appendToStream(streamName, batch.right, { expectedRevision: expected })();
      if (result.left._tag !== 'WrongExpectedVersion') return result;
      if (attempt >= maxRetries) return E.left(wrongExpectedVersion(streamName, expected, result.left.actual));
    }
  };

  return {
    appendToStream: (streamName, events, { expectedRevision }): TaskEither<AppendError, AppendResult> => () => append(streamName, events, expectedRevision),
    readStream: (streamName, readOptions) => store.readStream(streamName, readOptions),
    readAll: (readOptions) => store.readAll(readOptions),
    // Reads pass through, batched reads too (the projection runners' fast path).
    ...(store.readAllBatches === undefined ? {} : { readAllBatches: store.readAllBatches.bind(store) }),
    ...(store.readAllToFold === undefined ? {} : { readAllToFold: store.readAllToFold.bind(store) }),
    streamRevision: (streamName) => store.streamRevision(streamName),
    ...(store.close === undefined ? {} : { close: () => store.close?.() ?? Promise.resolve() }),
  };
};
