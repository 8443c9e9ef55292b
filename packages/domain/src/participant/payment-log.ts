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

/**
 * A persistent, append-only log of payments with lookups by period and by reference.
 * Appending to the newest version shares the buffers (O(1)); appending to an older version
 * copies its prefix first, so every version stays valid. A version only sees entries below its
 * own count, and the indexes keep the first entry for a key, so lookups are right in every version.
 */
export class PaymentLog {
  private constructor(
    private readonly buffer: PaymentRecord[],
    private readonly byPeriod: PeriodIndex,
    private readonly byReference: Map<string, number>,
    /** How many payments this version holds. */
    readonly size: number,
  ) {}

  /** The empty log. */
  static readonly empty: PaymentLog = new PaymentLog([], new PeriodIndex(), new Map(), 0);

  /** A log with one more payment. */
  append(payment: PaymentRecord): PaymentLog {
    let { buffer, byPeriod, byReference } = this;
    if (buffer.length !== this.size) {
      buffer = buffer.slice(0, this.size);
      byPeriod = new PeriodIndex();
      byReference = new Map();
      buffer.forEach((p, i) => {
        byPeriod.setIfAbsent(p.period, i);
        if (!byReference.has(p.paymentReference)) byReference.set(p.paymentReference, i);
      });
    }
    const index = buffer.length;
    buffer.push(payment);
    byPeriod.setIfAbsent(payment.period, index);
    if (!byReference.has(payment.paymentReference)) byReference.set(payment.paymentReference, index);
    return new PaymentLog(buffer, byPeriod, byReference, index + 1);
  }

  /** The payment recorded for a period, if any. */
  forPeriod(period: Period): PaymentRecord | undefined {
    const i = this.byPeriod.get(period);
    return i !== undefined && i < this.size ? this.buffer[i] : undefined;
  }

  /** The payment recorded under a bank reference, if any. */
  forReference(reference: string): PaymentRecord | undefined {
    const i = this.byReference.get(reference);
    return i !== undefined && i < this.size ? this.buffer[i] : undefined;
  }

  /** Every payment, in the order recorded. */
  *[Symbol.iterator](): Iterator<PaymentRecord> {
    for (let i = 0; i < this.size; i++) yield this.buffer[i] as PaymentRecord;
  }
}
