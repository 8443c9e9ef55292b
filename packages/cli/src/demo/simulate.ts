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
import { streamKnowledgeClock } from './knowledge.js';
import type { ParticipantPlan } from './plan.js';
import type { PlannedClaim } from './timeline.js';

/**
 * A consecutive piece of one stream's demo history, appended at once: a stream's first piece with
 * expected revision 'no_stream', a later one at the revision before `firstIndex`.
 */
export interface DemoBatch {
  readonly streamName: string;
  /** The business key of the batch's deterministic event ids: deterministicEventId(streamName, businessKey, firstIndex + i). */
  readonly businessKey: string;
  /** The revision of the piece's first event in its stream (0: the stream starts here). */
  readonly firstIndex: number;
  readonly events: ReadonlyArray<JamsosEvent>;
  /** Each event's knowledge time (`metadata.recordedAt`), aligned with `events`: simulated, see knowledge.ts. */
  readonly recordedAt: ReadonlyArray<string>;
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
  const recordedAt: string[] = [];
  const knownAt = streamKnowledgeClock();
  const apply = (command: ClaimCommand, date: IsoDate): void => {
    const decided = decide(command, state);
    if (E.isLeft(decided)) throw new DemoPlanError(`demo claim ${claimCommandKey(command)} refused: ${explainClaimCommandRejection(decided.left)}`);
    const known = knownAt(date, decided.right);
    for (const event of decided.right) {
      state = evolve(state, event);
      events.push(event);
      recordedAt.push(known);
    }
  };
  const { claimId } = planned.file;
  apply(planned.file, planned.file.filedOn);
  if (planned.decideOn !== undefined) {
    if (planned.verifierNote !== undefined) apply({ type: 'RejectClaim', claimId, decidedOn: planned.decideOn, note: planned.verifierNote }, planned.decideOn);
    else apply({ type: 'DecideClaim', claimId, decidedOn: planned.decideOn, participant }, planned.decideOn);
  }
  const approved = state;
  if (approved.status === 'approved' && planned.disburseOn !== undefined) {
    const disbursedOn = planned.disburseOn;
    approved.approval.allocations.forEach((allocation, n) => {
      if (allocation.amount <= 0) return;
      const reference = `TRF-${compact(disbursedOn)}-${claimId.replace(/^KLM-/, '')}-${n + 1}` as PaymentReference;
      apply({ type: 'DisburseBenefit', claimId, payee: allocation.payee, amount: allocation.amount, reference, disbursedOn }, disbursedOn);
    });
  }
  return { streamName: claimStreamName(claimId), businessKey, firstIndex: 0, events, recordedAt };
};

/**
 * Runs a participant's plan through the real deciders, step by step in date order: each command is
 * decided against the state folded so far and its events evolve it; a contribution pays what the
 * policy says is due for its month; a claim is decided against the participant's record as of that
 * day. Each command's events carry its simulated knowledge time (knowledge.ts). Returns the
 * participant's stream in pieces cut where a claim was decided: the participant's events up to the
 * decision, then the claim's stream (filed, decided, paid), then the rest; so the global log has
 * the record a decision was made on before the decision, as a live system would.
 */
export const runParticipant = (deciders: Deciders, plan: ParticipantPlan, businessKey: string): ReadonlyArray<DemoBatch> => {
  const { decide, evolve, initialState } = deciders.participant;
  let state: ParticipantState = initialState;
  const events: ParticipantEvent[] = [];
  const recordedAt: string[] = [];
  const knownAt = streamKnowledgeClock();
  const streamName = participantStreamName(plan.profile.participantId);
  const pieces: DemoBatch[] = [];
  let cut = 0;
  const participantPiece = (): void => {
    if (events.length > cut) pieces.push({ streamName, businessKey, firstIndex: cut, events: events.slice(cut), recordedAt: recordedAt.slice(cut) });
    cut = events.length;
  };
  const apply = (command: ParticipantCommand, date: IsoDate): void => {
    const decided = decide(command, state);
    if (E.isLeft(decided)) throw new DemoPlanError(`demo step ${participantCommandKey(command)} refused: ${explainParticipantRejection(decided.left)}`);
    const known = knownAt(date, decided.right);
    for (const event of decided.right) {
      state = evolve(state, event);
      events.push(event);
      recordedAt.push(known);
    }
  };
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'command':
        apply(step.command, step.date);
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
        }, step.date);
        break;
      }
      case 'claim':
        participantPiece();
        pieces.push(runClaim(deciders, step.claim, state, businessKey));
        break;
    }
  }
  participantPiece();
  return pieces;
};
