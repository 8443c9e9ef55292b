/** Turning client errors into the port's error values. */
import { CancelledError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { storeFailure, type StoreFailure } from '@jamsos/core';

/** A StoreFailure for a thrown client error, naming what failed and the client's error type. */
export const toStoreFailure = (what: string, cause: unknown): StoreFailure => {
  const type = typeof cause === 'object' && cause !== null ? (cause as { readonly type?: unknown }).type : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  return storeFailure(`${what} failed${typeof type === 'string' ? ` (${type})` : ''}: ${message}`, cause);
};

/** True for the client's stream-not-found error (a missing stream on read). */
export const isStreamNotFound = (error: unknown): error is StreamNotFoundError => error instanceof StreamNotFoundError;

/** True for the client's wrong-expected-version error. */
export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError => error instanceof WrongExpectedVersionError;

/** True for the errors the first call after a dropped connection fails with: worth one retry. */
export const isTransient = (error: unknown): boolean => error instanceof CancelledError || error instanceof UnavailableError;

/** Runs an operation, once more if it failed with a transient connection error (the client reconnects meanwhile). */
export const retryOnce = async <A>(operation: () => Promise<A>): Promise<A> => {
  try {
    return await operation();
  } catch (error) {
    if (!isTransient(error)) throw error;
    return operation();
  }
};
