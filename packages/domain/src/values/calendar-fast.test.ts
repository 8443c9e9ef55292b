import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoDate, Period } from './calendar.js';

/** Period.index and Period.fromIndex as they were before the digit-by-digit reading and the cache of month strings. */
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad4 = (n: number): string => `${n}`.padStart(4, '0');
const indexBefore = (p: string): number => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
const fromIndexBefore = (i: number): string => `${pad4(Math.floor(i / 12))}-${pad2((i % 12) + 1)}`;

const shaped = fc
  .tuple(fc.array(fc.constantFrom(...'0123456789 +-.eEx'), { minLength: 4, maxLength: 4 }), fc.constantFrom('-', '/', '0'), fc.array(fc.constantFrom(...'0123456789 +-.'), { minLength: 2, maxLength: 2 }))
  .map(([y, sep, m]) => `${y.join('')}${sep}${m.join('')}`);

/** IsoDate.toDayNumber as it was before the digit-by-digit reading (days from civil, on Number of each part). */
const dayNumberBefore = (d: string): number => {
  const [year, month, day] = [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};
const dateShaped = fc
  .tuple(shaped, fc.constantFrom('-', '/', '0'), fc.array(fc.constantFrom(...'0123456789 +-.'), { minLength: 2, maxLength: 2 }))
  .map(([ym, sep, d]) => `${ym}${sep}${d.join('')}`);

describe('Period.index and Period.fromIndex fast paths', () => {
  it('index equals Number(year) * 12 + Number(month) - 1 for any string (NaN included)', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string({ maxLength: 9 }), fc.integer({ min: 0, max: 2999 * 12 + 11 }).map(fromIndexBefore)), (p) => {
        expect(Object.is(Period.index(p as Period), indexBefore(p))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('fromIndex gives the same text for every index, inside and outside the cached years, twice in a row', () => {
    for (let i = -30; i < 3000 * 12 + 30; i++) {
      expect(Period.fromIndex(i)).toBe(fromIndexBefore(i));
      expect(Period.fromIndex(i)).toBe(fromIndexBefore(i));
    }
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (i) => {
        expect(Period.fromIndex(i)).toBe(fromIndexBefore(i));
      }),
    );
    expect(() => Period.fromIndex(1.5)).toThrow(RangeError);
  });

  it('IsoDate.toDayNumber equals the arithmetic on Number of each part for any string (NaN included)', () => {
    const start = IsoDate.toDayNumber(IsoDate.of(1900, 1, 1));
    fc.assert(
      fc.property(fc.oneof(dateShaped, fc.string({ maxLength: 11 }), fc.integer({ min: 0, max: 400_000 }).map((n) => IsoDate.fromDayNumber(start + n))), (d) => {
        expect(Object.is(IsoDate.toDayNumber(d as IsoDate), dayNumberBefore(d))).toBe(true);
      }),
      { numRuns: 20_000, examples: [['0.03-00-.6'], ['2024-02-29'], ['1e03-1-.5']] },
    );
  });

  it('IsoDate.fromDayNumber gives the calendar date for every day, made or kept, twice in a row, and still refuses a fraction', () => {
    const utc = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);
    for (let n = IsoDate.toDayNumber(IsoDate.of(1990, 1, 1)); n < IsoDate.toDayNumber(IsoDate.of(2040, 1, 1)); n++) {
      expect(IsoDate.fromDayNumber(n)).toBe(utc(n));
      expect(IsoDate.fromDayNumber(n)).toBe(utc(n));
    }
    fc.assert(
      fc.property(fc.integer({ min: IsoDate.toDayNumber(IsoDate.of(1900, 1, 1)), max: IsoDate.toDayNumber(IsoDate.of(2999, 12, 31)) }), (n) => {
        expect(IsoDate.fromDayNumber(n)).toBe(utc(n));
      }),
      { numRuns: 2_000 },
    );
    expect(() => IsoDate.fromDayNumber(20_000.5)).toThrow(RangeError);
  });
});
