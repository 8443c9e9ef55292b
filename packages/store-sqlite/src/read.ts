import type Database from 'better-sqlite3';
import type { EventMetadata, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '@jamsos/core';

/** An events row as selected. */
interface EventRow {
  readonly global_position: number;
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: number;
  readonly event_type: string;
  readonly data: string;
  readonly metadata: string;
}

const COLUMNS = 'global_position, event_id, stream_name, stream_revision, event_type, data, metadata';

const toEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.event_type,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  streamName: row.stream_name,
  revision: row.stream_revision,
  globalPosition: row.global_position,
});

/** The two reads of the port, paging through the table with reused statements. */
export interface Readers {
  readonly readStream: (streamName: string, options?: ReadStreamOptions) => AsyncGenerator<RecordedEvent>;
  readonly readAll: (options?: ReadAllOptions) => AsyncGenerator<RecordedEvent>;
  /** The revision of a stream's last event, or undefined. */
  readonly lastRevision: (streamName: string) => number | undefined;
}

/**
 * Readers that fetch `pageSize` rows per query with keyset pagination (by revision within a stream,
 * by global position in the log), so memory stays bounded and no statement stays open between pages:
 * the caller may write to the same connection while it iterates.
 */
export const createReaders = (db: Database.Database, pageSize: number): Readers => {
  const forwards = db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`,
  );
  const backwards = db.prepare<[string, number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
  );
  const last = db.prepare<[string], number>('SELECT MAX(stream_revision) FROM events WHERE stream_name = ?').pluck();
  const typeFilter = 'event_type IN (SELECT value FROM json_each(@types))';
  const prefixFilter = 'substr(stream_name, 1, length(@prefix)) = @prefix';
  const allQuery = (filters: ReadonlyArray<string>) =>
    db.prepare<{ after: number; limit: number; types?: string; prefix?: string }, EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE ${['global_position > @after', ...filters].join(' AND ')} ORDER BY global_position LIMIT @limit`,
    );
  const all = { none: allQuery([]), types: allQuery([typeFilter]), prefix: allQuery([prefixFilter]), both: allQuery([typeFilter, prefixFilter]) };

  const lastRevision = (streamName: string): number | undefined => last.get(streamName) ?? undefined;

  async function* readStream(streamName: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const back = options.direction === 'backwards';
    const from = options.fromRevision ?? (back ? 'end' : 'start');
    let next: number;
    if (from === 'start') next = 0;
    else if (from !== 'end') {
      if (from < 0) return;
      next = from;
    }
    else if (back) next = Number.MAX_SAFE_INTEGER;
    else {
      const end = lastRevision(streamName);
      if (end === undefined) return;
      next = end;
    }
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const rows = (back ? backwards : forwards).all(streamName, next, limit);
      for (const row of rows) yield toEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      next = (rows[rows.length - 1] as EventRow).stream_revision + (back ? -1 : 1);
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const types = options.filter?.eventTypes;
    const prefix = options.filter?.streamPrefix;
    const statement = types !== undefined ? (prefix !== undefined ? all.both : all.types) : prefix !== undefined ? all.prefix : all.none;
    const filters = { ...(types === undefined ? {} : { types: JSON.stringify(types) }), ...(prefix === undefined ? {} : { prefix }) };
    let after = options.fromPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const rows = statement.all({ after, limit, ...filters });
      for (const row of rows) yield toEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      after = (rows[rows.length - 1] as EventRow).global_position;
    }
  }

  return { readStream, readAll, lastRevision };
};
