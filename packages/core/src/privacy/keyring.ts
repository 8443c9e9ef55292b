/**
 * The keyring port: one AES-256 key per participant, kept apart from the events (never in a payload),
 * made on first use, and destroyed on request, leaving a tombstone so that no new key is ever made for
 * a forgotten participant. Adapters: the in-memory keyring here, a SQLite file in @jamsos/store-sqlite.
 */
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { StoreFailure } from '../store/errors.js';
import { KEY_BYTES } from './envelope.js';

/** A participant's key exists. */
export interface ActiveKey {
  readonly _tag: 'Active';
  readonly key: Uint8Array;
}

/** A participant's key was destroyed: their personal data reads back redacted, and no new key is made. */
export interface ForgottenKey {
  readonly _tag: 'Forgotten';
  readonly forgottenAt: string;
}

/** The keyring holds nothing for the participant: no key was ever made (or the key file is not this store's). */
export interface AbsentKey {
  readonly _tag: 'Absent';
}

/** What a keyring knows of a participant's key. */
export type KeyState = ActiveKey | ForgottenKey | AbsentKey;

/**
 * What destroying a key did: destroyed the key, or only left a tombstone (no key was held), or nothing
 * (already forgotten). `wiped` says whether the storage confirmed that the key bytes are overwritten
 * (SQLite: secure_delete and a completed WAL checkpoint); false means they may linger until the next one.
 */
export type KeyDestruction =
  | { readonly _tag: 'KeyDestroyed'; readonly forgottenAt: string; readonly wiped: boolean }
  | { readonly _tag: 'NoKeyHeld'; readonly forgottenAt: string }
  | { readonly _tag: 'AlreadyForgotten'; readonly forgottenAt: string };

/** The keyring port. Failures to reach the keyring are StoreFailure values. */
export interface Keyring {
  /** The state of a participant's key. */
  readonly lookup: (participantId: string) => TE.TaskEither<StoreFailure, KeyState>;
  /** The participant's key, made (random, 256 bits) on first use; Forgotten once forgotten, never a new key. */
  readonly obtain: (participantId: string) => TE.TaskEither<StoreFailure, ActiveKey | ForgottenKey>;
  /** Destroys the participant's key and leaves a tombstone dated `at`; idempotent. */
  readonly forget: (participantId: string, at: string) => TE.TaskEither<StoreFailure, KeyDestruction>;
  /** Releases the keyring's resources. */
  readonly close?: () => Promise<void>;
}

/** A source of random bytes (node:crypto's randomBytes by default; a seeded one in tests). */
export type RandomBytes = (size: number) => Uint8Array;

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

/**
 * node:crypto's random bytes, drawn 4 KiB at a time (one small randomBytes call costs as much as
 * encrypting a field); each slice handed out is copied and zeroed in the pool, so no key or IV
 * lingers there.
 */
export const cryptoRandomBytes: RandomBytes = (size) => {
  if (size > POOL_BYTES) return randomBytes(size);
  if (used + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const out = Uint8Array.prototype.slice.call(pool, used, used + size);
  pool.fill(0, used, used + size);
  used += size;
  return out;
};

/**
 * Deterministic, NOT cryptographic, bytes from a seed (xorshift32): for tests and simulations that
 * must repeat exactly. Never use it for real keys or IVs.
 */
export const seededRandomBytes = (seed: number): RandomBytes => {
  let state = seed >>> 0 || 0x9e3779b9;
  return (size) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[i] = state & 0xff;
    }
    return out;
  };
};

/** Options of the in-memory keyring. */
export interface InMemoryKeyringOptions {
  readonly random?: RandomBytes;
}

/** An in-memory keyring, for tests, examples and what-if replays: keys in a map, tombstones beside them. */
export const createInMemoryKeyring = (options: InMemoryKeyringOptions = {}): Keyring & { readonly size: () => { readonly keys: number; readonly forgotten: number } } => {
  const random = options.random ?? cryptoRandomBytes;
  const keys = new Map<string, Uint8Array>();
  const forgotten = new Map<string, string>();
  const stateOf = (participantId: string): KeyState => {
    const at = forgotten.get(participantId);
    if (at !== undefined) return { _tag: 'Forgotten', forgottenAt: at };
    const key = keys.get(participantId);
    // A copy: destroying the key zeroes the keyring's bytes, not those of a read in flight.
    return key === undefined ? { _tag: 'Absent' } : { _tag: 'Active', key: Uint8Array.from(key) };
  };
  return {
    lookup: (participantId) => async () => E.right(stateOf(participantId)),
    obtain: (participantId) => async () => {
      const state = stateOf(participantId);
      if (state._tag !== 'Absent') return E.right(state);
      const key = Uint8Array.from(random(KEY_BYTES));
      keys.set(participantId, key);
      return E.right({ _tag: 'Active', key: Uint8Array.from(key) });
    },
    forget: (participantId, at) => async () => {
      const before = forgotten.get(participantId);
      if (before !== undefined) return E.right({ _tag: 'AlreadyForgotten', forgottenAt: before });
      const key = keys.get(participantId);
      keys.delete(participantId);
      forgotten.set(participantId, at);
      // Overwriting the keyring's own bytes is the most a JS heap allows (lookups got copies).
      key?.fill(0);
      return E.right(key === undefined ? { _tag: 'NoKeyHeld', forgottenAt: at } : { _tag: 'KeyDestroyed', forgottenAt: at, wiped: true });
    },
    size: () => ({ keys: keys.size, forgotten: forgotten.size }),
  };
};
