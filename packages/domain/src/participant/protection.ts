import * as E from 'fp-ts/lib/Either.js';
import type { ProtectionGap } from '../claim/rejection.js';
import type { PolicySnapshot } from '../policy/parameters.js';
import { IsoDate, Period } from '../values/calendar.js';
import type { Programme } from '../values/scheme.js';
import { currentMembership, type Member, type Membership, type ParticipantState } from './state.js';

/** What shows that a worker was protected on a date: the membership and the month's contribution. */
export interface ProtectionEvidence {
  readonly membershipFrom: Period;
  readonly period: Period;
  readonly paymentReference: string | null;
  readonly paidOn: IsoDate | null;
}

/** The index of the first month of a membership that was never paid. */
const firstUnpaidIndex = (member: Member, membership: Membership): number => {
  if (membership === currentMembership(member)) return member.paidThroughIndex + 1;
  let index = Period.index(membership.from);
  while (member.payments.hasPeriod(Period.fromIndex(index))) index++;
  return index;
};

/**
 * The day a BPU membership lapses if nothing more is paid: the first day of the month after the
 * arrears window of its first unpaid month (with a 3-month window, January unpaid lapses on 1 May).
 */
export const bpuLapseDate = (member: Member, membership: Membership, maxArrearsMonths: number): IsoDate =>
  membership.lapsedOn ?? Period.firstDay(Period.fromIndex(firstUnpaidIndex(member, membership) + maxArrearsMonths + 1));

/** The date a month's BPU contribution is due: that month's due day (paid in advance). */
export const bpuDueDate = (snapshot: PolicySnapshot, period: Period): IsoDate => Period.day(period, snapshot.get('bpu.contribution.dueDay'));

/** The date a month's PU contribution is due: the due day of the following month. */
export const puDueDate = (snapshot: PolicySnapshot, period: Period): IsoDate => Period.day(Period.next(period), snapshot.get('pu.contribution.dueDay'));

/** The membership a date falls in, if any. */
export const membershipOn = (member: Member, date: IsoDate): Membership | undefined => {
  const period = IsoDate.period(date);
  for (let i = member.memberships.length - 1; i >= 0; i--) {
    const m = member.memberships[i] as Membership;
    if (m.from <= period) return date >= m.since ? m : undefined;
  }
  return undefined;
};

/** Months whose contribution an employer had not paid by their due date, as of a date (PU). */
export const puMonthsInArrears = (member: Member, membership: Membership, date: IsoDate, snapshot: PolicySnapshot): number => {
  let unpaid = 0;
  const last = Period.index(IsoDate.period(date));
  for (let i = firstUnpaidIndex(member, membership); i < last; i++) {
    const period = Period.fromIndex(i);
    if (puDueDate(snapshot, period) >= date) break;
    const payment = member.payments.forPeriod(period);
    if (payment === undefined || payment.paidOn > date) unpaid++;
  }
  return unpaid;
};

/**
 * Was the worker protected by a programme on a date, under the law in force that day?
 * BPU: the month's contribution paid by its due date, or before the incident, and no lapse.
 * PU: enrolled, and the employer not more months in arrears than the policy allows.
 * Jakon and PMI: inside the coverage window of the project or the placement.
 */
export const protectionOn = (
  state: ParticipantState,
  date: IsoDate,
  snapshot: PolicySnapshot,
  programme: Programme,
): E.Either<ProtectionGap, ProtectionEvidence> => {
  if (state.status === 'unregistered') return E.left({ code: 'participant-not-registered' });
  if (state.status === 'registered') return E.left({ code: 'not-enrolled' });
  const { enrolment } = state;
  if (!enrolment.programmes.includes(programme)) return E.left({ code: 'programme-not-covered', programme });
  const membership = membershipOn(state, date);
  if (membership === undefined) return E.left({ code: 'incident-before-membership', membershipFrom: (state.memberships[0] as Membership).from });
  if (membership.lapsedOn !== null && membership.lapsedOn <= date) return E.left({ code: 'protection-lapsed', lapsedOn: membership.lapsedOn });
  const period = IsoDate.period(date);
  const evidence = (paymentReference: string | null, paidOn: IsoDate | null): ProtectionEvidence => ({
    membershipFrom: membership.from,
    period,
    paymentReference,
    paidOn,
  });
  switch (enrolment.terms.segment) {
    case 'BPU': {
      const lapse = bpuLapseDate(state, membership, snapshot.get('bpu.arrears.maxMonths'));
      if (lapse <= date) return E.left({ code: 'protection-lapsed', lapsedOn: lapse });
      const dueDate = bpuDueDate(snapshot, period);
      const payment = state.payments.forPeriod(period);
      if (payment === undefined || payment.paidOn > IsoDate.max(date, dueDate)) return E.left({ code: 'contribution-unpaid', period, dueDate });
      return E.right(evidence(payment.paymentReference, payment.paidOn));
    }
    case 'PU': {
      const unpaidMonths = puMonthsInArrears(state, membership, date, snapshot);
      if (unpaidMonths > snapshot.get('pu.arrears.maxMonths')) return E.left({ code: 'employer-in-arrears', unpaidMonths });
      const payment = state.payments.forPeriod(period);
      return E.right(evidence(payment?.paymentReference ?? null, payment?.paidOn ?? null));
    }
    case 'Jakon':
    case 'PMI':
      if (date > enrolment.terms.coverageUntil) return E.left({ code: 'coverage-ended', coverageUntil: enrolment.terms.coverageUntil });
      return E.right(evidence(null, null));
  }
};

/** How many months' contributions had been paid on or before a date, across all memberships. */
export const monthsPaidBy = (state: ParticipantState, date: IsoDate): number => {
  if (state.status !== 'enrolled' && state.status !== 'lapsed') return 0;
  let months = 0;
  for (const payment of state.payments) if (payment.paidOn <= date) months++;
  return months;
};
