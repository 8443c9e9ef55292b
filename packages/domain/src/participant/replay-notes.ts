import { IsoDate, Period } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';

/** A full column copied into a larger one. */
const grown = <A>(column: A[], size: number): A[] => {
  const larger = new Array<A>(size);
  for (let i = 0; i < column.length; i++) larger[i] = column[i] as A;
  return larger;
};

/**
 * The payments a replay's participants noted (see ReplayParticipant.pay), in a few long columns shared
 * by every participant of the replay, each participant's notes a chain through them, each note pointing
 * back to the one before (so noting writes only at the end of the columns, never into a participant's
 * earlier note): small integers and the references (texts that already exist) in plain arrays. Noting a
 * payment adds no object a garbage collector must copy; a participant's payments become objects only
 * when its state is built. The columns are plain arrays, not typed arrays, on purpose: a typed array's
 * memory is outside the JS heap, and V8 starts marking the whole heap once such memory has grown by
 * 64 MB since its last full collection; notes sized for a 10M-event log (174 MB as typed arrays) made
 * every such replay mark the loaded log once. Plain arrays of small integers count towards the heap's
 * own, much larger, limit.
 */
export class PaymentNotes {
  private count = 0;
  private months: number[];
  private days: number[];
  private totals: number[];
  /** The note before in the same chain, or -1. */
  private previous: number[];
  private references: string[];

  /** Notes for a replay expected to note about this many payments (more fit: the columns grow). */
  constructor(expected = 0) {
    // Made at their expected size at once: growing a long array step by step leaves copies behind.
    const size = Math.max(1024, Math.min(expected, 1 << 28));
    // Each slot is written before it is read (notes 0 to count - 1).
    this.months = new Array<number>(size);
    this.days = new Array<number>(size);
    this.totals = new Array<number>(size);
    this.previous = new Array<number>(size);
    this.references = new Array<string>(size);
  }

  private grow(): void {
    const size = this.months.length * 2;
    this.months = grown(this.months, size);
    this.days = grown(this.days, size);
    this.totals = grown(this.totals, size);
    this.previous = grown(this.previous, size);
    this.references = grown(this.references, size);
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
