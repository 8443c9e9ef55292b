import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { streamNotFound, type StoreFailure, type StreamNotFound } from './errors.js';
import type { EventStore, EventToFold, ReadAllBatchesOptions, ReadAllFilter, ReadStreamOptions, RecordedEvent } from './types.js';

/** Reads a stream, or says that it does not exist. */
export const readStreamOrNotFound = (
  store: EventStore,
  streamName: string,
  options?: ReadStreamOptions,
): TE.TaskEither<StreamNotFound | StoreFailure, AsyncIterable<RecordedEvent>> =>
  pipe(
    store.streamRevision(streamName),
    TE.chainW((revision) => (revision === 'no_stream' ? TE.left(streamNotFound(streamName)) : TE.right(store.readStream(streamName, options)))),
  );

/** Collects an async iterable into an array: for tests and small reads only, never for a history. */
export const collect = async <A>(iterable: AsyncIterable<A>): Promise<A[]> => {
  const items: A[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** Checks an append batch: non-empty ids and types, no id twice. Returns a problem, or undefined. */
export const batchProblem = (events: ReadonlyArray<{ readonly id: string; readonly type: string }>): string | undefined => {
  const seen = new Set<string>();
  for (const [index, event] of events.entries()) {
    if (typeof event.id !== 'string' || event.id.length === 0) return `event ${index} has no id`;
    if (typeof event.type !== 'string' || event.type.length === 0) return `event ${index} has no type`;
    if (seen.has(event.id)) return `event id ${event.id} appears twice in one append`;
    seen.add(event.id);
  }
  return undefined;
};

/** The batch size of `readAllInBatches` when neither the caller nor the store says. */
export const DEFAULT_BATCH_SIZE = 500;

/** Groups an async iterable into non-empty arrays of at most `size` items (the last may be shorter). */
export async function* batchesOf<A>(items: AsyncIterable<A>, size: number = DEFAULT_BATCH_SIZE): AsyncGenerator<ReadonlyArray<A>> {
  const limit = Math.max(1, Math.floor(size));
  let batch: A[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= limit) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Reads the global log in batches: the store's own `readAllBatches`, or its readAll grouped. */
export const readAllInBatches = (store: EventStore, options: ReadAllBatchesOptions = {}): AsyncIterable<ReadonlyArray<RecordedEvent>> =>
  store.readAllBatches?.(options) ?? batchesOf(store.readAll(options), options.batchSize);

/** Reads the global log in batches for folding: the store's own `readAllToFold`, or whole events (readAllInBatches). */
export const readAllToFoldInBatches = (store: EventStore, options: ReadAllBatchesOptions = {}): AsyncIterable<ReadonlyArray<EventToFold>> =>
  store.readAllToFold?.(options) ?? readAllInBatches(store, options);

/** The type part of a filter as a predicate (undefined: every type passes), for adapters that filter in code. */
export const typePredicate = (filter: ReadAllFilter | undefined): ((type: string) => boolean) | undefined => {
  if (filter?.eventTypes === undefined && filter?.alsoTypesNotIn === undefined) return undefined;
  const wanted = new Set(filter.eventTypes ?? []);
  if (filter.alsoTypesNotIn === undefined) return (type) => wanted.has(type);
  // "wanted, or none of the known" is "none of the known types that are not wanted".
  const excluded = new Set(filter.alsoTypesNotIn.filter((type) => !wanted.has(type)));
  return (type) => !excluded.has(type);
};
