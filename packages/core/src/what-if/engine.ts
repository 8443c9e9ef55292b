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
 *     except right after an ArrearsRecorded of the same participant and recordedAt, which came from
 *     the same assessment and was replayed with it.
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
 *   its evolve rejects). The hot loop is synchronous over an Iterable, allocates no Either of its own,
 *   and memoises the contribution due; the deciders' own decide and evolve dominate its cost.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { JamsosEvent, ParticipantEventOf, ParticipantState, Policy } from '@jamsos/domain';
import { validDateOf } from '@jamsos/domain';
import { streamOf } from './events.js';
import type { ResolvedInjection } from './injections.js';
import { knownBy, type KnowledgeTime } from './knowledge-time.js';
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

/**
 * Replays a recorded log under a policy (see the comment at the top of this file), passing each
 * counterfactual event to the sink as it is derived. Synchronous; reads the log once. An event whose
 * recordedAt is not an instant (with a knowledge time) is an error naming its position.
 */
export const replayLog = (log: Iterable<LoggedEvent>, setup: ReplaySetup, sink: ReplaySink): E.Either<ReplayUndecodableEvent, ReplayOutcome> => {
  const replayer = new Replayer(setup.policy, sink);
  const counts = replayer.counts;
  const known = setup.knowledgeTime === undefined ? undefined : knownBy(setup.knowledgeTime);
  const schedule = new InjectionSchedule(setup.injections ?? [], setup.policy);
  let nextInjected = schedule.nextDate;
  let pending: LoggedEvent | undefined;
  let previous: LoggedEvent | undefined;
  for (const logged of log) {
    counts.eventsRead++;
    if (known !== undefined) {
      const isKnown = known(logged.recordedAt);
      if (isKnown === undefined)
        return E.left({ _tag: 'UndecodableEvent', globalPosition: logged.globalPosition, streamName: streamOf(logged.event), type: logged.event.type, reason: `recordedAt ${JSON.stringify(logged.recordedAt)} is not an instant` });
      if (!isKnown) {
        counts.eventsAfterKnowledgeTime++;
        continue;
      }
    }
    const event = logged.event;
    if (pending !== undefined) {
      const enrolled = pending.event as Enrolled;
      pending = undefined;
      if (completes(enrolled, event)) {
        replayer.enrol(enrolled, event.data.sponsor);
        previous = logged;
        continue;
      }
      replayer.enrol(enrolled, undefined);
    }
    if (nextInjected !== undefined) {
      const date = validDateOf(event);
      if (nextInjected < date) {
        schedule.runBefore(date, replayer);
        nextInjected = schedule.nextDate;
      }
    }
    replayer.at(logged);
    if (event.type === 'ParticipantEnrolled') pending = logged;
    else replayer.replay(event, previous);
    previous = logged;
  }
  if (pending !== undefined) replayer.enrol(pending.event as Enrolled, undefined);
  schedule.runAll(replayer);
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
