/** Appends through the EventStoreDB client with the port's expected-revision and idempotency rules. */
import type { EventData, EventStoreDBClient } from '@eventstore/db-client';
import { batchProblem, invalidAppend, satisfies, wrongExpectedVersion, type AppendError, type AppendResult, type EventToAppend, type ExpectedRevision } from '@jamsos/core';
import { fromClientRevision, toClientExpected, toEventData } from './codec.js';
import { isWrongExpectedVersion, retryOnce, toStoreFailure } from './failure.js';
import { lastLogPosition, lastRevision } from './read.js';

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
 * Appends one batch: checks the batch, answers empty appends itself (the client answers 0n for a
 * missing stream), and otherwise lets the server decide the expected revision and de-duplicate a
 * re-append of the same ids within the stream. Throws only IO errors.
 */
export const appendBatch = async (
  client: EventStoreDBClient,
  streamName: string,
  events: ReadonlyArray<EventToAppend>,
  expected: ExpectedRevision,
): Promise<AppendResult | AppendError> => {
  const batch = toBatch(events);
  if (!Array.isArray(batch)) return batch;
  if (batch.length === 0) {
    const actual = await retryOnce(() => lastRevision(client, streamName));
    return satisfies(expected, actual) ? { nextExpectedRevision: actual, lastPosition: await retryOnce(() => lastLogPosition(client)) } : wrongExpectedVersion(streamName, expected, actual);
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
    return toStoreFailure(`append to ${args[1]}`, error);
  }
};
