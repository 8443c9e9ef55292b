import * as E from 'fp-ts/lib/Either.js';
import { participantStreamName, payeeKey, protectionOn, Rupiah, type ClaimEvent, type ClaimEventOf, type ClaimRejectionReason, type IsoDate, type ParticipantState, type Policy } from '@jamsos/domain';
import type { RecordedEvent } from '../../store/types.js';
import { eventRef, type EventRef } from './event-ref.js';
import type { ApprovedWhileUnprotected, DisbursementWithoutApproval, OverDisbursed, UnfoldableEvent } from './findings.js';

/** What the audit keeps of an approval: the total, the allocation per payee, and how much has gone out. */
interface ApprovalEntry {
  readonly ref: EventRef;
  readonly decidedOn: IsoDate;
  readonly total: Rupiah;
  /** Per payee key; undefined when the approval has no allocations (then only the claim total is checked). */
  readonly allocated: ReadonlyMap<string, Rupiah> | undefined;
  disbursed: Rupiah;
  readonly disbursedTo: Map<string, Rupiah>;
}

/** What the audit keeps of one claim stream. */
interface ClaimEntry {
  readonly filed: { readonly ref: EventRef; readonly participantId: string; readonly incidentDate: IsoDate; readonly programme: 'JKK' | 'JKM' };
  rejected?: { readonly ref: EventRef; readonly code: ClaimRejectionReason['code'] };
  approval?: ApprovalEntry;
}

type ClaimFinding = DisbursementWithoutApproval | OverDisbursed | ApprovedWhileUnprotected | UnfoldableEvent;

/** How the claim side reaches the rest of the audit: participant records as folded so far, and policies by id. */
export interface ClaimTrackerDependencies {
  /** The audit's reference policy: used when an approval's policy id cannot be resolved. */
  readonly policy: Policy;
  readonly resolvePolicy: (policyId: string) => Policy | undefined;
  readonly participantRecord: (streamName: string) => ParticipantState;
}

const statusOf = (entry: ClaimEntry | undefined): string => (entry === undefined ? 'none' : entry.approval !== undefined ? 'approved' : entry.rejected !== undefined ? 'rejected' : 'filed');

const allocationsOf = (data: ClaimEventOf<'ClaimApproved'>['data']): ReadonlyMap<string, Rupiah> | undefined => {
  if (data.allocations.length === 0) return undefined;
  const allocated = new Map<string, Rupiah>();
  for (const a of data.allocations) allocated.set(payeeKey(a.payee), Rupiah.add(allocated.get(payeeKey(a.payee)) ?? Rupiah.zero, a.amount));
  return allocated;
};

/**
 * Follows claim streams one event at a time and checks approvals (was the worker protected?) and
 * disbursements (approved? within the approved total and each payee's allocation?). Keeps per claim
 * only the incident, the approval's amounts and what has been paid.
 */
export const createClaimTracker = (dependencies: ClaimTrackerDependencies) => {
  const claims = new Map<string, ClaimEntry>();

  const unfoldable = (ref: EventRef, branchId: string, reason: string): UnfoldableEvent => ({ _tag: 'UnfoldableEvent', event: ref, branchId, reason });

  const checkProtection = (entry: ClaimEntry, data: ClaimEventOf<'ClaimApproved'>['data'], ref: EventRef): ClaimFinding | undefined => {
    const { incidentDate, programme, participantId } = entry.filed;
    const policy = dependencies.resolvePolicy(data.policyId) ?? dependencies.policy;
    const record = dependencies.participantRecord(participantStreamName(participantId));
    try {
      const protection = protectionOn(record, incidentDate, policy.at(incidentDate), programme);
      if (E.isRight(protection)) return undefined;
      return {
        _tag: 'ApprovedWhileUnprotected',
        event: ref,
        filed: entry.filed.ref,
        claimId: data.claimId,
        participantId,
        branchId: data.branchId,
        programme,
        incidentDate,
        total: data.total,
        gap: protection.left,
        recordedPolicyId: data.policyId,
        evaluatedUnderPolicyId: policy.id,
      };
    } catch (error) {
      return unfoldable(ref, data.branchId, `protection on ${incidentDate} could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const disburse = (entry: ClaimEntry | undefined, data: ClaimEventOf<'BenefitDisbursed'>['data'], ref: EventRef): ClaimFinding[] => {
    const facts = { event: ref, claimId: data.claimId, participantId: data.participantId, branchId: data.branchId, programme: data.programme, payee: data.payee, amount: data.amount, reference: data.reference, disbursedOn: data.disbursedOn };
    const approval = entry?.approval;
    if (entry === undefined || approval === undefined) {
      const reason = entry === undefined ? 'claim-not-filed' : entry.rejected !== undefined ? 'claim-rejected' : 'claim-not-decided';
      const rejected = entry?.rejected;
      return [{ _tag: 'DisbursementWithoutApproval', ...facts, reason, ...(rejected === undefined ? {} : { decision: rejected.ref, rejectionReason: rejected.code }) }];
    }
    const findings: ClaimFinding[] = [];
    if (data.disbursedOn < approval.decidedOn)
      findings.push({ _tag: 'DisbursementWithoutApproval', ...facts, reason: 'paid-before-approval', decision: approval.ref, approvedOn: approval.decidedOn });
    const before = approval.disbursed;
    approval.disbursed = Rupiah.add(before, data.amount);
    if (approval.disbursed > approval.total)
      findings.push({ _tag: 'OverDisbursed', ...facts, scope: { kind: 'claim' }, approval: approval.ref, approved: approval.total, disbursedBefore: before, disbursedAfter: approval.disbursed, excess: Rupiah.sub(approval.disbursed, approval.total) });
    const key = payeeKey(data.payee);
    const payeeBefore = approval.disbursedTo.get(key) ?? Rupiah.zero;
    const payeeAfter = Rupiah.add(payeeBefore, data.amount);
    approval.disbursedTo.set(key, payeeAfter);
    if (approval.allocated !== undefined) {
      const allocated = approval.allocated.get(key) ?? Rupiah.zero;
      if (payeeAfter > allocated)
        findings.push({ _tag: 'OverDisbursed', ...facts, scope: { kind: 'payee', payeeKey: key }, approval: approval.ref, approved: allocated, disbursedBefore: payeeBefore, disbursedAfter: payeeAfter, excess: Rupiah.sub(payeeAfter, allocated) });
    }
    return findings;
  };

  return {
    /** Checks one claim event against the claim so far, then folds it; returns the findings. */
    apply: (recorded: RecordedEvent, event: ClaimEvent): ReadonlyArray<ClaimFinding> => {
      const { streamName } = recorded;
      const ref = eventRef(recorded); // claim events are few: a reference for each costs little
      const entry = claims.get(streamName);
      const cannotFollow = (): ReadonlyArray<ClaimFinding> => [unfoldable(ref, event.data.branchId, `${event.type} cannot follow a claim in state "${statusOf(entry)}"`)];
      switch (event.type) {
        case 'ClaimFiled': {
          if (entry !== undefined) return cannotFollow();
          const { participantId, incident, programme } = event.data;
          claims.set(streamName, { filed: { ref, participantId, incidentDate: incident.date, programme } });
          return [];
        }
        case 'ClaimRejected':
          if (entry === undefined || statusOf(entry) !== 'filed') return cannotFollow();
          entry.rejected = { ref, code: event.data.reason.code };
          return [];
        case 'ClaimApproved': {
          if (entry === undefined || statusOf(entry) !== 'filed') return cannotFollow();
          const { data } = event;
          entry.approval = { ref, decidedOn: data.decidedOn, total: data.total, allocated: allocationsOf(data), disbursed: Rupiah.zero, disbursedTo: new Map() };
          const finding = checkProtection(entry, data, ref);
          return finding === undefined ? [] : [finding];
        }
        case 'BenefitDisbursed':
          return disburse(entry, event.data, ref);
      }
    },
  };
};

/** The claim side of the anomaly pass. */
export type ClaimTracker = ReturnType<typeof createClaimTracker>;
