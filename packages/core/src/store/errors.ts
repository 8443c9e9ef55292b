import type { ExpectedRevision } from './types.js';

/** The stream was not at the expected revision: someone else wrote first. */
export interface WrongExpectedVersion {
  readonly _tag: 'WrongExpectedVersion';
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly actual: number | 'no_stream';
}

/** The stream does not exist. */
export interface StreamNotFound {
  readonly _tag: 'StreamNotFound';
  readonly streamName: string;
}

/** The store could not be reached or failed to write or read. */
export interface StoreFailure {
  readonly _tag: 'StoreFailure';
  readonly message: string;
  readonly cause?: unknown;
}

/** The append itself is malformed: an empty id or type, ids repeated in a batch, an id used by another event. */
export interface InvalidAppend {
  readonly _tag: 'InvalidAppend';
  readonly message: string;
}

/** Everything an append can answer instead of success. */
export type AppendError = WrongExpectedVersion | InvalidAppend | StoreFailure;

/** A WrongExpectedVersion error value. */
export const wrongExpectedVersion = (streamName: string, expected: ExpectedRevision, actual: number | 'no_stream'): WrongExpectedVersion => ({
  _tag: 'WrongExpectedVersion',
  streamName,
  expected,
  actual,
});

/** A StoreFailure error value, keeping the cause. */
export const storeFailure = (message: string, cause?: unknown): StoreFailure => ({ _tag: 'StoreFailure', message, cause });

/** An InvalidAppend error value. */
export const invalidAppend = (message: string): InvalidAppend => ({ _tag: 'InvalidAppend', message });

/** A StreamNotFound error value. */
export const streamNotFound = (streamName: string): StreamNotFound => ({ _tag: 'StreamNotFound', streamName });

/** True when the actual revision satisfies the expectation. */
export const satisfies = (expected: ExpectedRevision, actual: number | 'no_stream'): boolean =>
  expected === 'any' || (expected === 'no_stream' ? actual === 'no_stream' : expected === 'stream_exists' ? actual !== 'no_stream' : actual === expected);

/**
 * A stored event that cannot be read: its data or metadata is not JSON (a damaged row, a bad
 * migration). Thrown by a read, as IO failures are, naming where the event is so that a reader can
 * report it; the projection runners answer it as a ProjectionDecodeFailure at its position.
 */
export class UnreadableStoredEvent extends Error {
  override readonly name = 'UnreadableStoredEvent';
  constructor(
    readonly globalPosition: number,
    readonly streamName: string,
    readonly revision: number,
    readonly type: string,
    readonly reason: string,
  ) {
    super(`the stored event at position ${globalPosition} (${streamName}, revision ${revision}, ${type}) cannot be read: ${reason}`);
  }
}
