/**
 * Exact a x n / d rounded half up (away from zero on the magnitude), for Rupiah.fraction. Two paths that
 * give the same integer: safe-integer arithmetic while a x n stays a safe integer, bigint otherwise.
 * Internal to the domain (not re-exported); the tests compare the two paths.
 */

/**
 * The safe-integer path, or undefined when a x n or |a x n| + d is not a safe integer. Inputs: safe
 * integers, d > 0. Exact: a x n of two safe integers is a safe double only when the exact product is
 * (rounding is monotone and 2^53 is representable). The correctly rounded quotient abs / d lies between
 * floor(abs / d) and floor(abs / d) + 1 (both representable), so its floor q is at most one too big;
 * q x d <= abs + d is a safe integer, so r = abs - q x d is exact and says which; 2r is exact.
 * (No `%`: on doubles it is a call to fmod, slower than the rest together.)
 */
export const fractionSafe = (a: number, n: number, d: number): number | undefined => {
  const product = a * n;
  if (!Number.isSafeInteger(product)) return undefined;
  if (product === 0) return 0; // also for -0 (0 x -5), which the bigint path gives as +0
  const abs = product < 0 ? -product : product;
  if (!Number.isSafeInteger(abs + d)) return undefined;
  let q = Math.floor(abs / d);
  let r = abs - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  }
  const rounded = r * 2 >= d ? q + 1 : q;
  // 0 - x, not -x: a negative product that rounds to zero gives +0, as the bigint path does.
  return product < 0 ? 0 - rounded : rounded;
};

/** The bigint path: exact for any safe-integer inputs, d > 0 (the result may leave the safe range). */
export const fractionBig = (a: number, n: number, d: number): number => {
  const product = BigInt(a) * BigInt(n);
  const big = BigInt(d);
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  return Number((abs / big + ((abs % big) * 2n >= big ? 1n : 0n)) * sign);
};
