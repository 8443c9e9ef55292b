import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IV_BYTES, KEY_BYTES, isEnvelope, openEnvelope, sealEnvelope, type Envelope } from './envelope.js';
import { seededRandomBytes } from './keyring.js';

const random = seededRandomBytes(7);
const key = random(KEY_BYTES);
const place = { streamName: 'participant-p-1', eventId: 'e-1', path: 'name' };

/** The envelope with one base64 part's first byte flipped. */
const flipped = (envelope: Envelope, part: 'iv' | 'ct' | 'tag'): Envelope => {
  const bytes = Buffer.from(envelope[part], 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return { ...envelope, [part]: bytes.toString('base64') };
};

describe('the personal-data envelope (AES-256-GCM)', () => {
  it('given any JSON value, when sealed and opened at the same place with the same key, then it comes back equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const envelope = sealEnvelope(value, key, 'p-1', random(IV_BYTES), place);
        expect(isEnvelope(envelope)).toBe(true);
        // JSON round trip: -0 becomes 0, as in any JSON column.
        expect(openEnvelope(envelope, key, place)).toEqual(E.right(JSON.parse(JSON.stringify(value))));
      }),
      { numRuns: 200 },
    );
  });

  it('given the same value twice, when sealed with fresh IVs, then the ciphertexts differ and carry no plaintext', () => {
    const a = sealEnvelope('Siti Aminah', key, 'p-1', random(IV_BYTES), place);
    const b = sealEnvelope('Siti Aminah', key, 'p-1', random(IV_BYTES), place);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain('Siti');
    expect(a).toMatchObject({ $pdp: 1, kid: 'p-1' });
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
  });

  it('given a ciphertext, IV or tag altered by one bit, when opened, then the tag does not verify (a value, not a throw)', () => {
    const envelope = sealEnvelope('3672011507850003', key, 'p-1', random(IV_BYTES), place);
    for (const part of ['iv', 'ct', 'tag'] as const) expect(openEnvelope(flipped(envelope, part), key, place)).toEqual(E.left('TagMismatch'));
  });

  it('given an envelope moved to another stream, event or field, when opened there, then it does not verify (the place is AAD)', () => {
    const envelope = sealEnvelope('Ahmad Fauzi', key, 'p-1', random(IV_BYTES), place);
    for (const elsewhere of [{ ...place, streamName: 'participant-p-2' }, { ...place, eventId: 'e-2' }, { ...place, path: 'claimantName' }])
      expect(openEnvelope(envelope, key, elsewhere)).toEqual(E.left('TagMismatch'));
  });

  it('given another key, when opened, then it does not verify', () => {
    const envelope = sealEnvelope('Ahmad Fauzi', key, 'p-1', random(IV_BYTES), place);
    expect(openEnvelope(envelope, random(KEY_BYTES), place)).toEqual(E.left('TagMismatch'));
  });

  it('given malformed parts (a truncated tag, a short IV), when opened, then MalformedEnvelope; a ciphertext that is not base64 fails the tag', () => {
    const envelope = sealEnvelope('x', key, 'p-1', random(IV_BYTES), place);
    expect(openEnvelope({ ...envelope, tag: Buffer.from(envelope.tag, 'base64').subarray(0, 4).toString('base64') }, key, place)).toEqual(E.left('MalformedEnvelope'));
    expect(openEnvelope({ ...envelope, iv: 'AAAA' }, key, place)).toEqual(E.left('MalformedEnvelope'));
    expect(openEnvelope({ ...envelope, ct: '***' }, key, place)).toEqual(E.left('TagMismatch'));
  });

  it('given a value that is not JSON, when sealed, then it throws a TypeError naming no value', () => {
    expect(() => sealEnvelope(10n, key, 'p-1', random(IV_BYTES), place)).toThrow(TypeError);
    expect(() => sealEnvelope(undefined, key, 'p-1', random(IV_BYTES), place)).toThrow('the value has no JSON form');
  });

  it('recognises envelopes by shape only', () => {
    expect(isEnvelope({ $pdp: 1, kid: 'k', iv: '', ct: '', tag: '' })).toBe(true);
    for (const other of ['x', null, [], { $pdp: 2, kid: 'k', iv: '', ct: '', tag: '' }, { $pdp: 1, kid: 'k' }]) expect(isEnvelope(other)).toBe(false);
  });
});
