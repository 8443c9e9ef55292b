import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { KEY_BYTES, type KeyDestruction, type KeyState, type Keyring, type RandomBytes, type StoreFailure } from '@jamsos/core';
import { toStoreFailure } from './failure.js';

/** Where the key file is and how it is opened. */
export interface SqliteKeyringOptions {
  /** The key file: a SQLite database of its own, never the events' file. */
  readonly path: string;
  /** Random bytes for new keys (default node:crypto). */
  readonly random?: RandomBytes;
  /** How long a writer waits for another process's lock; defaults to 5000 ms. */
  readonly busyTimeoutMs?: number;
}

/** A keyring in a SQLite file of its own. */
export interface SqliteKeyring extends Keyring {
  readonly path: string;
  /** A random id made when the file was created: a store records it to recognise its own key file. */
  readonly id: string;
  /** How many keys and tombstones the file holds. */
  readonly counts: () => { readonly keys: number; readonly forgotten: number };
  /** Closes the file; idempotent. */
  readonly close: () => Promise<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS keyring_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS participant_keys (participant_id TEXT PRIMARY KEY, key BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS forgotten_participants (participant_id TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL);
`;

/**
 * Opens (creating if needed) a keyring file: one row per participant with their AES-256 key, and a
 * tombstone per forgotten participant. WAL with `secure_delete` on, so that forgetting overwrites the
 * key's bytes in the page and, after the delete, a `wal_checkpoint(TRUNCATE)` writes the page back and
 * empties the WAL: the key bytes are then in neither file (a checkpoint blocked by a reader in another
 * process is reported as `wiped: false`; the next write's checkpoint completes it). Keys are made in
 * an IMMEDIATE transaction, so concurrent processes agree on one key per participant.
 */
export const openSqliteKeyring = (options: SqliteKeyringOptions): E.Either<StoreFailure, SqliteKeyring> => {
  let db: Database.Database | undefined;
  try {
    db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5_000 });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && mode !== 'memory') throw new Error(`could not switch ${options.path} to WAL (journal_mode is ${String(mode)})`);
    db.pragma('secure_delete = ON');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    db.prepare('INSERT OR IGNORE INTO keyring_meta (name, value) VALUES (?, ?)').run('id', randomUUID());
    return E.right(keyringOn(db, options));
  } catch (error) {
    if (db?.open === true) db.close();
    return E.left(toStoreFailure(`opening the key file ${options.path}`, error));
  }
};

const keyringOn = (db: Database.Database, options: SqliteKeyringOptions): SqliteKeyring => {
  const random = options.random ?? ((size: number) => randomBytes(size));
  const id = (db.prepare('SELECT value FROM keyring_meta WHERE name = ?').get('id') as { value: string }).value;
  const selectForgotten = db.prepare<[string], { forgotten_at: string }>('SELECT forgotten_at FROM forgotten_participants WHERE participant_id = ?');
  const insertKey = db.prepare('INSERT OR IGNORE INTO participant_keys (participant_id, key) VALUES (?, ?)');
  const deleteKey = db.prepare('DELETE FROM participant_keys WHERE participant_id = ?');
  const insertForgotten = db.prepare('INSERT INTO forgotten_participants (participant_id, forgotten_at) VALUES (?, ?)');

  // One statement for both tables: a lookup runs for every registration or claim filing read.
  const selectState = db.prepare<[string], { key: Buffer | null; forgotten_at: string | null }>(
    'SELECT k.key AS key, f.forgotten_at AS forgotten_at FROM (SELECT ? AS id) AS q LEFT JOIN participant_keys AS k ON k.participant_id = q.id LEFT JOIN forgotten_participants AS f ON f.participant_id = q.id',
  );
  const stateOf = (participantId: string): KeyState => {
    const row = selectState.get(participantId) as { key: Buffer | null; forgotten_at: string | null };
    if (row.forgotten_at !== null) return { _tag: 'Forgotten', forgottenAt: row.forgotten_at };
    return row.key === null ? { _tag: 'Absent' } : { _tag: 'Active', key: new Uint8Array(row.key) };
  };
  const make = db.transaction((participantId: string, fresh: Buffer): KeyState => {
    const state = stateOf(participantId);
    if (state._tag !== 'Absent') return state;
    insertKey.run(participantId, fresh);
    return stateOf(participantId);
  });
  const destroy = db.transaction((participantId: string, at: string): KeyDestruction => {
    const before = selectForgotten.get(participantId);
    if (before !== undefined) return { _tag: 'AlreadyForgotten', forgottenAt: before.forgotten_at };
    const removed = deleteKey.run(participantId).changes > 0;
    insertForgotten.run(participantId, at);
    return removed ? { _tag: 'KeyDestroyed', forgottenAt: at, wiped: false } : { _tag: 'NoKeyHeld', forgottenAt: at };
  });
  /** Writes the WAL back into the file and truncates it; false when a reader kept part of it. */
  const checkpoint = (): boolean => {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    return result !== undefined && result.busy === 0 && result.log === result.checkpointed;
  };
  const attempt = <A>(what: string, work: () => A): E.Either<StoreFailure, A> => {
    try {
      return E.right(work());
    } catch (error) {
      return E.left(toStoreFailure(`${what} in the key file ${options.path}`, error));
    }
  };

  return {
    path: options.path,
    id,
    lookup: (participantId) => async () => attempt('reading a key', () => stateOf(participantId)),
    obtain: (participantId) => async () =>
      attempt('making a key', () => {
        const known = stateOf(participantId);
        if (known._tag !== 'Absent') return known;
        const fresh = Buffer.from(random(KEY_BYTES));
        if (fresh.length !== KEY_BYTES) throw new Error(`bug: the random source gave ${fresh.length} bytes for a ${KEY_BYTES}-byte key`);
        const made = make.immediate(participantId, fresh);
        fresh.fill(0);
        return made as Exclude<KeyState, { _tag: 'Absent' }>;
      }),
    forget: (participantId, at) => async () =>
      attempt('destroying a key', () => {
        const done = destroy.immediate(participantId, at);
        return done._tag === 'KeyDestroyed' ? { ...done, wiped: checkpoint() } : done;
      }),
    counts: () => ({
      keys: (db.prepare('SELECT count(*) AS n FROM participant_keys').get() as { n: number }).n,
      forgotten: (db.prepare('SELECT count(*) AS n FROM forgotten_participants').get() as { n: number }).n,
    }),
    close: async () => {
      if (db.open) db.close();
    },
  };
};
