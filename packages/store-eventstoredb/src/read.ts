/** Reads through the EventStoreDB client: one stream, the global log, a stream's revision. */
import { BACKWARDS, END, FORWARDS, START, type EventStoreDBClient, type ReadPosition, type ReadRevision } from '@eventstore/db-client';
import { batchesOf, type ReadAllBatchesOptions, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent } from '@jamsos/core';
import { toRecordedEvent } from './codec.js';
import { esdbSubscription } from './subscribe.js';
import { isStreamNotFound } from './failure.js';

/**
 * Ends a read the caller may have left early: cancels its gRPC call. Destroying the client's stream
 * alone leaves the call open and unread, and the client's dispose() then waits for it forever.
 */
const release = async (read: { cancel(): Promise<void>; readableEnded: boolean }): Promise<void> => {
  if (!read.readableEnded) await read.cancel().catch(() => undefined);
};

/** Reads one stream lazily; a missing stream yields nothing. */
export async function* readStream(client: EventStoreDBClient, streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  if (options.maxCount !== undefined && options.maxCount <= 0) return;
  const from = options.fromRevision ?? (backwards ? 'end' : 'start');
  if (typeof from === 'number' && from < 0) return;
  const fromRevision: ReadRevision = from === 'start' ? START : from === 'end' ? END : BigInt(from);
  // The port reads forwards from 'end' as the last event; EventStoreDB reads nothing: read it backwards.
  const lastOnly = !backwards && from === 'end';
  const maxCount = lastOnly ? 1 : options.maxCount;
  const read = client.readStream(streamName, { direction: backwards || lastOnly ? BACKWARDS : FORWARDS, fromRevision, ...(maxCount === undefined ? {} : { maxCount }) });
  try {
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event !== undefined) yield event;
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  } finally {
    await release(read);
  }
}

/** The client's (inclusive) start for the port's exclusive fromPosition; events at or before it are skipped after. */
const startOf = (fromPosition: number | undefined): ReadPosition => {
  if (fromPosition === undefined || fromPosition < 0) return START;
  const commit = BigInt(Math.floor(fromPosition));
  return { commit, prepare: commit };
};

/**
 * Reads the global log filtered by event type on the server: a catch-up subscription to `$all` with an
 * event-type filter, read until it reports caught-up (the 6.2.1 client sends no filter with readAll).
 */
async function* readAllByType(client: EventStoreDBClient, options: ReadAllOptions, max: number): AsyncGenerator<RecordedEvent> {
  const prefix = options.filter?.streamPrefix;
  const after = options.fromPosition ?? Number.NEGATIVE_INFINITY;
  const alsoTypesNotIn = options.filter?.alsoTypesNotIn;
  const types = { eventTypes: options.filter?.eventTypes ?? [], ...(alsoTypesNotIn === undefined ? {} : { alsoTypesNotIn }) };
  const subscription = esdbSubscription(client)({ ...types, ...(options.fromPosition === undefined || options.fromPosition < 0 ? {} : { fromPosition: Math.floor(options.fromPosition) }) });
  let count = 0;
  try {
    for await (const message of subscription) {
      if (message.kind === 'caught-up') return;
      if (message.kind !== 'event') continue;
      const event = message.event;
      if (event.globalPosition <= after || (prefix !== undefined && !event.streamName.startsWith(prefix))) continue;
      yield event;
      if (++count >= max) return;
    }
    throw new Error('the filtered read of $all ended before catching up');
  } finally {
    await subscription.close();
  }
}

/**
 * Reads the global log lazily, strictly after fromPosition; maxCount counts after the filter. With
 * event types (and types not in a list) the server filters (through a subscription, see
 * readAllByType); a stream prefix alone is filtered here.
 */
export async function* readAll(client: EventStoreDBClient, options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
  const max = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (max <= 0) return;
  if (options.filter?.eventTypes !== undefined || options.filter?.alsoTypesNotIn !== undefined) {
    yield* readAllByType(client, options, max);
    return;
  }
  const prefix = options.filter?.streamPrefix;
  const after = options.fromPosition ?? Number.NEGATIVE_INFINITY;
  const read = client.readAll({ direction: FORWARDS, fromPosition: startOf(options.fromPosition) });
  let count = 0;
  try {
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event === undefined || event.globalPosition <= after) continue;
      if (prefix !== undefined && !event.streamName.startsWith(prefix)) continue;
      yield event;
      if (++count >= max) return;
    }
  } finally {
    await release(read);
  }
}

/**
 * readAll in batches: the client delivers one event at a time, so the events are grouped here (the
 * reader then awaits once per batch; the gRPC stream's own cost is unchanged).
 */
export const readAllBatches = (client: EventStoreDBClient, options: ReadAllBatchesOptions = {}): AsyncIterable<ReadonlyArray<RecordedEvent>> =>
  batchesOf(readAll(client, options), options.batchSize);

/** The revision of a stream's last event, or 'no_stream' (reads the stream backwards, one event). */
export const lastRevision = async (client: EventStoreDBClient, streamName: string): Promise<number | 'no_stream'> => {
  try {
    // Read to the end (one event) rather than return early: an abandoned read keeps its call open.
    let revision: number | 'no_stream' = 'no_stream';
    for await (const resolved of client.readStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      if (resolved.event !== undefined) revision = Number(resolved.event.revision);
    }
    return revision;
  } catch (error) {
    if (isStreamNotFound(error)) return 'no_stream';
    throw error;
  }
};

/** The commit position of the log's last event, or 0 for an empty log (reads $all backwards, one event). */
export const lastLogPosition = async (client: EventStoreDBClient): Promise<number> => {
  let position = 0;
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    position = Number(resolved.event?.position?.commit ?? resolved.commitPosition ?? 0n);
  }
  return position;
};
