import { IsoDate, Period } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';

/** A column copied into a larger one. */
const grown = <A extends Int32Array | Float64Array>(column: A, larger: A): A => {
  larger.set(column);
  return larger;
};

/**
 * The payments a replay's participants noted (see ReplayParticipant.pay), in a few long columns shared
 * by every participant of the replay, each participant's notes a chain through them, each note pointing
 * back to the one before (so noting writes only at the end of the columns, never into a participant's
 * earlier note): numbers in typed arrays (outside the object heap), the references in one array of
 * texts that already exist. Noting a payment adds no object a garbage collector must copy or scan; a
 * participant's payments become objects only when its state is built.
 */
export class PaymentNotes {
  private count = 0;
  private months: Int32Array;
  private days: Int32Array;
  private totals: Float64Array;
  /** The note before in the same chain, or -1. */
  private previous: Int32Array;
  private references: string[];

  /** Notes for a replay expected to note about this many payments (more fit: the columns grow). */
  constructor(expected = 0) {
    const size = Math.max(1024, Math.min(expected, 1 << 28));
    this.months = new Int32Array(size);
    this.days = new Int32Array(size);
    this.totals = new Float64Array(size);
    this.previous = new Int32Array(size);
    // Made at its expected size at once: growing a long array step by step leaves copies behind.
    this.references = new Array<string>(size);
  }

  private grow(): void {
    const size = this.months.length * 2;
    this.months = grown(this.months, new Int32Array(size));
    this.days = grown(this.days, new Int32Array(size));
    this.totals = grown(this.totals, new Float64Array(size));
    this.previous = grown(this.previous, new Int32Array(size));
    const references = new Array<string>(size);
    for (let i = 0; i < this.count; i++) references[i] = this.references[i] as string;
    this.references = references;
  }

  /**
   * Notes a payment after the note `last` of a chain (-1 to start one); returns its note. The month is
   * Period.index of the period, the day IsoDate.toDayNumber of the day paid, both written canonically.
   */
  add(last: number, month: number, day: number, total: Rupiah, reference: string): number {
    const note = this.count++;
    if (note === this.months.length) this.grow();
    this.months[note] = month;
    this.days[note] = day;
    this.totals[note] = total;
    this.previous[note] = last;
    this.references[note] = reference;
    return note;
  }

  /** The `count` payments of a chain ending at its note `last`, in the order noted, flat as PaymentLog.appendAll takes them: period, paid on, total, reference. */
  flat(last: number, count: number): Array<string | number> {
    const flat = new Array<string | number>(count * 4);
    const { months, days, totals, previous } = this;
    let at = count * 4;
    for (let note = last; note >= 0; note = previous[note] as number) {
      if (at === 0) throw new Error(`bug: a chain of ${count} payment notes held more`);
      at -= 4;
      flat[at] = Period.fromIndex(months[note] as number);
      flat[at + 1] = IsoDate.fromDayNumber(days[note] as number);
      flat[at + 2] = totals[note] as number;
      flat[at + 3] = this.references[note] as string;
    }
    if (at !== 0) throw new Error(`bug: a chain of ${count} payment notes held ${count - at / 4}`);
    return flat;
  }
}
