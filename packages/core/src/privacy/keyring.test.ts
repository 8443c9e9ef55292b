import { describe, expect, it } from 'vitest';
import { createInMemoryKeyring, cryptoRandomBytes, seededRandomBytes } from './keyring.js';
import { keyringContractSuite } from './keyring-contract.js';

keyringContractSuite('in-memory keyring', async () => ({ keyring: createInMemoryKeyring() }));

describe('seededRandomBytes', () => {
  it('repeats for a seed and differs between seeds', () => {
    expect(seededRandomBytes(3)(32)).toEqual(seededRandomBytes(3)(32));
    expect(Buffer.from(seededRandomBytes(3)(32)).equals(Buffer.from(seededRandomBytes(4)(32)))).toBe(false);
    const random = seededRandomBytes(3);
    expect(Buffer.from(random(12)).equals(Buffer.from(random(12)))).toBe(false);
  });
});

describe('cryptoRandomBytes', () => {
  it('hands out slices of the asked size that never repeat, across pool refills, and are not views of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = cryptoRandomBytes(i % 3 === 0 ? 32 : 12);
      expect(bytes).toHaveLength(i % 3 === 0 ? 32 : 12);
      expect(bytes.byteOffset).toBe(0);
      seen.add(Buffer.from(bytes).toString('hex'));
    }
    expect(seen.size).toBe(2_000);
    expect(cryptoRandomBytes(10_000)).toHaveLength(10_000);
  });
});
