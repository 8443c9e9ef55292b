/** Conversions between the port's types and the EventStoreDB client's. */
import { ANY, NO_STREAM, STREAM_EXISTS, jsonEvent, type AppendExpectedRevision, type EventData, type JSONType, type ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, ExpectedRevision, RecordedEvent } from '@jamsos/core';

/** The metadata keys EventStoreDB reads for correlation, set from ours and removed again on read. */
const CORRELATION = '$correlationId';
const CAUSATION = '$causationId';

/** EventStoreDB event ids are UUIDs (any version, as text). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the id can be an EventStoreDB event id. */
export const isUuid = (id: string): boolean => UUID.test(id);

/** The client's expected revision for the port's. */
export const toClientExpected = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected === 'stream_exists' ? STREAM_EXISTS : BigInt(expected);

/** The port's revision for the client's current revision. */
export const fromClientRevision = (revision: bigint | 'no_stream'): number | 'no_stream' => (revision === 'no_stream' ? 'no_stream' : Number(revision));

/** A JSON copy of a value, so nothing of the caller's objects is kept; throws when it is not JSON. */
const jsonCopy = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error('not JSON');
  return JSON.parse(text) as unknown;
};

/** The client's event for one of ours (its deterministic id kept), or why it cannot be sent. */
export const toEventData = (event: EventToAppend, index: number): EventData | string => {
  if (!isUuid(event.id)) return `event ${index} has id ${event.id}, not a UUID (EventStoreDB needs UUID ids)`;
  try {
    const metadata = jsonCopy(event.metadata) as Record<string, unknown>;
    if (event.metadata.correlationId !== undefined) metadata[CORRELATION] = event.metadata.correlationId;
    if (event.metadata.causationId !== undefined) metadata[CAUSATION] = event.metadata.causationId;
    return jsonEvent({ id: event.id, type: event.type, data: jsonCopy(event.data) as JSONType, metadata });
  } catch (error) {
    return `event ${index} cannot be serialised as JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
};

/** Our metadata from the stored one: EventStoreDB's correlation keys removed. */
const toMetadata = (stored: unknown): EventMetadata => {
  const { [CORRELATION]: _correlation, [CAUSATION]: _causation, ...rest } = (typeof stored === 'object' && stored !== null && !(stored instanceof Uint8Array) ? stored : {}) as Record<string, unknown>;
  return rest as unknown as EventMetadata;
};

/** True for EventStoreDB's own events and streams (names and types starting with '$'): never the port's. */
export const isSystem = (streamName: string, type: string): boolean => streamName.startsWith('$') || type.startsWith('$');

/** The port's event for a resolved event, or undefined for links without events and system events. */
export const toRecordedEvent = (resolved: ResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (event === undefined || isSystem(event.streamId, event.type)) return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition ?? 0n;
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.metadata),
    streamName: event.streamId,
    revision: Number(event.revision),
    globalPosition: Number(commit),
  };
};
