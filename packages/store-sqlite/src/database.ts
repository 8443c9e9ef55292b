import Database from 'better-sqlite3';
import { ensureSchema } from './schema.js';

/**
 * How hard a commit waits for the disk. 'normal' (synchronous=NORMAL in WAL mode): a commit survives
 * the process being killed, but power loss or an OS crash may lose the last commits (never corrupts).
 * 'full' (synchronous=FULL): every commit is fsynced before it is acknowledged, at a few ms each.
 */
export type Durability = 'normal' | 'full';

/** Where the database lives and how it commits. */
export interface SqliteStoreOptions {
  /** A file path, or ':memory:' (no WAL, one connection only: for tests). */
  readonly path: string;
  /** Defaults to 'normal'; see {@link Durability}. */
  readonly durability?: Durability;
  /** How long a writer waits for another connection's write lock before SQLITE_BUSY; defaults to 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Rows fetched per query while reading (and events per batch of readAllBatches); defaults to {@link DEFAULT_PAGE_SIZE}. */
  readonly pageSize?: number;
}

/** Rows fetched per query by default (larger pages measured no faster: a page of objects outgrows the CPU cache). */
export const DEFAULT_PAGE_SIZE = 500;

/** The default busy timeout: long enough for several processes taking turns on short transactions. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating if needed) a database for the event store: WAL journal, the busy timeout, the
 * synchronous level for the durability, and the schema. Throws if it cannot; closes what it opened.
 */
export const openDatabase = (options: SqliteStoreOptions): Database.Database => {
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && mode !== 'memory') throw new Error(`could not switch ${options.path} to WAL (journal_mode is ${String(mode)})`);
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    ensureSchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
