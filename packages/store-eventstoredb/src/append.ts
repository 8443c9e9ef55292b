/** Appends through the EventStoreDB client with the port's expected-revision and idempotency rules. */
import type { EventData, EventStoreDBClient } from '@eventstore/db-client';
import { batchProblem, invalidAppend, replayOrClash, satisfies, wrongExpectedVersion, type AppendError, type AppendResult, type EventToAppend, type ExpectedRevision } from '@jamsos/core';
import { fromClientRevision, toClientExpected, toEventData } from './codec.js';
import { isWrongExpectedVersion, retryOnce, toStoreFailure } from './failure.js';
import type { EventIdIndex } from './id-index.js';
import { lastRevision } from './read.js';

/** The client's events for a batch, or an InvalidAppend naming the first problem. */
const toBatch = (events: ReadonlyArray<EventToAppend>): EventData[] | AppendError => {
  const problem = batchProblem(events);
  if (problem !== undefined) return invalidAppend(problem);
  const batch: EventData[] = [];
  for (const [index, event] of events.entries()) {
    const data = toEventData(event, index);
    if (typeof data === 'string') return invalidAppend(data);
    batch.push(data);
  }
  return batch;
};

/**
 * Appends one batch (the caller serialises appends): checks the batch, catches the id index up,
 * answers replays and clashes by the core rule, checks empty appends itself (the client answers 0n
 * for a missing stream), and otherwise lets the server decide the expected revision. Throws only IO errors.
 */
export const appendBatch = async (
  client: EventStoreDBClient,
  index: EventIdIndex,
  streamName: string,
  events: ReadonlyArray<EventToAppend>,
  expected: ExpectedRevision,
): Promise<AppendResult | AppendError> => {
  const batch = toBatch(events);
  if (!Array.isArray(batch)) return batch;
  await retryOnce(() => index.catchUp(client));
  const stored = events.map((event) => index.get(event.id));
  if (stored.some((location) => location !== undefined)) {
    const actual = await retryOnce(() => lastRevision(client, streamName));
    const answer = replayOrClash(streamName, stored, expected, () => actual);
    if (answer !== undefined) return answer;
  }
  if (batch.length === 0) {
    const actual = await retryOnce(() => lastRevision(client, streamName));
    return satisfies(expected, actual) ? { nextExpectedRevision: actual, lastPosition: index.lastPosition } : wrongExpectedVersion(streamName, expected, actual);
  }
  try {
    const result = await retryOnce(() => client.appendToStream(streamName, batch, { expectedRevision: toClientExpected(expected) }));
    return { nextExpectedRevision: Number(result.nextExpectedRevision), lastPosition: Number(result.position?.commit ?? 0n) };
  } catch (error) {
    if (isWrongExpectedVersion(error)) return wrongExpectedVersion(streamName, expected, fromClientRevision(error.actualVersion));
    throw error;
  }
};

/** appendBatch with IO errors as StoreFailure values. */
export const appendOrFail = async (...args: Parameters<typeof appendBatch>): Promise<AppendResult | AppendError> => {
  try {
    return await appendBatch(...args);
  } catch (error) {
    return toStoreFailure(`append to ${args[2]}`, error);
  }
};
