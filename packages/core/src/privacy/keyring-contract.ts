import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_BYTES } from './envelope.js';
import type { KeyState, Keyring } from './keyring.js';

/** How a keyring contract suite gets a fresh, empty keyring, and how it gives it back. */
export type MakeKeyring = () => Promise<{ readonly keyring: Keyring; readonly teardown?: () => Promise<void> }>;

const right = async <A>(task: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected Right, got Left ${JSON.stringify(result.left)}`);
  return result.right;
};

const keyOf = (state: KeyState): Uint8Array => {
  if (state._tag !== 'Active') throw new Error(`expected an active key, got ${state._tag}`);
  return state.key;
};

/** The contract every keyring adapter passes: keys made once per participant, kept apart, destroyed for good, idempotently. */
export const keyringContractSuite = (name: string, makeKeyring: MakeKeyring): void => {
  describe(`${name}: the keyring contract`, () => {
    let keyring: Keyring;
    let teardown: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ keyring, teardown } = await makeKeyring());
    });
    afterEach(async () => {
      await teardown?.();
    });

    it('given a new participant, when a key is obtained twice, then it is made once: 256 bits, the same both times, and found by lookup', async () => {
      expect(await right(keyring.lookup('p-1'))).toEqual({ _tag: 'Absent' });
      const first = keyOf(await right(keyring.obtain('p-1')));
      expect(first).toHaveLength(KEY_BYTES);
      expect(Buffer.from(keyOf(await right(keyring.obtain('p-1')))).equals(Buffer.from(first))).toBe(true);
      expect(Buffer.from(keyOf(await right(keyring.lookup('p-1')))).equals(Buffer.from(first))).toBe(true);
    });

    it('given two participants, when keys are obtained, then each has their own', async () => {
      const a = keyOf(await right(keyring.obtain('p-a')));
      const b = keyOf(await right(keyring.obtain('p-b')));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    });

    it('given many concurrent first obtains for one participant, then they all get the same key', async () => {
      const keys = await Promise.all(Array.from({ length: 10 }, () => right(keyring.obtain('p-race'))));
      const hex = new Set(keys.map((state) => Buffer.from(keyOf(state)).toString('hex')));
      expect(hex.size).toBe(1);
    });

    it('given a key, when it is forgotten, then it is destroyed, lookups and obtains answer Forgotten with the date, and no new key is ever made', async () => {
      await right(keyring.obtain('p-1'));
      const destroyed = await right(keyring.forget('p-1', '2025-03-01T00:00:00.000Z'));
      expect(destroyed).toMatchObject({ _tag: 'KeyDestroyed', forgottenAt: '2025-03-01T00:00:00.000Z' });
      const forgotten = { _tag: 'Forgotten', forgottenAt: '2025-03-01T00:00:00.000Z' };
      expect(await right(keyring.lookup('p-1'))).toEqual(forgotten);
      expect(await right(keyring.obtain('p-1'))).toEqual(forgotten);
      expect(await right(keyring.lookup('p-1'))).toEqual(forgotten);
    });

    it('given a forgotten participant, when forgotten again, then AlreadyForgotten with the first date', async () => {
      await right(keyring.obtain('p-1'));
      await right(keyring.forget('p-1', '2025-03-01T00:00:00.000Z'));
      expect(await right(keyring.forget('p-1', '2025-04-01T00:00:00.000Z'))).toEqual({ _tag: 'AlreadyForgotten', forgottenAt: '2025-03-01T00:00:00.000Z' });
    });

    it('given no key, when forgotten, then only a tombstone (NoKeyHeld), which refuses a key later', async () => {
      expect(await right(keyring.forget('p-none', '2025-03-01T00:00:00.000Z'))).toEqual({ _tag: 'NoKeyHeld', forgottenAt: '2025-03-01T00:00:00.000Z' });
      expect(await right(keyring.obtain('p-none'))).toEqual({ _tag: 'Forgotten', forgottenAt: '2025-03-01T00:00:00.000Z' });
    });

    it('given one participant forgotten, then the others keep their keys', async () => {
      const kept = keyOf(await right(keyring.obtain('p-kept')));
      await right(keyring.obtain('p-gone'));
      await right(keyring.forget('p-gone', '2025-03-01T00:00:00.000Z'));
      expect(Buffer.from(keyOf(await right(keyring.lookup('p-kept')))).equals(Buffer.from(kept))).toBe(true);
    });

    it('given a key handed out, when it is forgotten, then the copy already handed out is not changed under the reader', async () => {
      const handed = keyOf(await right(keyring.obtain('p-1')));
      const before = Buffer.from(handed).toString('hex');
      await right(keyring.forget('p-1', '2025-03-01T00:00:00.000Z'));
      expect(Buffer.from(handed).toString('hex')).toBe(before);
    });
  });
};
