/**
 * The what-if replay engine: re-derives the scheme's decisions from the recorded facts under another
 * policy, in memory. It never writes to a store. The semantics, as implemented:
 *
 * - Facts and decisions. Facts (ParticipantRegistered, ParticipantEnrolled, SponsorshipStarted,
 *   SponsorshipEnded, ContributionPaid, ClaimFiled, BenefitDisbursed, LabourForceRecorded,
 *   CoverageTargetSet) are replayed as the commands that recorded them; decisions (ArrearsRecorded,
 *   ProtectionLapsed, ProtectionReinstated, ClaimApproved, ClaimRejected) are re-derived by the real
 *   deciders (`participantDecider`, `claimDecider`, `regionDecider`) under the replayed policy, with
 *   in-memory states (participants, claims, regions) evolved by the events the deciders emit.
 * - Order. The recorded log is read in global order; with a knowledge time K only events whose
 *   `metadata.recordedAt` is at or before K take part (a date K means the end of that day UTC).
 * - Each recorded event becomes:
 *   - ParticipantRegistered, SponsorshipStarted/Ended, ClaimFiled, LabourForceRecorded,
 *     CoverageTargetSet: the same command (RegisterParticipant, Start/EndSponsorship, FileClaim,
 *     RecordLabourForce, SetCoverageTarget).
 *   - ParticipantEnrolled: EnrolParticipant; with the sponsor when the next recorded event is the
 *     SponsorshipStarted the same enrolment emitted (same participant, startedOn = enrolledOn,
 *     fromPeriod = firstPeriod: `enrol` emits them in one append).
 *   - ContributionPaid: PayContribution of the same participant, period, payer, reference and day, for
 *     the amount due under the replayed policy (`contributionDue` with the policy on the period's first
 *     day, memoised per enrolment and policy interval): payers pay what the law asks. A payment the
 *     deciders refuse is dropped and counted by reason; so is one with nothing due.
 *   - ArrearsRecorded: AssessArrears on its assessedOn. ProtectionLapsed: AssessArrears on its lapsedOn
 *     (the event does not carry the assessment day; the lapse day is when the decision became due),
 *     except right after an ArrearsRecorded of the same participant and recordedAt whose assessment
 *     could have found it (lapsedOn on or before its assessedOn): that one came from the same
 *     assessment and was replayed with it. (A lapse dated after it came from a later assessment that
 *     found the same arrears, so recorded no ArrearsRecorded of its own.)
 *   - ProtectionReinstated: nothing; the deciders derive it from the re-enrolment.
 *   - ClaimApproved / ClaimRejected: DecideClaim on the recorded decidedOn with the participant's
 *     counterfactual state at this point of the log; a verifier's rejection (reason "verifier") is the
 *     same RejectClaim. A decision whose outcome, approved total or allocation, or rejection reason
 *     code differs is counted (with examples).
 *   - BenefitDisbursed: DisburseBenefit to the same payee, reference and day, scaled per claim and
 *     payee: cfPaidSoFar = floor(cfAllocation x recordedPaidSoFar / recordedAllocation), exactly; the
 *     tranche is cfPaidSoFar minus what the counterfactual paid so far. So a payee paid in full is paid
 *     the whole counterfactual allocation, nobody gets more than allocated, and zero tranches are
 *     skipped (counted). Without a counterfactual approval nothing is paid (counted, with the amount).
 * - Scenario injections (counterfactual only) are synthetic commands merged in date order: before each
 *   recorded event, the injected commands dated strictly before its valid date (the day it happened:
 *   paidOn, decidedOn, ...) run; so on the same day recorded events come first, and what is left runs
 *   after the log. A recorded log not in date order keeps its order; injections fall in by this rule.
 * - Baseline reproduction: under the policy the log was recorded with, every recorded event is
 *   reproduced (same types and data, same order per stream): each command meets the state the
 *   recorded one met.
 * - Refusals are never errors: they are counted. Exceptions are bugs (an event a decider emitted that
 *   its evolve rejects). The hot loop is synchronous, allocates no Either of its own, and memoises the
 *   contribution due.
 * - Representation. Any Iterable of LoggedEvents replays through the deciders event by event. A
 *   RecordedLog (what loadRecordedLog gives) replays the same way, except that a recorded payment is
 *   read from its columns and, when the participant's state allows, decided and applied in place by
 *   ReplayParticipant.pay (the decider's own rules on numbers; anything else goes to the decider). The
 *   two give the same events, counts and states: a property test compares them on random histories
 *   under random reforms (fast-path.test.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { IsoDate, JamsosEvent, ParticipantEventOf, ParticipantState, Policy } from '@jamsos/domain';
import { validDateOf } from '@jamsos/domain';
import { streamOf } from './events.js';
import type { ResolvedInjection } from './injections.js';
import { knownBy, type KnowledgeTime } from './knowledge-time.js';
import { RecordedLog } from './recorded-log.js';
import { Replayer, type Enrolled } from './replayer.js';
import { InjectionSchedule } from './schedule.js';
import type { LoggedEvent, ReplayCounts, ReplaySink, ReplayUndecodableEvent } from './types.js';

/** What a replay runs with: the replayed policy, an optional knowledge time, and resolved injections. */
export interface ReplaySetup {
  readonly policy: Policy;
  readonly knowledgeTime?: KnowledgeTime;
  readonly injections?: ReadonlyArray<ResolvedInjection>;
}

const completes = (pending: Enrolled, event: JamsosEvent): event is ParticipantEventOf<'SponsorshipStarted'> =>
  event.type === 'SponsorshipStarted' &&
  event.data.participantId === pending.data.participantId &&
  event.data.startedOn === pending.data.enrolledOn &&
  event.data.fromPeriod === pending.data.firstPeriod;

/** What a replay leaves behind besides its events: the counts and the counterfactual states. */
export interface ReplayOutcome {
  readonly counts: ReplayCounts;
  readonly participants: ReadonlyMap<string, ParticipantState>;
}

/** The replay's walk over the recorded events that take part: the enrolment held back one event, the event before, the injections. */
class Walk {
  private pending: Enrolled | undefined = undefined;
  /** The event replayed before (undefined after a payment: only an ArrearsRecorded before matters). */
  private previous: JamsosEvent | undefined = undefined;
  private previousRecordedAt = '';
  private nextInjected: IsoDate | undefined;

  constructor(
    readonly replayer: Replayer,
    private readonly schedule: InjectionSchedule,
  ) {
    this.nextInjected = schedule.nextDate;
  }

  /** Runs the injected commands dated strictly before a recorded event's valid date. */
  private injectBefore(date: IsoDate): void {
    if (this.nextInjected !== undefined && this.nextInjected < date) {
      this.schedule.runBefore(date, this.replayer);
      this.nextInjected = this.schedule.nextDate;
    }
  }

  /** One recorded event (of a RecordedLog, with the number of the participant its data names, or -1). */
  event(event: JamsosEvent, globalPosition: number, recordedAt: string, log?: RecordedLog, subject = -1): void {
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      if (completes(pending, event)) {
        this.replayer.enrol(pending, event.data.sponsor);
        this.previous = event;
        this.previousRecordedAt = recordedAt;
        return;
      }
      this.replayer.enrol(pending, undefined);
    }
    if (this.nextInjected !== undefined) this.injectBefore(validDateOf(event));
    this.replayer.at(globalPosition, recordedAt);
    if (log !== undefined && subject >= 0) this.replayer.focus(log, subject);
    if (event.type === 'ParticipantEnrolled') this.pending = event;
    else this.replayer.replay(event, this.previous, this.previousRecordedAt);
    this.previous = event;
    this.previousRecordedAt = recordedAt;
  }

  /** One recorded payment of a RecordedLog (its row): on the fast path when it applies, else as its event. */
  payment(log: RecordedLog, row: number, globalPosition: number, recordedAt: string): void {
    const pending = this.pending;
    if (pending !== undefined) {
      this.pending = undefined;
      this.replayer.enrol(pending, undefined);
    }
    if (this.nextInjected !== undefined) this.injectBefore(log.dates[log.payments.paidOn[row] as number]?.text as IsoDate);
    this.replayer.at(globalPosition, recordedAt);
    if (!this.replayer.payRecorded(log, row)) this.replayer.replay(log.payment(row), this.previous, this.previousRecordedAt);
    this.previous = undefined;
    this.previousRecordedAt = recordedAt;
  }

  /** After the last recorded event: the enrolment held back, and the injections left. */
  end(): void {
    if (this.pending !== undefined) this.replayer.enrol(this.pending, undefined);
    this.pending = undefined;
    this.schedule.runAll(this.replayer);
  }
}

const notAnInstant = (event: JamsosEvent, globalPosition: number, recordedAt: string): ReplayUndecodableEvent => ({
  _tag: 'UndecodableEvent',
  globalPosition,
  streamName: streamOf(event),
  type: event.type,
  reason: `recordedAt ${JSON.stringify(recordedAt)} is not an instant`,
});

/** Knowledge-time answers per distinct time of a RecordedLog: 0 not asked yet, 1 known, 2 recorded later, 3 not an instant. */
const KNOWN = 1;
const LATER = 2;
const INVALID = 3;

/** replayLog over a RecordedLog: by index over its columns. */
const replayRecorded = (log: RecordedLog, walk: Walk, known: ((recordedAt: string) => boolean | undefined) | undefined): ReplayUndecodableEvent | undefined => {
  const counts = walk.replayer.counts;
  const { rows, subjects, positions, timeIds, times, objects, length } = log;
  const answers = known === undefined ? undefined : new Uint8Array(times.length);
  for (let i = 0; i < length; i++) {
    counts.eventsRead++;
    const timeId = timeIds[i] as number;
    const recordedAt = times[timeId] as string;
    if (answers !== undefined && known !== undefined) {
      let answer = answers[timeId] as number;
      if (answer === 0) {
        const isKnown = known(recordedAt);
        answer = isKnown === undefined ? INVALID : isKnown ? KNOWN : LATER;
        answers[timeId] = answer;
      }
      if (answer === INVALID) return notAnInstant(log.eventAt(i), positions[i] as number, recordedAt);
      if (answer === LATER) {
        counts.eventsAfterKnowledgeTime++;
        continue;
      }
    }
    const row = rows[i] as number;
    if (row >= 0) walk.payment(log, row, positions[i] as number, recordedAt);
    else walk.event(objects[~row] as JamsosEvent, positions[i] as number, recordedAt, log, subjects[i] as number);
  }
  return undefined;
};

/**
 * Replays a recorded log under a policy (see the comment at the top of this file), passing each
 * counterfactual event to the sink as it is derived. Synchronous; reads the log once. An event whose
 * recordedAt is not an instant (with a knowledge time) is an error naming its position.
 */
export const replayLog = (log: Iterable<LoggedEvent>, setup: ReplaySetup, sink: ReplaySink): E.Either<ReplayUndecodableEvent, ReplayOutcome> => {
  const replayer = new Replayer(setup.policy, sink);
  const counts = replayer.counts;
  const known = setup.knowledgeTime === undefined ? undefined : knownBy(setup.knowledgeTime);
  const walk = new Walk(replayer, new InjectionSchedule(setup.injections ?? [], setup.policy));
  if (log instanceof RecordedLog) {
    replayer.useLog(log);
    const failed = replayRecorded(log, walk, known);
    if (failed !== undefined) return E.left(failed);
  } else {
    for (const { event, globalPosition, recordedAt } of log) {
      counts.eventsRead++;
      if (known !== undefined) {
        const isKnown = known(recordedAt);
        if (isKnown === undefined) return E.left(notAnInstant(event, globalPosition, recordedAt));
        if (!isKnown) {
          counts.eventsAfterKnowledgeTime++;
          continue;
        }
      }
      walk.event(event, globalPosition, recordedAt);
    }
  }
  walk.end();
  return E.right({ counts: counts.result(), participants: replayer.participantStates() });
};

/** Replays a log and collects the counterfactual events with their positions (for tests and small logs). */
export const replayToArray = (
  log: Iterable<LoggedEvent>,
  setup: ReplaySetup,
): E.Either<ReplayUndecodableEvent, ReplayOutcome & { readonly events: ReadonlyArray<LoggedEvent & { readonly injected: boolean }> }> => {
  const events: Array<LoggedEvent & { readonly injected: boolean }> = [];
  return E.map((outcome: ReplayOutcome) => ({ ...outcome, events }))(replayLog(log, setup, (event, globalPosition, recordedAt, injected) => events.push({ event, globalPosition, recordedAt, injected })));
};
