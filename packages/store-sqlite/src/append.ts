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

/** What an append answers: its result, a refusal, or what SQLite threw (nothing of the append is stored). */
export type AppendOutcome = AppendResult | AppendError | { readonly _tag: 'Thrown'; readonly error: unknown };

/**
 * Appends batches to streams. Appends invoked while others wait are committed together (group
 * commit): one IMMEDIATE transaction for the group, one SAVEPOINT per append, so each append is
 * checked, written, refused or rolled back on its own, and each is answered only after the COMMIT
 * that stores it. An append alone gets its own transaction, as before.
 */
export interface Appender {
  /** Appends one batch; resolves once it is committed (or refused, or failed). Never rejects. */
  readonly append: (streamName: string, events: ReadonlyArray<EventToAppend>, expected: ExpectedRevision) => Promise<AppendOutcome>;
  /** Runs the appends waiting for their group now (before the connection is closed). */
  readonly flush: () => void;
}

/** One append waiting for its group's transaction. */
interface Pending {
  readonly streamName: string;
  readonly rows: ReadonlyArray<Row>;
  readonly expected: ExpectedRevision;
  readonly resolve: (outcome: AppendOutcome) => void;
}

/** An appender on a database, with its statements prepared once. */
export const createAppender = (db: Database.Database): Appender => {
  const byId = db.prepare<[string], Stored>('SELECT stream_name, stream_revision, global_position FROM events WHERE event_id = ?');
  const lastOfStream = db.prepare<[string], Stored>(
    'SELECT stream_name, stream_revision, global_position FROM events WHERE stream_name = ? ORDER BY stream_revision DESC LIMIT 1',
  );
  const lastPosition = db.prepare<[], number>('SELECT COALESCE(MAX(global_position), 0) FROM events').pluck();
  const insert = db.prepare<[string, string, number, string, string, string]>(
    'INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT jamsos_append');
  const release = db.prepare('RELEASE jamsos_append');
  const rollbackTo = db.prepare('ROLLBACK TO jamsos_append');

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

  /** One append's checks and inserts, inside a transaction holding the write lock. Writes nothing unless it answers a result. */
  const write = (streamName: string, rows: ReadonlyArray<Row>, expected: ExpectedRevision): AppendResult | AppendError => {
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
  };

  /** An append alone: its own IMMEDIATE transaction (better-sqlite3 rolls it back if a statement throws). */
  const alone = db.transaction(write);

  let queue: Pending[] = [];
  let scheduled = false;

  /**
   * Runs a group in one transaction, each append inside its own savepoint. If SQLite rolls the whole
   * transaction back under an append (an IO error, a full disk), that append fails and the others,
   * none of which is stored then, go back to the queue to be tried again.
   */
  const runGroup = (group: Pending[]): void => {
    try {
      begin.run();
    } catch (error) {
      for (const p of group) p.resolve({ _tag: 'Thrown', error });
      return;
    }
    const outcomes: AppendOutcome[] = [];
    for (const [index, p] of group.entries()) {
      try {
        savepoint.run();
        outcomes.push(write(p.streamName, p.rows, p.expected));
        release.run();
      } catch (error) {
        if (!db.inTransaction) {
          p.resolve({ _tag: 'Thrown', error });
          queue = [...group.slice(0, index), ...group.slice(index + 1), ...queue];
          schedule();
          return;
        }
        outcomes.length = index;
        rollbackTo.run();
        release.run();
        outcomes.push({ _tag: 'Thrown', error });
      }
    }
    try {
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      for (const p of group) p.resolve({ _tag: 'Thrown', error });
      return;
    }
    for (const [index, p] of group.entries()) p.resolve(outcomes[index] as AppendOutcome);
  };

  const flush = (): void => {
    scheduled = false;
    const group = queue;
    queue = [];
    if (group.length === 1) {
      const p = group[0] as Pending;
      try {
        p.resolve(alone.immediate(p.streamName, p.rows, p.expected));
      } catch (error) {
        p.resolve({ _tag: 'Thrown', error });
      }
    } else if (group.length > 1) {
      try {
        runGroup(group);
      } catch (error) {
        // A savepoint could not be rolled back or released: give up the whole group (a promise answers once).
        try {
          if (db.inTransaction) rollback.run();
        } catch {
          // the connection is unusable; every append answers the error below
        }
        for (const p of group) p.resolve({ _tag: 'Thrown', error });
      }
    }
  };

  // Appends invoked in the same turn of the event loop (N commands in flight) wait for one another:
  // the group runs once the turn's callbacks and promise reactions are done.
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  const append = (streamName: string, events: ReadonlyArray<EventToAppend>, expected: ExpectedRevision): Promise<AppendOutcome> => {
    const problem = batchProblem(events);
    if (problem !== undefined) return Promise.resolve(invalidAppend(problem));
    const rows = serialise(events);
    if (typeof rows === 'string') return Promise.resolve(invalidAppend(rows));
    return new Promise((resolve) => {
      queue.push({ streamName, rows, expected, resolve });
      schedule();
    });
  };

  return { append, flush };
};
