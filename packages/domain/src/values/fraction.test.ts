import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fractionBig, fractionSafe } from './fraction.js';
import { Rupiah, RupiahArithmeticError } from './rupiah.js';

const MAX = Number.MAX_SAFE_INTEGER;

/** Rupiah.fraction as it was before the safe-integer path: bigint only. */
const reference = (a: number, n: number, d: number): number => {
  const product = BigInt(a) * BigInt(n);
  const big = BigInt(d);
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  const rounded = Number((abs / big + ((abs % big) * 2n >= big ? 1n : 0n)) * sign);
  if (!Number.isSafeInteger(rounded)) throw new RupiahArithmeticError(`Rupiah.fraction gave ${rounded}, not a safe integer of rupiah`);
  return rounded;
};

const safe = fc.oneof(fc.integer(), fc.integer({ min: -MAX, max: MAX }), fc.constantFrom(0, 1, -1, MAX, -MAX, 2 ** 26, 2 ** 27 + 1, 94_906_265, 94_906_266));
const denominator = fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: MAX }), fc.constantFrom(1, 2, 3, 10_000, 300_000, MAX));

/** The bigint product of a x n is a safe integer (and |a x n| + d too, the fast path's other condition). */
const fits = (a: number, n: number, d: number): boolean => {
  const abs = BigInt(a) * BigInt(n) * (BigInt(a) * BigInt(n) < 0n ? -1n : 1n);
  return abs + BigInt(d) <= BigInt(MAX);
};

/** Pairs whose product lies within a few units of 2^53, of either sign: the edge of the fast path. */
const nearTheBoundary = fc
  .record({ n: fc.integer({ min: 1, max: 2 ** 30 }), delta: fc.integer({ min: -3, max: 3 }), negative: fc.boolean(), d: denominator })
  .map(({ n, delta, negative, d }) => {
    const a = Math.floor(2 ** 53 / n) + delta;
    return { a: negative ? -a : a, n, d };
  })
  .filter(({ a }) => Number.isSafeInteger(a));

describe('Rupiah.fraction: the safe-integer path equals the bigint path', () => {
  it('gives the same result, +0 included, wherever it applies, and declines exactly where the product (plus d) leaves the safe range', () => {
    fc.assert(
      fc.property(safe, safe, denominator, (a, n, d) => {
        const fast = fractionSafe(a, n, d);
        expect(fast === undefined).toBe(!fits(a, n, d));
        if (fast !== undefined) expect(Object.is(fast, fractionBig(a, n, d))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('at the overflow boundary (products within a few units of 2^53)', () => {
    fc.assert(
      fc.property(nearTheBoundary, ({ a, n, d }) => {
        const fast = fractionSafe(a, n, d);
        expect(fast === undefined).toBe(!fits(a, n, d));
        if (fast !== undefined) expect(Object.is(fast, fractionBig(a, n, d))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rounds ties half up (away from zero) and never gives -0, on both paths', () => {
    fc.assert(
      // q < 2^40 and d <= 2^13 keep a = q x d + half within the safe range (at most 2^53 - 4096); near
      // the top, |a| + d leaves it and the safe path declines, as the first property requires.
      fc.property(fc.integer({ min: 0, max: 2 ** 40 - 1 }), fc.integer({ min: 1, max: 2 ** 12 }), fc.boolean(), (q, half, negative) => {
        const d = 2 * half;
        const a = (q * d + half) * (negative ? -1 : 1);
        const expected = negative ? 0 - (q + 1) : q + 1;
        const fast = fractionSafe(a, 1, d);
        expect(fast === undefined).toBe(!fits(a, 1, d));
        if (fast !== undefined) expect(Object.is(fast, expected)).toBe(true);
        expect(Object.is(fractionBig(a, 1, d), expected)).toBe(true);
        expect(Object.is(fractionSafe(negative ? -1 : 1, 1, 3), 0)).toBe(true);
      }),
      { numRuns: 2_000, examples: [[2 ** 40 - 1, 2 ** 12, false], [2 ** 40 - 1, 2 ** 12, true], [0, 1, true]] },
    );
  });

  it('Rupiah.fraction and basisPoints equal the bigint-only implementation, throws included', () => {
    const outcome = (f: () => number): number | string => {
      try {
        return f();
      } catch (e) {
        return e instanceof RupiahArithmeticError ? `throws: ${e.message}` : 'other error';
      }
    };
    fc.assert(
      fc.property(fc.oneof(safe, nearTheBoundary.map(({ a }) => a)), fc.oneof(safe, fc.integer({ min: -20_000, max: 20_000 })), denominator, (a, n, d) => {
        expect(outcome(() => Rupiah.fraction(a as Rupiah, n, d))).toEqual(outcome(() => reference(a, n, d)));
        expect(outcome(() => Rupiah.basisPoints(a as Rupiah, n))).toEqual(outcome(() => reference(a, n, 10_000)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the safe path for contribution-sized amounts and the bigint path beyond 2^53', () => {
    expect(fractionSafe(5_900_000, 370, 10_000)).toBe(218_300);
    expect(fractionSafe(MAX, 2, 10_000)).toBeUndefined();
    expect(Rupiah.fraction(MAX as Rupiah, 2, 10_000)).toBe(reference(MAX, 2, 10_000));
    expect(Rupiah.fraction(MAX as Rupiah, 10_000, 10_000)).toBe(MAX);
    expect(Rupiah.fraction(-MAX as Rupiah, 9_999, 10_000)).toBe(reference(-MAX, 9_999, 10_000));
  });
});
