import type Database from 'better-sqlite3';
import type { EventToFold, ReadAllBatchesOptions, ReadAllFilter, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '@jamsos/core';
import { COLUMNS, FOLD_COLUMNS, toEvent, toEvents, toEventToFold, type EventRow, type FoldRow, type Locate } from './rows.js';

/** The reads of the port, paging through the table with reused statements. */
export interface Readers {
  readonly readStream: (streamName: string, options?: ReadStreamOptions) => AsyncGenerator<RecordedEvent>;
  readonly readAll: (options?: ReadAllOptions) => AsyncGenerator<RecordedEvent>;
  readonly readAllBatches: (options?: ReadAllBatchesOptions) => AsyncGenerator<ReadonlyArray<RecordedEvent>>;
  readonly readAllToFold: (options?: ReadAllBatchesOptions) => AsyncGenerator<ReadonlyArray<EventToFold>>;
  /** The revision of a stream's last event, or undefined. */
  readonly lastRevision: (streamName: string) => number | undefined;
}

/** How a filter's types become SQL: none, `IN` the wanted types, or `NOT IN` the types to leave out. */
type TypeClause = { readonly kind: 'none' } | { readonly kind: 'in' | 'not-in'; readonly types: string };

/**
 * The type part of a filter as one SQL test per row: "in eventTypes, or in none of alsoTypesNotIn"
 * is "in none of (alsoTypesNotIn minus eventTypes)".
 */
const typeClause = (filter: ReadAllFilter | undefined): TypeClause => {
  const wanted = filter?.eventTypes;
  const known = filter?.alsoTypesNotIn;
  if (known !== undefined) {
    const keep = new Set(wanted ?? []);
    return { kind: 'not-in', types: JSON.stringify(known.filter((type) => !keep.has(type))) };
  }
  return wanted === undefined ? { kind: 'none' } : { kind: 'in', types: JSON.stringify(wanted) };
};

type AllParameters = { after: number; limit: number; types?: string; prefix?: string };

/**
 * Readers that fetch `pageSize` rows per query (raw rows, as arrays) with keyset pagination (by
 * revision within a stream, by global position in the log), so memory stays bounded and no statement
 * stays open between pages: the caller may write to the same connection while it iterates. A row
 * whose JSON is damaged throws UnreadableStoredEvent, naming its position, stream and revision.
 */
export const createReaders = (db: Database.Database, pageSize: number): Readers => {
  const forwards = db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`,
  ).raw(true);
  const backwards = db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
  ).raw(true);
  const last = db.prepare<[string], number>('SELECT MAX(stream_revision) FROM events WHERE stream_name = ?').pluck();
  const where = db.prepare<[number], { stream_name: string; stream_revision: number }>('SELECT stream_name, stream_revision FROM events WHERE global_position = ?');
  const locate: Locate = (position) => {
    const row = where.get(position);
    return { streamName: row?.stream_name ?? '?', revision: row?.stream_revision ?? -1 };
  };
  const statements = new Map<string, Database.Statement<AllParameters, unknown[]>>();
  /** The statement of one filter shape and set of columns, prepared on first use. */
  const allQuery = (columns: string, types: TypeClause['kind'], prefix: boolean): Database.Statement<AllParameters, unknown[]> => {
    const key = `${columns}|${types}|${prefix}`;
    let statement = statements.get(key);
    if (statement === undefined) {
      const filters = ['global_position > @after'];
      if (types === 'in') filters.push('event_type IN (SELECT value FROM json_each(@types))');
      if (types === 'not-in') filters.push('event_type NOT IN (SELECT value FROM json_each(@types))');
      if (prefix) filters.push('substr(stream_name, 1, length(@prefix)) = @prefix');
      statement = db.prepare<AllParameters, unknown[]>(`SELECT ${columns} FROM events WHERE ${filters.join(' AND ')} ORDER BY global_position LIMIT @limit`).raw(true);
      statements.set(key, statement);
    }
    return statement;
  };

  const lastRevision = (streamName: string): number | undefined => last.get(streamName) ?? undefined;

  async function* readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const back = options.direction === 'backwards';
    const from = options.fromRevision ?? (back ? 'end' : 'start');
    let next: number;
    if (from === 'start') next = 0;
    else if (from !== 'end') {
      if (from < 0) return;
      next = from;
    } else if (back) next = Number.MAX_SAFE_INTEGER;
    else {
      const end = lastRevision(streamName);
      if (end === undefined) return;
      next = end;
    }
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const rows = (back ? backwards : forwards).all(streamName, next, limit);
      const { events, damaged } = toEvents(rows, toEvent);
      yield* events;
      if (damaged !== undefined) throw damaged;
      if (rows.length < limit) return;
      remaining -= rows.length;
      next = (rows[rows.length - 1] as EventRow)[3] + (back ? -1 : 1);
    }
  }

  /**
   * The log in pages of at most `size` rows of `columns`, each converted by `convert`; a damaged row
   * ends it with its error, after the events before it.
   */
  async function* pages<Event>(options: ReadAllOptions, size: number, columns: string, convert: (row: never) => Event): AsyncGenerator<Event[]> {
    const types = typeClause(options.filter);
    const prefix = options.filter?.streamPrefix;
    const statement = allQuery(columns, types.kind, prefix !== undefined);
    const filters = { ...(types.kind === 'none' ? {} : { types: types.types }), ...(prefix === undefined ? {} : { prefix }) };
    let after = options.fromPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(size, remaining);
      const rows = statement.all({ after, limit, ...filters }) as never[];
      const { events, damaged } = toEvents(rows, convert);
      if (events.length > 0) yield events;
      if (damaged !== undefined) throw damaged;
      if (rows.length < limit) return;
      remaining -= rows.length;
      // global_position is the first column of every read
      after = (rows[rows.length - 1] as unknown as [number])[0];
    }
  }

  const batchSize = (options: ReadAllBatchesOptions): number => Math.max(1, Math.floor(options.batchSize ?? pageSize));

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    for await (const page of pages(options, pageSize, COLUMNS, (row: EventRow) => toEvent(row))) yield* page;
  }

  const readAllBatches = (options: ReadAllBatchesOptions = {}): AsyncGenerator<ReadonlyArray<RecordedEvent>> =>
    pages(options, batchSize(options), COLUMNS, (row: EventRow) => toEvent(row));

  const readAllToFold = (options: ReadAllBatchesOptions = {}): AsyncGenerator<ReadonlyArray<EventToFold>> =>
    pages(options, batchSize(options), FOLD_COLUMNS, (row: FoldRow) => toEventToFold(row, locate));

  return { readStream, readAll, readAllBatches, readAllToFold, lastRevision };
};
