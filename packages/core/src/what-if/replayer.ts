import * as E from 'fp-ts/lib/Either.js';
import {
  initialParticipantState,
  ReplayPaymentRules,
  participantCommandKey,
  participantDecider,
  Period,
  regionDecider,
  type IsoDate,
  type JamsosEvent,
  type ParticipantCommand,
  type ParticipantEventOf,
  type ParticipantId,
  type ParticipantState,
  type PaymentReference,
  type Policy,
  type RegionCommand,
  type RegionState,
  type Rupiah,
  type Sponsor,
} from '@jamsos/domain';
import { ClaimReplay, type ReplayContext } from './claim-replay.js';
import { ReplayCounters } from './counts.js';
import type { InjectionTarget } from './schedule.js';
import type { LogDate, RecordedLog } from './recorded-log.js';
import { ParticipantSlots, type ParticipantSlot } from './slots.js';
import type { ReplaySink } from './types.js';

/** A recorded enrolment. */
export type Enrolled = ParticipantEventOf<'ParticipantEnrolled'>;

/** The replay's state and its handling of each recorded event (see engine.ts for the semantics). */
export class Replayer implements ReplayContext, InjectionTarget {
  readonly counts = new ReplayCounters();
  position = 0;
  private recordedAt = '';
  private injected = false;
  private readonly slots = new ParticipantSlots();
  private rules: ReplayPaymentRules;
  private readonly regions = new Map<string, RegionState>();
  private readonly decideParticipant: ReturnType<typeof participantDecider>['decide'];
  private readonly evolveParticipant: ReturnType<typeof participantDecider>['evolve'];
  readonly claims: ClaimReplay;

  constructor(
    private readonly policy: Policy,
    private readonly sink: ReplaySink,
  ) {
    const decider = participantDecider(policy);
    this.decideParticipant = decider.decide;
    this.evolveParticipant = decider.evolve;
    this.claims = new ClaimReplay(policy, this);
    this.rules = new ReplayPaymentRules(policy);
  }

  /** The recorded event being replayed: its position and knowledge time. */
  at(globalPosition: number, recordedAt: string): void {
    this.position = globalPosition;
    this.recordedAt = recordedAt;
  }

  emit(event: JamsosEvent): void {
    this.counts.eventsEmitted++;
    this.sink(event, this.position, this.recordedAt, this.injected);
  }

  participantState(participantId: string): ParticipantState {
    return this.slots.find(participantId)?.state ?? initialParticipantState;
  }

  /** Replays a RecordedLog: its participants' slots are kept by number. */
  useLog(log: RecordedLog): void {
    this.slots.useLog(log);
    // Before any payment: the notes sized for every recorded payment.
    this.rules = new ReplayPaymentRules(this.policy, log.payments.participant.length);
  }

  /** Every participant's counterfactual state, each built when read. */
  participantStates(): ReadonlyMap<string, ParticipantState> {
    return this.slots.states();
  }

  /**
   * Replays a recorded payment of a RecordedLog (its row) on the fast path (ReplayParticipant.pay):
   * true when done, false when the payment must be replayed as an event (nothing has changed then).
   */
  payRecorded(log: RecordedLog, row: number): boolean {
    const p = log.payments;
    const number = p.participant[row] as number;
    const slot = this.slots.focus(log, number);
    const month = p.period[row] as number;
    const paidOn = log.dates[p.paidOn[row] as number] as LogDate;
    const payer = log.payers[p.payer[row] as number] as Sponsor;
    const reference = p.reference[row] as PaymentReference;
    const event = slot.pay(this.rules, slot.id as ParticipantId, Period.fromIndex(month), month, payer, reference, paidOn.text, paidOn.day, paidOn.month, p.repeated[row] === 0 && !slot.paidByInjection);
    if (event === undefined) return false;
    this.counts.commandsReplayed++;
    this.emit(event);
    return true;
  }

  /** Makes a RecordedLog's participant (by number) the one asked for last (see ParticipantSlots.focus). */
  focus(log: RecordedLog, number: number): void {
    this.slots.focus(log, number);
  }

  private slot(participantId: string): ParticipantSlot {
    return this.slots.get(participantId);
  }

  private participantCommand(command: ParticipantCommand, slot: ParticipantSlot = this.slot(command.participantId)): void {
    this.counts.commandsReplayed++;
    // Decided and evolved by the participant decider (ReplayParticipant.run), then passed on.
    const decided = slot.run(command, this.decideParticipant, this.evolveParticipant);
    if (E.isLeft(decided)) {
      if (command.type === 'PayContribution') this.counts.refusePayment(decided.left._tag, this.position, participantCommandKey(command));
      else this.counts.refuseCommand(command.type, decided.left._tag, this.position, participantCommandKey(command));
      return;
    }
    const events = decided.right;
    for (let i = 0; i < events.length; i++) this.emit(events[i] as (typeof events)[number]);
  }

  /** PayContribution of what the replayed policy says is due (the recorded amount when it has no monthly due: the deciders refuse it). */
  private pay(participantId: ParticipantId, period: Period, payer: Sponsor, reference: PaymentReference, paidOn: IsoDate, recorded: Rupiah | undefined): void {
    const slot = this.slot(participantId);
    const total = slot.dueOn(this.rules, period)?.total ?? recorded;
    if (total === undefined || total <= 0) {
      this.counts.commandsReplayed++;
      this.counts.refusePayment('NothingDue', this.position, `contribution:${reference}`);
      return;
    }
    this.participantCommand({ type: 'PayContribution', participantId, period, total, payer, paymentReference: reference, paidOn }, slot);
  }

  private region(command: RegionCommand): void {
    this.counts.commandsReplayed++;
    const state = this.regions.get(command.regionId) ?? regionDecider.initialState;
    const decided = regionDecider.decide(command, state);
    if (E.isLeft(decided)) {
      this.counts.refuseCommand(command.type, decided.left._tag, this.position, `${command.type}:${command.regionId}:${command.year}`);
      return;
    }
    let next = state;
    for (const event of decided.right) {
      next = regionDecider.evolve(next, event);
      this.emit(event);
    }
    this.regions.set(command.regionId, next);
  }

  /** EnrolParticipant for a recorded enrolment, with the sponsor of the SponsorshipStarted that came with it. */
  enrol(enrolled: Enrolled, sponsor: Sponsor | undefined): void {
    // The same command either way; a literal that starts with a property and spreads is V8's fast path.
    this.participantCommand(sponsor === undefined ? { type: 'EnrolParticipant', ...enrolled.data } : { type: 'EnrolParticipant', ...enrolled.data, sponsor });
  }

  /** Replays one recorded event (an enrolment is handled by the loop, which looks one event ahead). */
  replay(event: JamsosEvent, previous: JamsosEvent | undefined, previousRecordedAt: string): void {
    switch (event.type) {
      case 'ContributionPaid': {
        const d = event.data;
        this.pay(d.participantId, d.period, d.payer, d.paymentReference, d.paidOn, d.total);
        return;
      }
      case 'ParticipantRegistered':
        this.participantCommand({ type: 'RegisterParticipant', ...event.data });
        return;
      case 'ParticipantEnrolled':
        this.enrol(event, undefined);
        return;
      case 'SponsorshipStarted':
        this.participantCommand({ type: 'StartSponsorship', ...event.data });
        return;
      case 'SponsorshipEnded':
        this.participantCommand({ type: 'EndSponsorship', ...event.data });
        return;
      case 'ArrearsRecorded':
        this.participantCommand({ type: 'AssessArrears', participantId: event.data.participantId, assessedOn: event.data.assessedOn });
        return;
      case 'ProtectionLapsed': {
        // The lapse of the assessment just replayed (its ArrearsRecorded): same participant, same
        // knowledge time, and a lapse that assessment could have found (a lapse is found only on or
        // after its day). A later lapse came from another assessment recorded at the same instant.
        if (
          previous?.type === 'ArrearsRecorded' &&
          previous.data.participantId === event.data.participantId &&
          previousRecordedAt === this.recordedAt &&
          event.data.lapsedOn <= previous.data.assessedOn
        ) {
          this.counts.decisionsDerivedByOthers++;
          return;
        }
        this.participantCommand({ type: 'AssessArrears', participantId: event.data.participantId, assessedOn: event.data.lapsedOn });
        return;
      }
      case 'ProtectionReinstated':
        this.counts.decisionsDerivedByOthers++;
        return;
      case 'ClaimFiled':
        this.claims.file(event.data);
        return;
      case 'ClaimApproved':
      case 'ClaimRejected':
        this.claims.decision(event);
        return;
      case 'BenefitDisbursed':
        this.claims.disbursement(event.data);
        return;
      case 'LabourForceRecorded':
        this.region({ type: 'RecordLabourForce', ...event.data });
        return;
      case 'CoverageTargetSet':
        this.region({ type: 'SetCoverageTarget', ...event.data });
        return;
    }
  }

  injectCommand(command: ParticipantCommand, date: IsoDate): void {
    this.inject(date, () => this.participantCommand(command));
  }

  injectPayment(participantId: ParticipantId, period: Period, payer: Sponsor, reference: PaymentReference, paidOn: IsoDate): void {
    this.inject(paidOn, () => {
      this.slot(participantId).paidByInjection = true;
      this.pay(participantId, period, payer, reference, paidOn, undefined);
    });
  }

  private inject(date: IsoDate, run: () => void): void {
    const recordedAt = this.recordedAt;
    this.recordedAt = `${date}T00:00:00.000Z`;
    this.injected = true;
    this.counts.injectedCommands++;
    run();
    this.injected = false;
    this.recordedAt = recordedAt;
  }
}
