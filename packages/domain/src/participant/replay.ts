import * as E from 'fp-ts/lib/Either.js';
import { Period, type IsoDate } from '../values/calendar.js';
import type { BranchId, ParticipantId, PaymentReference, RegionId } from '../values/ids.js';
import type { Sponsor } from '../values/sponsor.js';
import { contributionDue, type ContributionDue } from './contribution-due.js';
import type { ParticipantCommand } from './commands.js';
import type { ParticipantEvent, ParticipantEventOf } from './events.js';
import { withPayments } from './evolve-parts.js';
import type { PaymentLog } from './payment-log.js';
import { canonicalMonth } from './period-index.js';
import type { PaymentNotes } from './replay-notes.js';
import { CANONICAL_MONTHS, type ReplayPaymentRules } from './replay-rules.js';
import type { ParticipantRejection } from './rejections.js';
import { currentMembership, initialParticipantState, sponsorshipOfSponsorCovering, type Enrolment, type Member, type ParticipantState, type Sponsorship } from './state.js';

/**
 * The participant decider's payments, for replays that hold each participant's state alone: a
 * PayContribution of the amount due is decided with numbers where the decider compares texts, and
 * applied by noting it (period, day, total, reference), not by building a new state; the state is
 * built from the notes only when someone reads it (`state`). Everything else (every refusal, every
 * other command, and any input outside the common case) is left to the decider itself: `pay` then
 * answers undefined and the caller runs decide and evolve on `state`, then sets `state`.
 * Property tests check that an accepted payment is the event decide emits, and that `state` is the
 * one evolve builds (participant/replay.test.ts, and the what-if engine's fast-path.test.ts).
 */

type Paid = ParticipantEventOf<'ContributionPaid'>;
type Decision = E.Either<ParticipantRejection, ReadonlyArray<ParticipantEvent>>;
type Decide = (command: ParticipantCommand, state: ParticipantState) => Decision;
type Evolve = (state: ParticipantState, event: ParticipantEvent) => ParticipantState;

export { canonicalDayNumber, ReplayPaymentRules } from './replay-rules.js';

/** The month (as in Period.index) of a period written canonically, "YYYY-MM" with a month 01-12, or -1: what ReplayParticipant.pay takes. */
export { canonicalMonth } from './period-index.js';

/** The sponsorships of a participant that is not a member (one array for all: never changed). */
const NO_SPONSORSHIPS: ReadonlyArray<Sponsorship> = [];

/** One participant's state inside a replay: see the top of this file. */
export class ReplayParticipant {
  /** The state as of the last read or set: payments noted since are not in it. */
  private base: ParticipantState = initialParticipantState;
  /** base's payment log when base is a member, and a month after which it holds no payment (see PaymentLog.lastMonthBound). */
  private synced: PaymentLog | undefined = undefined;
  private syncedLastMonth = -1;
  /** Payments noted since base, a chain in the notes of the rules given to pay: its last note and its length. */
  private notes: PaymentNotes | undefined = undefined;
  private lastNote = -1;
  private noted = 0;
  /** The months of noted payments that were beyond the unbroken run when noted (payments out of order), if any. */
  private ahead: number[] | undefined = undefined;
  private paidThroughIndex = 0;
  /** The month of the current membership's first period; -1 when not canonical, lapsed, or not a member. */
  private membershipFrom = -1;
  /**
   * Base's enrolment (its segment, branch and region) and sponsorships, kept at hand: a payment on the
   * fast path reads these fields and never base itself (one object fewer visited per payment).
   */
  private enrolment: Enrolment | undefined = undefined;
  private sponsorships: ReadonlyArray<Sponsorship> = NO_SPONSORSHIPS;
  private segment = '';
  private branchId: BranchId | undefined = undefined;
  private regionId: RegionId | undefined = undefined;
  /** The contribution dues of the enrolment by the rules' month interval (shared by equal terms). */
  private dueEnrolment: Enrolment | undefined = undefined;
  private dueRules: ReplayPaymentRules | undefined = undefined;
  private dues: Array<ContributionDue | undefined> = [];
  /** The last payer found sponsoring, with the months [low, high] its sponsorship covers, for one list of sponsorships. */
  private sponsorPayer: Sponsor | undefined = undefined;
  private sponsorList: ReadonlyArray<Sponsorship> | undefined = undefined;
  private sponsorLow = 0;
  private sponsorHigh = -1;

  /** The participant's state, exactly as evolve would have built it from the same events. */
  get state(): ParticipantState {
    if (this.noted > 0) {
      const payments = (this.synced as PaymentLog).appendAll((this.notes as PaymentNotes).flat(this.lastNote, this.noted));
      this.base = withPayments(this.base as Member, payments, this.paidThroughIndex);
      this.synced = payments;
      this.syncedLastMonth = payments.lastMonthBound();
      this.lastNote = -1;
      this.noted = 0;
      this.ahead = undefined;
    }
    return this.base;
  }

  /** Sets the state after decide and evolve ran on `state` (read just before, so no payment is left unapplied). */
  set state(next: ParticipantState) {
    if (this.noted > 0) throw new Error('bug: a replay participant was set without reading its state first');
    this.base = next;
    if (next.status === 'enrolled' || next.status === 'lapsed') {
      this.synced = next.payments;
      this.syncedLastMonth = next.payments.lastMonthBound();
      this.paidThroughIndex = next.paidThroughIndex;
      const membership = currentMembership(next);
      this.membershipFrom = next.status === 'enrolled' && membership.lapsedOn === null ? canonicalMonth(membership.from) : -1;
      this.enrolment = next.enrolment;
      this.sponsorships = next.sponsorships;
      this.segment = next.enrolment.terms.segment;
      this.branchId = next.enrolment.branchId;
      this.regionId = next.enrolment.regionId;
    } else {
      this.synced = undefined;
      this.syncedLastMonth = -1;
      this.enrolment = undefined;
      this.sponsorships = NO_SPONSORSHIPS;
      this.membershipFrom = -1;
    }
  }

  /**
   * Decides a command on the state and applies the events the decider emits (evolve), as decide and
   * evolve would on `state`. A sponsorship's start or end reads neither the payments nor the run of paid
   * months, so it is decided on the state without the payments noted since, which stay noted (checked:
   * its events change nothing else a payment reads); any other command first builds the state.
   */
  run(command: ParticipantCommand, decide: Decide, evolve: Evolve): Decision {
    if (this.noted === 0 || (command.type !== 'StartSponsorship' && command.type !== 'EndSponsorship')) {
      const decided = decide(command, this.state);
      if (E.isRight(decided)) for (const event of decided.right) this.state = evolve(this.state, event);
      return decided;
    }
    const base = this.base as Member;
    const decided = decide(command, base);
    if (E.isLeft(decided)) return decided;
    let next: ParticipantState = base;
    for (const event of decided.right) next = evolve(next, event);
    const unchanged =
      next.status === base.status && next.participantId === base.participantId && next.payments === base.payments && next.paidThroughIndex === base.paidThroughIndex && next.memberships === base.memberships && next.enrolment === base.enrolment;
    if (!unchanged) throw new Error(`bug: ${command.type} changed more than the sponsorships of a replay participant`);
    this.base = next;
    this.sponsorships = (next as Member).sponsorships;
    return decided;
  }

  /** Whether a month after the unbroken run of paid months is paid (in base's log, or noted since). */
  private paidAhead(month: number): boolean {
    return (month <= this.syncedLastMonth && (this.synced as PaymentLog).hasMonth(month)) || (this.ahead !== undefined && this.ahead.includes(month));
  }

  /** sponsorshipOfSponsorCovering(base, payer, period) !== undefined, kept for the months of the sponsorship found. */
  private sponsors(payer: Sponsor, period: Period, month: number): boolean {
    if (payer === this.sponsorPayer && this.sponsorships === this.sponsorList && month >= this.sponsorLow && month <= this.sponsorHigh) return true;
    const found = sponsorshipOfSponsorCovering(this.base as Member, payer, period);
    if (found === undefined) return false;
    const [low, high] = [canonicalMonth(found.fromPeriod), found.lastPeriod === null ? Infinity : canonicalMonth(found.lastPeriod)];
    // Kept when the bounds are canonical: then months compare as the texts do.
    if (low >= 0 && high >= 0) {
      this.sponsorPayer = payer;
      this.sponsorList = this.sponsorships;
      this.sponsorLow = low;
      this.sponsorHigh = high;
    }
    return true;
  }

  /**
   * The contribution due for a period under the rules' policy while a member (enrolled or lapsed),
   * else undefined: contributionDue(state, policy.at(first day of the period)), kept per enrolment and
   * policy interval when the period is written canonically. For a payment the caller decides itself.
   */
  dueOn(rules: ReplayPaymentRules, period: Period): ContributionDue | undefined {
    if (this.enrolment === undefined) return undefined;
    const month = canonicalMonth(period);
    return month < 0 ? contributionDue(this.base as Member, rules.policy.at(Period.firstDay(period))) : this.dueFor(rules, period, month);
  }

  /** The contribution due for a month: contributionDue(base, policy.at(first day of the month)), kept per enrolment and interval. */
  private dueFor(rules: ReplayPaymentRules, period: Period, month: number): ContributionDue | undefined {
    const interval = rules.monthInterval(period, month);
    if (interval === undefined) return contributionDue(this.base as Member, rules.policy.at(Period.firstDay(period)));
    const enrolment = this.enrolment as Enrolment;
    if (this.dueEnrolment !== enrolment || this.dueRules !== rules) {
      this.dueEnrolment = enrolment;
      this.dueRules = rules;
      // The dues shared by equal terms; terms that are not shared keep their own.
      this.dues = rules.duesOf(enrolment) ?? [];
    }
    return rules.due(enrolment, interval, this.dues);
  }

  /**
   * PayContribution of the amount due under the rules' policy (its total, no lines), decided and
   * applied: the ContributionPaid the decider would emit, or undefined when the decider must decide
   * (nothing is changed then). The numbers must match the texts: periodMonth is canonicalMonth(period)
   * (0 or more), paidOnDay canonicalDayNumber(paidOn), paidOnMonth canonicalMonth of paidOn's month.
   * `fresh` vouches that no payment of this participant so far (in its state, or noted) has this
   * reference: e.g. no earlier payment of the participant in the log has it, and nothing else paid.
   */
  pay(
    rules: ReplayPaymentRules,
    participantId: ParticipantId,
    period: Period,
    periodMonth: number,
    payer: Sponsor,
    paymentReference: PaymentReference,
    paidOn: IsoDate,
    paidOnDay: number,
    paidOnMonth: number,
    fresh: boolean,
  ): Paid | undefined {
    // Enrolled, not lapsed, the membership's first month canonical (membershipFrom is -1 otherwise); the
    // month after the unbroken run of paid months (which starts at the membership's first month), and
    // not paid ahead of it.
    if (this.membershipFrom < 0 || periodMonth <= this.paidThroughIndex || periodMonth < this.membershipFrom) return undefined;
    const segment = this.segment;
    if (segment === 'BPU') {
      const { maxArrearsMonths, maxMonthsInAdvance } = rules.on(paidOnDay, paidOn);
      // Not lapsed by the payment day (the lapse is the first day of this month), and not too far ahead.
      const lapseMonth = this.paidThroughIndex + maxArrearsMonths + 2;
      if (!(lapseMonth >= 0 && lapseMonth < CANONICAL_MONTHS && paidOnMonth < lapseMonth)) return undefined;
      const latest = paidOnMonth + maxMonthsInAdvance;
      if (!(latest >= 0 && latest < CANONICAL_MONTHS && periodMonth <= latest)) return undefined;
    } else if (segment !== 'PU' || periodMonth > paidOnMonth) {
      return undefined;
    }
    if (!fresh || this.paidAhead(periodMonth)) return undefined;
    if (payer.type !== 'self' && !this.sponsors(payer, period, periodMonth)) return undefined;
    const due = this.dueFor(rules, period, periodMonth);
    if (due === undefined || !(due.total > 0)) return undefined;
    const { total, lines } = due;
    const branchId = this.branchId as BranchId;
    const regionId = this.regionId as RegionId;
    if (this.notes !== rules.notes) {
      if (this.noted > 0) throw new Error('bug: a replay participant paid under two replays');
      this.notes = rules.notes;
    }
    this.lastNote = rules.notes.add(this.lastNote, periodMonth, paidOnDay, total, paymentReference);
    this.noted++;
    if (periodMonth === this.paidThroughIndex + 1) {
      // As evolve's advancePaidThrough: the run grows over every month paid.
      let through = periodMonth;
      while (this.paidAhead(through + 1)) through++;
      this.paidThroughIndex = through;
    } else {
      (this.ahead ??= []).push(periodMonth);
    }
    return { type: 'ContributionPaid', data: { participantId, period, lines, total, payer, paymentReference, paidOn, branchId, regionId } };
  }
}
