// The append jobs: single-event appends with an exact expected revision (sequential, or N in flight
// from one process), and one batch per stream, on the dataset's own streams and JSON.
import { emmettExpected, toEmmett } from './emmett.mjs';
import { wholeStreams } from './dataset.mjs';

/**
 * The workload: the first `streams` participant streams of the dataset, their events interleaved
 * round robin (revision 0 of every stream, then revision 1, ...), cut at `count` events. Each item is
 * { stream, index (of the stream), revision, event }.
 */
export const appendWorkload = (path, streams, count) => {
  const batches = wholeStreams(path, 'participant-', streams);
  const items = [];
  for (let revision = 0; items.length < count; revision++) {
    let any = false;
    for (const [index, batch] of batches.entries()) {
      const event = batch.events[revision];
      if (event === undefined) continue;
      any = true;
      items.push({ stream: batch.streamName, index, revision, event });
      if (items.length >= count) break;
    }
    if (!any) break;
  }
  return { items, batches };
};

const jamsosExpected = (revision) => (revision === 0 ? 'no_stream' : revision - 1);

/** One single-event append through a jamsos EventStore; throws on anything but success. */
const jamsosOne = (store) => async (item) => {
  const result = await store.appendToStream(item.stream, [item.event], { expectedRevision: jamsosExpected(item.revision) })();
  if (result._tag === 'Left') throw new Error(`append ${item.stream}@${item.revision}: ${JSON.stringify(result.left)}`);
};

/** One single-event append through an Emmett store (expected version: the stream's event count). */
const emmettOne = (store) => async (item) => {
  await store.appendToStream(item.stream, [toEmmett(item.event)], { expectedStreamVersion: emmettExpected(item.revision - 1) });
};

/** Appends the items one at a time, or with `inflight` appends outstanding (worker w takes the streams with index % inflight == w). */
export const runSingles = async (one, items, inflight) => {
  if (inflight <= 1) {
    for (const item of items) await one(item);
    return items.length;
  }
  const lanes = Array.from({ length: inflight }, () => []);
  for (const item of items) lanes[item.index % inflight].push(item);
  await Promise.all(lanes.map(async (lane) => {
    for (const item of lane) await one(item);
  }));
  return items.length;
};

/** Appends whole streams, one batch each (expected: no stream), until `count` events. */
export const runBatches = async (appendBatch, batches, count) => {
  let events = 0;
  for (const batch of batches) {
    if (events >= count) break;
    await appendBatch(batch);
    events += batch.events.length;
  }
  return events;
};

export const jamsosAppender = (store) => ({
  one: jamsosOne(store),
  batch: async (batch) => {
    const result = await store.appendToStream(batch.streamName, batch.events, { expectedRevision: 'no_stream' })();
    if (result._tag === 'Left') throw new Error(`append ${batch.streamName}: ${JSON.stringify(result.left)}`);
  },
});

export const emmettAppender = (store) => ({
  one: emmettOne(store),
  batch: async (batch) => {
    await store.appendToStream(batch.streamName, batch.events.map(toEmmett), { expectedStreamVersion: emmettExpected(-1) });
  },
});
