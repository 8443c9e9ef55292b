import type Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, EventToFold, ReadAllBatchesOptions, RecordedEvent, StoreFailure } from '@jamsos/core';
import { createAppender } from './append.js';
import { DEFAULT_PAGE_SIZE, openDatabase, type Durability, type SqliteStoreOptions } from './database.js';
import { toStoreFailure } from './failure.js';
import { createReaders } from './read.js';

/** The event store port on SQLite, with its database exposed for read models kept in the same file. */
export interface SqliteEventStore extends EventStore {
  /** The open connection: read models write their tables here, in transactions with their checkpoints. */
  readonly database: Database.Database;
  readonly durability: Durability;
  readAllBatches(options?: ReadAllBatchesOptions): AsyncIterable<ReadonlyArray<RecordedEvent>>;
  readAllToFold(options?: ReadAllBatchesOptions): AsyncIterable<ReadonlyArray<EventToFold>>;
  /** Closes the connection; idempotent. */
  close(): Promise<void>;
}

/** The store on a database already opened by {@link openDatabase}. */
const storeOn = (db: Database.Database, options: SqliteStoreOptions): SqliteEventStore => {
  const appender = createAppender(db);
  const readers = createReaders(db, options.pageSize ?? DEFAULT_PAGE_SIZE);
  return {
    database: db,
    durability: options.durability ?? 'normal',
    appendToStream: (streamName, events, { expectedRevision }) => async () => {
      const outcome = await appender.append(streamName, events, expectedRevision);
      if (!('_tag' in outcome)) return E.right(outcome);
      return E.left(outcome._tag === 'Thrown' ? toStoreFailure(`append to ${streamName}`, outcome.error) : outcome);
    },
    readStream: readers.readStream,
    readAll: readers.readAll,
    readAllBatches: readers.readAllBatches,
    readAllToFold: readers.readAllToFold,
    streamRevision: (streamName) => async () => {
      try {
        return E.right(readers.lastRevision(streamName) ?? 'no_stream');
      } catch (error) {
        return E.left(toStoreFailure(`reading the revision of ${streamName}`, error));
      }
    },
    close: async () => {
      // Appends already invoked are run (and answered) before the connection closes.
      if (db.open) appender.flush();
      if (db.open) db.close();
    },
  };
};

/**
 * Opens (creating if needed) a SQLite event store: WAL, a busy timeout so several processes can write
 * the file, synchronous=NORMAL by default or FULL with `durability: 'full'`. Throws if the file cannot
 * be opened or has a newer schema; {@link openSqliteEventStore} answers that as a value instead.
 */
export const createSqliteEventStore = (options: SqliteStoreOptions): SqliteEventStore => storeOn(openDatabase(options), options);

/** Like {@link createSqliteEventStore}, with a failure to open as a StoreFailure value. */
export const openSqliteEventStore = (options: SqliteStoreOptions): E.Either<StoreFailure, SqliteEventStore> => {
  try {
    return E.right(createSqliteEventStore(options));
  } catch (error) {
    return E.left(toStoreFailure(`opening ${options.path}`, error));
  }
};
