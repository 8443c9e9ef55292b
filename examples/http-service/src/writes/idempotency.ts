import { createHmac, randomBytes } from 'node:crypto';
import { openDatabase } from '@jamsos/store-sqlite';

type Database = ReturnType<typeof openDatabase>;

/** A stored first answer to a request made with an Idempotency-Key. */
export interface StoredAnswer {
  readonly digest: string;
  readonly status: number;
  readonly body: unknown;
}

/** The first answers to requests made with an Idempotency-Key, kept in a SQLite file (the read-models file). */
export interface IdempotencyStore {
  readonly find: (caller: string, route: string, key: string) => StoredAnswer | undefined;
  /** Keeps the first answer only: a second save under the same key changes nothing. */
  readonly save: (caller: string, route: string, key: string, answer: StoredAnswer) => void;
  /** A keyed digest of a request (its path parameters and body): tells a repeat from a different request without keeping the body. */
  readonly digest: (request: unknown) => string;
  /** Forgets every answer when the store's log is not the one they were given for (EventStoreDB emptied or replaced). */
  readonly bindToLog: (firstEventId: string) => void;
  readonly close: () => void;
}

/** JSON with object keys sorted, so that the same request always has the same digest. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
};

/**
 * Opens the idempotency tables in a SQLite file: the SQLite store's own file, or the read-models file
 * of an EventStoreDB store. Answers are kept without personal data (write answers redact it) and
 * requests only as an HMAC digest under a key kept in the same file.
 */
export const openIdempotencyStore = (path: string): IdempotencyStore => {
  const db: Database = openDatabase({ path });
  db.exec(`CREATE TABLE IF NOT EXISTS http_idempotency (
    caller TEXT NOT NULL, route TEXT NOT NULL, key TEXT NOT NULL,
    request_digest TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (caller, route, key))`);
  db.exec('CREATE TABLE IF NOT EXISTS http_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const metaGet = db.prepare<[string], { value: string }>('SELECT value FROM http_meta WHERE key = ?');
  const metaSet = db.prepare('INSERT OR REPLACE INTO http_meta (key, value) VALUES (?, ?)');
  db.prepare('INSERT OR IGNORE INTO http_meta (key, value) VALUES (?, ?)').run('request-digest-key', randomBytes(32).toString('hex'));
  const digestKey = Buffer.from((metaGet.get('request-digest-key') as { value: string }).value, 'hex');
  const select = db.prepare<[string, string, string], { request_digest: string; status: number; body: string }>('SELECT request_digest, status, body FROM http_idempotency WHERE caller = ? AND route = ? AND key = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO http_idempotency (caller, route, key, request_digest, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    find: (caller, route, key) => {
      const row = select.get(caller, route, key);
      return row === undefined ? undefined : { digest: row.request_digest, status: row.status, body: JSON.parse(row.body) as unknown };
    },
    save: (caller, route, key, answer) => void insert.run(caller, route, key, answer.digest, answer.status, JSON.stringify(answer.body), new Date().toISOString()),
    digest: (request) => createHmac('sha256', digestKey).update(canonicalJson(request)).digest('hex'),
    bindToLog: (firstEventId) => {
      const bound = metaGet.get('log-first-event')?.value;
      if (bound !== undefined && bound !== '' && bound !== firstEventId) db.exec('DELETE FROM http_idempotency');
      metaSet.run('log-first-event', firstEventId);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
};
