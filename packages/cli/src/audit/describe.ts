import type { AuditFinding, AuditFindingTag, EventRef, LapseBehindContribution } from '@jamsos/core';
import { explainRejection } from '@jamsos/domain';
import { rupiah } from '../report/index.js';

/** Every kind of anomaly finding, in the order reports list them, with a short label. */
export const FINDING_KINDS: Readonly<Record<AuditFindingTag, string>> = {
  DisbursementWithoutApproval: 'disbursement without approval',
  OverDisbursed: 'over-disbursed',
  ApprovedWhileUnprotected: 'approved while unprotected',
  DuplicatePaymentReference: 'duplicate payment reference',
  ContributionAfterLapseWithoutReinstatement: 'contribution after lapse without reinstatement',
  UndecodableEvent: 'undecodable event',
  UnfoldableEvent: 'unfoldable event',
};

/** The kinds, in report order. */
export const FINDING_TAGS = Object.keys(FINDING_KINDS) as ReadonlyArray<AuditFindingTag>;

/** How many findings of each kind (every kind present, zero included). */
export const countFindings = (findings: ReadonlyArray<AuditFinding>): Record<AuditFindingTag, number> => {
  const counts = Object.fromEntries(FINDING_TAGS.map((tag) => [tag, 0])) as Record<AuditFindingTag, number>;
  for (const finding of findings) counts[finding._tag]++;
  return counts;
};

/** Who a finding is about: its claim and participant when it has them, and its branch. */
export interface FindingSubject {
  readonly claimId: string | undefined;
  readonly participantId: string | undefined;
  readonly branchId: string | undefined;
}

/** The claim, participant and branch a finding names. */
export const subjectOf = (finding: AuditFinding): FindingSubject => {
  switch (finding._tag) {
    case 'DisbursementWithoutApproval':
    case 'OverDisbursed':
    case 'ApprovedWhileUnprotected':
      return { claimId: finding.claimId, participantId: finding.participantId, branchId: finding.branchId };
    case 'DuplicatePaymentReference':
    case 'ContributionAfterLapseWithoutReinstatement':
      return { claimId: undefined, participantId: finding.participantId, branchId: finding.branchId };
    case 'UndecodableEvent':
    case 'UnfoldableEvent':
      return { claimId: undefined, participantId: undefined, branchId: finding.branchId };
  }
};

const at = (ref: EventRef): string => `${ref.streamName}@${ref.revision}`;

const lapseText = (lapse: LapseBehindContribution): string => {
  switch (lapse.kind) {
    case 'recorded':
      return `protection lapsed on ${lapse.lapsedOn}${lapse.lapse === undefined ? '' : ` (${at(lapse.lapse)})`} and no reinstatement followed`;
    case 'implied':
      return `protection had lapsed on ${lapse.lapsedOn}: ${lapse.firstUnpaidPeriod} was still unpaid when its ${lapse.maxArrearsMonths}-month arrears window closed (${lapse.legalRef}); no lapse recorded yet`;
    case 'lapsed-membership':
      return `the period belongs to the membership from ${lapse.membershipFrom}, which lapsed on ${lapse.lapsedOn}; re-enrolment started a new one from ${lapse.currentMembershipFrom}`;
  }
};

/** What a finding says, as one sentence without its subject or place. */
export const findingSentence = (finding: AuditFinding): string => {
  switch (finding._tag) {
    case 'DisbursementWithoutApproval': {
      const paid = `${rupiah(finding.amount)} paid to ${finding.payee.kind === 'heir' ? `heir ${finding.payee.heirId}` : finding.payee.kind} on ${finding.disbursedOn} (reference ${finding.reference})`;
      switch (finding.reason) {
        case 'claim-not-filed':
          return `${paid}, but the claim was never filed`;
        case 'claim-not-decided':
          return `${paid}, but the claim was filed and never decided`;
        case 'claim-rejected':
          return `${paid}, but the claim was rejected${finding.rejectionReason === undefined ? '' : ` (${finding.rejectionReason})`}${finding.decision === undefined ? '' : ` at ${at(finding.decision)}`}`;
        case 'paid-before-approval':
          return `${paid}, before the approval decided on ${finding.approvedOn ?? '?'}${finding.decision === undefined ? '' : ` (${at(finding.decision)})`}`;
      }
      break;
    }
    case 'OverDisbursed': {
      const paid = `${rupiah(finding.amount)} paid on ${finding.disbursedOn} (reference ${finding.reference})`;
      return finding.scope.kind === 'claim'
        ? `${paid} brings the total paid on the claim to ${rupiah(finding.disbursedAfter)}, ${rupiah(finding.excess)} over the ${rupiah(finding.approved)} approved (${at(finding.approval)})`
        : `${paid} brings what ${finding.scope.payeeKey} was paid to ${rupiah(finding.disbursedAfter)}, ${rupiah(finding.excess)} over the ${rupiah(finding.approved)} allocated to them (${at(finding.approval)})`;
    }
    case 'ApprovedWhileUnprotected':
      return `${finding.programme} claim approved for ${rupiah(finding.total)} although the worker was not protected on the incident date ${finding.incidentDate}: ${explainRejection(finding.gap)} (checked under ${finding.evaluatedUnderPolicyId}; the approval recorded ${finding.recordedPolicyId})`;
    case 'DuplicatePaymentReference':
      return `payment reference ${finding.paymentReference} (period ${finding.period}) was already used at ${at(finding.first)} by ${finding.firstParticipantId} for ${finding.firstPeriod} (${finding.firstBranchId})`;
    case 'ContributionAfterLapseWithoutReinstatement':
      return `${rupiah(finding.total)} for ${finding.period} paid on ${finding.paidOn} (reference ${finding.paymentReference}) after ${lapseText(finding.lapse)}`;
    case 'UndecodableEvent':
      return `a ${finding.event.type} event that cannot be read (${finding.error}): ${finding.message}`;
    case 'UnfoldableEvent':
      return `a ${finding.event.type} event that cannot be applied to its stream: ${finding.reason}`;
  }
  return '';
};

/** The subject of a finding in words: "claim C (participant P, branch B)", "participant P (branch B)", or the branch alone. */
export const subjectText = (finding: AuditFinding): string => {
  const { claimId, participantId, branchId } = subjectOf(finding);
  const branch = branchId === undefined ? 'branch unknown' : branchId;
  if (claimId !== undefined) return `claim ${claimId} (participant ${participantId ?? '?'}, ${branch})`;
  if (participantId !== undefined) return `participant ${participantId} (${branch})`;
  return branch;
};

/** One finding on one line: kind, claim or participant, what happened, and the event as stream@revision with its position. */
export const findingLine = (finding: AuditFinding): string =>
  `${finding._tag}: ${subjectText(finding)}: ${findingSentence(finding)} [${at(finding.event)}, position ${finding.event.globalPosition}]`;
