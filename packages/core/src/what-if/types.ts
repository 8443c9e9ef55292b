import type { IsoDate, JamsosEvent, Period, ReformError, Rupiah, ValidationProblem } from '@jamsos/domain';
import type { StoreFailure } from '../store/errors.js';
import type { ResolvedInjection } from './injections.js';

/** A recorded event as the replay reads it: decoded, with its place in the global log and its knowledge time. */
export interface LoggedEvent {
  readonly event: JamsosEvent;
  readonly globalPosition: number;
  /** When the scheme learned of the event (`metadata.recordedAt`, an ISO instant). */
  readonly recordedAt: string;
}

/**
 * Receives each counterfactual event as the replay derives it, in order. `globalPosition` and
 * `recordedAt` are those of the recorded event the command was derived from; an injected event
 * carries the position of the last recorded event replayed before it (0 at the start) and midnight
 * UTC of its valid date. Called synchronously, so a sink can fold projections without buffering.
 */
export type ReplaySink = (event: JamsosEvent, globalPosition: number, recordedAt: string, injected: boolean) => void;

/** A stored event the replay could not read: names its position in the log. */
export interface ReplayUndecodableEvent {
  readonly _tag: 'UndecodableEvent';
  readonly globalPosition: number;
  readonly streamName: string;
  readonly type: string;
  readonly reason: string;
}

/** A scenario injection that failed validation, or that cannot be resolved against the log. */
export interface InvalidInjection {
  readonly _tag: 'InvalidInjection';
  readonly problems: ReadonlyArray<ValidationProblem>;
  readonly message: string;
}

/** A knowledge time, report window or other option that is not valid. */
export interface InvalidWhatIfOption {
  readonly _tag: 'InvalidWhatIfOption';
  readonly option: 'knowledgeTime' | 'from' | 'to';
  readonly message: string;
}

/** Everything a what-if run can answer instead of a result. Bugs throw; these are values. */
export type WhatIfError = ReformError | InvalidInjection | InvalidWhatIfOption | ReplayUndecodableEvent | StoreFailure;

/** A claim whose decision the counterfactual policy changed: what was recorded and what was re-derived. */
export interface ClaimDecisionChange {
  readonly claimId: string;
  readonly participantId: string;
  readonly decidedOn: IsoDate;
  readonly baseline: ClaimOutcome;
  readonly counterfactual: ClaimOutcome;
}

/** A claim decision in brief: approved with its total, rejected with its reason code, or none (the decider refused to decide). */
export type ClaimOutcome =
  | { readonly outcome: 'approved'; readonly total: Rupiah }
  | { readonly outcome: 'rejected'; readonly reason: string }
  | { readonly outcome: 'none'; readonly refusal: string };

/** A recorded command the replayed policy refused, as an example for the report. */
export interface RefusedCommand {
  readonly command: string;
  readonly reason: string;
  readonly globalPosition: number;
  readonly key: string;
}

/** What a replay did, for the report. */
export interface ReplayCounts {
  /** Recorded events read from the log. */
  readonly eventsRead: number;
  /** Of those, recorded after the knowledge time and so left out. */
  readonly eventsAfterKnowledgeTime: number;
  /** Commands run through the deciders: derived from recorded events, and injected. */
  readonly commandsReplayed: number;
  /** Of those, synthetic commands from scenario injections. */
  readonly injectedCommands: number;
  /** Recorded decisions not turned into a command because the deciders derive them (ProtectionReinstated), or that came with the command of the event before (a ProtectionLapsed after its ArrearsRecorded). */
  readonly decisionsDerivedByOthers: number;
  /** Counterfactual events emitted. */
  readonly eventsEmitted: number;
  /** Recorded payments the replayed policy refused, by the decider's reason (e.g. ProtectionHasLapsed). */
  readonly paymentsRefused: Readonly<Record<string, number>>;
  /** Other recorded commands the replayed policy refused, by "Command: Reason". */
  readonly commandsRefused: Readonly<Record<string, number>>;
  /** The first refused commands (payments included), at most 20. */
  readonly refusedExamples: ReadonlyArray<RefusedCommand>;
  /** Recorded disbursements on claims the counterfactual did not approve: nothing is paid out. */
  readonly disbursementsWithoutApproval: { readonly count: number; readonly recordedAmount: Rupiah };
  /** Recorded disbursements whose scaled tranche is zero (nothing more due to that payee in the counterfactual). */
  readonly zeroTranchesSkipped: number;
  /** Claims whose decision differs: another outcome, another approved total or allocation, or another rejection reason code. */
  readonly claimsDecisionChanged: number;
  /** The first changed decisions, at most 20. */
  readonly claimChangeExamples: ReadonlyArray<ClaimDecisionChange>;
}

/** The money of one branch and programme (or a total) over a month: whole rupiah. */
export interface FundFigures {
  readonly contributions: Rupiah;
  readonly benefitsApproved: Rupiah;
  readonly benefitsDisbursed: Rupiah;
  /** Contributions received minus benefits disbursed, cumulative from the start of the log to the end of the month. */
  readonly fundBalance: Rupiah;
}

/** Coverage of one region (or all) on a month's last day. */
export interface CoverageFigures {
  /** Members enrolled by that day, protected or not. */
  readonly members: number;
  /** Members protected (for JKK) that day under that side's policy. */
  readonly protected: number;
  /** Protected / labour force in basis points (UCJ); undefined without a labour-force record. */
  readonly ucjBp: number | undefined;
  /** The labour force the UCJ is computed on. */
  readonly labourForce: number | undefined;
}

/** A figure for the baseline, the counterfactual, and counterfactual minus baseline. */
export interface Compared<T> {
  readonly baseline: T;
  readonly counterfactual: T;
  readonly difference: T;
}

/** One branch, programme and month of the fund comparison. */
export interface FundMonthComparison extends Compared<FundFigures> {
  readonly period: Period;
  readonly branchId: string;
  readonly programme: string;
}

/** One region's coverage on one month's last day. */
export interface CoverageMonthComparison extends Compared<CoverageFigures> {
  readonly period: Period;
  readonly asOf: IsoDate;
  readonly regionId: string;
}

/** A policy's identity in a report. */
export interface PolicyRef {
  readonly id: string;
  readonly name: string;
}

/** What a what-if run reports. All money is whole rupiah. */
export interface WhatIfResult {
  readonly baselinePolicy: PolicyRef;
  readonly counterfactualPolicy: PolicyRef;
  /** The names of the reforms applied, in order. */
  readonly reforms: ReadonlyArray<string>;
  /** The injections as resolved (defaults filled in from the log). */
  readonly injections: ReadonlyArray<ResolvedInjection>;
  /** The knowledge time as given, if any. */
  readonly knowledgeTime: string | undefined;
  /** The report's first and last months (the replay always runs over the whole log). */
  readonly from: Period;
  readonly to: Period;
  /** Per branch, programme and month of [from, to], every branch and programme seen on either side. */
  readonly fund: ReadonlyArray<FundMonthComparison>;
  /** Per region and month-end of [from, to]. */
  readonly coverage: ReadonlyArray<CoverageMonthComparison>;
  readonly totals: {
    /** Sums over [from, to]; the fund balance at the end of `to`. */
    readonly fund: Compared<FundFigures>;
    /** Per programme: sums over [from, to]; the balance at the end of `to`. */
    readonly fundByProgramme: ReadonlyArray<Compared<FundFigures> & { readonly programme: string }>;
    /** All regions on the last day of `to` (UCJ undefined: there is no national denominator). */
    readonly coverage: Compared<CoverageFigures>;
  };
  readonly replay: ReplayCounts;
}
