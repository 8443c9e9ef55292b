import { deterministicEventId, type EventStore, type RecordedEvent } from '@jamsos/core';
import { redactEvent } from '../feed/redact.js';

/** An event as the service shows it: where it is in the log, its data, and which personal fields were redacted. */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: unknown;
  /** Personal-data fields set to null for this caller ([] when nothing was redacted). */
  readonly redacted: ReadonlyArray<string>;
}

/** A stored event for an answer: personal data redacted unless the caller may read it. */
export const storedEventOf = (recorded: RecordedEvent, personalData: boolean): StoredEvent => {
  const { data, redacted } = personalData ? { data: recorded.data, redacted: [] } : redactEvent(recorded.type, recorded.data);
  return {
    id: recorded.id,
    type: recorded.type,
    stream: recorded.streamName,
    revision: recorded.revision,
    position: recorded.globalPosition,
    schemaVersion: Number(recorded.metadata.schemaVersion),
    recordedAt: String(recorded.metadata.recordedAt),
    data,
    redacted,
  };
};

/** The most events one command may cause (the answer looks for this many deterministic ids). */
const MAX_EVENTS_PER_COMMAND = 32;

/**
 * The events a command with this business key recorded in a stream: event ids are uuid v5 of the
 * stream, the key and the index, so the first answer to a command can be rebuilt from the store
 * at any time, by any process, identically. `justAppended`: how many events the command has just
 * appended (the stream's tail is read first).
 */
export const recordedBy = async (store: EventStore, streamName: string, businessKey: string, justAppended = 0): Promise<ReadonlyArray<RecordedEvent>> => {
  if (justAppended > 0) {
    // The command's events were just appended: they are the stream's last ones, unless another write came after.
    const last: RecordedEvent[] = [];
    for await (const recorded of store.readStream(streamName, { direction: 'backwards', maxCount: justAppended })) last.unshift(recorded);
    if (last.length === justAppended && last.every((recorded, i) => recorded.id === deterministicEventId(streamName, businessKey, i))) return last;
  }
  const indexOf = new Map<string, number>();
  for (let i = 0; i < MAX_EVENTS_PER_COMMAND; i++) indexOf.set(deterministicEventId(streamName, businessKey, i), i);
  const found: RecordedEvent[] = [];
  for await (const recorded of store.readStream(streamName)) {
    const index = indexOf.get(recorded.id);
    if (index !== undefined) found[index] = recorded;
  }
  const consecutive: RecordedEvent[] = [];
  for (const recorded of found) {
    if (recorded === undefined) break;
    consecutive.push(recorded);
  }
  return consecutive;
};
