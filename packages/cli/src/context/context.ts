import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import {
  createCommandService,
  pollingSubscription,
  revealingSubscription,
  storeFailure,
  withHashChain,
  withPersonalDataEncryption,
  type CommandService,
  type EventStore,
  type Keyring,
  type PersonalDataStore,
  type ReadModelStore,
  type SubscribeToLog,
} from '@jamsos/core';
import { baselinePolicy, type Policy } from '@jamsos/domain';
import { openSqliteKeyring } from '@jamsos/store-sqlite';
import { META, type Meta } from './meta.js';

/** Everything a command works with, on either backend: the event store, the read models and local metadata, the policy, the clock. */
export interface Context {
  readonly backend: 'sqlite' | 'esdb';
  /** Where the events are, for messages: the SQLite file, or the connection string with any password hidden. */
  readonly where: string;
  /** The SQLite file holding the read models and the local metadata (the store's own file on SQLite). */
  readonly readModelsPath: string;
  /**
   * The event store, as `withPersonalDataEncryption(withHashChain(backend), keyring)`: every append (the
   * command service's, the demo's, anything a command writes) has its personal data encrypted with the
   * participant's key, then is hash-chained (`metadata.chain`, over the ciphertext); reads decrypt, or
   * redact a forgotten participant's fields. `store.stored` reads the backend as stored (audit verify).
   */
  readonly store: PersonalDataStore;
  /** The key file holding the participants' personal-data keys (never the events' file). */
  readonly keysPath: string;
  /**
   * False when the store's key file is not at its default path: the store then reads as if everyone
   * were forgotten (every count and amount the same), and reading or writing personal data (export,
   * forget, a registration) fails with a message naming the missing file.
   */
  readonly keysAvailable: boolean;
  /** Live feed of the log for `jamsos follow`: EventStoreDB's catch-up subscriptions, or polling on SQLite. */
  readonly subscribe: SubscribeToLog;
  readonly readModels: ReadModelStore;
  readonly policy: Policy;
  readonly service: CommandService;
  readonly clock: () => string;
  /** An opaque, stable participant id for a NIK: an HMAC under a secret key, so it cannot be reversed by trying NIKs. */
  readonly participantIdFor: (nik: string) => string;
  /** Marks the store as holding synthetic demo data. */
  readonly markSynthetic: (description: string) => void;
  /** The note a demo store carries ("synthetic data: ..."), or undefined for a real store. */
  readonly syntheticNote: () => string | undefined;
  readonly close: () => Promise<void>;
}

/** A problem opening or reaching the store, in words a clerk can act on (exit code 1). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** How to open a context. */
export interface OpenOptions {
  /** May the store be new (SQLite: create the file; EventStoreDB: accept an empty log)? */
  readonly create: boolean;
  /** Refuse a store that already holds events (EventStoreDB only: the demo cannot delete a server's data). */
  readonly requireEmpty?: boolean;
}

/** What a backend provides; the rest of a context is the same for both. */
export interface BackendParts {
  readonly backend: Context['backend'];
  readonly where: string;
  readonly readModelsPath: string;
  readonly store: EventStore;
  /** The backend's live feed; polling the store by default. */
  readonly subscribe?: SubscribeToLog;
  readonly readModels: ReadModelStore;
  readonly meta: Meta;
  readonly participantIdFor: (nik: string) => string;
  /** The participants' personal-data keys (see openKeyringFor); closed with the context. */
  readonly keyring: Keyring;
  readonly keysPath: string;
  readonly keysAvailable: boolean;
  readonly close: () => Promise<void>;
}

/**
 * A context on a backend's store, read models and metadata, with the baseline policy and the wall
 * clock. Writes are encrypted, then hash-chained (see Context.store); subscriptions read as the store does.
 */
export const assembleContext = (parts: BackendParts): Context => {
  const clock = () => new Date().toISOString();
  const policy = baselinePolicy;
  const { meta, subscribe, store: backend, keyring, close, ...rest } = parts;
  const store = withPersonalDataEncryption(withHashChain(backend), keyring, parts.keysAvailable ? {} : { reads: 'redact' });
  return {
    ...rest,
    store,
    close: async () => {
      try {
        await close();
      } finally {
        await keyring.close?.();
      }
    },
    subscribe: subscribe === undefined ? pollingSubscription(store, { intervalMs: 500 }) : revealingSubscription(subscribe, store),
    policy,
    service: createCommandService({ store, clock, policy }),
    clock,
    markSynthetic: (description) => meta.set(META.synthetic, description),
    syntheticNote: () => meta.get(META.synthetic),
  };
};

/** The metadata key under which a store records the id of its key file. */
const KEYRING_META = 'personal-data-keyring-id';

/** The default key file of an EventStoreDB log, in the read-model file's directory. */
export const DEFAULT_ESDB_KEYS = 'jamsos-esdb-keys.db';

/** The default key file beside a file: "jamsos.db" gives "jamsos-keys.db", "x.sqlite" gives "x-keys.db". */
export const keysPathBeside = (path: string): string => join(dirname(path), `${basename(path).replace(/\.(db|sqlite3?)$/i, '')}-keys.db`);

/** Where a command's key file is, and whether the user named it (--keys, JAMSOS_KEYS) or it is the default. */
export interface KeysLocation {
  readonly path: string;
  readonly given: boolean;
}

/** A store's keyring as opened for a command: the key file, or a stand-in that explains why it is not here. */
export interface OpenedKeyring {
  readonly keyring: Keyring;
  readonly available: boolean;
}

/** A keyring for a key file that is not here: every use fails with the message. */
const missingKeyring = (message: string): Keyring => {
  const fail = () => async () => E.left(storeFailure(message));
  return { lookup: fail, obtain: fail, forget: fail };
};

/**
 * Opens a store's key file (creating it when missing) and ties it to the store: the store's metadata
 * records the file's id on first use, and a later open refuses another store's key file (new keys would
 * not match old ciphertexts) or a named key file (--keys, JAMSOS_KEYS) that is not there. A store whose
 * key file is not at the default path (a copy of the events alone, e.g. for an auditor) opens without
 * keys: it reads redacted, and anything needing personal data says which file is missing. `mayCreate:
 * false` (an EventStoreDB log that holds events, whose tie to a key file is only in the disposable
 * read-model file) opens without keys rather than make an empty key file at the default path. `fresh`:
 * the store is being created anew (jamsos demo), so a key file left at the default path by the store
 * it replaces is removed first; a named key file never is.
 */
export const openKeyringFor = (meta: Meta, keys: KeysLocation, options: { readonly fresh: boolean; readonly eventsPath?: string; readonly mayCreate?: boolean }): OpenedKeyring => {
  if (options.eventsPath !== undefined && resolve(options.eventsPath) === resolve(keys.path))
    throw new StoreOpenError(`the key file cannot be the store's own file (${keys.path}): keys live apart from the events; give --keys another path`);
  const bound = meta.get(KEYRING_META);
  const exists = existsSync(keys.path);
  if (bound !== undefined && !exists) {
    const message = `the key file ${keys.path} is not there: this store's personal data (names, NIKs, birth dates, heirs) is encrypted with the keys in it (key file id ${bound}); give --keys FILE or JAMSOS_KEYS where it is`;
    if (keys.given) throw new StoreOpenError(message);
    return { keyring: missingKeyring(message), available: false };
  }
  if (bound === undefined && !exists && !keys.given && options.mayCreate === false) {
    const message = `no key file at ${keys.path} for this store, which already holds events: give --keys FILE or JAMSOS_KEYS with the key file made when its first events were written (or, for a store written before encryption, a new file's path)`;
    return { keyring: missingKeyring(message), available: false };
  }
  if (options.fresh && exists && !keys.given && bound === undefined) for (const suffix of ['', '-wal', '-shm']) rmSync(`${keys.path}${suffix}`, { force: true });
  const opened = openSqliteKeyring({ path: keys.path });
  if (E.isLeft(opened)) throw new StoreOpenError(`cannot open the key file ${keys.path}: ${opened.left.message} (give --keys FILE in a writable directory)`);
  const keyring = opened.right;
  if (bound !== undefined && keyring.id !== bound) {
    void keyring.close();
    throw new StoreOpenError(`the key file ${keys.path} is not this store's (its id is ${keyring.id}, the store expects ${bound}): give --keys FILE or JAMSOS_KEYS with the store's own key file`);
  }
  if (bound === undefined) meta.set(KEYRING_META, keyring.id);
  return { keyring, available: true };
};
