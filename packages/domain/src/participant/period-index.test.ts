import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Period } from '../values/calendar.js';
import { PeriodIndex } from './period-index.js';

/** Canonical periods over two centuries, texts that look like periods but are not canonical, and anything. */
const periodText = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1990 * 12, max: 2200 * 12 }).map((i) => Period.fromIndex(i) as string) },
  { weight: 1, arbitrary: fc.constantFrom('2024-00', '2024-13', '2024-3', '2024-3 ', ' 2024-03', '2024/03', '0000-01', '9999-12', '2024-03-01', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

describe('PeriodIndex (a payment log index by period)', () => {
  it('answers exactly as a map from text to the first position recorded', () => {
    fc.assert(
      fc.property(fc.array(periodText, { maxLength: 80 }), fc.array(periodText, { maxLength: 30 }), (recorded, asked) => {
        const index = new PeriodIndex();
        const model = new Map<string, number>();
        recorded.forEach((p, i) => {
          index.setIfAbsent(p, i);
          if (!model.has(p)) model.set(p, i);
        });
        for (const p of [...recorded, ...asked]) expect(index.get(p)).toBe(model.get(p));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps months a century after the first in its map, and months before the first too', () => {
    const index = new PeriodIndex();
    index.setIfAbsent('2024-05', 0);
    index.setIfAbsent('2124-05', 1);
    index.setIfAbsent('2024-04', 2);
    index.setIfAbsent('2024-05', 3);
    expect([index.get('2024-05'), index.get('2124-05'), index.get('2024-04'), index.get('2024-06')]).toEqual([0, 1, 2, undefined]);
  });
});
