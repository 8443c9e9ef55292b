import { Rupiah } from '@jamsos/domain';
import type { ClaimDecisionChange, RefusedCommand, ReplayCounts } from './types.js';

const MAX_EXAMPLES = 20;

const bump = (counts: Map<string, number>, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

const sorted = (counts: ReadonlyMap<string, number>): Record<string, number> => Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The replay's counters: plain mutable fields, bumped in the hot loop, frozen into ReplayCounts at the end. */
export class ReplayCounters {
  eventsRead = 0;
  eventsAfterKnowledgeTime = 0;
  commandsReplayed = 0;
  injectedCommands = 0;
  decisionsDerivedByOthers = 0;
  eventsEmitted = 0;
  zeroTranchesSkipped = 0;
  disbursementsWithoutApproval = 0;
  disbursementsWithoutApprovalAmount: Rupiah = Rupiah.zero;
  claimsDecisionChanged = 0;
  private readonly paymentsRefused = new Map<string, number>();
  private readonly commandsRefused = new Map<string, number>();
  private readonly refusedExamples: RefusedCommand[] = [];
  private readonly claimChangeExamples: ClaimDecisionChange[] = [];

  /** A payment the replayed policy refused. */
  refusePayment(reason: string, globalPosition: number, key: string): void {
    bump(this.paymentsRefused, reason);
    if (this.refusedExamples.length < MAX_EXAMPLES) this.refusedExamples.push({ command: 'PayContribution', reason, globalPosition, key });
  }

  /** Another command the replayed policy refused. */
  refuseCommand(command: string, reason: string, globalPosition: number, key: string): void {
    bump(this.commandsRefused, `${command}: ${reason}`);
    if (this.refusedExamples.length < MAX_EXAMPLES) this.refusedExamples.push({ command, reason, globalPosition, key });
  }

  /** A claim whose decision changed. */
  changedDecision(change: ClaimDecisionChange): void {
    this.claimsDecisionChanged++;
    if (this.claimChangeExamples.length < MAX_EXAMPLES) this.claimChangeExamples.push(change);
  }

  /** The counts as a report value. */
  result(): ReplayCounts {
    return {
      eventsRead: this.eventsRead,
      eventsAfterKnowledgeTime: this.eventsAfterKnowledgeTime,
      commandsReplayed: this.commandsReplayed,
      injectedCommands: this.injectedCommands,
      decisionsDerivedByOthers: this.decisionsDerivedByOthers,
      eventsEmitted: this.eventsEmitted,
      paymentsRefused: sorted(this.paymentsRefused),
      commandsRefused: sorted(this.commandsRefused),
      refusedExamples: [...this.refusedExamples],
      disbursementsWithoutApproval: { count: this.disbursementsWithoutApproval, recordedAmount: this.disbursementsWithoutApprovalAmount },
      zeroTranchesSkipped: this.zeroTranchesSkipped,
      claimsDecisionChanged: this.claimsDecisionChanged,
      claimChangeExamples: [...this.claimChangeExamples],
    };
  }
}
