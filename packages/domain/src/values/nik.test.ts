import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { describeErrors } from '../shared/codec.js';
import { NikC, nikParts, type Nik } from './nik.js';
import { PersonalDataType, personalDataPaths } from './personal-data.js';

/** The messages describeErrors gives for a value NikC refuses, or [] when it decodes. */
const messages = (value: unknown): ReadonlyArray<string> => {
  const decoded = NikC.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left).map((p) => p.message) : [];
};

const decodeNik = (value: string): Nik => {
  const decoded = NikC.decode(value);
  if (E.isLeft(decoded)) throw new Error(`${value} should be a valid NIK: ${describeErrors(decoded.left).map((p) => p.message).join('; ')}`);
  return decoded.right;
};

/** The 38 provinces' Kemendagri codes, written out independently of nik.ts. */
const PROVINCE_CODES = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21', // Sumatra and the Riau islands
  '31', '32', '33', '34', '35', '36', // Java
  '51', '52', '53', // Bali and Nusa Tenggara
  '61', '62', '63', '64', '65', // Kalimantan
  '71', '72', '73', '74', '75', '76', // Sulawesi
  '81', '82', // Maluku
  '91', '92', '93', '94', '95', '96', // Papua, including the four provinces of 2022
];

/** Whether day/month exists in the given full year, asked of JavaScript's calendar (not of calendar.ts). */
const existsIn = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const two = (n: number): string => String(n).padStart(2, '0');

describe('NikC: valid NIKs', () => {
  it.each([
    // [NIK, region, district, day, month, yy, sex, serial, what]
    ['3672011507850003', '3672', '01', 15, 7, 85, 'male', '0003', 'Kota Cilegon, a man born 15 July 1985'],
    ['3672055508920001', '3672', '05', 15, 8, 92, 'female', '0001', 'Kota Cilegon, a woman born 15 August 1992 (55 = 15 + 40)'],
    ['3604012003780012', '3604', '01', 20, 3, 78, 'male', '0012', 'Kabupaten Serang, a man born 20 March 1978'],
    ['3604106112000004', '3604', '10', 21, 12, 0, 'female', '0004', 'Kabupaten Serang, a woman born 21 December 2000'],
    ['3324030101990001', '3324', '03', 1, 1, 99, 'male', '0001', 'Kabupaten Kendal, a man born 1 January 1999'],
    ['3324014101990001', '3324', '01', 1, 1, 99, 'female', '0001', 'Kabupaten Kendal, a woman born 1 January 1999 (41 = 1 + 40)'],
    ['3324017101999999', '3324', '01', 31, 1, 99, 'female', '9999', 'Kendal, a woman born 31 January (71 = 31 + 40), the last serial'],
    ['3672013112850001', '3672', '01', 31, 12, 85, 'male', '0001', 'Cilegon, a man born 31 December'],
  ] as const)('%s (%s...): %s', (nik, regionCode, districtCode, birthDay, birthMonth, birthYearTwoDigits, sex, serial, _what) => {
    expect(messages(nik)).toEqual([]);
    expect(NikC.is(nik)).toBe(true);
    expect(nikParts(decodeNik(nik))).toEqual({
      provinceCode: regionCode.slice(0, 2),
      regionCode,
      districtCode,
      birthDay,
      birthMonth,
      birthYearTwoDigits,
      sex,
      serial,
    });
  });

  it('decodes a woman\'s day + 40 as the day, and says she is female', () => {
    const man = nikParts(decodeNik('3672011507850003'));
    const woman = nikParts(decodeNik('3672015507850003'));
    expect(woman.sex).toBe('female');
    expect(man.sex).toBe('male');
    expect(woman.birthDay).toBe(man.birthDay);
  });

  it('accepts 29 February in year 00 (2000 was a leap year, though 1900 was not), for men and for women', () => {
    expect(messages('3672012902000001')).toEqual([]);
    expect(nikParts(decodeNik('3672016902000001'))).toMatchObject({ birthDay: 29, birthMonth: 2, birthYearTwoDigits: 0, sex: 'female' });
    expect(messages('3672012902040001')).toEqual([]); // 1904 and 2004
  });

  it('encodes to the same string, and is marked as personal data', () => {
    expect(NikC.encode(decodeNik('3672011507850003'))).toBe('3672011507850003');
    expect(NikC).toBeInstanceOf(PersonalDataType);
    expect(NikC.name).toBe('NIK');
    expect(personalDataPaths(t.type({ nik: NikC, branch: t.string }))).toEqual(['nik']);
  });

  it('accepts every one of the 38 province codes', () => {
    for (const province of PROVINCE_CODES) expect(messages(`${province}01011507850003`)).toEqual([]);
  });
});

describe('NikC: what is wrong with an invalid NIK', () => {
  it.each([
    ['3672012902010001', 'neither 1901 nor 2001 had 29 February', ['the birth date in the NIK does not exist: day 29 of month 2 in year 01']],
    ['3672016902010001', 'nor for a woman (69 = 29 + 40)', ['the birth date in the NIK does not exist: day 29 of month 2 in year 01']],
    ['3672013102850003', '31 February never exists', ['the birth date in the NIK does not exist: day 31 of month 2 in year 85']],
    ['3672017102850003', 'nor for a woman (71 = 31 + 40)', ['the birth date in the NIK does not exist: day 31 of month 2 in year 85']],
    ['3672013104850003', '31 April never exists', ['the birth date in the NIK does not exist: day 31 of month 4 in year 85']],
    ['3672017202850003', 'day 72 is more than 31 + 40', ['the birth day in a NIK (digits 7-8) is 01-31, or 41-71 for women, got 72']],
    ['3672013502850003', 'day 35 is neither a man\'s nor a woman\'s day', ['the birth day in a NIK (digits 7-8) is 01-31, or 41-71 for women, got 35']],
    ['3672014002850003', 'day 40 neither', ['the birth day in a NIK (digits 7-8) is 01-31, or 41-71 for women, got 40']],
    ['3672010002850003', 'day 00 neither', ['the birth day in a NIK (digits 7-8) is 01-31, or 41-71 for women, got 00']],
    ['3672011513850003', 'month 13', ['the birth month in a NIK (digits 9-10) is 01-12, got 13']],
    ['3672011500850003', 'month 00', ['the birth month in a NIK (digits 9-10) is 01-12, got 00']],
    ['367201150785000', '15 digits', ['a NIK has 16 digits, got 15']],
    ['36720115078500031', '17 digits', ['a NIK has 16 digits, got 17']],
    ['', 'nothing', ['a NIK has 16 digits, got 0']],
    ['36720115078500AB', 'letters', ['a NIK has only digits, got 14 digits among 16 characters']],
    ['3672 0115 0785 0003', 'spaces', ['a NIK has only digits, got 16 digits among 19 characters']],
    ['9972011507850003', 'province 99', ['a NIK starts with a province code; 99 is none']],
    ['0072011507850003', 'province 00', ['a NIK starts with a province code; 00 is none']],
    ['2072011507850003', 'province 20', ['a NIK starts with a province code; 20 is none']],
    ['9772011507850003', 'province 97 (Indonesia has 38 provinces, the last 96)', ['a NIK starts with a province code; 97 is none']],
    ['3600011507850003', 'city/regency 00', ['a NIK has a city/regency code (digits 3-4), not 00']],
    ['3672001507850003', 'district 00', ['a NIK has a district code (digits 5-6), not 00']],
    ['3672011507850000', 'serial 0000', ['a NIK serial (digits 13-16) starts at 0001']],
  ])('refuses %s (%s)', (nik, _why, expected) => {
    expect(messages(nik)).toEqual(expected);
    expect(NikC.is(nik)).toBe(false);
  });

  it('refuses what is not a string, naming the type', () => {
    expect(messages(3672011507850003)).toEqual(['expected NIK, got 3672011507850003']);
    expect(messages(undefined)).toEqual(['is required (NIK)']);
    expect(NikC.is(3672011507850003)).toBe(false);
  });
});

describe('NikC: properties', () => {
  /** A NIK's parts: a province in use, a city/regency and district other than 00, a date that exists, a serial. */
  const validParts = fc
    .record({
      province: fc.constantFrom(...PROVINCE_CODES),
      region: fc.integer({ min: 1, max: 99 }),
      district: fc.integer({ min: 1, max: 99 }),
      month: fc.integer({ min: 1, max: 12 }),
      yy: fc.integer({ min: 0, max: 99 }),
      female: fc.boolean(),
      serial: fc.integer({ min: 1, max: 9999 }),
    })
    .chain((parts) => {
      // The date must exist in 19yy or in 20yy: 29 February is fine when either was a leap year.
      const lastDay = Math.max(...[1900, 2000].map((century) => [31, 30, 29, 28].find((d) => existsIn(century + parts.yy, parts.month, d)) ?? 28));
      return fc.integer({ min: 1, max: lastDay }).map((day) => ({ ...parts, day }));
    });

  it('decodes any NIK built from valid parts, and nikParts gives the parts back', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        const nik = `${p.province}${two(p.region)}${two(p.district)}${two(p.female ? p.day + 40 : p.day)}${two(p.month)}${two(p.yy)}${String(p.serial).padStart(4, '0')}`;
        expect(messages(nik)).toEqual([]);
        expect(nikParts(decodeNik(nik))).toEqual({
          provinceCode: p.province,
          regionCode: `${p.province}${two(p.region)}`,
          districtCode: two(p.district),
          birthDay: p.day,
          birthMonth: p.month,
          birthYearTwoDigits: p.yy,
          sex: p.female ? 'female' : 'male',
          serial: String(p.serial).padStart(4, '0'),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a NIK\'s date digits exactly when the date exists in 19yy or 20yy (men) or with 40 added (women)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (dd, mm, yy) => {
        const nik = `367201${two(dd)}${two(mm)}${two(yy)}0001`;
        const day = dd > 40 ? dd - 40 : dd;
        const dayDigitsValid = (dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71);
        const exists = dayDigitsValid && (existsIn(1900 + yy, mm, day) || existsIn(2000 + yy, mm, day));
        expect(NikC.is(nik)).toBe(exists);
        expect(messages(nik)).toHaveLength(exists ? 0 : 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every string that is not 16 ASCII digits, with one message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }).filter((s) => !/^\d{16}$/.test(s)), (s) => {
        expect(NikC.is(s)).toBe(false);
        expect(messages(s)).toHaveLength(1);
        expect(messages(s)[0]).toMatch(/^a NIK has (16 digits|only digits)/);
      }),
    );
  });
});
