import type { ClaimRejectionReason, IsoDate, Payee, Period, ProtectionGap, Rupiah } from '@jamsos/domain';
import type { EventRef, UndecodableEvent } from './event-ref.js';

export type { EventRef, UndecodableEvent } from './event-ref.js';

/** The claim and money a disbursement finding is about. */
interface DisbursementFacts {
  /** The BenefitDisbursed event. */
  readonly event: EventRef;
  readonly claimId: string;
  readonly participantId: string;
  readonly branchId: string;
  readonly programme: 'JKK' | 'JKM';
  readonly payee: Payee;
  readonly amount: Rupiah;
  readonly reference: string;
  readonly disbursedOn: IsoDate;
}

/**
 * Money paid on a claim with no approval behind it when the payment was recorded: the claim was never
 * filed, was filed but not decided, or was rejected; or it was approved (earlier in the log) but the
 * payment is dated before the approval's decision date.
 */
export interface DisbursementWithoutApproval extends DisbursementFacts {
  readonly _tag: 'DisbursementWithoutApproval';
  readonly reason: 'claim-not-filed' | 'claim-not-decided' | 'claim-rejected' | 'paid-before-approval';
  /** The ClaimRejected event (reason claim-rejected) or the ClaimApproved event (paid-before-approval). */
  readonly decision?: EventRef;
  readonly rejectionReason?: ClaimRejectionReason['code'];
  readonly approvedOn?: IsoDate;
}

/**
 * A disbursement after which more has been paid than approved: on the whole claim (the approval's
 * total), or to one payee (the allocation to that payee; 0 when the payee was allocated nothing). Only
 * disbursements recorded after the approval count; one event can exceed both limits (two findings).
 */
export interface OverDisbursed extends DisbursementFacts {
  readonly _tag: 'OverDisbursed';
  readonly scope: { readonly kind: 'claim' } | { readonly kind: 'payee'; readonly payeeKey: string };
  /** The ClaimApproved event. */
  readonly approval: EventRef;
  readonly approved: Rupiah;
  readonly disbursedBefore: Rupiah;
  readonly disbursedAfter: Rupiah;
  /** disbursedAfter - approved. */
  readonly excess: Rupiah;
}

/**
 * A claim approved although the worker was not protected on the incident date: `protectionOn` on the
 * participant's record as folded up to the approval (log order), under the approval's policy (resolved
 * by its id; else the audit's reference policy) at the incident date, for the claim's programme.
 */
export interface ApprovedWhileUnprotected {
  readonly _tag: 'ApprovedWhileUnprotected';
  /** The ClaimApproved event. */
  readonly event: EventRef;
  /** The ClaimFiled event (incident date and programme come from it). */
  readonly filed: EventRef;
  readonly claimId: string;
  readonly participantId: string;
  readonly branchId: string;
  readonly programme: 'JKK' | 'JKM';
  readonly incidentDate: IsoDate;
  readonly total: Rupiah;
  readonly gap: ProtectionGap;
  /** The policy id the approval recorded. */
  readonly recordedPolicyId: string;
  /** The policy the check used: the recorded one when resolvable, else the audit's reference policy. */
  readonly evaluatedUnderPolicyId: string;
}

/** One bank reference on two ContributionPaid events (any participants, any periods); reported on each later event. */
export interface DuplicatePaymentReference {
  readonly _tag: 'DuplicatePaymentReference';
  /** The later ContributionPaid event. */
  readonly event: EventRef;
  /** The first ContributionPaid event with this reference. */
  readonly first: EventRef;
  readonly paymentReference: string;
  readonly participantId: string;
  readonly period: Period;
  readonly branchId: string;
  readonly firstParticipantId: string;
  readonly firstPeriod: Period;
  readonly firstBranchId: string;
}

/** The lapse a contribution came after, and why no reinstatement covers it. */
export type LapseBehindContribution =
  /** A ProtectionLapsed was recorded for the current membership and no ProtectionReinstated followed it. */
  | { readonly kind: 'recorded'; readonly lapsedOn: IsoDate; readonly lapse: EventRef | undefined }
  /** BPU: no lapse recorded yet, but the arrears window of the first unpaid month had closed by the payment date. */
  | { readonly kind: 'implied'; readonly lapsedOn: IsoDate; readonly firstUnpaidPeriod: Period; readonly maxArrearsMonths: number; readonly legalRef: string }
  /** After a reinstatement: the period belongs to an earlier membership that lapsed; re-enrolment started a new one. */
  | { readonly kind: 'lapsed-membership'; readonly lapsedOn: IsoDate; readonly membershipFrom: Period; readonly currentMembershipFrom: Period; readonly lapse: EventRef | undefined };

/**
 * A contribution received after the participant's protection had lapsed and not covered by a
 * reinstatement, as the participant decider defines them (`pay` refuses such a payment with
 * ProtectionHasLapsed or PeriodBeforeMembership). On the record folded up to the payment, with
 * paidOn on or after the lapse date:
 * - `recorded`: the participant's status is lapsed (ProtectionLapsed recorded, no ProtectionReinstated
 *   since), whatever the period paid;
 * - `implied` (BPU): not yet recorded, but `bpuLapseDate` of the current membership, with
 *   `bpu.arrears.maxMonths` of the reference policy at paidOn, is on or before paidOn;
 * - `lapsed-membership`: re-enrolled, but the period paid is before the new membership and inside an
 *   earlier one that lapsed (its arrears are no longer due).
 * Legitimate after a lapse: only payments for periods of the new membership, after the participant
 * re-enrolled (ProtectionReinstated then ParticipantEnrolled). A payment dated before the lapse date but
 * recorded after the lapse decision (a late bank file) is not reported here.
 */
export interface ContributionAfterLapseWithoutReinstatement {
  readonly _tag: 'ContributionAfterLapseWithoutReinstatement';
  /** The ContributionPaid event. */
  readonly event: EventRef;
  readonly participantId: string;
  readonly branchId: string;
  readonly period: Period;
  readonly paidOn: IsoDate;
  readonly paymentReference: string;
  readonly total: Rupiah;
  readonly lapse: LapseBehindContribution;
}

/**
 * An event that decodes but cannot be applied to its stream's record: it cannot follow the state
 * (e.g. a contribution to a participant never enrolled, a second approval), or the policy has no value
 * on its date. The audit skips it and goes on.
 */
export interface UnfoldableEvent {
  readonly _tag: 'UnfoldableEvent';
  readonly event: EventRef;
  readonly branchId: string | undefined;
  readonly reason: string;
}

/** Everything the anomaly pass can find. */
export type AuditFinding =
  | DisbursementWithoutApproval
  | OverDisbursed
  | ApprovedWhileUnprotected
  | DuplicatePaymentReference
  | ContributionAfterLapseWithoutReinstatement
  | UndecodableEvent
  | UnfoldableEvent;

/** The tag of a finding. */
export type AuditFindingTag = AuditFinding['_tag'];

/** Whether a finding concerns a branch: its event's branch (or the first event's, for a duplicate reference); unknown branches always do. */
export const findingConcernsBranch = (finding: AuditFinding, branchId: string): boolean =>
  finding.branchId === undefined || finding.branchId === branchId || (finding._tag === 'DuplicatePaymentReference' && finding.firstBranchId === branchId);
