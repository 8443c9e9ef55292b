/**
 * A small seeded pseudo-random source for the demo (mulberry32), so that the same seed always gives
 * byte-identical histories. Never Math.random. Each participant, employer and project draws from its
 * own stream, derived from the seed and its key, so one's history does not depend on another's.
 */

/** A 32-bit hash of a seed and a key (FNV-1a, then a final avalanche): the seed of a derived stream. */
export const hashSeed = (seed: number, ...key: ReadonlyArray<string | number>): number => {
  let h = 0x811c9dc5 ^ (seed | 0);
  const text = key.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** mulberry32: a fast 32-bit generator of floats in [0, 1). */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Draws from one seeded stream. */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** A whole number from min to max, both included. */
  readonly int: (min: number, max: number) => number;
  /** True with probability p. */
  readonly chance: (p: number) => boolean;
  /** One item, uniformly. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A;
  /** One item by weight. */
  readonly weighted: <A>(entries: ReadonlyArray<readonly [A, number]>) => A;
  /** A log-normal amount around a median (sigma on the log scale), clamped and rounded to a step. */
  readonly logNormal: (median: number, sigma: number, min: number, max: number, step: number) => number;
}

/** A seeded random stream for a key under the demo's seed. */
export const createRandom = (seed: number, ...key: ReadonlyArray<string | number>): Random => {
  const next = mulberry32(hashSeed(seed, ...key));
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, weight] of entries) {
        r -= weight;
        if (r < 0) return item;
      }
      return (entries[entries.length - 1] as (typeof entries)[number])[0];
    },
    logNormal: (median, sigma, min, max, step) => {
      // Box-Muller on two uniforms; 1 - next() keeps the logarithm finite.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const value = Math.min(max, Math.max(min, median * Math.exp(sigma * normal)));
      return Math.round(value / step) * step;
    },
  };
};
