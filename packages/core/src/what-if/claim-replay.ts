import * as E from 'fp-ts/lib/Either.js';
import {
  claimCommandKey,
  claimDecider,
  payeeKey,
  Rupiah,
  type Allocation,
  type ClaimCommand,
  type ClaimCommandRejection,
  type ClaimEvent,
  type ClaimEventOf,
  type ClaimState,
  type JamsosEvent,
  type ParticipantState,
  type PolicyLookup,
} from '@jamsos/domain';
import type { ReplayCounters } from './counts.js';
import type { ClaimOutcome } from './types.js';

/** What the claim replay needs from the engine around it. */
export interface ReplayContext {
  readonly counts: ReplayCounters;
  /** The global position of the recorded event being replayed. */
  readonly position: number;
  /** The participant's counterfactual state at this point of the log. */
  participantState(participantId: string): ParticipantState;
  /** Passes a counterfactual event on, in order. */
  emit(event: JamsosEvent): void;
}

type Decision = ClaimEventOf<'ClaimApproved'> | ClaimEventOf<'ClaimRejected'>;

/** A claim's counterfactual state, and what the log recorded of its approval and payouts (per payee key). */
class ClaimSlot {
  state: ClaimState;
  recordedAllocated: Map<string, Rupiah> | undefined = undefined;
  recordedPaid: Map<string, Rupiah> | undefined = undefined;
  constructor(state: ClaimState) {
    this.state = state;
  }
}

/** floor(amount x numerator / denominator), exactly (bigint when the product leaves the safe range); all non-negative. */
export const floorFraction = (amount: Rupiah, numerator: number, denominator: number): Rupiah => {
  const product = amount * numerator;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(product + denominator)) {
    let q = Math.floor(product / denominator);
    if (q * denominator > product) q--;
    else if ((q + 1) * denominator <= product) q++;
    return Rupiah.of(q);
  }
  return Rupiah.of(Number((BigInt(amount) * BigInt(numerator)) / BigInt(denominator)));
};

const byPayee = (allocations: ReadonlyArray<Allocation>): Map<string, Rupiah> => {
  const map = new Map<string, Rupiah>();
  for (const a of allocations) {
    const key = payeeKey(a.payee);
    map.set(key, Rupiah.add(map.get(key) ?? Rupiah.zero, a.amount));
  }
  return map;
};

const sameAllocations = (a: ReadonlyArray<Allocation>, b: ReadonlyArray<Allocation>): boolean =>
  a.length === b.length && a.every((x, i) => b[i] !== undefined && payeeKey(x.payee) === payeeKey(b[i].payee) && x.amount === b[i].amount);

const outcomeOf = (event: Decision): ClaimOutcome =>
  event.type === 'ClaimApproved' ? { outcome: 'approved', total: event.data.total } : { outcome: 'rejected', reason: event.data.reason.code };

/**
 * Claims under the replayed policy: filings as recorded, decisions re-derived (DecideClaim with the
 * participant's counterfactual state; a verifier's rejection replayed as the same RejectClaim), and
 * payouts scaled to the counterfactual allocation (see the engine's doc comment).
 */
export class ClaimReplay {
  private readonly claims = new Map<string, ClaimSlot>();
  private readonly decide: ReturnType<typeof claimDecider>['decide'];
  private readonly evolve: ReturnType<typeof claimDecider>['evolve'];
  private readonly initial: ClaimState;

  constructor(
    policy: PolicyLookup,
    private readonly context: ReplayContext,
  ) {
    const decider = claimDecider(policy);
    this.decide = decider.decide;
    this.evolve = decider.evolve;
    this.initial = decider.initialState;
  }

  /** The counterfactual state of every claim seen, by claim id. */
  states(): ReadonlyMap<string, ClaimState> {
    return new Map([...this.claims].map(([id, slot]) => [id, slot.state]));
  }

  private slot(claimId: string): ClaimSlot {
    let slot = this.claims.get(claimId);
    if (slot === undefined) {
      slot = new ClaimSlot(this.initial);
      this.claims.set(claimId, slot);
    }
    return slot;
  }

  /** Decides a command against the claim's state, evolves it and emits the events; returns the events, or the refusal (counted). */
  private run(slot: ClaimSlot, command: ClaimCommand): E.Either<ClaimCommandRejection, ReadonlyArray<ClaimEvent>> {
    this.context.counts.commandsReplayed++;
    const decided = this.decide(command, slot.state);
    if (E.isLeft(decided)) {
      this.context.counts.refuseCommand(command.type, decided.left._tag, this.context.position, claimCommandKey(command));
      return decided;
    }
    for (const event of decided.right) {
      slot.state = this.evolve(slot.state, event);
      this.context.emit(event);
    }
    return decided;
  }

  /** ClaimFiled: the same FileClaim. */
  file(data: ClaimEventOf<'ClaimFiled'>['data']): void {
    this.run(this.slot(data.claimId), { type: 'FileClaim', ...data });
  }

  /** ClaimApproved or ClaimRejected: DecideClaim on the recorded date, or the verifier's RejectClaim; counts a changed decision. */
  decision(recorded: Decision): void {
    const { claimId, decidedOn, participantId } = recorded.data;
    const slot = this.slot(claimId);
    if (recorded.type === 'ClaimApproved') slot.recordedAllocated = byPayee(recorded.data.allocations);
    const reason = recorded.type === 'ClaimRejected' ? recorded.data.reason : undefined;
    const command: ClaimCommand =
      reason?.code === 'verifier'
        ? { type: 'RejectClaim', claimId, decidedOn, note: reason.note }
        : { type: 'DecideClaim', claimId, decidedOn, participant: this.context.participantState(participantId) };
    const decided = this.run(slot, command);
    const made = E.isRight(decided) ? decided.right.find((e): e is Decision => e.type === 'ClaimApproved' || e.type === 'ClaimRejected') : undefined;
    const counterfactual: ClaimOutcome =
      made !== undefined ? outcomeOf(made) : { outcome: 'none', refusal: E.isLeft(decided) ? decided.left._tag : `already ${slot.state.status}` };
    const baseline = outcomeOf(recorded);
    const changed =
      made === undefined ||
      made.type !== recorded.type ||
      (made.type === 'ClaimApproved' && recorded.type === 'ClaimApproved' && (made.data.total !== recorded.data.total || !sameAllocations(made.data.allocations, recorded.data.allocations))) ||
      (made.type === 'ClaimRejected' && recorded.type === 'ClaimRejected' && made.data.reason.code !== recorded.data.reason.code);
    if (changed) this.context.counts.changedDecision({ claimId, participantId, decidedOn, baseline, counterfactual });
  }

  /**
   * BenefitDisbursed: the counterfactual paid-so-far to the payee is the recorded share of the recorded
   * allocation applied to the counterfactual allocation, rounded down; the tranche is what that adds.
   */
  disbursement(recorded: ClaimEventOf<'BenefitDisbursed'>['data']): void {
    const slot = this.slot(recorded.claimId);
    const key = payeeKey(recorded.payee);
    if (slot.recordedPaid === undefined) slot.recordedPaid = new Map();
    const recordedPaid = Rupiah.add(slot.recordedPaid.get(key) ?? Rupiah.zero, recorded.amount);
    slot.recordedPaid.set(key, recordedPaid);
    const state = slot.state;
    if (state.status !== 'approved') {
      this.context.counts.disbursementsWithoutApproval++;
      this.context.counts.disbursementsWithoutApprovalAmount = Rupiah.add(this.context.counts.disbursementsWithoutApprovalAmount, recorded.amount);
      return;
    }
    const recordedAllocated = slot.recordedAllocated?.get(key) ?? Rupiah.zero;
    const allocated = state.allocated.get(key) ?? Rupiah.zero;
    const target =
      recordedAllocated <= 0 ? Rupiah.zero : recordedPaid >= recordedAllocated ? allocated : floorFraction(allocated, recordedPaid, recordedAllocated);
    const tranche = Rupiah.sub(target, state.disbursed.get(key) ?? Rupiah.zero);
    if (tranche <= 0) {
      this.context.counts.zeroTranchesSkipped++;
      return;
    }
    this.run(slot, { type: 'DisburseBenefit', claimId: recorded.claimId, payee: recorded.payee, amount: tranche, reference: recorded.reference, disbursedOn: recorded.disbursedOn });
  }
}
