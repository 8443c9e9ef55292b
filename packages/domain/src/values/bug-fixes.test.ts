// Regression tests for bugs fixed in the value types: each failed before its fix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoDate, Period, type IsoDate as IsoDateT, type Period as PeriodT } from './calendar.js';
import { Rupiah, RupiahArithmeticError } from './rupiah.js';
import { type Sponsor, sponsorKey } from './sponsor.js';

const date = (s: string): IsoDateT => s as IsoDateT;
const period = (s: string): PeriodT => s as PeriodT;

describe('calendar arithmetic refuses fractions instead of building dates that do not exist', () => {
  it.each([
    ['IsoDate.fromDayNumber(1.5)', () => IsoDate.fromDayNumber(1.5), 'IsoDate.fromDayNumber: the day number must be a whole number, got 1.5'],
    ['IsoDate.fromDayNumber(NaN)', () => IsoDate.fromDayNumber(Number.NaN), 'must be a whole number, got NaN'],
    ['IsoDate.addDays(d, 0.5)', () => IsoDate.addDays(date('2024-01-01'), 0.5), 'IsoDate.addDays: the days must be a whole number, got 0.5'],
    ['IsoDate.addYears(d, 1.5)', () => IsoDate.addYears(date('2024-01-01'), 1.5), 'IsoDate.addYears: the years must be a whole number, got 1.5'],
    ['Period.fromIndex(24288.5)', () => Period.fromIndex(24_288.5), 'Period.fromIndex: the index must be a whole number, got 24288.5'],
    ['Period.add(p, 1.5)', () => Period.add(period('2024-01'), 1.5), 'Period.add: the months must be a whole number, got 1.5'],
    ['Period.day(p, 0)', () => Period.day(period('2024-02'), 0), 'Period.day: the day must be 1 or more, got 0'],
    ['Period.day(p, 2.5)', () => Period.day(period('2024-02'), 2.5), 'Period.day: the day must be a whole number, got 2.5'],
  ])('%s throws a RangeError that says why', (_what, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('still does whole-number arithmetic as before', () => {
    expect(IsoDate.fromDayNumber(0)).toBe('1970-01-01');
    expect(IsoDate.addDays(date('2024-02-28'), 1)).toBe('2024-02-29');
    expect(IsoDate.addDays(date('2024-03-01'), -1)).toBe('2024-02-29');
    expect(Period.add(period('2024-11'), 3)).toBe('2025-02');
    expect(Period.day(period('2024-02'), 1)).toBe('2024-02-01');
    expect(Period.day(period('2024-02'), 31)).toBe('2024-02-29');
  });
});

describe('Rupiah.fraction of an amount that is not whole', () => {
  it('throws RupiahArithmeticError (it threw BigInt\'s RangeError)', () => {
    expect(() => Rupiah.fraction(0.5 as Rupiah, 1, 2)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.fraction(0.5 as Rupiah, 1, 2)).toThrow('Rupiah.fraction needs a whole amount of rupiah, got 0.5');
    expect(() => Rupiah.basisPoints(Number.NaN as Rupiah, 24)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.basisPoints((Number.MAX_SAFE_INTEGER + 2) as Rupiah, 24)).toThrow(RupiahArithmeticError);
  });
});

describe('sponsorKey', () => {
  it('keeps contractors apart when an id contains ":" (it gave both "contractor:npp:1:p1")', () => {
    const a: Sponsor = { type: 'contractor', employerId: 'npp:1', projectId: 'p1' } as Sponsor;
    const b: Sponsor = { type: 'contractor', employerId: 'npp', projectId: '1:p1' } as Sponsor;
    expect(sponsorKey(a)).not.toBe(sponsorKey(b));
    expect(sponsorKey(a)).toBe('contractor:npp%3A1:p1');
  });

  it('writes keys without ":" in their ids as before', () => {
    expect(sponsorKey({ type: 'contractor', employerId: 'NPP-87654321', projectId: 'SPK-2025-001' } as Sponsor)).toBe('contractor:NPP-87654321:SPK-2025-001');
  });

  it('gives different contractors different keys, and the same contractor the same key', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{3,12}$/);
    fc.assert(
      fc.property(id, id, id, id, (employerA, projectA, employerB, projectB) => {
        const keyA = sponsorKey({ type: 'contractor', employerId: employerA, projectId: projectA } as Sponsor);
        const keyB = sponsorKey({ type: 'contractor', employerId: employerB, projectId: projectB } as Sponsor);
        expect(keyA === keyB).toBe(employerA === employerB && projectA === projectB);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ':', '1'), { minLength: 2, maxLength: 10 }), fc.nat(), (chars, cut) => {
        // Every way of cutting the same characters into employer and project gives its own key.
        const whole = chars.join('');
        const at = 1 + (cut % (whole.length - 1));
        const other = 1 + ((cut + 1) % (whole.length - 1));
        fc.pre(at !== other);
        const key = (i: number) => sponsorKey({ type: 'contractor', employerId: whole.slice(0, i), projectId: whole.slice(i) } as Sponsor);
        expect(key(at)).not.toBe(key(other));
      }),
    );
  });
});
