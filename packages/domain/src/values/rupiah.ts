import * as t from 'io-ts';
import { refined } from '../shared/codec.js';
import { fractionBig, fractionSafe } from './fraction.js';

/**
 * An amount of money in whole rupiah: a safe integer, never a float.
 * Arithmetic is checked: a result outside the safe-integer range is a bug (validated inputs are
 * many orders of magnitude smaller than 2^53 rupiah), so it throws rather than silently rounding.
 */
export type Rupiah = number & t.Brand<RupiahBrand>;
interface RupiahBrand {
  readonly Rupiah: unique symbol;
}

/** The largest amount a single recorded money field may carry: Rp1,000 trillion (the whole fund is about Rp781 trillion). */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** Thrown only on a bug: arithmetic that left the safe-integer range or was given a non-integer. */
export class RupiahArithmeticError extends Error {
  override readonly name = 'RupiahArithmeticError';
}

const check = (value: number, operation: string): Rupiah => {
  if (!Number.isSafeInteger(value)) throw new RupiahArithmeticError(`${operation} gave ${value}, not a safe integer of rupiah`);
  return value as Rupiah;
};

/** Codec: any whole number of rupiah within ±MAX_AMOUNT (balances may be negative). */
export const RupiahC = refined(t.number, 'Rupiah', (n) =>
  !Number.isInteger(n)
    ? `an amount of rupiah must be a whole number, got ${n}`
    : Math.abs(n) > MAX_AMOUNT
      ? `an amount of rupiah must not exceed ${MAX_AMOUNT}, got ${n}`
      : undefined,
  { type: 'integer', minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT },
) as unknown as t.Type<Rupiah, number, unknown>;

/** Codec: a whole, non-negative number of rupiah (what a payment or a benefit can be). */
export const NonNegativeRupiahC = refined(RupiahC, 'NonNegativeRupiah', (n) =>
  n < 0 ? `an amount of rupiah must not be negative, got ${n}` : undefined,
  { minimum: 0 },
) as unknown as t.Type<Rupiah, number, unknown>;

/** Codec: a whole, positive number of rupiah. */
export const PositiveRupiahC = refined(RupiahC, 'PositiveRupiah', (n) =>
  n <= 0 ? `an amount of rupiah must be greater than zero, got ${n}` : undefined,
  { minimum: 1 },
) as unknown as t.Type<Rupiah, number, unknown>;

/** Rupiah arithmetic: every operation stays in whole rupiah and checks the safe-integer range. */
export const Rupiah = {
  zero: 0 as Rupiah,
  /** Rupiah from a whole number; throws on a fraction (a bug: decode external input with RupiahC). */
  of: (n: number): Rupiah => check(n, 'Rupiah.of'),
  add: (a: Rupiah, b: Rupiah): Rupiah => check(a + b, 'Rupiah.add'),
  sub: (a: Rupiah, b: Rupiah): Rupiah => check(a - b, 'Rupiah.sub'),
  /** The amount times a whole factor (months, a multiplier of the wage). */
  times: (a: Rupiah, factor: number): Rupiah => {
    if (!Number.isInteger(factor)) throw new RupiahArithmeticError(`Rupiah.times needs a whole factor, got ${factor}`);
    return check(a * factor, 'Rupiah.times');
  },
  /** The sum of many amounts. */
  sum: (amounts: Iterable<Rupiah>): Rupiah => {
    // Checked after every step: an intermediate total beyond the safe range is rounded, and later
    // amounts could bring it back into range with the wrong value.
    let total = 0 as Rupiah;
    for (const amount of amounts) total = check(total + amount, 'Rupiah.sum');
    return total;
  },
  /**
   * amount x numerator / denominator, rounded half up to the whole rupiah, computed exactly so that
   * no float rounding ever touches money: in safe integers while the product stays below 2^53, with
   * bigint beyond (values/fraction.ts; both give the same result). Rates are given as integers:
   * 0.24% = 24 / 10,000.
   */
  fraction: (a: Rupiah, numerator: number, denominator: number): Rupiah => {
    if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0)
      throw new RupiahArithmeticError(`Rupiah.fraction needs whole numbers and a positive denominator, got ${numerator}/${denominator}`);
    if (!Number.isSafeInteger(a)) throw new RupiahArithmeticError(`Rupiah.fraction needs a whole amount of rupiah, got ${a}`);
    return check(fractionSafe(a, numerator, denominator) ?? fractionBig(a, numerator, denominator), 'Rupiah.fraction');
  },
  /** amount x basis points / 10,000, rounded half up (1% = 100 bp). */
  basisPoints: (a: Rupiah, bp: number): Rupiah => Rupiah.fraction(a, bp, 10_000),
  min: (a: Rupiah, b: Rupiah): Rupiah => (a <= b ? a : b),
  max: (a: Rupiah, b: Rupiah): Rupiah => (a >= b ? a : b),
  /**
   * Splits an amount into `parts` whole-rupiah shares that add up exactly to it: the remainder
   * rupiah go one each to the first shares, so money is conserved.
   */
  split: (a: Rupiah, parts: number): ReadonlyArray<Rupiah> => {
    if (!Number.isSafeInteger(parts) || parts <= 0) throw new RupiahArithmeticError(`Rupiah.split needs a positive whole number of parts, got ${parts}`);
    if (a < 0) throw new RupiahArithmeticError(`Rupiah.split needs a non-negative amount, got ${a}`);
    const base = Math.floor(a / parts);
    const remainder = a - base * parts;
    return Array.from({ length: parts }, (_, i) => (base + (i < remainder ? 1 : 0)) as Rupiah);
  },
  /** "Rp42.000.000", the way Indonesian documents write amounts. */
  format: (a: Rupiah): string => `${a < 0 ? '-' : ''}Rp${Math.abs(a).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`,
} as const;
