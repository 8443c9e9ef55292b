import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BranchIdC, IsoDate, IsoDateC, MAX_AMOUNT, NonNegativeRupiahC, ParticipantIdC, PeriodC, PositiveRupiahC, ProgrammeC } from '@jamsos/domain';
import { dayNumberOf, isBranchId, isParticipantId, isPeriod, isProgramme, isRupiah } from './fields.js';

/** Texts near the shapes checked: digits and dashes in the right places, and a little of everything else. */
const nearDate = fc.oneof(
  fc.date({ min: new Date(Date.UTC(1850, 0, 1)), max: new Date(Date.UTC(3050, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: 1890, max: 3010 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.stringMatching(/^[0-9:/ -]{8,11}$/),
  fc.string({ maxLength: 12 }),
);
const nearPeriod = fc.oneof(nearDate.map((d) => d.slice(0, 7)), fc.stringMatching(/^[0-9-]{6,8}$/), fc.string({ maxLength: 8 }));
const anyValue = fc.oneof(fc.anything(), fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, -0, [], {}));
const amount = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(MAX_AMOUNT, MAX_AMOUNT + 1, -MAX_AMOUNT, 2 ** 53, 0.5, '1', null),
  fc.bigInt().map((n) => Number(n)),
);
const idLike = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:|-]{0,82}$/), fc.stringMatching(/^[A-Z0-9-]{0,41}$/), fc.stringMatching(/^p-\d{10,18}$/), fc.string());

describe('field checks agree with the domain codecs', () => {
  it('dayNumberOf: a day number exactly for the dates IsoDateC accepts, the domain\'s own', () => {
    fc.assert(
      fc.property(fc.oneof(nearDate, anyValue), (value) => {
        const day = dayNumberOf(value);
        expect(IsoDateC.is(value)).toBe(day !== undefined);
        if (day !== undefined) expect(day).toBe(IsoDate.toDayNumber(value as IsoDate));
      }),
      { numRuns: 5_000 },
    );
  });

  it('isPeriod accepts exactly what PeriodC accepts', () => {
    fc.assert(
      fc.property(fc.oneof(nearPeriod, anyValue), (value) => {
        expect(isPeriod(value)).toBe(PeriodC.is(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('isRupiah accepts exactly what NonNegativeRupiahC (0) and PositiveRupiahC (1) accept', () => {
    fc.assert(
      fc.property(fc.oneof(amount, anyValue), (value) => {
        expect(isRupiah(value, 0)).toBe(NonNegativeRupiahC.is(value));
        expect(isRupiah(value, 1)).toBe(PositiveRupiahC.is(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('isProgramme accepts exactly what ProgrammeC accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('JKK', 'JKM', 'JHT', 'JP', 'JKP', 'jkk', 'JK', ''), anyValue), (value) => {
        expect(isProgramme(value)).toBe(ProgrammeC.is(value));
      }),
    );
  });

  it('isParticipantId and isBranchId accept exactly what their codecs accept, in any sequence (they remember the last accepted text)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(idLike, anyValue), { maxLength: 30 }), fc.array(fc.nat(29), { maxLength: 30 }), (values, repeats) => {
        const sequence = [...values, ...repeats.map((i) => values[i % Math.max(1, values.length)])];
        for (const value of sequence) {
          expect(isParticipantId(value)).toBe(ParticipantIdC.is(value));
          expect(isBranchId(value)).toBe(BranchIdC.is(value));
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
