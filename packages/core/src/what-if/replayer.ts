import * as E from 'fp-ts/lib/Either.js';
import {
  contributionDue,
  initialParticipantState,
  participantCommandKey,
  participantDecider,
  Period,
  regionDecider,
  type Enrolment,
  type IsoDate,
  type JamsosEvent,
  type Member,
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
import type { LoggedEvent, ReplaySink } from './types.js';

/** A participant's counterfactual state, with the contribution due memoised for one enrolment and policy interval. */
class ParticipantSlot {
  state: ParticipantState = initialParticipantState;
  dueEnrolment: Enrolment | undefined = undefined;
  dueFrom = '';
  dueUntil: string | null = null;
  due = 0 as Rupiah;
}

/** A recorded enrolment. */
export type Enrolled = ParticipantEventOf<'ParticipantEnrolled'>;

/** The replay's state and its handling of each recorded event (see engine.ts for the semantics). */
export class Replayer implements ReplayContext, InjectionTarget {
  readonly counts = new ReplayCounters();
  position = 0;
  private recordedAt = '';
  private injected = false;
  private readonly participants = new Map<string, ParticipantSlot>();
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
  }

  at(logged: LoggedEvent): void {
    this.position = logged.globalPosition;
    this.recordedAt = logged.recordedAt;
  }

  emit(event: JamsosEvent): void {
    this.counts.eventsEmitted++;
    this.sink(event, this.position, this.recordedAt, this.injected);
  }

  participantState(participantId: string): ParticipantState {
    return this.participants.get(participantId)?.state ?? initialParticipantState;
  }

  /** Every participant's counterfactual state. */
  participantStates(): ReadonlyMap<string, ParticipantState> {
    const states = new Map<string, ParticipantState>();
    for (const [id, slot] of this.participants) states.set(id, slot.state);
    return states;
  }

  /** The slot asked for last: a log holds runs of one participant's events, and a string compare is cheaper than a map lookup. */
  private lastSlot: { readonly participantId: string; readonly slot: ParticipantSlot } | undefined = undefined;

  private slot(participantId: string): ParticipantSlot {
    const last = this.lastSlot;
    if (last !== undefined && last.participantId === participantId) return last.slot;
    let slot = this.participants.get(participantId);
    if (slot === undefined) {
      slot = new ParticipantSlot();
      this.participants.set(participantId, slot);
    }
    this.lastSlot = { participantId, slot };
    return slot;
  }

  private participantCommand(command: ParticipantCommand, slot: ParticipantSlot = this.slot(command.participantId)): void {
    this.counts.commandsReplayed++;
    const decided = this.decideParticipant(command, slot.state);
    if (E.isLeft(decided)) {
      if (command.type === 'PayContribution') this.counts.refusePayment(decided.left._tag, this.position, participantCommandKey(command));
      else this.counts.refuseCommand(command.type, decided.left._tag, this.position, participantCommandKey(command));
      return;
    }
    const events = decided.right;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as (typeof events)[number];
      slot.state = this.evolveParticipant(slot.state, event);
      this.emit(event);
    }
  }

  private dueOf(slot: ParticipantSlot, member: Member, period: Period): Rupiah | undefined {
    const day = Period.firstDay(period);
    if (slot.dueEnrolment === member.enrolment && day >= slot.dueFrom && (slot.dueUntil === null || day < slot.dueUntil)) return slot.due;
    const snapshot = this.policy.at(day);
    const due = contributionDue(member, snapshot);
    if (due === undefined) return undefined;
    slot.dueEnrolment = member.enrolment;
    slot.dueFrom = snapshot.validFrom ?? '';
    slot.dueUntil = snapshot.validUntil;
    slot.due = due.total;
    return due.total;
  }

  /** PayContribution of what the replayed policy says is due (the recorded amount when it has no monthly due: the deciders refuse it). */
  private pay(participantId: ParticipantId, period: Period, payer: Sponsor, reference: PaymentReference, paidOn: IsoDate, recorded: Rupiah | undefined): void {
    const slot = this.slot(participantId);
    const state = slot.state;
    const due = state.status === 'enrolled' || state.status === 'lapsed' ? this.dueOf(slot, state, period) : undefined;
    const total = due ?? recorded;
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
    this.participantCommand({ type: 'EnrolParticipant', ...enrolled.data, ...(sponsor === undefined ? {} : { sponsor }) });
  }

  /** Replays one recorded event (an enrolment is handled by the loop, which looks one event ahead). */
  replay(event: JamsosEvent, previous: LoggedEvent | undefined): void {
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
        const before = previous?.event;
        if (before?.type === 'ArrearsRecorded' && before.data.participantId === event.data.participantId && previous?.recordedAt === this.recordedAt) {
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
    this.inject(paidOn, () => this.pay(participantId, period, payer, reference, paidOn, undefined));
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
