import { resolve } from 'node:path';
import { optionOf, UsageError, type ParsedArgs } from '../args.js';

/** The default SQLite store file, under the working directory. */
export const DEFAULT_DB = 'jamsos.db';

/** The default file for the read models and local metadata of an EventStoreDB store, under the working directory. */
export const DEFAULT_READ_MODELS = 'jamsos-read-models.db';

/** The environment variable holding the participant-id key when the events live on EventStoreDB. */
export const PARTICIPANT_ID_KEY_ENV = 'JAMSOS_PARTICIPANT_ID_KEY';

/** The environment variable bounding the wait for EventStoreDB's first answer, in milliseconds. */
export const CONNECT_TIMEOUT_ENV = 'JAMSOS_ESDB_TIMEOUT_MS';

/** How long a command waits for EventStoreDB's first answer unless told otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** The environment variable naming the key file of participants' personal-data keys (like --keys FILE). */
export const KEYS_ENV = 'JAMSOS_KEYS';

/** Events, read models and metadata in one SQLite file. */
export interface SqliteTarget {
  readonly kind: 'sqlite';
  readonly path: string;
  /** The key file given with --keys or JAMSOS_KEYS; by default one beside the store (see openKeyringFor in context/context.ts). */
  readonly keysPath?: string;
}

/** Events on an EventStoreDB server; read models and local metadata in a SQLite file on this machine. */
export interface EsdbTarget {
  readonly kind: 'esdb';
  readonly connectionString: string;
  readonly readModelsPath: string;
  /** The participant-id key from the environment (32 bytes), when the command needs participant ids. */
  readonly participantIdKey: Buffer | undefined;
  readonly connectTimeoutMs: number;
  /** The key file given with --keys or JAMSOS_KEYS; by default jamsos-esdb-keys.db beside the read-model file. */
  readonly keysPath?: string;
}

/** Where a command's store is. */
export type StoreTarget = SqliteTarget | EsdbTarget;

/** True for a connection string the EventStoreDB client takes (`esdb://`, `esdb+discover://`). */
export const isEsdbConnectionString = (where: string): boolean => /^esdb(\+discover)?:\/\//i.test(where);

/** A connection string fit to print: any password replaced by `***`. */
export const redactConnectionString = (connectionString: string): string => connectionString.replace(/^([a-z+]+:\/\/[^:@/?]*):[^@/?]*@/i, '$1:***@');

/** How to create a participant-id key, as the messages say it. */
export const CREATE_KEY_HINT = `node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`;

/** The participant-id key from the environment, checked; a usage error says how to create one. */
export const participantIdKeyFromEnv = (env: NodeJS.ProcessEnv = process.env): Buffer => {
  const value = env[PARTICIPANT_ID_KEY_ENV]?.trim();
  const why = `on EventStoreDB the key that turns NIKs into participant ids is kept out of the event log (anyone who can read the log could otherwise recompute ids from NIKs), so jamsos import takes it from ${PARTICIPANT_ID_KEY_ENV}`;
  const how = `create one once with  ${CREATE_KEY_HINT}  , keep it secret, and give the same key to every import into this database (another key gives the same worker a second id)`;
  if (value === undefined || value === '') throw new UsageError(`${PARTICIPANT_ID_KEY_ENV} is not set: ${why}; ${how}`);
  if (!/^[0-9a-f]{64}$/i.test(value)) throw new UsageError(`${PARTICIPANT_ID_KEY_ENV} must be 64 hex characters (32 bytes), got ${value.length} characters${/^[0-9a-f]*$/i.test(value) ? '' : ' that are not all hex digits'}: ${how}`);
  return Buffer.from(value, 'hex');
};

/** The connect timeout from the environment, or the default. */
const connectTimeoutFromEnv = (env: NodeJS.ProcessEnv): number => {
  const given = env[CONNECT_TIMEOUT_ENV];
  if (given === undefined || given === '') return DEFAULT_CONNECT_TIMEOUT_MS;
  const ms = Number(given);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) throw new UsageError(`${CONNECT_TIMEOUT_ENV} takes milliseconds from 100 to 600000 (got "${given}")`);
  return ms;
};

/**
 * The store a command names with --db PATH or --store (an `esdb://` connection string or a SQLite
 * path), with --read-models PATH for EventStoreDB. With `participantIds`, an EventStoreDB target
 * carries the key from the environment (a usage error when it is missing or malformed).
 */
export const storeTargetOf = (args: ParsedArgs, options: { readonly participantIds?: boolean; readonly env?: NodeJS.ProcessEnv } = {}): StoreTarget => {
  const env = options.env ?? process.env;
  const db = optionOf(args, 'db');
  const store = optionOf(args, 'store');
  const readModels = optionOf(args, 'read-models');
  if (db !== undefined && store !== undefined) throw new UsageError('give --db PATH or --store WHERE, not both (--store takes an esdb:// connection string or a SQLite path; --db only a SQLite path)');
  if (store !== undefined && store.trim() === '') throw new UsageError('--store needs an esdb:// connection string or a SQLite file path');
  const keys = optionOf(args, 'keys') ?? env[KEYS_ENV];
  const keysPath = keys === undefined || keys.trim() === '' ? {} : { keysPath: resolve(keys) };
  if (store !== undefined && isEsdbConnectionString(store)) {
    return {
      kind: 'esdb',
      connectionString: store,
      readModelsPath: resolve(readModels ?? DEFAULT_READ_MODELS),
      participantIdKey: options.participantIds === true ? participantIdKeyFromEnv(env) : undefined,
      connectTimeoutMs: connectTimeoutFromEnv(env),
      ...keysPath,
    };
  }
  if (store !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(store)) throw new UsageError(`--store takes an esdb:// or esdb+discover:// connection string or a SQLite file path (got "${redactConnectionString(store)}")`);
  if (readModels !== undefined) throw new UsageError('--read-models goes with an EventStoreDB --store esdb://...: a SQLite store keeps its read models in its own file');
  return { kind: 'sqlite', path: resolve(store ?? db ?? DEFAULT_DB), ...keysPath };
};
