import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '@jamsos/core';
import { createEventStoreDbStore, type EventStoreDbStore } from '@jamsos/store-eventstoredb';
import { createSqliteReadModelStore } from '@jamsos/store-sqlite';
import { UsageError } from '../args.js';
import { assembleContext, DEFAULT_ESDB_KEYS, openKeyringFor, StoreOpenError, type Context, type OpenOptions } from './context.js';
import { keyCheckOf, META, metaOn, participantIdsUnder, type Meta } from './meta.js';
import { PARTICIPANT_ID_KEY_ENV, redactConnectionString, type EsdbTarget } from './target.js';

/** How long closing the client may take before the command ends anyway. */
const CLOSE_WAIT_MS = 2_000;

/** An error's message on one line, without the gRPC client's empty trailing note. */
const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .replace(/\.?\s*Resolution note:\s*$/, '')
    .trim();

/** Waits for a promise at most `ms`; undefined when the time ran out. */
const within = async <A>(promise: Promise<A>, ms: number): Promise<{ readonly value: A } | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Disposes of the client, without waiting more than a moment for calls the server never answered. */
const closeStore = async (store: EventStoreDbStore): Promise<void> => {
  await within(
    store.close().catch(() => undefined),
    CLOSE_WAIT_MS,
  );
};

/** The log's first jamsos event (undefined for an empty log), read with a bounded wait: the connection check. */
const firstEvent = async (store: EventStore, where: string, timeoutMs: number): Promise<RecordedEvent | undefined> => {
  const events = store.readAll({ maxCount: 1 })[Symbol.asyncIterator]();
  let answer;
  try {
    answer = await within(events.next(), timeoutMs);
  } catch (error) {
    const message = oneLine(error);
    const hint = /wrong version number|SSL routines/i.test(message) ? 'the server does not speak TLS: add ?tls=false for an insecure server' : 'is the server running and reachable, and does ?tls= match its setup?';
    throw new StoreOpenError(`cannot read from EventStoreDB at ${where}: ${message} (${hint})`);
  }
  if (answer === undefined) throw new StoreOpenError(`no answer from EventStoreDB at ${where} within ${(timeoutMs / 1000).toFixed(1)} s (is the server running and reachable, and does ?tls= match its setup?)`);
  if (answer.value.done !== true) await events.return?.();
  return answer.value.done === true ? undefined : answer.value.value;
};

/** Opens the local SQLite file for the read models and metadata: WAL, a busy timeout. */
const openReadModelFile = (path: string): Database.Database => {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db?.close();
    throw new StoreOpenError(`cannot open the read-model file ${path}: ${oneLine(error)} (give --read-models PATH in a writable directory)`);
  }
};

/**
 * Ties the read-model file to one log by the id of the log's first event: built from another log (another
 * server, or one emptied since), its read models and metadata are dropped and rebuilt from this log.
 */
const bindToLog = (db: Database.Database, meta: Meta, first: RecordedEvent | undefined): void => {
  const current = first?.id ?? '';
  const bound = meta.get(META.logFirstEvent);
  if (bound !== undefined && bound !== '' && bound !== current) {
    db.transaction(() => {
      db.exec('DELETE FROM read_models');
      db.exec('DELETE FROM jamsos_meta');
    })();
  }
  meta.set(META.logFirstEvent, current);
};

/** Checks the key against the one earlier imports into this log used, remembering its check value on first use. */
const checkKey = (meta: Meta, key: Buffer, readModelsPath: string): void => {
  const check = keyCheckOf(key);
  if (meta.setIfAbsent(META.participantIdKeyCheck, check) !== check)
    throw new UsageError(
      `${PARTICIPANT_ID_KEY_ENV} is not the key earlier imports into this database used (its check value is in ${readModelsPath}): with another key the same worker would get a second participant id; use the original key`,
    );
};

/**
 * Connects to EventStoreDB (the first read bounded by the target's timeout) and opens the local
 * read-model file. Events go to the server; read models, checkpoints and metadata stay in the file;
 * the participant-id key comes from the environment and is never written to the log; the participants'
 * personal-data keys are in a local SQLite key file (--keys, JAMSOS_KEYS, or jamsos-esdb-keys.db beside
 * the read-model file).
 */
export const openEsdbContext = async (target: EsdbTarget, options: OpenOptions): Promise<Context> => {
  const where = redactConnectionString(target.connectionString);
  let store: EventStoreDbStore;
  try {
    store = createEventStoreDbStore({ connectionString: target.connectionString });
  } catch (error) {
    throw new StoreOpenError(`the EventStoreDB client refuses the connection string ${where}: ${oneLine(error)}`);
  }
  let db: Database.Database | undefined;
  try {
    const first = await firstEvent(store, where, target.connectTimeoutMs);
    if (options.requireEmpty === true && first !== undefined)
      throw new UsageError(
        `the EventStoreDB database at ${where} already holds events (${first.streamName}, ...): jamsos demo writes only into an empty database, as it cannot delete a server's data. Give --store an empty database (a new server or container), or run coverage, fund and report on what is there`,
      );
    if (!options.create && first === undefined) throw new StoreOpenError(`the EventStoreDB database at ${where} holds no jamsos events yet: run \`jamsos demo --store ...\` or \`jamsos import <roster.csv> --store ...\` first`);
    db = openReadModelFile(target.readModelsPath);
    const readModels = createSqliteReadModelStore(db);
    const meta = metaOn(db);
    bindToLog(db, meta, first);
    const key = target.participantIdKey;
    if (key !== undefined) checkKey(meta, key, target.readModelsPath);
    // One key file per log, shared by every read-model file in the directory (a second read-model file
    // for an import, a follower's): never removed by jamsos, made only while the log is still empty.
    const keysPath = target.keysPath ?? join(dirname(target.readModelsPath), DEFAULT_ESDB_KEYS);
    const keyring = openKeyringFor(meta, { path: keysPath, given: target.keysPath !== undefined }, { fresh: false, eventsPath: target.readModelsPath, mayCreate: first === undefined });
    const file = db;
    return assembleContext({
      backend: 'esdb',
      where,
      readModelsPath: target.readModelsPath,
      store,
      subscribe: store.subscribe,
      readModels,
      meta,
      participantIdFor:
        key === undefined
          ? () => {
              throw new Error(`this context was opened without ${PARTICIPANT_ID_KEY_ENV}: open it with participant ids to import`);
            }
          : participantIdsUnder(key),
      keyring: keyring.keyring,
      keysAvailable: keyring.available,
      keysPath,
      close: async () => {
        if (file.open) file.close();
        await closeStore(store);
      },
    });
  } catch (error) {
    if (db?.open === true) db.close();
    await closeStore(store);
    throw error;
  }
};
