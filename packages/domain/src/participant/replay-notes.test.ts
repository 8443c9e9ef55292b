import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoDate, Period } from '../values/calendar.js';
import { Rupiah } from '../values/rupiah.js';
import { PaymentNotes } from './replay-notes.js';

const start = IsoDate.toDayNumber(IsoDate.of(2022, 1, 1));
const monthStart = Period.index(Period.of(2022, 1));

/** One payment noted for one of a few participants (chains), with a total anywhere in the safe range. */
const noteArb = fc.record({
  chain: fc.integer({ min: 0, max: 4 }),
  month: fc.integer({ min: 0, max: 600 }).map((m) => monthStart + m),
  day: fc.integer({ min: 0, max: 20_000 }).map((d) => start + d),
  total: fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER })),
  reference: fc.string({ minLength: 1, maxLength: 8 }),
});

describe('payment notes (the payments a replay notes, a chain per participant)', () => {
  it('given payments noted into interleaved chains, past the initial size of the columns, then each chain reads back exactly as noted, in order', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { minLength: 1, maxLength: 2500, size: 'max' }), fc.integer({ min: 0, max: 1500 }), (noted, expected) => {
        const notes = new PaymentNotes(expected);
        const chains = new Map<number, { last: number; flat: Array<string | number> }>();
        for (const { chain, month, day, total, reference } of noted) {
          const kept = chains.get(chain) ?? { last: -1, flat: [] };
          kept.last = notes.add(kept.last, month, day, Rupiah.of(total), reference);
          kept.flat.push(Period.fromIndex(month), IsoDate.fromDayNumber(day), total, reference);
          chains.set(chain, kept);
        }
        for (const { last, flat } of chains.values()) expect(notes.flat(last, flat.length / 4)).toEqual(flat);
      }),
      // Long arrays (the columns start at 1,024 notes): a failure is reported as found, not shrunk.
      { numRuns: 40, endOnFailure: true },
    );
  });

  it('given a chain read with the wrong count, then it is a bug, not a shorter or padded list', () => {
    const notes = new PaymentNotes();
    const first = notes.add(-1, monthStart, start, Rupiah.of(16_800), 'A');
    const second = notes.add(first, monthStart + 1, start + 31, Rupiah.of(16_800), 'B');
    expect(() => notes.flat(second, 1)).toThrow(/bug/);
    expect(() => notes.flat(second, 3)).toThrow(/bug/);
    expect(notes.flat(second, 2)).toEqual(['2022-01', '2022-01-01', 16_800, 'A', '2022-02', '2022-02-01', 16_800, 'B']);
  });
});
