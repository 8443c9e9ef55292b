import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  claimDecider,
  claimStreamName,
  evolveParticipant,
  initialParticipantState,
  participantStreamName,
  payeeKey,
  Rupiah,
  type ClaimEventOf,
  type ParticipantState,
  type Policy,
} from '@jamsos/domain';
import { storeFailure } from '../../store/errors.js';
import type { EventStore, RecordedEvent } from '../../store/types.js';
import { contributionRecord, type ContributionRecord, type ParticipantDecisions, type RecordedDecision } from './contribution-record.js';
import { decodeRecorded, eventRef, isParticipantEvent, type EventRef } from './event-ref.js';
import type { DisbursementExplanation, DisbursementTarget, ExplainError, Recomputation } from './explanation.js';
import { recordingPolicy } from './parameters-used.js';
import { policyResolver, type PolicySources } from './policies.js';

/** What explaining a disbursement needs: the store (two streams are read) and how to resolve policy ids. */
export interface ExplainDependencies extends PolicySources {
  readonly store: EventStore;
}

type Located<T extends ClaimEventOf<'ClaimFiled' | 'ClaimApproved' | 'ClaimRejected' | 'BenefitDisbursed'>['type']> = {
  readonly ref: EventRef;
  readonly data: ClaimEventOf<T>['data'];
};

/** What the claim stream says up to the disbursement. */
interface ClaimFacts {
  filed?: Located<'ClaimFiled'>;
  approval?: Located<'ClaimApproved'>;
  rejected?: Located<'ClaimRejected'>;
  target?: Located<'BenefitDisbursed'>;
  readonly paidTo: Map<string, Rupiah>;
  paidOnClaim: Rupiah;
}

const failure = (what: string) => (cause: unknown) => storeFailure(`could not read ${what}`, cause);

/** Reads the claim stream up to the disbursement that `isTarget` picks. */
const readClaim = async (store: EventStore, claimId: string, isTarget: (recorded: RecordedEvent, data: ClaimEventOf<'BenefitDisbursed'>['data']) => boolean): Promise<E.Either<ExplainError, ClaimFacts>> => {
  const facts: ClaimFacts = { paidTo: new Map(), paidOnClaim: Rupiah.zero };
  try {
    for await (const recorded of store.readStream(claimStreamName(claimId))) {
      const decoded = decodeRecorded(recorded);
      if (E.isLeft(decoded)) return decoded;
      const event = decoded.right;
      const ref = eventRef(recorded);
      if (event.type === 'ClaimFiled') facts.filed ??= { ref, data: event.data };
      else if (event.type === 'ClaimApproved') facts.approval ??= { ref, data: event.data };
      else if (event.type === 'ClaimRejected') facts.rejected ??= { ref, data: event.data };
      else if (event.type === 'BenefitDisbursed') {
        facts.paidOnClaim = Rupiah.add(facts.paidOnClaim, event.data.amount);
        if (isTarget(recorded, event.data)) {
          facts.target = { ref, data: event.data };
          break;
        }
        const key = payeeKey(event.data.payee);
        facts.paidTo.set(key, Rupiah.add(facts.paidTo.get(key) ?? Rupiah.zero, event.data.amount));
      }
    }
  } catch (cause) {
    return E.left(failure(`claim ${claimId}`)(cause));
  }
  return E.right(facts);
};

/** Folds the participant stream up to (not including) a global position, gathering the decisions on the way. */
const readParticipant = async (store: EventStore, participantId: string, before: number): Promise<E.Either<ExplainError, { state: ParticipantState; decisions: ParticipantDecisions }>> => {
  let state = initialParticipantState;
  const arrears: RecordedDecision<'ArrearsRecorded'>[] = [];
  const lapses: RecordedDecision<'ProtectionLapsed'>[] = [];
  const reinstatements: RecordedDecision<'ProtectionReinstated'>[] = [];
  try {
    for await (const recorded of store.readStream(participantStreamName(participantId))) {
      if (recorded.globalPosition >= before) break;
      const decoded = decodeRecorded(recorded);
      if (E.isLeft(decoded)) return decoded;
      const event = decoded.right;
      const ref = eventRef(recorded);
      if (!isParticipantEvent(event)) return E.left({ _tag: 'UnfoldableEvent', event: ref, branchId: undefined, reason: `${event.type} does not belong in a participant stream` });
      try {
        state = evolveParticipant(state, event);
      } catch (error) {
        return E.left({ _tag: 'UnfoldableEvent', event: ref, branchId: undefined, reason: error instanceof Error ? error.message : String(error) });
      }
      if (event.type === 'ArrearsRecorded') arrears.push({ ...event.data, event: ref });
      else if (event.type === 'ProtectionLapsed') lapses.push({ ...event.data, event: ref });
      else if (event.type === 'ProtectionReinstated') reinstatements.push({ ...event.data, event: ref });
    }
  } catch (cause) {
    return E.left(failure(`participant ${participantId}`)(cause));
  }
  return E.right({ state, decisions: { arrears, lapses, reinstatements } });
};

const sameApproval = (a: ClaimEventOf<'ClaimApproved'>['data'], b: ClaimEventOf<'ClaimApproved'>['data']): boolean =>
  a.total === b.total &&
  a.wageBasis === b.wageBasis &&
  JSON.stringify(a.benefits.map((l) => [l.benefit, l.amount, l.legalRef])) === JSON.stringify(b.benefits.map((l) => [l.benefit, l.amount, l.legalRef])) &&
  JSON.stringify(a.allocations.map((x) => [payeeKey(x.payee), x.amount])) === JSON.stringify(b.allocations.map((x) => [payeeKey(x.payee), x.amount]));

/** Runs the claim decider again on the record under a recording policy: the parameters it reads, and what it decides. */
const recompute = (policy: Policy, filed: Located<'ClaimFiled'>, approval: Located<'ClaimApproved'>, participant: ParticipantState) => {
  const recording = recordingPolicy(policy);
  let recomputation: Recomputation;
  try {
    const decided = claimDecider(recording.lookup).decide(
      { type: 'DecideClaim', claimId: filed.data.claimId, decidedOn: approval.data.decidedOn, participant },
      { status: 'filed', filed: filed.data },
    );
    if (E.isLeft(decided)) recomputation = { outcome: 'refused', rejection: decided.left._tag };
    else {
      const [event] = decided.right;
      if (event?.type === 'ClaimApproved') recomputation = { outcome: 'approved', total: event.data.total, matchesRecorded: sameApproval(event.data, approval.data) };
      else if (event?.type === 'ClaimRejected') recomputation = { outcome: 'rejected', reason: event.data.reason };
      else recomputation = { outcome: 'failed', message: 'the decider decided nothing' };
    }
  } catch (error) {
    recomputation = { outcome: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  return { recomputation, parameters: recording.used() };
};

/** The target's claim id and how to recognise it in the claim stream. */
const locate = (target: DisbursementTarget): E.Either<ExplainError, { claimId: string; reference: string | undefined; isTarget: Parameters<typeof readClaim>[2] }> => {
  if ('claimId' in target) return E.right({ claimId: target.claimId, reference: target.reference, isTarget: (_, data) => data.reference === target.reference });
  const decoded = decodeRecorded(target.event);
  if (E.isLeft(decoded)) return decoded;
  if (decoded.right.type !== 'BenefitDisbursed') return E.left({ _tag: 'NotADisbursement', event: eventRef(target.event) });
  const { claimId, reference } = decoded.right.data;
  return E.right({ claimId, reference, isTarget: (recorded) => recorded.globalPosition === target.event.globalPosition });
};

/**
 * Explains a disbursement from its two streams only (claim-<id>, participant-<id>): the claim, the
 * approval it rests on, the parameters the decision read at the incident date with their legal
 * references, the decision recomputed, and the participant's contribution record at the incident date.
 */
export const explainDisbursement =
  (dependencies: ExplainDependencies, target: DisbursementTarget): TE.TaskEither<ExplainError, DisbursementExplanation> =>
  async () => {
    const located = locate(target);
    if (E.isLeft(located)) return located;
    const { claimId, reference, isTarget } = located.right;
    const read = await readClaim(dependencies.store, claimId, isTarget);
    if (E.isLeft(read)) return read;
    const { filed, approval, rejected, target: disbursed, paidTo, paidOnClaim } = read.right;
    if (disbursed === undefined) return E.left({ _tag: 'DisbursementNotFound', claimId, reference });
    if (filed === undefined) return E.left({ _tag: 'ClaimNotFiled', claimId });
    if (approval === undefined) return E.left({ _tag: 'DisbursementNotApproved', claimId, reference: disbursed.data.reference, claimStatus: rejected === undefined ? 'filed' : 'rejected' });
    const policy = policyResolver(dependencies)(approval.data.policyId);
    if (policy === undefined) return E.left({ _tag: 'UnknownPolicy', claimId, policyId: approval.data.policyId });
    const participant = await readParticipant(dependencies.store, filed.data.participantId, approval.ref.globalPosition);
    if (E.isLeft(participant)) return participant;
    const { state, decisions } = participant.right;
    const incidentDate = filed.data.incident.date;
    let contributions: ContributionRecord;
    try {
      contributions = contributionRecord(filed.data.participantId, state, decisions, incidentDate, policy.at(incidentDate), filed.data.programme);
    } catch (error) {
      return E.left({ _tag: 'UnfoldableEvent', event: approval.ref, branchId: approval.data.branchId, reason: error instanceof Error ? error.message : String(error) });
    }
    const { recomputation, parameters } = recompute(policy, filed, approval, state);
    const key = payeeKey(disbursed.data.payee);
    const allocations = approval.data.allocations.filter((a) => payeeKey(a.payee) === key);
    const { data } = disbursed;
    return E.right({
      disbursement: {
        event: disbursed.ref,
        claimId,
        payee: data.payee,
        payeeKey: key,
        amount: data.amount,
        reference: data.reference,
        disbursedOn: data.disbursedOn,
        branchId: data.branchId,
        allocatedToPayee: allocations.length === 0 ? undefined : Rupiah.sum(allocations.map((a) => a.amount)),
        paidToPayeeBefore: paidTo.get(key) ?? Rupiah.zero,
        paidOnClaimToDate: paidOnClaim,
      },
      claim: {
        event: filed.ref,
        claimId,
        participantId: filed.data.participantId,
        programme: filed.data.programme,
        incident: filed.data.incident,
        filedOn: filed.data.filedOn,
        branchId: filed.data.branchId,
        regionId: filed.data.regionId,
        heirs: filed.data.heirs.map((h) => ({ heirId: h.heirId, relationship: h.relationship })),
      },
      approval: {
        event: approval.ref,
        decidedOn: approval.data.decidedOn,
        policyId: approval.data.policyId,
        policyName: policy.name,
        wageBasis: approval.data.wageBasis,
        benefits: approval.data.benefits,
        allocations: approval.data.allocations,
        total: approval.data.total,
      },
      parameters,
      recomputation,
      contributions,
    });
  };
