import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { describeErrors } from '../shared/codec.js';
import { IsoDate, IsoDateC, IsoDateTimeC, Period, PeriodC } from './calendar.js';
import { categoryFromLabel } from './category.js';
import { BranchIdC, ParticipantIdC, RegionIdC } from './ids.js';
import { NikC, nikParts } from './nik.js';
import { personalData, personalDataPaths } from './personal-data.js';
import { NonNegativeRupiahC, PositiveRupiahC, Rupiah, RupiahArithmeticError, RupiahC } from './rupiah.js';
import { SponsorC, sponsorKey } from './sponsor.js';

const problem = (codec: t.Mixed, value: unknown): string => {
  const decoded = codec.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left).map((p) => p.message).join('; ') : 'valid';
};

describe('NIK', () => {
  it('reads region, birth date and sex; women have 40 added to the day', () => {
    expect(nikParts('3672011507850003' as never)).toMatchObject({ regionCode: '3672', birthDay: 15, birthMonth: 7, birthYearTwoDigits: 85, sex: 'male', serial: '0003' });
    expect(nikParts('3604015507850003' as never)).toMatchObject({ regionCode: '3604', birthDay: 15, sex: 'female' });
    expect(problem(NikC, '3324014101990001')).toBe('valid'); // Kendal, a woman born 1 January 1999
  });
  it.each([
    ['367201150785000', 'a NIK has 16 digits, got 15'],
    ['36720115078500AB', 'a NIK has only digits'],
    ['9972011507850003', 'province code; 99 is none'],
    ['3600011507850003', 'city/regency code'],
    ['3672013102850003', 'does not exist: day 31 of month 2'],
    ['3672017202850003', 'the birth day in a NIK (digits 7-8) is 01-31, or 41-71 for women'],
    ['3672013502850003', 'the birth day in a NIK'],
    ['3672011513850003', 'the birth month in a NIK (digits 9-10) is 01-12'],
    ['3672011507850000', 'serial (digits 13-16) starts at 0001'],
  ])('rejects %s: %s', (nik, message) => {
    expect(problem(NikC, nik)).toContain(message);
  });
  it('accepts 29 February only in years that have it in some century', () => {
    expect(problem(NikC, '3672012902000001')).toBe('valid'); // 2000 was a leap year
    expect(problem(NikC, '3672012902010001')).toContain('does not exist'); // neither 1901 nor 2001
  });
  it('decodes every NIK built from valid parts, and gives the parts back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 99 }), fc.boolean(), fc.integer({ min: 1, max: 9999 }), (month, day, yy, woman, serial) => {
        const nik = `367201${String(woman ? day + 40 : day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(yy).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
        expect(problem(NikC, nik)).toBe('valid');
        expect(nikParts(nik as never)).toMatchObject({ birthDay: day, birthMonth: month, birthYearTwoDigits: yy, sex: woman ? 'female' : 'male' });
      }),
    );
  });
});

describe('Rupiah', () => {
  it('is whole rupiah: fractions, NaN, Infinity and strings are refused with a reason', () => {
    expect(problem(RupiahC, 16_800.5)).toBe('an amount of rupiah must be a whole number, got 16800.5');
    expect(problem(RupiahC, Number.NaN)).toContain('whole number');
    expect(problem(RupiahC, Number.POSITIVE_INFINITY)).toContain('whole number');
    expect(problem(RupiahC, '16800')).toContain('expected Rupiah');
    expect(problem(NonNegativeRupiahC, -1)).toBe('an amount of rupiah must not be negative, got -1');
    expect(problem(PositiveRupiahC, 0)).toBe('an amount of rupiah must be greater than zero, got 0');
  });
  it('computes rates exactly, rounding half up', () => {
    expect(Rupiah.basisPoints(Rupiah.of(1_000_000), 100)).toBe(10_000);
    expect(Rupiah.basisPoints(Rupiah.of(100_000_000), 24)).toBe(240_000);
    expect(Rupiah.fraction(Rupiah.of(1), 5, 10)).toBe(1);
    expect(Rupiah.fraction(Rupiah.of(1), 4, 10)).toBe(0);
    expect(Rupiah.fraction(Rupiah.of(-1), 5, 10)).toBe(-1);
    expect(Rupiah.fraction(Rupiah.of(9_000_000_000_000), 9_999, 10_000)).toBe(8_999_100_000_000);
  });
  it('throws on arithmetic that leaves the safe-integer range: a bug, never silent rounding', () => {
    expect(() => Rupiah.add(Rupiah.of(Number.MAX_SAFE_INTEGER), Rupiah.of(1))).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.times(Rupiah.of(10), 1.5)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.of(0.1)).toThrow(RupiahArithmeticError);
  });
  it('splits without losing or making a rupiah', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 50 }), (amount, parts) => {
        const shares = Rupiah.split(Rupiah.of(amount), parts);
        expect(Rupiah.sum(shares)).toBe(amount);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('formats the Indonesian way', () => {
    expect(Rupiah.format(Rupiah.of(42_000_000))).toBe('Rp42.000.000');
    expect(Rupiah.format(Rupiah.of(-16_800))).toBe('-Rp16.800');
  });
});

describe('dates and periods', () => {
  it('accepts only dates that exist', () => {
    expect(problem(IsoDateC, '2024-02-29')).toBe('valid');
    expect(problem(IsoDateC, '2023-02-29')).toBe('2023-02-29 does not exist: 2023-02 has 28 days');
    expect(problem(IsoDateC, '2024-13-01')).toContain('has no month 13');
    expect(problem(IsoDateC, '2024-1-01')).toContain('YYYY-MM-DD');
    expect(problem(PeriodC, '2024-00')).toContain('has no month 00');
    expect(problem(IsoDateTimeC, '2025-07-01T08:30:00Z')).toBe('valid');
    expect(problem(IsoDateTimeC, '2025-07-01 08:30')).toContain('instant');
  });
  it('does day arithmetic as the calendar does', () => {
    const epoch = Date.UTC(1970, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 80_000 }), fc.integer({ min: -2_000, max: 2_000 }), (dayNumber, delta) => {
        const date = IsoDate.fromDayNumber(dayNumber);
        expect(date).toBe(new Date(epoch + dayNumber * 86_400_000).toISOString().slice(0, 10));
        expect(IsoDate.toDayNumber(date)).toBe(dayNumber);
        expect(IsoDate.daysBetween(date, IsoDate.addDays(date, delta))).toBe(delta);
      }),
    );
  });
  it('does month arithmetic', () => {
    expect(Period.add(Period.of(2024, 11), 3)).toBe('2025-02');
    expect(Period.monthsBetween(Period.of(2024, 1), Period.of(2025, 3))).toBe(14);
    expect([...Period.range(Period.of(2024, 11), Period.of(2025, 2))]).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(Period.lastDay(Period.of(2024, 2))).toBe('2024-02-29');
    expect(IsoDate.addYears(IsoDate.of(2024, 2, 29), 1)).toBe('2025-02-28');
  });
});

describe('ids, categories and sponsors', () => {
  it('keeps ids opaque: sixteen digits in a row look like a NIK and are refused', () => {
    expect(problem(ParticipantIdC, 'p-3672011507850003')).toContain('look like a NIK');
    expect(problem(ParticipantIdC, 'p-3672-000001')).toBe('valid');
    expect(problem(BranchIdC, 'KC-CILEGON')).toBe('valid');
    expect(problem(BranchIdC, 'kc cilegon')).toContain('branch id');
    expect(problem(RegionIdC, '3672')).toBe('valid');
    expect(problem(RegionIdC, '3600')).toContain('kota/kabupaten code');
  });
  it.each([
    ['ART', 'domestic-helper'],
    ['Sopir', 'driver'],
    ['petani', 'farmer'],
    ['Nelayan', 'fisher'],
    ['Pedagang  Pasar', 'market-trader'],
    ['Tukang Bangunan', 'builder'],
    ['Takmir Masjid', 'mosque-caretaker'],
    ['Ketua RT/RW', 'rt-rw-head'],
    ['Kader', 'kader'],
    ['Linmas', 'linmas'],
    ['Pekerja Mandiri', 'independent-worker'],
    ['fisher', 'fisher'],
  ])('reads the office label %s as %s', (label, category) => {
    expect(categoryFromLabel(label)).toBe(category);
  });
  it('knows no category for an unknown label', () => {
    expect(categoryFromLabel('pilot')).toBeUndefined();
  });
  it('decodes each kind of sponsor and keys it', () => {
    const gemet = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' };
    expect(E.isRight(SponsorC.decode(gemet))).toBe(true);
    expect(sponsorKey(gemet as never)).toBe('regional-budget:3672:GEMET SEKUL');
    expect(sponsorKey({ type: 'civil-servant', sponsorId: 'asn-0001', regionId: '3324' } as never)).toBe('civil-servant:asn-0001');
    expect(E.isLeft(SponsorC.decode({ type: 'lottery' }))).toBe(true);
  });
});

describe('personal data marks and error paths', () => {
  const codec = t.type({
    nik: personalData(t.string),
    amount: t.number,
    heirs: t.readonlyArray(t.intersection([t.type({ name: personalData(t.string) }), t.partial({ bankAccount: personalData(t.string) })])),
    payee: t.union([t.type({ kind: t.literal('heir'), contact: personalData(t.string) }), t.type({ kind: t.literal('provider') })]),
  });
  it('finds every personal-data field, nested in arrays, partials and unions', () => {
    expect(personalDataPaths(codec)).toEqual(['heirs[].bankAccount', 'heirs[].name', 'nik', 'payee.contact']);
  });
  it('names paths the way a person reads them', () => {
    const decoded = codec.decode({ nik: 'x', amount: 'ten', heirs: [{ name: 'a' }, { name: 7 }] });
    const problems = E.isLeft(decoded) ? describeErrors(decoded.left) : [];
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['amount', 'heirs[1].name', 'payee']));
    expect(problems.find((p) => p.path === 'payee')?.message).toContain('is required');
  });
});
