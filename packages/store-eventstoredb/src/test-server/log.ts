/**
 * The in-memory log of the protocol test server (not EventStoreDB): streams, one global order,
 * positions with gaps, expected-revision checks, idempotent re-appends, soft deletes and tombstones,
 * following EventStoreDB's commit check (IndexWriter.CheckCommit). No protobuf here.
 */
import { randomUUID } from 'node:crypto';

/** A stream's revision: the 0-based revision of its last event, or 'no_stream'. */
export type Revision = bigint | 'no_stream';

/** What an append or a delete expects of the stream. */
export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** An event as proposed by a client. */
export interface ProposedEvent {
  readonly id: string;
  readonly metadata: ReadonlyMap<string, string>;
  readonly customMetadata: Uint8Array;
  readonly data: Uint8Array;
}

/** An event as stored in the log. */
export interface StoredEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Commit = prepare for gRPC writes: one number. Strictly increasing, with gaps. */
  readonly position: bigint;
}

/** What an append answers. */
export type AppendOutcome =
  | { readonly kind: 'success'; readonly current: Revision; readonly position: bigint | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly current: Revision; readonly expected: Expected }
  | { readonly kind: 'stream_deleted' };

/** What a soft delete or a tombstone answers: success carries the position of the record written. */
export type DeleteOutcome =
  | { readonly kind: 'success'; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: Revision; readonly expected: Expected }
  | { readonly kind: 'stream_deleted' };

/** The server's `long.MaxValue`: the `$tb` of a soft-deleted stream and the revision of a tombstone. */
export const DELETED_STREAM = (1n << 63n) - 1n;

/** Where the first event lands: real logs never start at 0. */
const FIRST_POSITION = 1_000n;
/** A fixed record overhead, so positions are byte-like offsets with gaps. */
const RECORD_OVERHEAD = 128n;
/** An event id no client event has: a delete's commit check uses it, as the server checks a fresh id. */
const DELETE_ID = 'delete: a fresh id';

/** The last revision of a list of stream events. */
const revisionOf = (events: ReadonlyArray<StoredEvent>): Revision => (events.length === 0 ? 'no_stream' : BigInt(events.length - 1));

/** A revision as the server's signed number: -1 for no stream. */
const versionOf = (revision: Revision): bigint => (revision === 'no_stream' ? -1n : revision);

/** The metadata stream of a stream, where `$tb` (truncate before) lives. */
export const metastreamOf = (name: string): string => `$$${name}`;

/**
 * The `created` metadata value: .NET ticks (100 ns) counted from the Unix epoch, which is what the server
 * sends on the gRPC wire and what the client divides by 10,000 to get epoch milliseconds.
 */
export const createdTicks = (epochMillis: number): string => (BigInt(epochMillis) * 10_000n).toString(10);

/** The commit check's verdict, before anything is written. */
type Decision =
  | { readonly kind: 'ok'; readonly current: Revision; readonly softDeleted: boolean }
  | { readonly kind: 'idempotent'; readonly last: StoredEvent }
  | { readonly kind: 'wrong'; readonly current: Revision }
  | { readonly kind: 'deleted' };

/** An append-only, in-memory event log with EventStoreDB's append and delete semantics. */
export class MemoryLog {
  readonly #all: StoredEvent[] = [];
  /** Every event ever written to each stream, truncated or not: index = revision. */
  readonly #streams = new Map<string, StoredEvent[]>();
  /** Each stream's events by id (the last one written wins), for the idempotency check. */
  readonly #ids = new Map<string, Map<string, StoredEvent>>();
  readonly #tombstoned = new Set<string>();
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  readonly #now: () => number;
  #nextPosition = FIRST_POSITION;

  /** A log whose `created` metadata comes from the given clock (epoch milliseconds). */
  constructor(options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** All events in global order, including `$metadata` and `$streamDeleted` records (a live array: do not mutate). */
  get all(): ReadonlyArray<StoredEvent> {
    return this.#all;
  }

  /** The readable events of a stream, or undefined when it has none, is soft-deleted or is tombstoned. */
  stream(name: string): ReadonlyArray<StoredEvent> | undefined {
    const events = this.#streams.get(name);
    if (events === undefined || events.length === 0 || this.#tombstoned.has(name)) return undefined;
    const truncateBefore = this.truncateBefore(name) ?? 0n;
    if (truncateBefore === DELETED_STREAM) return undefined;
    return truncateBefore === 0n ? events : events.slice(Number(truncateBefore));
  }

  /** True once the stream is tombstoned (hard-deleted): it can never be read, written or deleted again. */
  tombstoned(name: string): boolean {
    return this.#tombstoned.has(name);
  }

  /** The current revision of a stream as the server checks it: its last event, truncated or not. */
  revision(name: string): Revision {
    return revisionOf(this.#streams.get(name) ?? []);
  }

  /** The `$tb` of the stream's latest metadata, if any; DELETED_STREAM when soft-deleted. */
  truncateBefore(name: string): bigint | undefined {
    const meta = this.#streams.get(metastreamOf(name));
    const last = meta?.[meta.length - 1];
    if (last === undefined) return undefined;
    const match = /"\$tb"\s*:\s*(\d+)/.exec(Buffer.from(last.data).toString('utf8'));
    return match?.[1] === undefined ? undefined : BigInt(match[1]);
  }

  /** Calls the listener for every event appended from now on; returns an unsubscribe function. */
  onAppended(listener: (event: StoredEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Appends all events or none if the commit check passes; re-appends of the same ids are acknowledged once; recreates a soft-deleted stream. */
  append(streamName: string, expected: Expected, events: ReadonlyArray<ProposedEvent>): AppendOutcome {
    const decision = this.#check(streamName, expected, events.map((event) => event.id));
    switch (decision.kind) {
      case 'deleted':
        return { kind: 'stream_deleted' };
      case 'wrong':
        return { kind: 'wrong_expected_version', current: decision.current, expected };
      case 'idempotent':
        return { kind: 'success', current: decision.last.revision, position: decision.last.position };
    }
    if (events.length === 0) return { kind: 'success', current: decision.current, position: undefined };
    if (decision.softDeleted) this.#undelete(streamName, versionOf(decision.current) + 1n);
    const stored = this.#write(streamName, events);
    return { kind: 'success', current: revisionOf(this.#streams.get(streamName) ?? []), position: stored[stored.length - 1]?.position };
  }

  /** Soft-deletes a stream (a `$metadata` record with `$tb` = DELETED_STREAM) or tombstones it (a `$streamDeleted` record). */
  delete(streamName: string, expected: Expected, hard: boolean): DeleteOutcome {
    const decision = this.#check(streamName, expected, [DELETE_ID]);
    if (decision.kind === 'deleted') return { kind: 'stream_deleted' };
    if (decision.kind === 'wrong') return { kind: 'wrong_expected_version', current: decision.current, expected };
    if (hard) {
      this.#tombstoned.add(streamName);
      const tombstone = this.#record(streamName, DELETED_STREAM, { id: randomUUID(), metadata: new Map([['type', '$streamDeleted'], ['content-type', 'application/octet-stream']]), customMetadata: new Uint8Array(), data: new Uint8Array() });
      return { kind: 'success', position: tombstone.position };
    }
    const [record] = this.#write(metastreamOf(streamName), [metadataEvent(`{"$tb":${DELETED_STREAM}}`)]);
    return { kind: 'success', position: record?.position ?? 0n };
  }

  /** EventStoreDB's commit check for the expectation and the event ids, in its order of rules. */
  #check(name: string, expected: Expected, ids: ReadonlyArray<string>): Decision {
    if (this.#tombstoned.has(name)) return { kind: 'deleted' };
    const existing = this.#streams.get(name) ?? [];
    const current = revisionOf(existing);
    const softDeleted = this.truncateBefore(name) === DELETED_STREAM;
    if (expected === 'stream_exists') {
      if (softDeleted) return { kind: 'deleted' };
      if (current === 'no_stream' && this.#streams.get(metastreamOf(name)) === undefined) return { kind: 'wrong', current };
    }
    if (expected === 'any' || expected === 'stream_exists') {
      const byId = this.#ids.get(name);
      const found = ids.map((id) => byId?.get(id));
      if (found[0] === undefined) return { kind: 'ok', current, softDeleted };
      if (found.some((event) => event === undefined)) return { kind: 'wrong', current };
      const last = found[found.length - 1];
      return last === undefined ? { kind: 'ok', current, softDeleted } : { kind: 'idempotent', last };
    }
    const wanted = expected === 'no_stream' ? -1n : expected;
    const actual = versionOf(current);
    if (wanted > actual) return { kind: 'wrong', current };
    if (wanted === actual) return { kind: 'ok', current, softDeleted };
    let last: StoredEvent | undefined;
    for (const [i, id] of ids.entries()) {
      const event = existing[Number(wanted) + 1 + i];
      if (event?.id === id) {
        last = event;
        continue;
      }
      if (i === 0 && expected === 'no_stream' && softDeleted) return { kind: 'ok', current, softDeleted };
      return { kind: 'wrong', current };
    }
    return last === undefined ? { kind: 'wrong', current } : { kind: 'idempotent', last };
  }

  /** Recreates a soft-deleted stream: new metadata whose `$tb` hides the old events, other keys kept. */
  #undelete(name: string, truncateBefore: bigint): void {
    const meta = this.#streams.get(metastreamOf(name));
    const raw = Buffer.from(meta?.[meta.length - 1]?.data ?? new Uint8Array()).toString('utf8');
    this.#write(metastreamOf(name), [metadataEvent(raw.replace(/"\$tb"\s*:\s*\d+/, `"$tb":${truncateBefore}`))]);
  }

  /** Writes events at the end of a stream, without checks. */
  #write(streamName: string, events: ReadonlyArray<ProposedEvent>): StoredEvent[] {
    const existing = this.#streams.get(streamName) ?? [];
    this.#streams.set(streamName, existing);
    return events.map((event) => this.#record(streamName, BigInt(existing.length), event, existing));
  }

  /** Puts one record in the global order (and in its stream's list when given), stamps `created` and notifies listeners. */
  #record(streamName: string, revision: bigint, event: ProposedEvent, stream?: StoredEvent[]): StoredEvent {
    const position = this.#nextPosition;
    this.#nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + streamName.length);
    const metadata = new Map(event.metadata).set('created', createdTicks(this.#now()));
    const stored: StoredEvent = { ...event, metadata, streamName, revision, position };
    if (stream !== undefined) {
      stream.push(stored);
      const byId = this.#ids.get(streamName) ?? new Map<string, StoredEvent>();
      this.#ids.set(streamName, byId.set(stored.id, stored));
    }
    this.#all.push(stored);
    for (const listener of [...this.#listeners]) listener(stored);
    return stored;
  }
}

/** A `$metadata` event with the given JSON. */
const metadataEvent = (json: string): ProposedEvent => ({
  id: randomUUID(),
  metadata: new Map([['type', '$metadata'], ['content-type', 'application/json']]),
  customMetadata: new Uint8Array(),
  data: Buffer.from(json, 'utf8'),
});
