import * as E from 'fp-ts/lib/Either.js';
import {
  bpuDueDate,
  IsoDate,
  membershipOn,
  monthsPaidBy,
  Period,
  protectionOn,
  puDueDate,
  type ParticipantEventOf,
  type ParticipantState,
  type PolicySnapshot,
  type Programme,
  type ProtectionEvidence,
  type ProtectionGap,
  type Rupiah,
  type Segment,
} from '@jamsos/domain';
import type { EventRef } from './event-ref.js';

/** One month's contribution as the record shows it. */
export interface PaidPeriod {
  readonly period: Period;
  readonly paidOn: IsoDate;
  readonly total: Rupiah;
  readonly paymentReference: string;
  /** The month's due date (BPU: its 15th, in advance; PU: the 15th of the next month); undefined for Jakon and PMI. */
  readonly dueDate: IsoDate | undefined;
  readonly paidByDueDate: boolean;
  readonly paidByIncidentDate: boolean;
}

/** A decision event of the participant's stream, with where it is. */
export type RecordedDecision<T extends 'ArrearsRecorded' | 'ProtectionLapsed' | 'ProtectionReinstated'> = ParticipantEventOf<T>['data'] & { readonly event: EventRef };

/** The decision events gathered while folding a participant stream. */
export interface ParticipantDecisions {
  readonly arrears: ReadonlyArray<RecordedDecision<'ArrearsRecorded'>>;
  readonly lapses: ReadonlyArray<RecordedDecision<'ProtectionLapsed'>>;
  readonly reinstatements: ReadonlyArray<RecordedDecision<'ProtectionReinstated'>>;
}

/**
 * The participant's contribution record at an incident date, as it stood when the claim was approved:
 * the terms (no personal data), spells of membership, the months paid up to the incident's month, the
 * months past due and unpaid on the incident date, the arrears, lapses and reinstatements decided, and
 * whether `protectionOn` finds the worker protected on the incident date.
 */
export interface ContributionRecord {
  readonly participantId: string;
  readonly status: ParticipantState['status'];
  readonly enrolment:
    | {
        readonly segment: Segment;
        readonly programmes: ReadonlyArray<Programme>;
        readonly branchId: string;
        readonly regionId: string;
        readonly enrolledOn: IsoDate;
        readonly firstPeriod: Period;
      }
    | undefined;
  readonly memberships: ReadonlyArray<{ readonly from: Period; readonly since: IsoDate; readonly lapsedOn: IsoDate | null }>;
  readonly incidentDate: IsoDate;
  /** Months up to the incident's month with a contribution recorded (paid before or after the incident). */
  readonly paidPeriods: ReadonlyArray<PaidPeriod>;
  /** Months paid on or before the incident date, across memberships (what the JKM minimum-period rule counts). */
  readonly monthsPaidByIncident: number;
  /** Months of the membership in force on the incident date, due before it and not paid by then. */
  readonly unpaidOnIncidentDate: ReadonlyArray<Period>;
  readonly arrearsRecorded: ParticipantDecisions['arrears'];
  readonly lapses: ParticipantDecisions['lapses'];
  readonly reinstatements: ParticipantDecisions['reinstatements'];
  readonly protection: { readonly protected: true; readonly evidence: ProtectionEvidence } | { readonly protected: false; readonly gap: ProtectionGap };
}

/** Builds the contribution record of a folded participant at an incident date, under the law of that date. */
export const contributionRecord = (
  participantId: string,
  state: ParticipantState,
  decisions: ParticipantDecisions,
  incidentDate: IsoDate,
  snapshot: PolicySnapshot,
  programme: Programme,
): ContributionRecord => {
  const protection = protectionOn(state, incidentDate, snapshot, programme);
  const common = {
    participantId,
    status: state.status,
    incidentDate,
    monthsPaidByIncident: monthsPaidBy(state, incidentDate),
    arrearsRecorded: decisions.arrears,
    lapses: decisions.lapses,
    reinstatements: decisions.reinstatements,
    protection: E.isRight(protection) ? { protected: true as const, evidence: protection.right } : { protected: false as const, gap: protection.left },
  };
  if (state.status !== 'enrolled' && state.status !== 'lapsed') return { ...common, enrolment: undefined, memberships: [], paidPeriods: [], unpaidOnIncidentDate: [] };
  const { terms, programmes, branchId, regionId, enrolledOn, firstPeriod } = state.enrolment;
  const dueOf = terms.segment === 'BPU' ? bpuDueDate : terms.segment === 'PU' ? puDueDate : undefined;
  const dueDate = (period: Period): IsoDate | undefined => dueOf?.(snapshot, period);
  const incidentPeriod = IsoDate.period(incidentDate);
  const paidPeriods: PaidPeriod[] = [];
  for (const p of state.payments) {
    if (p.period > incidentPeriod) continue;
    const due = dueDate(p.period);
    paidPeriods.push({ ...p, dueDate: due, paidByDueDate: due !== undefined && p.paidOn <= due, paidByIncidentDate: p.paidOn <= incidentDate });
  }
  paidPeriods.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.paidOn < b.paidOn ? -1 : 1));
  const unpaidOnIncidentDate: Period[] = [];
  const membership = membershipOn(state, incidentDate);
  if (membership !== undefined && dueOf !== undefined)
    for (const period of Period.range(membership.from, incidentPeriod)) {
      const due = dueOf(snapshot, period);
      if (due >= incidentDate) break;
      const payment = state.payments.forPeriod(period);
      if (payment === undefined || payment.paidOn > incidentDate) unpaidOnIncidentDate.push(period);
    }
  return {
    ...common,
    enrolment: { segment: terms.segment, programmes, branchId, regionId, enrolledOn, firstPeriod },
    memberships: state.memberships,
    paidPeriods,
    unpaidOnIncidentDate,
  };
};
