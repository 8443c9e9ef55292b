/** Test support: a store whose stream names carry a run prefix, so tests share a real server without clashing. */
import type { EventStore, RecordedEvent } from '@jamsos/core';

/** Strips the prefix from the events of the wrapped store's streams and drops every other stream's events. */
async function* unprefixed(prefix: string, events: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
  for await (const event of events) if (event.streamName.startsWith(prefix)) yield { ...event, streamName: event.streamName.slice(prefix.length) };
}

/**
 * The store with every stream name prefixed transparently: readAll sees only the prefixed streams.
 * readAll's maxCount is applied after the prefix filter, here.
 */
export const withStreamPrefix = (store: EventStore, prefix: string): EventStore => ({
  appendToStream: (streamName, events, options) => store.appendToStream(prefix + streamName, events, options),
  readStream: (streamName, options) => unprefixed(prefix, store.readStream(prefix + streamName, options)),
  readAll: (options = {}) => {
    const { maxCount, filter, ...rest } = options;
    const all = unprefixed(prefix, store.readAll({ ...rest, filter: { ...filter, streamPrefix: prefix + (filter?.streamPrefix ?? '') } }));
    if (maxCount === undefined) return all;
    return (async function* () {
      if (maxCount <= 0) return;
      let count = 0;
      for await (const event of all) {
        yield event;
        if (++count >= maxCount) return;
      }
    })();
  },
  streamRevision: (streamName) => store.streamRevision(prefix + streamName),
  close: () => store.close?.() ?? Promise.resolve(),
});
