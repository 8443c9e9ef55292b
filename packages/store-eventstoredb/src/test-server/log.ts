/**
 * The in-memory log of the protocol test server (not EventStoreDB): streams, one global order,
 * positions with gaps, expected-revision checks and idempotent re-appends. No protobuf here.
 */

/** A stream's revision: the 0-based revision of its last event, or 'no_stream'. */
export type Revision = bigint | 'no_stream';

/** What an append expects of the stream. */
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
  | { readonly kind: 'wrong_expected_version'; readonly current: Revision; readonly expected: Expected };

/** Where the first event lands: real logs never start at 0. */
const FIRST_POSITION = 1_000n;
/** A fixed record overhead, so positions are byte-like offsets with gaps. */
const RECORD_OVERHEAD = 128n;

/** The last revision of a list of stream events. */
const revisionOf = (events: ReadonlyArray<StoredEvent>): Revision => (events.length === 0 ? 'no_stream' : BigInt(events.length - 1));

/** An append-only, in-memory event log with EventStoreDB's append semantics. */
export class MemoryLog {
  readonly #all: StoredEvent[] = [];
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  #nextPosition = FIRST_POSITION;

  /** All events in global order (a live array: do not mutate). */
  get all(): ReadonlyArray<StoredEvent> {
    return this.#all;
  }

  /** The events of one stream, or undefined when it does not exist. */
  stream(name: string): ReadonlyArray<StoredEvent> | undefined {
    return this.#streams.get(name);
  }

  /** The current revision of a stream. */
  revision(name: string): Revision {
    return revisionOf(this.#streams.get(name) ?? []);
  }

  /** Calls the listener for every event appended from now on; returns an unsubscribe function. */
  onAppended(listener: (event: StoredEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Appends all events or none, if the stream is at the expected revision; re-appends of the same ids are acknowledged once. */
  append(streamName: string, expected: Expected, events: ReadonlyArray<ProposedEvent>): AppendOutcome {
    const existing: StoredEvent[] = this.#streams.get(streamName) ?? [];
    const current = revisionOf(existing);
    const replay = this.#idempotentReplay(existing, expected, events);
    if (replay !== undefined) return replay;
    if (!matches(expected, current)) return { kind: 'wrong_expected_version', current, expected };
    if (events.length === 0) return { kind: 'success', current, position: undefined };
    const stored: StoredEvent[] = events.map((event, i) => {
      const position = this.#nextPosition;
      this.#nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + streamName.length);
      return { ...event, streamName, revision: BigInt(existing.length + i), position };
    });
    existing.push(...stored);
    this.#streams.set(streamName, existing);
    this.#all.push(...stored);
    for (const event of stored) for (const listener of [...this.#listeners]) listener(event);
    const last = stored[stored.length - 1];
    return { kind: 'success', current: revisionOf(existing), position: last?.position };
  }

  /** The first result again when the same ids already sit where this append would put them. */
  #idempotentReplay(existing: ReadonlyArray<StoredEvent>, expected: Expected, events: ReadonlyArray<ProposedEvent>): AppendOutcome | undefined {
    const first = events[0];
    if (first === undefined || existing.length === 0) return undefined;
    let start: number;
    if (expected === 'no_stream') start = 0;
    else if (typeof expected === 'bigint') start = Number(expected) + 1;
    else start = existing.findIndex((event) => event.id === first.id);
    if (start < 0 || start >= existing.length || existing[start]?.id !== first.id) return undefined;
    const slice = existing.slice(start, start + events.length);
    if (slice.length !== events.length || slice.some((event, i) => event.id !== events[i]?.id)) return undefined;
    const last = slice[slice.length - 1];
    return { kind: 'success', current: last?.revision ?? 'no_stream', position: last?.position };
  }
}

/** True when the current revision satisfies the expectation. */
export const matches = (expected: Expected, current: Revision): boolean =>
  expected === 'any' || (expected === 'no_stream' ? current === 'no_stream' : expected === 'stream_exists' ? current !== 'no_stream' : current === expected);
