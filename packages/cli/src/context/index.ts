import type { Context, OpenOptions } from './context.js';
import { openSqliteContext } from './sqlite.js';
import type { StoreTarget } from './target.js';

export { StoreOpenError, type Context, type OpenOptions } from './context.js';
export { DEFAULT_DB, DEFAULT_READ_MODELS, PARTICIPANT_ID_KEY_ENV, redactConnectionString, storeTargetOf, type StoreTarget } from './target.js';

/**
 * Opens the context of a store: SQLite (one file) or EventStoreDB (events on the server, read models
 * in a local file). The EventStoreDB client (gRPC) is loaded only when needed: it doubles start-up time.
 */
export const openContext = async (target: StoreTarget, options: OpenOptions): Promise<Context> =>
  target.kind === 'esdb' ? (await import('./esdb.js')).openEsdbContext(target, options) : openSqliteContext(target, options);
