import type { IsoDate, Period } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';
import { PeriodIndex } from './period-index.js';

/** One contribution as the participant's state remembers it. */
export interface PaymentRecord {
  readonly period: Period;
  readonly paidOn: IsoDate;
  readonly total: Rupiah;
  readonly paymentReference: string;
}

/** Slots per payment in a lineage's entries: period, paid on, total, reference. */
const WIDTH = 4;

/**
 * What the versions of one log share: the payments as one flat array (four slots a payment, values
 * that already exist, so appending allocates no object per payment), each payment's record built the
 * first time it is read, the period index, and the reference index, built only as far as someone
 * asks (references are read far less often than payments are appended: replays and projections never
 * ask). Indexing in order keeps the first entry for a key.
 */
class Lineage {
  /** Built when first read. */
  private records: Array<PaymentRecord | undefined> | undefined = undefined;
  readonly byPeriod = new PeriodIndex();
  /** Built when first asked. */
  private byReference: Map<string, number> | undefined = undefined;
  private referencesIndexed = 0;

  constructor(readonly entries: Array<string | number>) {
    for (let i = 0; i < entries.length / WIDTH; i++) this.byPeriod.setIfAbsent(entries[i * WIDTH] as string, i);
  }

  /** How many payments the lineage holds. */
  get count(): number {
    return this.entries.length / WIDTH;
  }

  push(period: Period, paidOn: IsoDate, total: Rupiah, paymentReference: string): void {
    const index = this.count;
    this.entries.push(period, paidOn, total, paymentReference);
    this.byPeriod.setIfAbsent(period, index);
  }

  reference(reference: string): number | undefined {
    const byReference = (this.byReference ??= new Map());
    const { entries } = this;
    for (; this.referencesIndexed < this.count; this.referencesIndexed++) {
      const key = entries[this.referencesIndexed * WIDTH + 3] as string;
      if (!byReference.has(key)) byReference.set(key, this.referencesIndexed);
    }
    return byReference.get(reference);
  }

  record(i: number): PaymentRecord {
    const records = (this.records ??= new Array<PaymentRecord | undefined>(this.count));
    let record = records[i];
    if (record === undefined) {
      const at = i * WIDTH;
      const e = this.entries;
      record = { period: e[at] as Period, paidOn: e[at + 1] as IsoDate, total: e[at + 2] as Rupiah, paymentReference: e[at + 3] as string };
      records[i] = record;
    }
    return record;
  }
}

/**
 * A persistent, append-only log of payments with lookups by period and by reference.
 * Appending to the newest version shares the buffers (O(1)); appending to an older version
 * copies its prefix first, so every version stays valid. A version only sees entries below its
 * own count, and the indexes keep the first entry for a key, so lookups are right in every version.
 */
export class PaymentLog {
  private constructor(
    private readonly lineage: Lineage,
    /** How many payments this version holds. */
    readonly size: number,
  ) {}

  /** The empty log. */
  static readonly empty: PaymentLog = new PaymentLog(new Lineage([]), 0);

  /** This version's lineage to append to: its own when it is the newest version, else a copy of its prefix. */
  private writable(): Lineage {
    const { lineage, size } = this;
    if (size === 0) return new Lineage([]);
    return lineage.count === size ? lineage : new Lineage(lineage.entries.slice(0, size * WIDTH));
  }

  /** A log with one more payment. */
  append(payment: PaymentRecord): PaymentLog {
    const lineage = this.writable();
    lineage.push(payment.period, payment.paidOn, payment.total, payment.paymentReference);
    return new PaymentLog(lineage, this.size + 1);
  }

  /**
   * A log with more payments, given flat (period, paid on, total, reference for each, in order): the
   * log that appending their records one by one gives. The array is the log's from then on (when this
   * log is empty it becomes the buffer): the caller must not change it.
   */
  appendAll(flat: Array<string | number>): PaymentLog {
    if (flat.length % WIDTH !== 0) throw new Error('bug: appendAll takes four values a payment');
    if (this.size === 0) return new PaymentLog(new Lineage(flat), flat.length / WIDTH);
    const lineage = this.writable();
    for (let i = 0; i < flat.length; i += WIDTH) lineage.push(flat[i] as Period, flat[i + 1] as IsoDate, flat[i + 2] as Rupiah, flat[i + 3] as string);
    return new PaymentLog(lineage, this.size + flat.length / WIDTH);
  }

  /** Whether a payment is recorded for a period: forPeriod(period) !== undefined. */
  hasPeriod(period: Period): boolean {
    const i = this.lineage.byPeriod.get(period);
    return i !== undefined && i < this.size;
  }

  /** Whether a payment is recorded for a month (as in Period.index): hasPeriod(Period.fromIndex(month)), without the text for a month in canonical form. */
  hasMonth(month: number): boolean {
    if (this.size === 0) return false;
    const i = this.lineage.byPeriod.getMonth(month);
    return i !== undefined && i < this.size;
  }

  /** A month (as in Period.index) after which hasMonth is false for every month: a bound, not always the last month paid (Infinity when some period is not in canonical form). */
  lastMonthBound(): number {
    return this.size === 0 ? -1 : this.lineage.byPeriod.lastMonth();
  }

  /** Whether a payment is recorded under a bank reference: forReference(reference) !== undefined. */
  hasReference(reference: string): boolean {
    const i = this.lineage.reference(reference);
    return i !== undefined && i < this.size;
  }

  /** The payment recorded for a period, if any. */
  forPeriod(period: Period): PaymentRecord | undefined {
    const i = this.lineage.byPeriod.get(period);
    return i !== undefined && i < this.size ? this.lineage.record(i) : undefined;
  }

  /** The payment recorded under a bank reference, if any. */
  forReference(reference: string): PaymentRecord | undefined {
    const i = this.lineage.reference(reference);
    return i !== undefined && i < this.size ? this.lineage.record(i) : undefined;
  }

  /** Every payment, in the order recorded. */
  *[Symbol.iterator](): Iterator<PaymentRecord> {
    for (let i = 0; i < this.size; i++) yield this.lineage.record(i);
  }
}
