import { createHmac } from 'node:crypto';
import { ParticipantIdC } from '@jamsos/domain';
import type Database from 'better-sqlite3';

/** Local metadata of a jamsos store: the `jamsos_meta` key-value table of a SQLite file. */
export interface Meta {
  readonly get: (key: string) => string | undefined;
  readonly set: (key: string, value: string) => void;
  /** Sets the key unless it has a value; returns the value it has afterwards. */
  readonly setIfAbsent: (key: string, value: string) => string;
  readonly remove: (key: string) => void;
}

/** The metadata keys jamsos uses. */
export const META = {
  /** The participant-id key (hex), SQLite stores only: on EventStoreDB it comes from the environment. */
  participantIdKey: 'participant-id-key',
  /** A check value of the participant-id key (not the key), EventStoreDB read-model files only. */
  participantIdKeyCheck: 'participant-id-key-check',
  /** The note of a store holding synthetic demo data. */
  synthetic: 'synthetic',
  /** The id of the first event of the EventStoreDB log the read models were built from ('' for an empty log). */
  logFirstEvent: 'log-first-event',
} as const;

/** The `jamsos_meta` table of a database, created if missing. */
export const metaOn = (db: Database.Database): Meta => {
  db.exec('CREATE TABLE IF NOT EXISTS jamsos_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const select = db.prepare<[string], { value: string }>('SELECT value FROM jamsos_meta WHERE key = ?');
  const upsert = db.prepare('INSERT OR REPLACE INTO jamsos_meta (key, value) VALUES (?, ?)');
  const insert = db.prepare('INSERT OR IGNORE INTO jamsos_meta (key, value) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM jamsos_meta WHERE key = ?');
  return {
    get: (key) => select.get(key)?.value,
    set: (key, value) => void upsert.run(key, value),
    setIfAbsent: (key, value) => {
      insert.run(key, value);
      return (select.get(key) as { value: string }).value;
    },
    remove: (key) => void remove.run(key),
  };
};

/** How many other HMAC inputs are tried for one NIK (each is refused with probability about 0.2%). */
const MAX_ID_ATTEMPTS = 64;

/**
 * Opaque, stable participant ids from NIKs: an HMAC under the key, so they cannot be reversed by trying
 * NIKs. `p-` and 24 hex digits; about 0.2% of those hold 16 decimal digits in a row, which
 * ParticipantIdC refuses ("looks like a NIK"): for those NIKs only, the id is the HMAC of "<nik>#1",
 * "<nik>#2", ... until one is accepted (deterministic, and every other NIK keeps the id it always had).
 */
export const participantIdsUnder =
  (key: Buffer) =>
  (nik: string): string => {
    const hmacId = (input: string): string => `p-${createHmac('sha256', key).update(input).digest('hex').slice(0, 24)}`;
    let id = hmacId(nik);
    for (let attempt = 1; !ParticipantIdC.is(id) && attempt <= MAX_ID_ATTEMPTS; attempt++) id = hmacId(`${nik}#${attempt}`);
    if (!ParticipantIdC.is(id)) throw new Error(`bug: no acceptable participant id after ${MAX_ID_ATTEMPTS} attempts`);
    return id;
  };

/** A short check value of a participant-id key (an HMAC of a constant): tells keys apart without revealing them. */
export const keyCheckOf = (key: Buffer): string => createHmac('sha256', key).update('jamsos participant-id key check').digest('hex').slice(0, 16);
