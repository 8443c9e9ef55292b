/** Commits of a live projection: state and checkpoint in one save, one save at a time, soon or now. */
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure, type StoreFailure } from '../store/errors.js';
import type { ReadModelSnapshot, ReadModelStore } from './read-model-store.js';

/** Schedules and runs the saves of one read model. */
export interface Commits {
  /** Marks the state as changed since the last save. */
  markDirty(): void;
  /** Saves now if anything changed (after any save already running); Left when a save failed. */
  now(): Promise<E.Either<StoreFailure, void>>;
  /** Saves within `delayMs` unless a save comes first. */
  soon(): void;
  /** The first failure of a save made by `soon`, if any. */
  readonly failure: () => StoreFailure | undefined;
  /** Saves made so far. */
  readonly count: () => number;
  /** Cancels a pending `soon`. */
  cancel(): void;
}

/**
 * Commits for a read model: `snapshot` is taken synchronously when a save starts, so the state and
 * its position always agree (the runner updates both in the same synchronous step), and saves are
 * chained so that an older snapshot never overwrites a newer one.
 */
export const createCommits = (readModels: ReadModelStore, name: string, delayMs: number, snapshot: () => ReadModelSnapshot | undefined): Commits => {
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<E.Either<StoreFailure, void>> = Promise.resolve(E.right(undefined));
  let failure: StoreFailure | undefined;
  let count = 0;
  const now = (): Promise<E.Either<StoreFailure, void>> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (failure !== undefined) return Promise.resolve(E.left(failure));
    const taken = dirty ? snapshot() : undefined;
    if (taken === undefined) return chain;
    dirty = false;
    chain = chain.then(async (previous) => {
      if (E.isLeft(previous)) return previous;
      try {
        await readModels.save(name, taken);
        count += 1;
        return E.right(undefined);
      } catch (cause) {
        failure = storeFailure(`could not save the ${name} read model`, cause);
        return E.left(failure);
      }
    });
    return chain;
  };
  return {
    markDirty: () => {
      dirty = true;
    },
    now,
    soon: () => {
      if (timer === undefined) timer = setTimeout(() => void now(), delayMs);
    },
    failure: () => failure,
    count: () => count,
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
};
