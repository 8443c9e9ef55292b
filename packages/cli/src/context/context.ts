import { createCommandService, pollingSubscription, withHashChain, type CommandService, type EventStore, type ReadModelStore, type SubscribeToLog } from '@jamsos/core';
import { baselinePolicy, type Policy } from '@jamsos/domain';
import { META, type Meta } from './meta.js';

/** Everything a command works with, on either backend: the event store, the read models and local metadata, the policy, the clock. */
export interface Context {
  readonly backend: 'sqlite' | 'esdb';
  /** Where the events are, for messages: the SQLite file, or the connection string with any password hidden. */
  readonly where: string;
  /** The SQLite file holding the read models and the local metadata (the store's own file on SQLite). */
  readonly readModelsPath: string;
  /**
   * The event store, hash-chained: every append (the command service's, the demo's, anything a
   * command writes) goes through `withHashChain`, so each event carries `metadata.chain`; reads pass
   * straight through to the backend.
   */
  readonly store: EventStore;
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
  readonly close: () => Promise<void>;
}

/**
 * A context on a backend's store, read models and metadata, with the baseline policy and the wall
 * clock. Writes go through the hash-chain decorator (see Context.store); subscriptions read the backend.
 */
export const assembleContext = (parts: BackendParts): Context => {
  const clock = () => new Date().toISOString();
  const policy = baselinePolicy;
  const { meta, subscribe, store: backend, ...rest } = parts;
  const store = withHashChain(backend);
  return {
    ...rest,
    store,
    subscribe: subscribe ?? pollingSubscription(backend, { intervalMs: 500 }),
    policy,
    service: createCommandService({ store, clock, policy }),
    clock,
    markSynthetic: (description) => meta.set(META.synthetic, description),
    syntheticNote: () => meta.get(META.synthetic),
  };
};
