import { storeFailure, type StoreFailure } from '@jamsos/core';

/** The SQLite result code of an error (SQLITE_BUSY, SQLITE_IOERR_WRITE, ...), if it has one. */
export const sqliteCode = (cause: unknown): string | undefined => {
  const code = typeof cause === 'object' && cause !== null ? (cause as { readonly code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** A StoreFailure for a thrown SQLite or driver error, naming what failed and the SQLite code. */
export const toStoreFailure = (what: string, cause: unknown): StoreFailure => {
  const code = sqliteCode(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  return storeFailure(`${what} failed${code === undefined ? '' : ` (${code})`}: ${message}`, cause);
};
