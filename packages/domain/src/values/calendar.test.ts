import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { describeErrors } from '../shared/codec.js';
import { daysInMonth, IsoDate, IsoDateC, IsoDateTimeC, isLeapYear, Period, PeriodC } from './calendar.js';

const verdict = (codec: t.Mixed, value: unknown): string => {
  const decoded = codec.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left).map((p) => p.message).join('; ') : 'valid';
};

const DAY_MS = 86_400_000;
/** The reference: what JavaScript's own calendar says (tests may use Date; the domain may not). */
const utcDate = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
const utcDayNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY_MS;

/** Day numbers of 1900-01-01 and 2999-12-31, the range IsoDateC accepts. */
const FIRST = utcDayNumber(1900, 1, 1);
const LAST = utcDayNumber(2999, 12, 31);

describe('IsoDateC', () => {
  it.each([
    ['2024-02-29', 'valid'],
    ['2000-02-29', 'valid'],
    ['1900-01-01', 'valid'],
    ['2999-12-31', 'valid'],
    ['2023-02-29', '2023-02-29 does not exist: 2023-02 has 28 days'],
    ['1900-02-29', '1900-02-29 does not exist: 1900-02 has 28 days'],
    ['2024-04-31', '2024-04-31 does not exist: 2024-04 has 30 days'],
    ['2024-01-00', '2024-01-00 does not exist'],
    ['2024-13-01', '2024-13-01 has no month 13'],
    ['2024-00-10', '2024-00-10 has no month 00'],
    ['2024-1-01', 'a date must be written YYYY-MM-DD, got "2024-1-01"'],
    ['2024-01-01T00:00:00Z', 'YYYY-MM-DD'],
    ['24-01-01', 'YYYY-MM-DD'],
    [' 2024-01-01', 'YYYY-MM-DD'],
    ['2024-01-01\n', 'YYYY-MM-DD'],
    ['1899-12-31', 'the year of 1899-12-31 is outside 1900-2999'],
    ['3000-01-01', 'outside 1900-2999'],
  ])('%j: %s', (input, expected) => {
    expect(verdict(IsoDateC, input)).toContain(expected);
  });

  it('refuses what is not a string', () => {
    expect(verdict(IsoDateC, 20240101)).toContain('expected IsoDate');
    expect(IsoDateC.is('2024-02-29')).toBe(true);
    expect(IsoDateC.is('2023-02-29')).toBe(false);
  });

  it('accepts exactly the dates Date.UTC knows, 1900-2999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (n) => {
        expect(verdict(IsoDateC, utcDate(n))).toBe('valid');
      }),
    );
  });
});

describe('PeriodC', () => {
  it.each([
    ['2024-01', 'valid'],
    ['2024-12', 'valid'],
    ['2024-00', '2024-00 has no month 00'],
    ['2024-13', '2024-13 has no month 13'],
    ['2024-1', 'a period must be a month written YYYY-MM, got "2024-1"'],
    ['2024-01-01', 'YYYY-MM'],
    ['1899-12', 'outside 1900-2999'],
  ])('%j: %s', (input, expected) => {
    expect(verdict(PeriodC, input)).toContain(expected);
  });
});

describe('IsoDateTimeC', () => {
  it.each([
    ['2025-07-01T08:30:00Z', 'valid'],
    ['2025-07-01T08:30:00.000Z', 'valid'],
    ['2025-07-01T08:30:00.123456789Z', 'valid'],
    ['2025-07-01T08:30:00+07:00', 'valid'],
    ['2025-07-01T23:59:59-03:30', 'valid'],
    ['2025-07-01 08:30', 'an instant must be written like 2025-07-01T08:30:00Z'],
    ['2025-07-01T08:30Z', 'an instant'],
    ['2025-07-01T08:30:00', 'an instant'],
    ['2025-07-01T24:00:00Z', 'an instant'],
    ['2025-07-01T08:60:00Z', 'an instant'],
    ['2025-02-30T08:30:00Z', '2025-02-30 does not exist'],
    ['2025-13-01T08:30:00Z', 'has no month 13'],
  ])('%j: %s', (input, expected) => {
    expect(verdict(IsoDateTimeC, input)).toContain(expected);
  });

  it('accepts what Date.prototype.toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST * DAY_MS, max: (LAST + 1) * DAY_MS - 1 }), (ms) => {
        expect(verdict(IsoDateTimeC, new Date(ms).toISOString())).toBe('valid');
      }),
    );
  });
});

describe('leap years and month lengths', () => {
  it('follows the Gregorian rules', () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it('agrees with Date.UTC for every month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 3000 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }),
    );
  });
});

describe('IsoDate: day arithmetic agrees with Date.UTC', () => {
  it('knows some day numbers', () => {
    expect(IsoDate.toDayNumber(IsoDate.of(1970, 1, 1))).toBe(0);
    expect(IsoDate.toDayNumber(IsoDate.of(1969, 12, 31))).toBe(-1);
    expect(IsoDate.toDayNumber(IsoDate.of(2000, 3, 1))).toBe(11_017);
    expect(IsoDate.fromDayNumber(0)).toBe('1970-01-01');
    expect(IsoDate.fromDayNumber(19_782)).toBe('2024-02-29');
  });

  it('toDayNumber and fromDayNumber match Date over a wide range, and invert each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: utcDayNumber(1, 1, 1) + 366, max: utcDayNumber(9999, 12, 31) }), (n) => {
        const date = IsoDate.fromDayNumber(n);
        expect(date).toBe(utcDate(n));
        expect(IsoDate.toDayNumber(date)).toBe(n);
      }),
      { numRuns: 2_000 },
    );
  });

  it('toDayNumber matches Date.UTC for every valid date 1900-2999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.nat(), (year, month, d) => {
        const day = (d % daysInMonth(year, month)) + 1;
        expect(IsoDate.toDayNumber(IsoDate.of(year, month, day))).toBe(utcDayNumber(year, month, day));
      }),
    );
  });

  it('addDays and daysBetween agree with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: -200_000, max: 200_000 }), (n, delta) => {
        const date = IsoDate.fromDayNumber(n);
        const later = IsoDate.addDays(date, delta);
        expect(later).toBe(utcDate(n + delta));
        expect(IsoDate.daysBetween(date, later)).toBe(delta);
        expect(IsoDate.daysBetween(later, date)).toBe(0 - delta);
      }),
    );
  });

  it('steps over month, year and leap-day boundaries', () => {
    expect(IsoDate.addDays(IsoDate.of(2024, 2, 28), 1)).toBe('2024-02-29');
    expect(IsoDate.addDays(IsoDate.of(2023, 2, 28), 1)).toBe('2023-03-01');
    expect(IsoDate.addDays(IsoDate.of(2024, 12, 31), 1)).toBe('2025-01-01');
    expect(IsoDate.addDays(IsoDate.of(2025, 1, 1), -1)).toBe('2024-12-31');
    expect(IsoDate.daysBetween(IsoDate.of(2024, 1, 1), IsoDate.of(2025, 1, 1))).toBe(366);
  });

  it('reads parts and builds dates, refusing ones that do not exist', () => {
    const d = IsoDate.of(2025, 7, 1);
    expect(d).toBe('2025-07-01');
    expect([IsoDate.year(d), IsoDate.month(d), IsoDate.day(d)]).toEqual([2025, 7, 1]);
    expect(IsoDate.period(d)).toBe('2025-07');
    expect(() => IsoDate.of(2023, 2, 29)).toThrow(RangeError);
    expect(() => IsoDate.of(2023, 13, 1)).toThrow('has no month 13');
    expect(IsoDate.min(IsoDate.of(2024, 1, 2), IsoDate.of(2023, 12, 31))).toBe('2023-12-31');
    expect(IsoDate.max(IsoDate.of(2024, 1, 2), IsoDate.of(2023, 12, 31))).toBe('2024-01-02');
  });

  it('addYears clamps 29 February to the 28th in a common year, and keeps it in a leap year', () => {
    const leapDay = IsoDate.of(2024, 2, 29);
    expect(IsoDate.addYears(leapDay, 1)).toBe('2025-02-28');
    expect(IsoDate.addYears(leapDay, 4)).toBe('2028-02-29');
    expect(IsoDate.addYears(leapDay, -1)).toBe('2023-02-28');
    expect(IsoDate.addYears(leapDay, 76)).toBe('2100-02-28');
    expect(IsoDate.addYears(IsoDate.of(2000, 2, 29), 400)).toBe('2400-02-29');
    expect(IsoDate.addYears(IsoDate.of(2023, 7, 31), 2)).toBe('2025-07-31');
  });
});

describe('Period', () => {
  it('adds months across years, both ways', () => {
    expect(Period.add(Period.of(2024, 11), 3)).toBe('2025-02');
    expect(Period.add(Period.of(2024, 1), -1)).toBe('2023-12');
    expect(Period.add(Period.of(2024, 1), -13)).toBe('2022-12');
    expect(Period.add(Period.of(2024, 1), 0)).toBe('2024-01');
    expect(Period.next(Period.of(2024, 12))).toBe('2025-01');
    expect(Period.previous(Period.of(2025, 1))).toBe('2024-12');
  });

  it('counts months between periods', () => {
    expect(Period.monthsBetween(Period.of(2024, 1), Period.of(2025, 3))).toBe(14);
    expect(Period.monthsBetween(Period.of(2025, 3), Period.of(2024, 1))).toBe(-14);
    expect(Period.monthsBetween(Period.of(2024, 5), Period.of(2024, 5))).toBe(0);
  });

  it('add and monthsBetween agree (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -10_000, max: 10_000 }), (year, month, n) => {
        const p = Period.of(year, month);
        const q = Period.add(p, n);
        expect(Period.monthsBetween(p, q)).toBe(n);
        expect(Period.fromIndex(Period.index(q))).toBe(q);
        expect(Period.month(q)).toBeGreaterThanOrEqual(1);
        expect(Period.month(q)).toBeLessThanOrEqual(12);
      }),
    );
  });

  it('ranges inclusively, in order, and is empty when the end is earlier', () => {
    expect([...Period.range(Period.of(2024, 11), Period.of(2025, 2))]).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect([...Period.range(Period.of(2024, 5), Period.of(2024, 5))]).toEqual(['2024-05']);
    expect([...Period.range(Period.of(2024, 5), Period.of(2024, 4))]).toEqual([]);
    expect([...Period.range(Period.of(2020, 1), Period.of(2024, 12))]).toHaveLength(60);
  });

  it('knows its first and last days', () => {
    expect(Period.firstDay(Period.of(2024, 2))).toBe('2024-02-01');
    expect(Period.lastDay(Period.of(2024, 2))).toBe('2024-02-29');
    expect(Period.lastDay(Period.of(2023, 2))).toBe('2023-02-28');
    expect(Period.lastDay(Period.of(1900, 2))).toBe('1900-02-28');
    expect(Period.lastDay(Period.of(2024, 4))).toBe('2024-04-30');
    expect(Period.lastDay(Period.of(2024, 12))).toBe('2024-12-31');
    expect(Period.day(Period.of(2023, 2), 31)).toBe('2023-02-28');
    expect(Period.day(Period.of(2023, 3), 15)).toBe('2023-03-15');
  });

  it('lastDay is the day before the next period starts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const p = Period.of(year, month);
        expect(IsoDate.addDays(Period.lastDay(p), 1)).toBe(Period.firstDay(Period.next(p)));
        expect(verdict(IsoDateC, Period.lastDay(p))).toBe('valid');
      }),
    );
  });

  it('of refuses a month outside 1-12', () => {
    expect(() => Period.of(2024, 13)).toThrow(RangeError);
    expect(() => Period.of(2024, 0)).toThrow('has no month 00');
  });
});
