import { IsoDate, Period } from '../values/calendar.js';
import type { PaymentReference } from '../values/ids.js';
import type { Rupiah } from '../values/rupiah.js';
import type { ParticipantEvent } from './events.js';
import { evolveParticipant } from './evolve.js';
import { withPayments } from './evolve-parts.js';
import { PaymentLog } from './payment-log.js';
import { initialParticipantState, type Identity, type Member, type ParticipantState, type Registered, type Unregistered } from './state.js';

/**
 * One participant's recorded events folded in place, for read models that hold every participant (the
 * coverage projection): the state evolveParticipant builds from the same events, except that a payment
 * keeps only its period and the day it was paid (as a read model of protection needs), not its total or
 * bank reference. A contribution, most of any history, is noted as two numbers (the month, as in
 * Period.index, and the day paid, as in IsoDate.toDayNumber) in the participant's own array; no state
 * and no payment record is built for it. Every other event goes through evolveParticipant itself. The
 * state is built from the notes when someone reads it (`state`). A property test holds it to evolve's
 * state over random histories (participant/fold.test.ts).
 */

/** The total and reference of every payment a fold's state holds. */
const NO_TOTAL = 0 as Rupiah;
const NO_REFERENCE = '' as PaymentReference;

/** A member's state as a read model saves it, its payments apart (see FoldedParticipant.restore). */
export type SavedMember = Omit<Member, 'payments' | 'paidThroughIndex'>;

/** A participant's events folded in place: see the top of this file. */
export class FoldedParticipant {
  /** The state; for a member, its payments and paid-through month may be stale (`paid`, `log` and `paidThroughIndex` hold those). */
  private base: ParticipantState = initialParticipantState;
  /** Every payment of the member, in the order recorded: month, day, month, day, ... */
  private paid: number[] = [];
  /** The latest month in `paid` (-1 when none): no month after it is paid. */
  private lastMonth = -1;
  /** The payment log of the first `synced` / 2 payments of `paid`, built when the state was last read. */
  private log: PaymentLog = PaymentLog.empty;
  private synced = 0;
  /** The member's paid-through month (Member.paidThroughIndex), kept as payments are noted. */
  private paidThroughIndex = 0;
  /** Whether base is the whole state (its payments are `log`, holding every payment, and its paid-through month is this one's). */
  private built = true;

  /**
   * A fold that keeps `identity` in place of the one a registration carries, when given (a read model
   * that holds no personal data passes one shared empty identity).
   */
  constructor(private readonly identity?: Identity) {}

  /**
   * A participant restored from what a read model saved: a registered participant's state, or a
   * member's state without its payments, with the payments as [month, day, ...] (as `payments` gives
   * them; the array is the fold's from then on) and the paid-through month.
   */
  static restore(saved: Registered | SavedMember, payments: number[] = [], paidThroughIndex = 0): FoldedParticipant {
    const fold = new FoldedParticipant(saved.identity);
    if (saved.status === 'registered') {
      fold.base = saved;
      return fold;
    }
    fold.base = { ...saved, payments: PaymentLog.empty, paidThroughIndex };
    fold.paid = payments;
    for (let i = 0; i < payments.length; i += 2) fold.lastMonth = Math.max(fold.lastMonth, payments[i] as number);
    fold.paidThroughIndex = paidThroughIndex;
    fold.built = payments.length === 0;
    return fold;
  }

  /** The participant's status, without building the state. */
  get status(): ParticipantState['status'] {
    return this.base.status;
  }

  /** A member's payments as [month, day, month, day, ...] in the order recorded (months as in Period.index, days as in IsoDate.toDayNumber); not to be changed. */
  get payments(): ReadonlyArray<number> {
    return this.paid;
  }

  /** The state without building it, apart from a member's payments and paid-through month (`payments`, `paidThrough`): what a read model saves. */
  get saved(): Unregistered | Registered | SavedMember {
    return this.base;
  }

  /** A member's paid-through month (Member.paidThroughIndex), without building the state. */
  get paidThrough(): number {
    return this.paidThroughIndex;
  }

  /** The state evolveParticipant builds from the same events, each payment with its canonical period and day texts, total 0 and reference ''. */
  get state(): ParticipantState {
    if (!this.built) {
      const { paid, synced } = this;
      const flat = new Array<string | number>((paid.length - synced) * 2);
      for (let i = synced, at = 0; i < paid.length; i += 2, at += 4) {
        flat[at] = Period.fromIndex(paid[i] as number);
        flat[at + 1] = IsoDate.fromDayNumber(paid[i + 1] as number);
        flat[at + 2] = NO_TOTAL;
        flat[at + 3] = NO_REFERENCE;
      }
      this.log = this.log.appendAll(flat);
      this.synced = paid.length;
      this.base = withPayments(this.base as Member, this.log, this.paidThroughIndex);
      this.built = true;
    }
    return this.base;
  }

  /** Whether the member has paid a month (as in Period.index). */
  private hasMonth(month: number): boolean {
    if (month > this.lastMonth) return false;
    const { paid } = this;
    for (let i = paid.length - 2; i >= 0; i -= 2) if (paid[i] === month) return true;
    return false;
  }

  /** Folds one event, as evolveParticipant would (and throws where it throws: InvalidTransitionError). */
  apply(event: ParticipantEvent): void {
    const before = this.base;
    if (event.type === 'ContributionPaid' && (before.status === 'enrolled' || before.status === 'lapsed')) {
      const month = Period.index(event.data.period);
      this.paid.push(month, IsoDate.toDayNumber(event.data.paidOn));
      if (month > this.lastMonth) this.lastMonth = month;
      this.built = false;
      // As evolve's advancePaidThrough: the run grows over every month paid.
      if (month === this.paidThroughIndex + 1) {
        let through = month;
        while (this.hasMonth(through + 1)) through++;
        this.paidThroughIndex = through;
      }
      return;
    }
    if (event.type === 'ProtectionReinstated') {
      // The one event whose evolve reads the payments: applied to the whole state.
      const next = evolveParticipant(this.state, event) as Member;
      this.base = next;
      this.paidThroughIndex = next.paidThroughIndex;
      return;
    }
    // Every other event reads neither the payments nor the paid-through month: applied to base as it is.
    const next = evolveParticipant(before, event);
    if (next.status === 'registered') {
      this.base = this.identity === undefined ? next : { status: 'registered', participantId: next.participantId, identity: this.identity };
    } else if (before.status === 'registered') {
      // Enrolled: a new member, whose state is whole (no payment is noted before a participant is a member).
      this.base = next;
      this.paidThroughIndex = (next as Member).paidThroughIndex;
    } else {
      const member = before as Member;
      const changed = next as Member;
      if (changed.payments !== member.payments || changed.paidThroughIndex !== member.paidThroughIndex) throw new Error(`bug: ${event.type} changed a member's payments in a fold that keeps them apart`);
      this.base = next;
    }
  }
}
