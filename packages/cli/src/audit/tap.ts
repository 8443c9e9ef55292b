import type { EventStore, RecordedEvent } from '@jamsos/core';

/** A store whose first readAll reports each event it yields (for counting and progress); everything else passes through. */
export const tapFirstReadAll = (store: EventStore, onEvent: (event: RecordedEvent) => void): EventStore => {
  let tapped = false;
  return {
    appendToStream: (streamName, events, options) => store.appendToStream(streamName, events, options),
    readStream: (streamName, options) => store.readStream(streamName, options),
    streamRevision: (streamName) => store.streamRevision(streamName),
    readAll: (options) => {
      const events = store.readAll(options);
      if (tapped) return events;
      tapped = true;
      return (async function* () {
        for await (const event of events) {
          onEvent(event);
          yield event;
        }
      })();
    },
  };
};
