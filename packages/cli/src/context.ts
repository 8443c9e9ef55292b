import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { createCommandService, type CommandService, type ReadModelStore } from '@jamsos/core';
import { baselinePolicy, type Policy } from '@jamsos/domain';
import { createSqliteReadModelStore, openSqliteEventStore, type SqliteEventStore } from '@jamsos/store-sqlite';

/** The default store file, under the working directory. */
export const DEFAULT_DB = 'jamsos.db';

/** Everything a command works with: the store, its read models, the policy, the clock. */
export interface Context {
  readonly path: string;
  readonly store: SqliteEventStore;
  readonly readModels: ReadModelStore;
  readonly policy: Policy;
  readonly service: CommandService;
  readonly clock: () => string;
  /** An opaque, stable participant id for a NIK: keyed by a secret kept in this store, so it cannot be reversed by trying NIKs. */
  readonly participantIdFor: (nik: string) => string;
  /** Marks the store as holding synthetic demo data. */
  readonly markSynthetic: (description: string) => void;
  /** The note a demo store carries ("synthetic data: ..."), or undefined for a real store. */
  readonly syntheticNote: () => string | undefined;
  readonly close: () => Promise<void>;
}

/** A problem opening the store, in words a clerk can act on. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** Opens (or, when allowed, creates) the store at a path. */
export const openContext = (dbOption: string | undefined, options: { readonly create: boolean }): Context => {
  const path = resolve(dbOption ?? DEFAULT_DB);
  if (!options.create && !existsSync(path)) throw new StoreOpenError(`no jamsos store at ${path}: run \`jamsos demo\` or \`jamsos import <roster.csv>\` first, or give --db PATH`);
  const opened = openSqliteEventStore({ path });
  if (E.isLeft(opened)) throw new StoreOpenError(`cannot open the store at ${path}: ${opened.left.message}`);
  const store = opened.right;
  const db = store.database;
  db.exec('CREATE TABLE IF NOT EXISTS jamsos_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  db.prepare("INSERT OR IGNORE INTO jamsos_meta (key, value) VALUES ('participant-id-key', ?)").run(randomBytes(32).toString('hex'));
  const key = (db.prepare("SELECT value FROM jamsos_meta WHERE key = 'participant-id-key'").get() as { value: string }).value;
  const clock = () => new Date().toISOString();
  const policy = baselinePolicy;
  return {
    path,
    store,
    readModels: createSqliteReadModelStore(db),
    policy,
    service: createCommandService({ store, clock, policy }),
    clock,
    participantIdFor: (nik) => `p-${createHmac('sha256', Buffer.from(key, 'hex')).update(nik).digest('hex').slice(0, 24)}`,
    markSynthetic: (description) => void db.prepare("INSERT OR REPLACE INTO jamsos_meta (key, value) VALUES ('synthetic', ?)").run(description),
    syntheticNote: () => (db.prepare("SELECT value FROM jamsos_meta WHERE key = 'synthetic'").get() as { value: string } | undefined)?.value,
    close: () => store.close(),
  };
};
