import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { AppendError, StoreFailure } from './errors.js';

/**
 * What the writer expects of a stream before an append: any state, no stream yet, an existing
 * stream, or an exact revision (the 0-based revision of the stream's last event).
 * Revisions and positions are JavaScript numbers: exact up to 2^53 events.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Metadata stored with every event. Never personal data. */
export interface EventMetadata {
  /** The schema version of the event's data. */
  readonly schemaVersion: number;
  /** When the scheme learned of the event (knowledge time), from the injected clock. */
  readonly recordedAt: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly [key: string]: unknown;
}

/** An event to append: a deterministic id, its type, its data as JSON, and metadata. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as stored: with its stream, its revision in the stream and its position in the global log. */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  readonly revision: number;
  /** Strictly increasing across the whole store, with gaps: never assume positions are dense. */
  readonly globalPosition: number;
}

/**
 * What folding a stored event needs: its type, data, metadata and position, without its id, stream
 * and revision (a RecordedEvent is one). What `readAllToFold` yields.
 */
export type EventToFold = Pick<RecordedEvent, 'type' | 'data' | 'metadata' | 'globalPosition'>;

/** What an append leaves behind: the stream's revision to expect next and the position of its last event. */
export interface AppendResult {
  /** The revision of the stream's last event; 'no_stream' only after an empty append to a missing stream. */
  readonly nextExpectedRevision: number | 'no_stream';
  /** The global position of the batch's last event (after an empty append: of the log's last event, or 0). */
  readonly lastPosition: number;
}

/** Where and how to read one stream. */
export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Defaults to 'start' forwards and 'end' backwards; a number is inclusive (backwards, one past the end reads from the end). */
  readonly fromRevision?: number | 'start' | 'end';
  readonly maxCount?: number;
}

/**
 * A filter on the global log: by event type, or by stream-name prefix. With `eventTypes` and/or
 * `alsoTypesNotIn`, an event passes when its type is one of `eventTypes` or none of `alsoTypesNotIn`.
 */
export interface ReadAllFilter {
  readonly eventTypes?: ReadonlyArray<string>;
  /**
   * Also deliver every event whose type is none of these: a reader that filters by the types it reads
   * passes every type it knows here, and so sees the types it does not know instead of skipping them.
   */
  readonly alsoTypesNotIn?: ReadonlyArray<string>;
  readonly streamPrefix?: string;
}

/** Where to read the global log from. */
export interface ReadAllOptions {
  /** Events strictly after this position; omitted: from the start. */
  readonly fromPosition?: number;
  readonly maxCount?: number;
  readonly filter?: ReadAllFilter;
}

/** Where to read the global log from, in batches. */
export interface ReadAllBatchesOptions extends ReadAllOptions {
  /** Events per batch at most (default: the adapter's page size). */
  readonly batchSize?: number;
}

/**
 * The event store port. Every adapter (memory, SQLite, EventStoreDB) implements it and passes the
 * shared contract suite. Reads are async iterables that stream: nothing loads a whole history.
 * Reading a stream that does not exist yields nothing; IO failures during iteration throw.
 */
export interface EventStore {
  /**
   * Appends events to one stream, all or none, if the stream is at the expected revision (EventStoreDB's
   * semantics); otherwise WrongExpectedVersion with the actual revision. An empty list only checks the
   * revision. Idempotent: the same ids again at the same expected revision are acknowledged with the
   * first result and stored once. An id stored elsewhere (another stream, or another position of this
   * one) is never stored twice: the append is refused, with InvalidAppend (another stream always).
   */
  appendToStream(streamName: string, events: ReadonlyArray<EventToAppend>, options: { readonly expectedRevision: ExpectedRevision }): TaskEither<AppendError, AppendResult>;
  /** Reads one stream, forwards or backwards, lazily; a missing stream yields nothing (see readStreamOrNotFound). */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Reads the global log in order of strictly increasing (not dense) positions, lazily; maxCount counts after the filter. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: exactly readAll's events, in its order, in non-empty batches of at most `batchSize`, so a
   * reader awaits once per batch rather than once per event. Call it through `readAllInBatches`, which
   * falls back on readAll for stores (and decorators) without it.
   */
  readAllBatches?(options?: ReadAllBatchesOptions): AsyncIterable<ReadonlyArray<RecordedEvent>>;
  /**
   * Optional: readAllBatches's events without their ids, streams and revisions, for stores that read
   * faster without them (the projection runners need none of them). Call it through
   * `readAllToFoldInBatches`, which falls back on readAllBatches, then readAll.
   */
  readAllToFold?(options?: ReadAllBatchesOptions): AsyncIterable<ReadonlyArray<EventToFold>>;
  /** The revision of a stream's last event, or 'no_stream'. */
  streamRevision(streamName: string): TaskEither<StoreFailure, number | 'no_stream'>;
  /** Releases the store's resources. */
  close?(): Promise<void>;
}
