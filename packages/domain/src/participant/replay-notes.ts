import { IsoDate, Period } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';

/**
 * The longest column made at its size at once: `new Array(n)` makes an array of fast elements up to
 * about 33 million slots and a dictionary beyond (every write then a hash insert). Past this, a column
 * grows by appends, which keep it fast (V8 grows it by half each time: the first growth past 2^25 notes
 * costs about 5 s once, for a log of some 38 million events or more).
 */
const MAX_PRESIZED = 1 << 25;

/**
 * The payments a replay's participants noted (see ReplayParticipant.pay), in a few long columns shared
 * by every participant of the replay, each participant's notes a chain through them, each note pointing
 * back to the one before (so noting writes only at the end of the columns, never into a participant's
 * earlier note): numbers and the references (texts that already exist) in plain arrays. Noting a
 * payment adds no object a garbage collector must copy; a participant's payments become objects only
 * when its state is built. The columns are plain arrays, not typed arrays, on purpose: a typed array's
 * memory is outside the JS heap, and V8 starts marking the whole heap once such memory has grown by
 * 64 MB since its last full collection; notes sized for a 10M-event log (174 MB as typed arrays) made
 * every such replay mark the loaded log once. Plain arrays of numbers count towards the heap's
 * own, much larger, limit.
 */
export class PaymentNotes {
  private count = 0;
  private readonly months: number[];
  private readonly days: number[];
  private readonly totals: number[];
  /** The note before in the same chain, or -1. */
  private readonly previous: number[];
  private readonly references: string[];

  /** Notes for a replay expected to note about this many payments (more fit: the columns grow). */
  constructor(expected = 0) {
    // Made at their expected size at once: growing a long array step by step leaves copies behind.
    const size = Math.max(1024, Math.min(expected, MAX_PRESIZED));
    // Each slot is written before it is read (notes 0 to count - 1); a note past the end is appended.
    this.months = new Array<number>(size);
    this.days = new Array<number>(size);
    this.totals = new Array<number>(size);
    this.previous = new Array<number>(size);
    this.references = new Array<string>(size);
  }

  /**
   * Notes a payment after the note `last` of a chain (-1 to start one); returns its note. The month is
   * Period.index of the period, the day IsoDate.toDayNumber of the day paid, both written canonically.
   */
  add(last: number, month: number, day: number, total: Rupiah, reference: string): number {
    const note = this.count++;
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
