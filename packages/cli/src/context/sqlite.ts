import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteReadModelStore, openSqliteEventStore } from '@jamsos/store-sqlite';
import { assembleContext, keysPathBeside, openKeyringFor, StoreOpenError, type Context, type OpenOptions } from './context.js';
import { META, metaOn, participantIdsUnder } from './meta.js';
import type { SqliteTarget } from './target.js';

/**
 * Opens (or, when allowed, creates) a SQLite store: events, read models and metadata in one file; the
 * participant-id key is made on first use and kept in the file's jamsos_meta; the participants'
 * personal-data keys are in a key file of their own (--keys, JAMSOS_KEYS, or "<store>-keys.db" beside it).
 */
export const openSqliteContext = (target: SqliteTarget, options: OpenOptions): Context => {
  const { path } = target;
  const existed = existsSync(path);
  if (!options.create && !existed) throw new StoreOpenError(`no jamsos store at ${path}: run \`jamsos demo\` or \`jamsos import <roster.csv>\` first, or give --db PATH (or --store esdb://... for EventStoreDB)`);
  const opened = openSqliteEventStore({ path });
  if (E.isLeft(opened)) throw new StoreOpenError(`cannot open the store at ${path}: ${opened.left.message}`);
  const store = opened.right;
  const db = store.database;
  const meta = metaOn(db);
  const key = meta.setIfAbsent(META.participantIdKey, randomBytes(32).toString('hex'));
  const keysPath = target.keysPath ?? keysPathBeside(path);
  let keyring;
  try {
    keyring = openKeyringFor(meta, { path: keysPath, given: target.keysPath !== undefined }, { fresh: options.requireEmpty === true && !existed, eventsPath: path });
  } catch (error) {
    void store.close();
    throw error;
  }
  return assembleContext({
    backend: 'sqlite',
    where: path,
    readModelsPath: path,
    store,
    readModels: createSqliteReadModelStore(db),
    meta,
    participantIdFor: participantIdsUnder(Buffer.from(key, 'hex')),
    keyring: keyring.keyring,
    keysAvailable: keyring.available,
    keysPath,
    close: () => store.close(),
  });
};
