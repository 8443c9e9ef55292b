/**
 * Tampering, simulated for tests: edits of a recorded history as someone with write access to a
 * store's tables would make them, and a read-only store that serves the edited history the way a
 * real store orders it (the log by global position, a stream by revision). Not part of the API.
 */
import * as TE from 'fp-ts/lib/TaskEither.js';
import { storeFailure } from '../../store/errors.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../../store/types.js';

/** A read-only store over recorded events: readAll by global position, readStream by revision; appends fail. */
export const storeServing = (events: ReadonlyArray<RecordedEvent>): EventStore => {
  const log = [...events].sort((a, b) => a.globalPosition - b.globalPosition);
  return {
    appendToStream: () => TE.left(storeFailure('this store serves a fixed history')),
    async *readAll(options: ReadAllOptions = {}) {
      let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
      for (const event of log) {
        if (remaining <= 0) return;
        if (options.fromPosition !== undefined && event.globalPosition <= options.fromPosition) continue;
        if (options.filter?.streamPrefix !== undefined && !event.streamName.startsWith(options.filter.streamPrefix)) continue;
        if (options.filter?.eventTypes !== undefined && !options.filter.eventTypes.includes(event.type)) continue;
        remaining--;
        yield event;
      }
    },
    async *readStream(streamName: string, options: ReadStreamOptions = {}) {
      const stream = log.filter((e) => e.streamName === streamName).sort((a, b) => a.revision - b.revision);
      if (options.direction === 'backwards') stream.reverse();
      yield* stream.slice(0, options.maxCount ?? stream.length);
    },
    streamRevision: (streamName) => {
      const revisions = log.filter((e) => e.streamName === streamName).map((e) => e.revision);
      return TE.right(revisions.length === 0 ? 'no_stream' : Math.max(...revisions));
    },
  };
};

/** A store whose reads fail after `after` events: an IO failure in the middle of a read. */
export const failingAfter = (events: ReadonlyArray<RecordedEvent>, after: number): EventStore => {
  const inner = storeServing(events);
  return {
    ...inner,
    async *readAll(options) {
      let n = 0;
      for await (const event of inner.readAll(options)) {
        if (n++ === after) throw new Error('disk I/O error');
        yield event;
      }
    },
  };
};

const byId = (events: ReadonlyArray<RecordedEvent>, id: string): RecordedEvent => {
  const event = events.find((e) => e.id === id);
  if (event === undefined) throw new Error(`no event ${id} to tamper with`);
  return event;
};

/** The history with one event's data replaced (its stored hash left as it was). */
export const alterData = (events: ReadonlyArray<RecordedEvent>, id: string, data: (old: unknown) => unknown): RecordedEvent[] =>
  events.map((e) => (e.id === id ? { ...e, data: data(e.data) } : e));

/** The history with one event's metadata edited (the chain left as it was). */
export const alterMetadata = (events: ReadonlyArray<RecordedEvent>, id: string, edit: Record<string, unknown>): RecordedEvent[] =>
  events.map((e) => (e.id === id ? { ...e, metadata: { ...e.metadata, ...edit } } : e));

/** The history without one event, as a deleted row. */
export const removeEvent = (events: ReadonlyArray<RecordedEvent>, id: string): RecordedEvent[] => {
  byId(events, id);
  return events.filter((e) => e.id !== id);
};

/** The history with two events' revisions exchanged: each keeps its content and position under the other's revision. */
export const swapRevisions = (events: ReadonlyArray<RecordedEvent>, a: string, b: string): RecordedEvent[] => {
  const [x, y] = [byId(events, a), byId(events, b)];
  return events.map((e) => (e.id === a ? { ...e, revision: y.revision } : e.id === b ? { ...e, revision: x.revision } : e));
};

/** The history with two events' global positions exchanged: each keeps its content and revision, in the other's place in the log. */
export const swapPositions = (events: ReadonlyArray<RecordedEvent>, a: string, b: string): RecordedEvent[] => {
  const [x, y] = [byId(events, a), byId(events, b)];
  return events.map((e) => (e.id === a ? { ...e, globalPosition: y.globalPosition } : e.id === b ? { ...e, globalPosition: x.globalPosition } : e));
};
