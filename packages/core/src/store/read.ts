import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { streamNotFound, type StoreFailure, type StreamNotFound } from './errors.js';
import type { EventStore, ReadStreamOptions, RecordedEvent } from './types.js';

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
