/**
 * Checks of single fields, exactly as strict as the domain's codecs (the property tests in
 * fields.test.ts compare them), but cheap enough for a rebuild's hot path: projections check the
 * fields their fold reads with these instead of validating whole events with io-ts.
 */
import {
  decodeEvent,
  eventDefinition,
  MAX_AMOUNT,
  ParticipantIdC,
  BranchIdC,
  PROGRAMMES,
  type JamsosEvent,
} from '@jamsos/domain';

/** The digit at a position (0-9), or a negative number when the character is not one. */
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
};

const daysIn = (year: number, month: number): number =>
  month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/**
 * The day number (days since 1970-01-01, negative before) of a date IsoDateC accepts ("YYYY-MM-DD", a
 * year 1900-2999, a day the month has), or undefined for anything else: the check and the conversion
 * in one pass.
 */
export const dayNumberOf = (value: unknown): number | undefined => {
  // A check and then the fold read the same date: the second time is a comparison.
  if (value === lastDate && typeof value === 'string') return lastDay;
  const day = parseDay(value);
  if (day !== undefined) {
    lastDate = value;
    lastDay = day;
  }
  return day;
};

let lastDate: unknown;
let lastDay: number | undefined;

const parseDay = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  // Days from civil (H. Hinnant), as the domain's IsoDate.toDayNumber.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
};

/** True for a period PeriodC accepts: "YYYY-MM", a year 1900-2999, a month 01-12. */
export const isPeriod = (value: unknown): boolean => {
  if (typeof value !== 'string' || value.length !== 7 || value.charCodeAt(4) !== 45) return false;
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12;
};

/** True for a whole number of rupiah of at least `min` (0: NonNegativeRupiahC, 1: PositiveRupiahC). */
export const isRupiah = (value: unknown, min: 0 | 1): boolean => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_AMOUNT;

const programmes = new Set<unknown>(PROGRAMMES);

/** True for a programme ProgrammeC accepts. */
export const isProgramme = (value: unknown): boolean => programmes.has(value);

/**
 * A codec's `is` that remembers the last text it accepted: consecutive events of a history repeat
 * the same ids (a participant's payments, a branch's), and comparing text is cheaper than a pattern.
 */
const remembering = (is: (value: unknown) => boolean): ((value: unknown) => boolean) => {
  let accepted: unknown;
  return (value) => {
    if (value === accepted && typeof value === 'string') return true;
    if (!is(value)) return false;
    accepted = value;
    return true;
  };
};

/** True for ids the domain's codecs accept. */
export const isParticipantId = remembering((value) => ParticipantIdC.is(value));
export const isBranchId = remembering((value) => BranchIdC.is(value));

/** The data of an event as a record of unknown fields, or undefined when it is not an object. */
export const fieldsOf = (event: JamsosEvent): Record<string, unknown> | undefined => {
  const data = event.data as unknown;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
};

/**
 * Why a check refused an event: the codec's own account of the data when it has one, else the field
 * the check refused (a check never accepts what the codec refuses; it may ignore fields it does not read).
 */
export const refused = (event: JamsosEvent, field: string): string => {
  const decoded = decodeEvent({ type: event.type, schemaVersion: eventDefinition(event.type)?.version ?? 1, data: event.data });
  return decoded._tag === 'Left' && decoded.left._tag === 'InvalidEventData' ? decoded.left.message : `${event.type}.${field} is not what its codec accepts`;
};

/** A whole event checked by its codec (for the rare types of a fold): a problem, or undefined. */
export const checkWhole = (event: JamsosEvent): string | undefined => {
  const definition = eventDefinition(event.type);
  if (definition === undefined) return `${event.type} is not an event type this version knows`;
  return definition.codec.is(event.data) ? undefined : refused(event, 'data');
};
