import * as E from 'fp-ts/lib/Either.js';
import {
  claimCommandKey,
  claimDecider,
  claimStreamName,
  contributionDue,
  explainClaimCommandRejection,
  explainParticipantRejection,
  participantCommandKey,
  participantDecider,
  participantStreamName,
  Period,
  type ClaimCommand,
  type ClaimEvent,
  type ClaimState,
  type IsoDate,
  type JamsosEvent,
  type ParticipantCommand,
  type ParticipantEvent,
  type ParticipantState,
  type PaymentReference,
  type PolicyLookup,
} from '@jamsos/domain';
import type { ParticipantPlan } from './plan.js';
import type { PlannedClaim } from './timeline.js';

/** One stream's whole demo history: appended at once, with expected revision 'no_stream'. */
export interface DemoBatch {
  readonly streamName: string;
  /** The business key of the batch's deterministic event ids: deterministicEventId(streamName, businessKey, index). */
  readonly businessKey: string;
  readonly events: ReadonlyArray<JamsosEvent>;
}

/** A demo plan the domain refused: a bug in the generator, never in the data a user gave. */
export class DemoPlanError extends Error {
  override readonly name = 'DemoPlanError';
}

/** The real deciders under a policy, built once per run. */
export interface Deciders {
  readonly policy: PolicyLookup;
  readonly participant: ReturnType<typeof participantDecider>;
  readonly claim: ReturnType<typeof claimDecider>;
}

/** The participant and claim deciders under a policy. */
export const createDeciders = (policy: PolicyLookup): Deciders => ({ policy, participant: participantDecider(policy), claim: claimDecider(policy) });

const compact = (date: IsoDate): string => date.replaceAll('-', '');

/** Files, decides (with the participant's record as of the decision) and pays out one claim. */
const runClaim = (deciders: Deciders, planned: PlannedClaim, participant: ParticipantState, businessKey: string): DemoBatch => {
  const { decide, evolve, initialState } = deciders.claim;
  let state: ClaimState = initialState;
  const events: ClaimEvent[] = [];
  const apply = (command: ClaimCommand): void => {
    const decided = decide(command, state);
    if (E.isLeft(decided)) throw new DemoPlanError(`demo claim ${claimCommandKey(command)} refused: ${explainClaimCommandRejection(decided.left)}`);
    for (const event of decided.right) {
      state = evolve(state, event);
      events.push(event);
    }
  };
  const { claimId } = planned.file;
  apply(planned.file);
  if (planned.decideOn !== undefined) {
    if (planned.verifierNote !== undefined) apply({ type: 'RejectClaim', claimId, decidedOn: planned.decideOn, note: planned.verifierNote });
    else apply({ type: 'DecideClaim', claimId, decidedOn: planned.decideOn, participant });
  }
  const approved = state;
  if (approved.status === 'approved' && planned.disburseOn !== undefined) {
    const disbursedOn = planned.disburseOn;
    approved.approval.allocations.forEach((allocation, n) => {
      if (allocation.amount <= 0) return;
      const reference = `TRF-${compact(disbursedOn)}-${claimId.replace(/^KLM-/, '')}-${n + 1}` as PaymentReference;
      apply({ type: 'DisburseBenefit', claimId, payee: allocation.payee, amount: allocation.amount, reference, disbursedOn });
    });
  }
  return { streamName: claimStreamName(claimId), businessKey, events };
};

/**
 * Runs a participant's plan through the real deciders, step by step in date order: each command is
 * decided against the state folded so far and its events evolve it; a contribution pays what the
 * policy says is due for its month; a claim is decided against the participant's record as of that
 * day. Returns the participant's stream, then one stream per claim.
 */
export const runParticipant = (deciders: Deciders, plan: ParticipantPlan, businessKey: string): ReadonlyArray<DemoBatch> => {
  const { decide, evolve, initialState } = deciders.participant;
  let state: ParticipantState = initialState;
  const events: ParticipantEvent[] = [];
  const claims: DemoBatch[] = [];
  const apply = (command: ParticipantCommand): void => {
    const decided = decide(command, state);
    if (E.isLeft(decided)) throw new DemoPlanError(`demo step ${participantCommandKey(command)} refused: ${explainParticipantRejection(decided.left)}`);
    for (const event of decided.right) {
      state = evolve(state, event);
      events.push(event);
    }
  };
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'command':
        apply(step.command);
        break;
      case 'pay': {
        if (state.status !== 'enrolled') throw new DemoPlanError(`demo payment for ${step.payment.period} of ${plan.profile.participantId} while ${state.status}`);
        const due = contributionDue(state, deciders.policy.at(Period.firstDay(step.payment.period)));
        if (due === undefined) throw new DemoPlanError(`demo payment for a ${state.enrolment.terms.segment} member`);
        apply({
          type: 'PayContribution',
          participantId: plan.profile.participantId,
          period: step.payment.period,
          total: due.total,
          payer: step.payment.payer,
          paymentReference: step.payment.paymentReference as PaymentReference,
          paidOn: step.date,
        });
        break;
      }
      case 'claim':
        claims.push(runClaim(deciders, step.claim, state, businessKey));
        break;
    }
  }
  return [{ streamName: participantStreamName(plan.profile.participantId), businessKey, events }, ...claims];
};
