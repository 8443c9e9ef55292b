import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { describeErrors } from '../shared/codec.js';
import { MAX_AMOUNT, NonNegativeRupiahC, PositiveRupiahC, Rupiah, RupiahArithmeticError, RupiahC } from './rupiah.js';

const verdict = (codec: t.Mixed, value: unknown): string => {
  const decoded = codec.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left).map((p) => p.message).join('; ') : 'valid';
};

const rp = (n: number): Rupiah => Rupiah.of(n);

describe('Rupiah codecs', () => {
  it.each([RupiahC, NonNegativeRupiahC, PositiveRupiahC])('%# refuses fractions, NaN, Infinity, strings and non-numbers with a reason', (codec) => {
    expect(verdict(codec, 16_800.5)).toBe('an amount of rupiah must be a whole number, got 16800.5');
    expect(verdict(codec, 0.1)).toContain('whole number');
    expect(verdict(codec, Number.NaN)).toBe('an amount of rupiah must be a whole number, got NaN');
    expect(verdict(codec, Number.POSITIVE_INFINITY)).toBe('an amount of rupiah must be a whole number, got Infinity');
    expect(verdict(codec, Number.NEGATIVE_INFINITY)).toContain('whole number');
    expect(verdict(codec, '16800')).toBe(`expected ${codec.name}, got "16800"`);
    expect(verdict(codec, null)).toBe(`expected ${codec.name}, got null`);
    expect(verdict(codec, 16_800n)).toBe(`expected ${codec.name}, got 16800n`);
    expect(verdict(codec, undefined)).toContain('is required');
    expect(verdict(codec, MAX_AMOUNT + 1)).toContain(`must not exceed ${MAX_AMOUNT}`);
  });

  it('RupiahC accepts balances of either sign up to MAX_AMOUNT', () => {
    expect(verdict(RupiahC, 0)).toBe('valid');
    expect(verdict(RupiahC, -16_800)).toBe('valid');
    expect(verdict(RupiahC, MAX_AMOUNT)).toBe('valid');
    expect(verdict(RupiahC, -MAX_AMOUNT)).toBe('valid');
    expect(verdict(RupiahC, -MAX_AMOUNT - 1)).toContain('must not exceed');
  });

  it('NonNegativeRupiahC refuses negatives and accepts zero', () => {
    expect(verdict(NonNegativeRupiahC, -1)).toBe('an amount of rupiah must not be negative, got -1');
    expect(verdict(NonNegativeRupiahC, 0)).toBe('valid');
    expect(verdict(NonNegativeRupiahC, 16_800)).toBe('valid');
  });

  it('PositiveRupiahC refuses zero and negatives', () => {
    expect(verdict(PositiveRupiahC, 0)).toBe('an amount of rupiah must be greater than zero, got 0');
    expect(verdict(PositiveRupiahC, -5)).toBe('an amount of rupiah must be greater than zero, got -5');
    expect(verdict(PositiveRupiahC, 1)).toBe('valid');
  });

  it('is() agrees with decode', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(MAX_AMOUNT + 1)), (value) => {
        for (const codec of [RupiahC, NonNegativeRupiahC, PositiveRupiahC]) expect(codec.is(value)).toBe(E.isRight(codec.decode(value)));
      }),
    );
  });
});

describe('Rupiah.fraction and basisPoints: exact, rounding half up', () => {
  it.each([
    ['1% of 1,000,000', () => Rupiah.basisPoints(rp(1_000_000), 100), 10_000],
    ['0.24% of 100,000,000', () => Rupiah.basisPoints(rp(100_000_000), 24), 240_000],
    ['0.24% of 1,000,000', () => Rupiah.basisPoints(rp(1_000_000), 24), 2_400],
    ['5/10 of 1', () => Rupiah.fraction(rp(1), 5, 10), 1],
    ['4/10 of 1', () => Rupiah.fraction(rp(1), 4, 10), 0],
    ['6/10 of 1', () => Rupiah.fraction(rp(1), 6, 10), 1],
    ['1/2 of 3', () => Rupiah.fraction(rp(3), 1, 2), 2],
    ['1/3 of 100', () => Rupiah.fraction(rp(100), 1, 3), 33],
    ['2/3 of 100', () => Rupiah.fraction(rp(100), 2, 3), 67],
    ['5/10 of -1', () => Rupiah.fraction(rp(-1), 5, 10), -1],
    ['4/10 of -1', () => Rupiah.fraction(rp(-1), 4, 10), 0],
    ['-5/10 of 1', () => Rupiah.fraction(rp(1), -5, 10), -1],
    ['1/2 of -3', () => Rupiah.fraction(rp(-3), 1, 2), -2],
    ['0.89% of 4,000,000 (JP employee + part)', () => Rupiah.basisPoints(rp(4_000_000), 89), 35_600],
    ['9,999/10,000 of 9 trillion (no float error)', () => Rupiah.fraction(rp(9_000_000_000_000), 9_999, 10_000), 8_999_100_000_000],
    ['0 of anything', () => Rupiah.fraction(rp(123_456), 0, 7), 0],
  ])('%s', (_what, compute, expected) => {
    expect(compute()).toBe(expected);
  });

  it('never gives -0', () => {
    expect(Object.is(Rupiah.fraction(rp(-1), 4, 10), 0)).toBe(true);
  });

  it('is symmetric for negatives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (a, n, d) => {
        expect(Rupiah.fraction(rp(-a), n, d) + Rupiah.fraction(rp(a), n, d)).toBe(0);
      }),
    );
  });

  it('agrees with exact rational rounding half up (away from zero)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (a, n, d) => {
        const result = Rupiah.fraction(rp(a), n, d);
        const exact = BigInt(a) * BigInt(n);
        // |2 * (result * d - exact)| <= d, and on a tie the result is the one further from zero
        const twiceError = 2n * (BigInt(result) * BigInt(d) - exact);
        expect(twiceError <= BigInt(d) && twiceError >= -BigInt(d)).toBe(true);
        if (twiceError === BigInt(d) || twiceError === -BigInt(d)) expect(Math.abs(result) * d).toBeGreaterThan(Math.abs(Number(exact)));
      }),
    );
  });

  it('refuses fractional rates and a denominator that is not positive', () => {
    expect(() => Rupiah.fraction(rp(100), 0.5, 10)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.fraction(rp(100), 1, 0)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.fraction(rp(100), 1, -10)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.basisPoints(rp(100), Number.NaN)).toThrow(RupiahArithmeticError);
  });

  it('throws when the result leaves the safe-integer range', () => {
    expect(() => Rupiah.fraction(rp(Number.MAX_SAFE_INTEGER), 2, 1)).toThrow(RupiahArithmeticError);
  });
});

describe('checked arithmetic', () => {
  it('adds, subtracts and multiplies whole rupiah', () => {
    expect(Rupiah.add(rp(16_800), rp(1_200))).toBe(18_000);
    expect(Rupiah.sub(rp(16_800), rp(20_000))).toBe(-3_200);
    expect(Rupiah.times(rp(16_800), 12)).toBe(201_600);
    expect(Rupiah.sum([rp(1), rp(2), rp(3)])).toBe(6);
    expect(Rupiah.sum([])).toBe(0);
    expect(Rupiah.min(rp(1), rp(2))).toBe(1);
    expect(Rupiah.max(rp(1), rp(2))).toBe(2);
  });

  it('throws RupiahArithmeticError beyond the safe-integer range, never rounding silently', () => {
    const max = rp(Number.MAX_SAFE_INTEGER);
    const min = rp(Number.MIN_SAFE_INTEGER);
    expect(() => Rupiah.add(max, rp(1))).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.add(min, rp(-1))).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.sub(min, rp(1))).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.sub(max, rp(-1))).toThrow(/Rupiah.sub gave .* not a safe integer/);
    expect(() => Rupiah.times(max, 2)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.times(rp(10), 1.5)).toThrow('Rupiah.times needs a whole factor, got 1.5');
    expect(() => Rupiah.times(rp(10), Number.POSITIVE_INFINITY)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.sum([max, rp(1)])).toThrow(RupiahArithmeticError);
    expect(Rupiah.add(rp(Number.MAX_SAFE_INTEGER - 1), rp(1))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('sum throws even when a later amount would bring a rounded total back into range', () => {
    // MAX_SAFE + 2 rounds to 2^53; subtracting 2 again would silently give MAX_SAFE - 1.
    expect(() => Rupiah.sum([rp(Number.MAX_SAFE_INTEGER), rp(2), rp(-2)])).toThrow(RupiahArithmeticError);
  });

  it('Rupiah.of refuses anything that is not a safe integer', () => {
    expect(() => Rupiah.of(0.1)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.of(Number.NaN)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.of(Number.POSITIVE_INFINITY)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.of(2 ** 53)).toThrow(RupiahArithmeticError);
    expect(new RupiahArithmeticError('x').name).toBe('RupiahArithmeticError');
  });
});

describe('Rupiah.split', () => {
  it('gives the remainder one rupiah each to the first shares', () => {
    expect(Rupiah.split(rp(10), 3)).toEqual([4, 3, 3]);
    expect(Rupiah.split(rp(2), 4)).toEqual([1, 1, 0, 0]);
    expect(Rupiah.split(rp(0), 2)).toEqual([0, 0]);
    expect(Rupiah.split(rp(16_800), 1)).toEqual([16_800]);
  });

  it('conserves money: shares sum to the amount and differ by at most one rupiah', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT }), fc.integer({ min: 1, max: 200 }), (amount, parts) => {
        const shares = Rupiah.split(rp(amount), parts);
        expect(shares).toHaveLength(parts);
        expect(Rupiah.sum(shares)).toBe(amount);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        for (const share of shares) expect(Number.isSafeInteger(share) && share >= 0).toBe(true);
      }),
    );
  });

  it('refuses a non-positive or fractional number of parts, and a negative amount', () => {
    expect(() => Rupiah.split(rp(10), 0)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.split(rp(10), 1.5)).toThrow(RupiahArithmeticError);
    expect(() => Rupiah.split(rp(-10), 2)).toThrow(RupiahArithmeticError);
  });
});

describe('Rupiah.format', () => {
  it.each([
    [42_000_000, 'Rp42.000.000'],
    [0, 'Rp0'],
    [999, 'Rp999'],
    [1_000, 'Rp1.000'],
    [16_800, 'Rp16.800'],
    [-16_800, '-Rp16.800'],
    [1_234_567_890_123, 'Rp1.234.567.890.123'],
  ])('writes %d as %s', (amount, text) => {
    expect(Rupiah.format(rp(amount))).toBe(text);
  });
});
