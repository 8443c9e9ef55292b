import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoDate, Period } from '../values/calendar.js';
import { Rupiah } from '../values/rupiah.js';
import { PaymentLog, type PaymentRecord } from './payment-log.js';

const recordArb: fc.Arbitrary<PaymentRecord> = fc
  .record({ month: fc.integer({ min: -3, max: 30 }), day: fc.integer({ min: 0, max: 900 }), total: fc.integer({ min: 1, max: 50_000 }), ref: fc.integer({ min: 1, max: 25 }), odd: fc.integer({ min: 0, max: 19 }) })
  .map(({ month, day, total, ref, odd }) => ({
    // Now and then a period not written canonically: the log keeps it by its text.
    period: (odd === 0 ? '2024-1' : Period.add(Period.of(2024, 1), month)) as Period,
    paidOn: IsoDate.addDays(IsoDate.of(2024, 1, 1), day),
    total: Rupiah.of(total),
    paymentReference: `REF-${ref}`,
  }));

/** An operation on the versions made so far: append one record, or several at once, to one of them (the newest or an older one). */
const opArb = fc.record({ version: fc.nat(), records: fc.array(recordArb, { minLength: 1, maxLength: 6 }), all: fc.boolean(), read: fc.boolean() });

const periods = [...Period.range(Period.of(2023, 9), Period.of(2026, 9))];

/** What a log answers, as plain data. */
const view = (log: PaymentLog): unknown => ({
  size: log.size,
  payments: [...log],
  byPeriod: [...periods, '2024-1' as Period].map((p) => [log.forPeriod(p) ?? null, log.hasPeriod(p)]),
  byMonth: periods.map((p) => log.hasMonth(Period.index(p))),
  byReference: Array.from({ length: 26 }, (_, n) => [log.forReference(`REF-${n}`) ?? null, log.hasReference(`REF-${n}`)]),
  // The bound is a bound: no month after it is paid.
  paidAfterBound: periods.filter((p) => Period.index(p) > log.lastMonthBound() && log.hasMonth(Period.index(p))),
});

/** The same answers from a plain list of records (the first record wins a period or a reference). */
const model = (records: ReadonlyArray<PaymentRecord>): unknown => ({
  size: records.length,
  payments: records,
  byPeriod: [...periods, '2024-1'].map((p) => {
    const found = records.find((r) => r.period === p);
    return [found ?? null, found !== undefined];
  }),
  byMonth: periods.map((p) => records.some((r) => r.period === p)),
  byReference: Array.from({ length: 26 }, (_, n) => {
    const found = records.find((r) => r.paymentReference === `REF-${n}`);
    return [found ?? null, found !== undefined];
  }),
  paidAfterBound: [],
});

describe('the payment log', () => {
  it('given appends, one by one or several at once, to the newest version or to older ones, then every version answers as the list of its records does, then and later', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const versions: Array<{ log: PaymentLog; records: ReadonlyArray<PaymentRecord> }> = [{ log: PaymentLog.empty, records: [] }];
        for (const { version, records, all, read } of ops) {
          const from = versions[version % versions.length] as (typeof versions)[number];
          const flat = records.flatMap((r) => [r.period, r.paidOn, r.total, r.paymentReference]);
          const log = all ? from.log.appendAll(flat) : records.reduce((l, r) => l.append(r), from.log);
          versions.push({ log, records: [...from.records, ...records] });
          // Reading builds indexes lazily: read some versions early, the rest only at the end.
          if (read) expect(view(log)).toEqual(model([...from.records, ...records]));
        }
        for (const { log, records } of versions) expect(view(log)).toEqual(model(records));
        expect(view(PaymentLog.empty)).toEqual(model([]));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses flat payments that are not four values each (a bug in the caller)', () => {
    expect(() => PaymentLog.empty.appendAll(['2024-01', '2024-01-10', 16_800])).toThrow(/bug/);
  });
});
