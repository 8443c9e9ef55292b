import * as t from 'io-ts';
import { refined } from '../shared/codec.js';
import { daysInMonth } from './calendar.js';
import { personalData } from './personal-data.js';

/**
 * Nomor Induk Kependudukan: the 16-digit population number. Personal data (UU PDP 27/2022):
 * it never appears in stream names, event ids or metadata.
 */
export type Nik = string & t.Brand<NikBrand>;
interface NikBrand {
  readonly Nik: unique symbol;
}

/** The 38 province codes in use (Kemendagri), including the Papua provinces created in 2022 (91-96). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
]);

/** What a NIK says about its holder. */
export interface NikParts {
  readonly provinceCode: string;
  /** Province and city/regency, e.g. "3672" for Kota Cilegon: the region of registration. */
  readonly regionCode: string;
  readonly districtCode: string;
  readonly birthDay: number;
  readonly birthMonth: number;
  /** Two digits: the century is not in the NIK. */
  readonly birthYearTwoDigits: number;
  readonly sex: 'female' | 'male';
  readonly serial: string;
}

const problemOf = (s: string): string | undefined => {
  if (!/^\d{16}$/.test(s)) {
    const digits = s.replace(/\D/g, '').length;
    return /^\d*$/.test(s)
      ? `a NIK has 16 digits, got ${s.length}`
      : `a NIK has only digits, got ${digits} digits among ${s.length} characters`;
  }
  const province = s.slice(0, 2);
  if (!PROVINCES.has(province)) return `a NIK starts with a province code; ${province} is none`;
  if (s.slice(2, 4) === '00') return 'a NIK has a city/regency code (digits 3-4), not 00';
  if (s.slice(4, 6) === '00') return 'a NIK has a district code (digits 5-6), not 00';
  const rawDay = Number(s.slice(6, 8));
  const month = Number(s.slice(8, 10));
  const yy = Number(s.slice(10, 12));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (month < 1 || month > 12) return `the birth month in a NIK (digits 9-10) is 01-12, got ${s.slice(8, 10)}`;
  if (day < 1 || (rawDay > 31 && rawDay < 41) || rawDay > 71)
    return `the birth day in a NIK (digits 7-8) is 01-31, or 41-71 for women, got ${s.slice(6, 8)}`;
  // The century is not written: the date must exist in 19yy or in 20yy.
  if (day > daysInMonth(1900 + yy, month) && day > daysInMonth(2000 + yy, month))
    return `the birth date in the NIK does not exist: day ${day} of month ${month} in year ${String(yy).padStart(2, '0')}`;
  if (s.slice(12) === '0000') return 'a NIK serial (digits 13-16) starts at 0001';
  return undefined;
};

/**
 * What problemOf accepts, as a regular expression for the published JSON Schemas: a province in use,
 * city and district codes not 00, a birth day that exists in its month (plus 40 for women; 29 February
 * when 19yy or 20yy is a leap year, i.e. yy divisible by 4), and a serial not 0000.
 */
const NIK_PATTERN =
  '^(?:1[1-9]|21|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[12]|9[1-6])(?:0[1-9]|[1-9]\\d){2}' +
  '(?:(?:0[1-9]|[12]\\d|3[01]|4[1-9]|[56]\\d|7[01])(?:0[13578]|1[02])\\d{2}' +
  '|(?:0[1-9]|[12]\\d|30|4[1-9]|[56]\\d|70)(?:0[469]|11)\\d{2}' +
  '|(?:0[1-9]|1\\d|2[0-8]|4[1-9]|5\\d|6[0-8])02\\d{2}' +
  '|(?:29|69)02(?:[02468][048]|[13579][26]))' +
  '(?:\\d{3}[1-9]|\\d{2}[1-9]\\d|\\d[1-9]\\d{2}|[1-9]\\d{3})$';

/** Codec: a NIK whose structure and birth date are valid. Marked as personal data. */
export const NikC = personalData(refined(t.string, 'NIK', problemOf, { pattern: NIK_PATTERN }) as unknown as t.Type<Nik, string, unknown>);

/** Reads the region, birth date and sex out of a valid NIK. */
export const nikParts = (nik: Nik): NikParts => {
  const rawDay = Number(nik.slice(6, 8));
  return {
    provinceCode: nik.slice(0, 2),
    regionCode: nik.slice(0, 4),
    districtCode: nik.slice(4, 6),
    birthDay: rawDay > 40 ? rawDay - 40 : rawDay,
    birthMonth: Number(nik.slice(8, 10)),
    birthYearTwoDigits: Number(nik.slice(10, 12)),
    sex: rawDay > 40 ? 'female' : 'male',
    serial: nik.slice(12),
  };
};
