import { Period, type IsoDate, type JamsosEvent, type ParticipantEventOf } from '@jamsos/domain';
import type { LoggedEvent } from './types.js';

type Paid = ParticipantEventOf<'ContributionPaid'>;

/** A date of the log as the replay reads it: the text, its day number and its month (canonical texts only). */
export interface LogDate {
  readonly text: IsoDate;
  readonly day: number;
  readonly month: number;
}

/** The recorded payments, one column per field (numbers index the tables of RecordedLog). */
export interface PaymentColumns {
  readonly participant: Int32Array;
  /** Period.index of the period. */
  readonly period: Int32Array;
  readonly lines: Int32Array;
  readonly total: Float64Array;
  readonly payer: Int32Array;
  readonly reference: ReadonlyArray<string>;
  readonly paidOn: Int32Array;
  readonly branch: Int32Array;
  readonly region: Int32Array;
  /** 1 when an earlier payment of the same participant in the log (a row or an object) has the same reference, else 0. */
  readonly repeated: Uint8Array;
}

/**
 * A recorded log held in memory for replays, compactly: ContributionPaid events (most of a log) as
 * columns of numbers and interned values, decoded once; every other event as its decoded object.
 * Iterating gives the same LoggedEvents the store's events decode to (a payment is rebuilt on the way,
 * sharing its interned lines and payer with the other payments). A payment in an unusual shape (extra
 * fields, a date or period not written canonically, ...) is kept as an object, so nothing is lost.
 * The columns and tables are read directly by the replay engine's loop.
 */
export class RecordedLog implements Iterable<LoggedEvent> {
  constructor(
    /** How many events. */
    readonly length: number,
    readonly positions: Float64Array,
    /** Per event, its knowledge time in `times`. */
    readonly timeIds: Int32Array,
    readonly times: ReadonlyArray<string>,
    /** Per event: a payment's row in `payments` (0 or more), or ~index in `objects`. */
    readonly rows: Int32Array,
    /** Per event: the number (in `participantIds`) of the participant its data names, or -1. */
    readonly subjects: Int32Array,
    readonly objects: ReadonlyArray<JamsosEvent>,
    readonly payments: PaymentColumns,
    readonly participantIds: ReadonlyArray<string>,
    /** The number of each participant id in participantIds. */
    readonly participantNumbers: ReadonlyMap<string, number>,
    readonly dates: ReadonlyArray<LogDate>,
    readonly lines: ReadonlyArray<Paid['data']['lines']>,
    readonly payers: ReadonlyArray<Paid['data']['payer']>,
    readonly places: ReadonlyArray<string>,
  ) {}

  /** The recorded payment of a row, rebuilt. */
  payment(row: number): Paid {
    const p = this.payments;
    return {
      type: 'ContributionPaid',
      data: {
        participantId: this.participantIds[p.participant[row] as number],
        period: Period.fromIndex(p.period[row] as number),
        lines: this.lines[p.lines[row] as number],
        total: p.total[row],
        payer: this.payers[p.payer[row] as number],
        paymentReference: p.reference[row],
        paidOn: (this.dates[p.paidOn[row] as number] as LogDate).text,
        branchId: this.places[p.branch[row] as number],
        regionId: this.places[p.region[row] as number],
      },
    } as Paid;
  }

  /** The event at an index (0 to length - 1). */
  eventAt(index: number): JamsosEvent {
    const row = this.rows[index] as number;
    return row >= 0 ? this.payment(row) : (this.objects[~row] as JamsosEvent);
  }

  /** The logged event at an index (0 to length - 1). */
  at(index: number): LoggedEvent {
    return { event: this.eventAt(index), globalPosition: this.positions[index] as number, recordedAt: this.times[this.timeIds[index] as number] as string };
  }

  *[Symbol.iterator](): Iterator<LoggedEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}
