import type Database from 'better-sqlite3';
import { batchProblem, invalidAppend, replayOrClash, satisfies, wrongExpectedVersion, type AppendError, type AppendResult, type EventToAppend, type ExpectedRevision } from '@jamsos/core';

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

  /** The idempotency rule (replayOrClash from @jamsos/core) on the ids this database holds. */
  const replayed = (streamName: string, rows: ReadonlyArray<Row>, expected: ExpectedRevision, actual: number | 'no_stream'): AppendResult | AppendError | undefined =>
    replayOrClash(
      streamName,
      rows.map((row) => {
        const s = byId.get(row.id);
        return s === undefined ? undefined : { id: row.id, streamName: s.stream_name, revision: s.stream_revision, globalPosition: s.global_position };
      }),
      expected,
      () => actual,
    );

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
