import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { invalidAppend, satisfies, wrongExpectedVersion, type AppendError } from '../errors.js';
import { replayOrClash } from '../idempotency.js';
import { batchProblem, typePredicate } from '../read.js';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllBatchesOptions, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../types.js';

/** Positions step by this much, so that nothing downstream can rely on dense positions. */
const POSITION_STEP = 2;
const positionOf = (index: number): number => (index + 1) * POSITION_STEP;

/** Events per batch of readAllBatches by default. */
const BATCH_SIZE = 1_000;

/** A copy that shares nothing with the caller's objects, as a real store's serialisation would. */
const detach = <A>(value: A): A => structuredClone(value);

/**
 * The in-memory event store: the reference implementation of the port, for tests, examples and
 * what-if replays. Appends are synchronous inside the task, hence atomic; reads walk the log by
 * index without copying it.
 */
export const createInMemoryEventStore = (): EventStore => {
  const log: RecordedEvent[] = [];
  const streams = new Map<string, number[]>();
  const ids = new Map<string, number>();

  const revisionOf = (streamName: string): number | 'no_stream' => {
    const indexes = streams.get(streamName);
    return indexes === undefined ? 'no_stream' : indexes.length - 1;
  };

  /** The idempotency rule (replayOrClash) on the ids this store holds. */
  const replayedAppend = (streamName: string, events: ReadonlyArray<EventToAppend>, expected: ExpectedRevision): AppendResult | AppendError | undefined =>
    replayOrClash(
      streamName,
      events.map((e) => {
        const index = ids.get(e.id);
        return index === undefined ? undefined : log[index];
      }),
      expected,
      () => revisionOf(streamName),
    );

  const append = (streamName: string, events: ReadonlyArray<EventToAppend>, expectedRevision: ExpectedRevision): AppendResult | AppendError => {
    const problem = batchProblem(events);
    if (problem !== undefined) return invalidAppend(problem);
    const replay = replayedAppend(streamName, events, expectedRevision);
    if (replay !== undefined) return replay;
    const actual = revisionOf(streamName);
    if (!satisfies(expectedRevision, actual)) return wrongExpectedVersion(streamName, expectedRevision, actual);
    if (events.length === 0) return { nextExpectedRevision: actual, lastPosition: log.length === 0 ? 0 : positionOf(log.length - 1) };
    let indexes = streams.get(streamName);
    if (indexes === undefined) {
      indexes = [];
      streams.set(streamName, indexes);
    }
    for (const event of events) {
      const index = log.length;
      log.push({ id: event.id, type: event.type, data: detach(event.data), metadata: detach(event.metadata), streamName, revision: indexes.length, globalPosition: positionOf(index) });
      indexes.push(index);
      ids.set(event.id, index);
    }
    return { nextExpectedRevision: indexes.length - 1, lastPosition: positionOf(log.length - 1) };
  };

  /** The events readAll yields, lazily, walking the log by index (nothing copied). */
  function* matching(options: ReadAllOptions): Generator<RecordedEvent> {
    const passes = typePredicate(options.filter);
    const prefix = options.filter?.streamPrefix;
    let index = options.fromPosition === undefined ? 0 : Math.max(0, Math.floor(options.fromPosition / POSITION_STEP));
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0 && index < log.length) {
      const event = log[index++] as RecordedEvent;
      if (options.fromPosition !== undefined && event.globalPosition <= options.fromPosition) continue;
      if (passes !== undefined && !passes(event.type)) continue;
      if (prefix !== undefined && !event.streamName.startsWith(prefix)) continue;
      yield event;
      remaining--;
    }
  }

  return {
    appendToStream: (streamName, events, { expectedRevision }) => async () => {
      const result = append(streamName, events, expectedRevision);
      return '_tag' in result ? E.left(result) : E.right(result);
    },

    async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
      const indexes = streams.get(streamName);
      if (indexes === undefined) return;
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision ?? (backwards ? 'end' : 'start');
      // A number past the end reads backwards from the end; a fractional one rounds towards the reading direction.
      let revision = from === 'start' ? 0 : from === 'end' ? indexes.length - 1 : backwards ? Math.min(Math.floor(from), indexes.length - 1) : Math.ceil(from);
      let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
      while (remaining > 0 && revision >= 0 && revision < indexes.length) {
        yield log[indexes[revision] as number] as RecordedEvent;
        revision += backwards ? -1 : 1;
        remaining--;
      }
    },

    readAll: async function* (options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
      yield* matching(options);
    },

    readAllBatches: async function* (options: ReadAllBatchesOptions = {}): AsyncGenerator<ReadonlyArray<RecordedEvent>> {
      const limit = Math.max(1, Math.floor(options.batchSize ?? BATCH_SIZE));
      let batch: RecordedEvent[] = [];
      for (const event of matching(options)) {
        batch.push(event);
        if (batch.length < limit) continue;
        yield batch;
        batch = [];
      }
      if (batch.length > 0) yield batch;
    },

    streamRevision: (streamName) => TE.right(revisionOf(streamName)),
  };
};
