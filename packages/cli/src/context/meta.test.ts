import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParticipantIdC } from '@jamsos/domain';
import { participantIdsUnder } from './meta.js';

const key = Buffer.alloc(32, 7);
const nikLike = fc.stringMatching(/^[0-9]{16}$/);
/** The plain HMAC id, as participantIdsUnder made it for every NIK before refused ids were replaced. */
const plainId = (nik: string): string => `p-${createHmac('sha256', key).update(nik).digest('hex').slice(0, 24)}`;

describe('participant ids from NIKs (participantIdsUnder)', () => {
  it('are always accepted by ParticipantIdC, stable, and distinct for distinct NIKs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uniqueArray(nikLike, { minLength: 2, maxLength: 20 }), (bytes, niks) => {
        const idFor = participantIdsUnder(Buffer.from(bytes));
        const ids = niks.map(idFor);
        for (const id of ids) expect(ParticipantIdC.is(id), id).toBe(true);
        expect(niks.map(idFor)).toEqual(ids);
        expect(new Set(ids).size).toBe(niks.length);
      }),
      { numRuns: 200 },
    );
  });

  it('keep the plain HMAC id whenever the codec accepts it, and replace it only when it looks like a NIK', () => {
    const idFor = participantIdsUnder(key);
    fc.assert(fc.property(nikLike, (nik) => {
        expect(idFor(nik) === plainId(nik)).toBe(ParticipantIdC.is(plainId(nik)));
      }), { numRuns: 500 });
    const refused = Array.from({ length: 100_000 }, (_, i) => `3672${String(i).padStart(12, '0')}`).find((nik) => !ParticipantIdC.is(plainId(nik)));
    expect(refused, 'a NIK whose plain HMAC id holds 16 digits in a row (about 1 in 450)').toBeDefined();
    expect(idFor(refused as string)).toBe(ParticipantIdC.is(plainId(`${refused}#1`)) ? plainId(`${refused}#1`) : idFor(refused as string));
    expect(ParticipantIdC.is(idFor(refused as string))).toBe(true);
  });
});
