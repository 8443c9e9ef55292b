import { Period } from '../values/calendar.js';

/**
 * The month (as in Period.index) of a period in canonical form, "YYYY-MM" with four digits and a month
 * 01-12 (the one text Period.fromIndex gives for that month), or -1 for any other text.
 */
export const canonicalMonth = (period: string): number => {
  if (period.length !== 7 || period.charCodeAt(4) !== 45) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const c = period.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    year = year * 10 + c;
  }
  const m0 = period.charCodeAt(5) - 48;
  const m1 = period.charCodeAt(6) - 48;
  if (m0 < 0 || m0 > 9 || m1 < 0 || m1 > 9) return -1;
  const month = m0 * 10 + m1;
  return month >= 1 && month <= 12 ? year * 12 + month - 1 : -1;
};

/**
 * Where the first payment for each period sits in a payment log: a dense array by month for periods in
 * canonical form ("YYYY-MM", month 01-12: one text per month, so the month number identifies the text),
 * and a map by text for anything else (a canonical period before the first one, or far after it).
 * Mutable and shared by the versions of one PaymentLog lineage, like the reference map: a position is
 * only ever set once, and each version ignores positions at or beyond its own size.
 */
export class PeriodIndex {
  /** The month (as in Period.index) of slots[0]: the first canonical period recorded. */
  private base = -1;
  /** Position of the first payment of month base + k, or -1. */
  private readonly slots: number[] = [];
  private other: Map<string, number> | undefined = undefined;

  /** The slot of a canonical period's month, or -1 when it is not (to be) in the array. */
  private slot(month: number): number {
    const k = month - this.base;
    return month < 0 || this.base < 0 || k < 0 || k >= MAX_SLOTS ? -1 : k;
  }

  /** The position recorded for a period, if any. */
  get(period: string): number | undefined {
    const k = this.slot(canonicalMonth(period));
    if (k < 0) return this.other?.get(period);
    const at = k < this.slots.length ? (this.slots[k] as number) : -1;
    return at < 0 ? undefined : at;
  }

  /** The position recorded for a month (as in Period.index): get(Period.fromIndex(month)), by number when that text is canonical. */
  getMonth(month: number): number | undefined {
    if (!(month >= 0 && month < MAX_CANONICAL_MONTH)) return this.get(Period.fromIndex(month));
    const k = this.slot(month);
    // As get: a canonical month outside the array is in the map, if anywhere.
    if (k < 0) return this.other === undefined ? undefined : this.other.get(Period.fromIndex(month));
    const at = k < this.slots.length ? (this.slots[k] as number) : -1;
    return at < 0 ? undefined : at;
  }

  /** A month (as in Period.index) after which getMonth finds nothing: the last month of the array, -1 when empty, Infinity when the map holds anything. */
  lastMonth(): number {
    if (this.other !== undefined) return Infinity;
    return this.base < 0 ? -1 : this.base + this.slots.length - 1;
  }

  /** Records a position for a period unless one is recorded already (the first payment wins). */
  setIfAbsent(period: string, position: number): void {
    const month = canonicalMonth(period);
    if (month >= 0 && this.base < 0) this.base = month;
    const k = this.slot(month);
    if (k < 0) {
      const other = (this.other ??= new Map());
      if (!other.has(period)) other.set(period, position);
      return;
    }
    const { slots } = this;
    while (slots.length <= k) slots.push(-1);
    if ((slots[k] as number) < 0) slots[k] = position;
  }
}

/** Months with a four-digit year: Period.fromIndex gives their canonical text. */
const MAX_CANONICAL_MONTH = 10_000 * 12;

/** Months after the first canonical period kept in the array (a century); later ones go to the map. */
const MAX_SLOTS = 1200;
