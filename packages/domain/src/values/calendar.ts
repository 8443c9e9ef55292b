import * as t from 'io-ts';
import { refined } from '../shared/codec.js';

/** A calendar date, "YYYY-MM-DD" (ISO 8601). Compares correctly as a string. */
export type IsoDate = string & t.Brand<IsoDateBrand>;
interface IsoDateBrand {
  readonly IsoDate: unique symbol;
}

/** A calendar month, "YYYY-MM": a contribution period. Compares correctly as a string. */
export type Period = string & t.Brand<PeriodBrand>;
interface PeriodBrand {
  readonly Period: unique symbol;
}

/** True in a Gregorian leap year. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The number of days in a month (1-12) of a year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-(\d{2})$/;

const dateProblem = (s: string): string | undefined => {
  const m = DATE.exec(s);
  if (m === null) return `a date must be written YYYY-MM-DD, got ${JSON.stringify(s)}`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2999) return `the year of ${s} is outside 1900-2999`;
  if (month < 1 || month > 12) return `${s} has no month ${m[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `${s} does not exist: ${m[1]}-${m[2]} has ${daysInMonth(year, month)} days`;
  return undefined;
};

const periodProblem = (s: string): string | undefined => {
  const m = PERIOD.exec(s);
  if (m === null) return `a period must be a month written YYYY-MM, got ${JSON.stringify(s)}`;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (year < 1900 || year > 2999) return `the year of ${s} is outside 1900-2999`;
  if (month < 1 || month > 12) return `${s} has no month ${m[2]}`;
  return undefined;
};

/**
 * What dateProblem accepts, as a regular expression for the published JSON Schemas: a year 1900-2999,
 * each month's own length, and 29 February in leap years only (1900 and 2100 are not; 2000 is).
 */
const DATE_PATTERN_BODY =
  '(?:(?:19|2\\d)\\d{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:(?:19|2\\d)(?:0[48]|[2468][048]|[13579][26])|(?:20|24|28)00)-02-29)';

/** Codec: a date that exists in the calendar, "YYYY-MM-DD". */
export const IsoDateC = refined(t.string, 'IsoDate', dateProblem, { pattern: `^${DATE_PATTERN_BODY}$` }) as unknown as t.Type<IsoDate, string, unknown>;
/** Codec: a month, "YYYY-MM". */
export const PeriodC = refined(t.string, 'Period', periodProblem, { pattern: '^(?:19|2\\d)\\d{2}-(?:0[1-9]|1[0-2])$' }) as unknown as t.Type<Period, string, unknown>;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad4 = (n: number): string => `${n}`.padStart(4, '0');

/** A count of days, months or years; a fraction would build a date that does not exist ("2024-01-01.5"), a bug. */
const whole = (n: number, what: string): number => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
  return n;
};

/** Days since 1970-01-01 for a (proleptic Gregorian) date; pure arithmetic, no Date object. */
const toDayNumber = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const fromDayNumber = (n: number): [number, number, number] => {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
};

/** Dates by day number, made on first use (as Period.fromIndex keeps its months); emptied past this many, which a history's payment days seldom reach. */
const DATE_CACHE_SIZE = 100_000;
const dateByDay = new Map<number, IsoDate>();

/** Operations on ISO dates; all pure string and integer arithmetic. */
export const IsoDate = {
  /** Builds a date from its parts; throws on a date that does not exist (a bug: decode input with IsoDateC). */
  of: (year: number, month: number, day: number): IsoDate => {
    const s = `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
    const problem = dateProblem(s);
    if (problem !== undefined) throw new RangeError(problem);
    return s as IsoDate;
  },
  year: (d: IsoDate): number => Number(d.slice(0, 4)),
  month: (d: IsoDate): number => Number(d.slice(5, 7)),
  day: (d: IsoDate): number => Number(d.slice(8, 10)),
  /** The month a date falls in. */
  period: (d: IsoDate): Period => d.slice(0, 7) as Period,
  /** Days since 1970-01-01. */
  toDayNumber: (d: IsoDate): number => dayNumberOfText(d),
  /** The date of a day number: one text per day, kept once made (states built from numbers share them). */
  fromDayNumber: (n: number): IsoDate => {
    let text = dateByDay.get(n);
    if (text === undefined) {
      const [y, m, day] = fromDayNumber(whole(n, 'IsoDate.fromDayNumber: the day number'));
      text = `${pad4(y)}-${pad2(m)}-${pad2(day)}` as IsoDate;
      if (dateByDay.size >= DATE_CACHE_SIZE) dateByDay.clear();
      dateByDay.set(n, text);
    }
    return text;
  },
  addDays: (d: IsoDate, days: number): IsoDate => IsoDate.fromDayNumber(IsoDate.toDayNumber(d) + whole(days, 'IsoDate.addDays: the days')),
  /** Whole days from a to b (negative when b is earlier). */
  daysBetween: (a: IsoDate, b: IsoDate): number => IsoDate.toDayNumber(b) - IsoDate.toDayNumber(a),
  /** The same day n years later, clamped to the month's last day (29 Feb + 1 year = 28 Feb). */
  addYears: (d: IsoDate, years: number): IsoDate => {
    const y = IsoDate.year(d) + whole(years, 'IsoDate.addYears: the years');
    const m = IsoDate.month(d);
    return IsoDate.of(y, m, Math.min(IsoDate.day(d), daysInMonth(y, m)));
  },
  min: (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b),
  max: (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b),
} as const;

/** The digit at a position, or -1 when the character is not one. */
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1, read digit by digit (no substrings) when p is "dddd-dd"; otherwise exactly that. */
const periodIndex = (p: string): number => {
  if (p.length === 7 && p.charCodeAt(4) === 45) {
    const [y0, y1, y2, y3, m0, m1] = [digit(p, 0), digit(p, 1), digit(p, 2), digit(p, 3), digit(p, 5), digit(p, 6)] as const;
    // -1 has every bit set, so the or of the digits is negative exactly when one is not a digit.
    if ((y0 | y1 | y2 | y3 | m0 | m1) >= 0) return (y0 * 1000 + y1 * 100 + y2 * 10 + y3) * 12 + m0 * 10 + m1 - 1;
  }
  return Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
};

const formatPeriod = (i: number): Period => `${pad4(Math.floor(i / 12))}-${pad2((i % 12) + 1)}` as Period;

/** toDayNumber(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))), read digit by digit (no substrings) when d is "dddd-dd-dd"; otherwise exactly that. */
const dayNumberOfText = (d: string): number => {
  if (d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45) {
    const [y0, y1, y2, y3, m0, m1, d0, d1] = [digit(d, 0), digit(d, 1), digit(d, 2), digit(d, 3), digit(d, 5), digit(d, 6), digit(d, 8), digit(d, 9)] as const;
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) return toDayNumber(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
  }
  return toDayNumber(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
};

/** Periods of years 0-2999 by index, formatted on first use: the same text as formatPeriod, one string per month. */
const PERIOD_CACHE_SIZE = 3000 * 12;
const periodByIndex: Array<Period | undefined> = new Array<Period | undefined>(PERIOD_CACHE_SIZE);

/** Operations on contribution periods (months). */
export const Period = {
  /** Builds a period; throws on a month outside 1-12 (a bug: decode input with PeriodC). */
  of: (year: number, month: number): Period => {
    const s = `${pad4(year)}-${pad2(month)}`;
    const problem = periodProblem(s);
    if (problem !== undefined) throw new RangeError(problem);
    return s as Period;
  },
  year: (p: Period): number => Number(p.slice(0, 4)),
  month: (p: Period): number => Number(p.slice(5, 7)),
  /** Months since year 0: a dense integer index, handy for arithmetic and arrays. */
  index: (p: Period): number => periodIndex(p),
  fromIndex: (i: number): Period => {
    whole(i, 'Period.fromIndex: the index');
    if (i < 0 || i >= PERIOD_CACHE_SIZE) return formatPeriod(i);
    return (periodByIndex[i] ??= formatPeriod(i));
  },
  add: (p: Period, months: number): Period => Period.fromIndex(Period.index(p) + whole(months, 'Period.add: the months')),
  next: (p: Period): Period => Period.add(p, 1),
  previous: (p: Period): Period => Period.add(p, -1),
  /** Whole months from a to b (negative when b is earlier). */
  monthsBetween: (a: Period, b: Period): number => Period.index(b) - Period.index(a),
  firstDay: (p: Period): IsoDate => `${p}-01` as IsoDate,
  lastDay: (p: Period): IsoDate => `${p}-${pad2(daysInMonth(Period.year(p), Period.month(p)))}` as IsoDate,
  /** A given day of the month (1 or more), clamped to the month's last day. */
  day: (p: Period, day: number): IsoDate => {
    if (whole(day, 'Period.day: the day') < 1) throw new RangeError(`Period.day: the day must be 1 or more, got ${day}`);
    return `${p}-${pad2(Math.min(day, daysInMonth(Period.year(p), Period.month(p))))}` as IsoDate;
  },
  /** The periods from a to b inclusive, in order. */
  range: function* (a: Period, b: Period): Generator<Period> {
    for (let i = Period.index(a); i <= Period.index(b); i++) yield Period.fromIndex(i);
  },
} as const;

/** An instant with a time zone, "2025-07-01T08:30:00.000Z": when the scheme learned of something (knowledge time). */
export type IsoDateTime = string & t.Brand<IsoDateTimeBrand>;
interface IsoDateTimeBrand {
  readonly IsoDateTime: unique symbol;
}
const DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** Codec: an ISO 8601 instant with seconds and a zone. */
export const IsoDateTimeC = refined(
  t.string,
  'IsoDateTime',
  (s) => {
    const m = DATETIME.exec(s);
    if (m === null) return `an instant must be written like 2025-07-01T08:30:00Z, got ${JSON.stringify(s)}`;
    return dateProblem(m[1] ?? '');
  },
  { pattern: `^${DATE_PATTERN_BODY}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,9})?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$` },
) as unknown as t.Type<IsoDateTime, string, unknown>;
