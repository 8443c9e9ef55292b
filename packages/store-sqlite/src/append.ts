import type Database from 'better-sqlite3';
import { batchProblem, invalidAppend, satisfies, wrongExpectedVersion, type AppendError, type AppendResult, type EventToAppend, type ExpectedRevision } from '@jamsos/core';

/** An event ready for its row: data and metadata already serialised. */
interface Row {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Where an already stored event sits. */
interface Stored {
  readonly stream_name: string;
  readonly stream_revision: number;
  readonly global_position: number;
}

/** The rows of a batch, or why the batch cannot be stored (data or metadata that is not JSON). */
const serialise = (events: ReadonlyArray<EventToAppend>): Row[] | string => {
  const rows: Row[] = [];
  for (const [index, event] of events.entries()) {
    let data: string | undefined;
    let metadata: string | undefined;
    try {
      data = JSON.stringify(event.data);
      metadata = JSON.stringify(event.metadata);
    } catch (error) {
      return `event ${index} cannot be serialised as JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (data === undefined || metadata === undefined) return `event ${index} has data or metadata that is not JSON`;
    rows.push({ id: event.id, type: event.type, data, metadata });
  }
  return rows;
};

/** Appends one batch to one stream, synchronously, in a single IMMEDIATE transaction. */
export type Appender = (streamName: string, events: ReadonlyArray<EventToAppend>, expected: ExpectedRevision) => AppendResult | AppendError;

/** An appender on a database, with its statements prepared once. Throws only what SQLite throws. */
export const createAppender = (db: Database.Database): Appender => {
  const byId = db.prepare<[string], Stored>('SELECT stream_name, stream_revision, global_position FROM events WHERE event_id = ?');
  const lastOfStream = db.prepare<[string], Stored>(
    'SELECT stream_name, stream_revision, global_position FROM events WHERE stream_name = ? ORDER BY stream_revision DESC LIMIT 1',
  );
  const lastPosition = db.prepare<[], number>('SELECT COALESCE(MAX(global_position), 0) FROM events').pluck();
  const insert = db.prepare<[string, string, number, string, string, string]>(
    'INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );

  /** Like the memory store: when every id is stored, in this stream, right after the expected revision, the first append's result. */
  const replayed = (streamName: string, rows: ReadonlyArray<Row>, expected: ExpectedRevision, actual: number | 'no_stream'): AppendResult | AppendError | undefined => {
    const stored = rows.map((row) => byId.get(row.id));
    const clash = stored.find((s) => s !== undefined);
    if (clash === undefined) return undefined;
    const first = stored[0];
    const consecutive =
      first !== undefined &&
      stored.every((s, k) => s !== undefined && s.stream_name === streamName && s.stream_revision === first.stream_revision + k) &&
      (expected === 'any' || expected === 'stream_exists' || (expected === 'no_stream' ? first.stream_revision === 0 : first.stream_revision === expected + 1));
    if (consecutive) {
      const last = stored[stored.length - 1] as Stored;
      return { nextExpectedRevision: last.stream_revision, lastPosition: last.global_position };
    }
    if (clash.stream_name === streamName && !satisfies(expected, actual)) return wrongExpectedVersion(streamName, expected, actual);
    return invalidAppend(`an event id of this batch is already used by stream ${clash.stream_name} at revision ${clash.stream_revision}`);
  };

  const transaction = db.transaction((streamName: string, rows: ReadonlyArray<Row>, expected: ExpectedRevision): AppendResult | AppendError => {
    const last = lastOfStream.get(streamName);
    const actual = last === undefined ? 'no_stream' : last.stream_revision;
    const replay = replayed(streamName, rows, expected, actual);
    if (replay !== undefined) return replay;
    if (!satisfies(expected, actual)) return wrongExpectedVersion(streamName, expected, actual);
    if (rows.length === 0) return { nextExpectedRevision: actual, lastPosition: lastPosition.get() ?? 0 };
    let revision = actual === 'no_stream' ? -1 : actual;
    let position = 0;
    for (const row of rows) {
      revision += 1;
      position = Number(insert.run(row.id, streamName, revision, row.type, row.data, row.metadata).lastInsertRowid);
    }
    return { nextExpectedRevision: revision, lastPosition: position };
  });

  return (streamName, events, expected) => {
    const problem = batchProblem(events);
    if (problem !== undefined) return invalidAppend(problem);
    const rows = serialise(events);
    if (typeof rows === 'string') return invalidAppend(rows);
    return transaction.immediate(streamName, rows, expected);
  };
};
