import {
  bpuLapseDate,
  currentMembership,
  evolveParticipant,
  initialParticipantState,
  Period,
  type Member,
  type Membership,
  type ParticipantEvent,
  type ParticipantEventOf,
  type ParticipantState,
  type Policy,
} from '@jamsos/domain';
import type { RecordedEvent } from '../../store/types.js';
import { ChunkedMap } from './chunked-map.js';
import { eventRef, type EventRef } from './event-ref.js';
import type { ContributionAfterLapseWithoutReinstatement, LapseBehindContribution, UnfoldableEvent } from './findings.js';

/** What the audit keeps of one participant stream: the folded record and where each lapse was recorded. */
interface ParticipantEntry {
  state: ParticipantState;
  /** The ProtectionLapsed events, in order (one per lapsed membership, as the decider records them); undefined until the first. */
  lapses: Array<{ readonly lapsedOn: string; readonly ref: EventRef }> | undefined;
}

/**
 * A ContributionPaid whose bank reference an earlier one used. Only the earlier event's global position
 * is kept during the pass (one number per reference); the auditor reads that event back at the end.
 */
export interface PendingDuplicate {
  readonly _tag: 'PendingDuplicate';
  readonly event: EventRef;
  readonly firstPosition: number;
  readonly paymentReference: string;
  readonly participantId: string;
  readonly period: Period;
  readonly branchId: string;
}

type ParticipantFinding = ContributionAfterLapseWithoutReinstatement | PendingDuplicate | UnfoldableEvent;

const isMember = (state: ParticipantState): state is Member => state.status === 'enrolled' || state.status === 'lapsed';

const lapseRef = (entry: ParticipantEntry, lapsedOn: string): EventRef | undefined => entry.lapses?.find((l) => l.lapsedOn === lapsedOn)?.ref;

/** The lapse a payment comes after, if the participant decider would refuse it for a lapse (see the finding's doc). */
const lapseBehind = (entry: ParticipantEntry, member: Member, data: ParticipantEventOf<'ContributionPaid'>['data'], policy: Policy): LapseBehindContribution | undefined => {
  const current = currentMembership(member);
  if (member.status === 'lapsed') {
    const lapsedOn = current.lapsedOn ?? data.paidOn;
    return data.paidOn >= lapsedOn ? { kind: 'recorded', lapsedOn, lapse: lapseRef(entry, lapsedOn) } : undefined;
  }
  if (data.period < current.from) {
    let owner: Membership | undefined;
    for (const m of member.memberships) if (m !== current && m.from <= data.period) owner = m;
    if (owner?.lapsedOn === null || owner === undefined || data.paidOn < owner.lapsedOn) return undefined;
    return { kind: 'lapsed-membership', lapsedOn: owner.lapsedOn, membershipFrom: owner.from, currentMembershipFrom: current.from, lapse: lapseRef(entry, owner.lapsedOn) };
  }
  if (member.enrolment.terms.segment !== 'BPU') return undefined;
  const snapshot = policy.at(data.paidOn);
  const maxArrearsMonths = snapshot.get('bpu.arrears.maxMonths');
  const lapsedOn = bpuLapseDate(member, current, maxArrearsMonths);
  if (lapsedOn > data.paidOn) return undefined;
  return { kind: 'implied', lapsedOn, firstUnpaidPeriod: Period.fromIndex(member.paidThroughIndex + 1), maxArrearsMonths, legalRef: snapshot.source('bpu.arrears.maxMonths').legalRef };
};

/**
 * Folds participant streams one event at a time (with the domain's `evolveParticipant`) and checks each
 * contribution as it comes: a bank reference seen before, or a payment after a lapse. Keeps one record
 * per participant stream and one entry per bank reference, nothing else.
 */
export const createParticipantTracker = (policy: Policy) => {
  const participants = new Map<string, ParticipantEntry>();
  /** Bank reference -> global position of its first ContributionPaid. */
  const references = new ChunkedMap<number>();

  const entryOf = (streamName: string): ParticipantEntry => {
    let entry = participants.get(streamName);
    if (entry === undefined) {
      entry = { state: initialParticipantState, lapses: undefined };
      participants.set(streamName, entry);
    }
    return entry;
  };

  const checkContribution = (entry: ParticipantEntry, event: ParticipantEventOf<'ContributionPaid'>, recorded: RecordedEvent, findings: ParticipantFinding[]): void => {
    const { data } = event;
    const firstPosition = references.get(data.paymentReference);
    if (firstPosition === undefined) references.add(data.paymentReference, recorded.globalPosition);
    else
      findings.push({
        _tag: 'PendingDuplicate',
        event: eventRef(recorded),
        firstPosition,
        paymentReference: data.paymentReference,
        participantId: data.participantId,
        period: data.period,
        branchId: data.branchId,
      });
    if (!isMember(entry.state)) return; // evolve refuses it: reported as unfoldable
    const lapse = lapseBehind(entry, entry.state, data, policy);
    if (lapse !== undefined)
      findings.push({
        _tag: 'ContributionAfterLapseWithoutReinstatement',
        event: eventRef(recorded),
        participantId: data.participantId,
        branchId: data.branchId,
        period: data.period,
        paidOn: data.paidOn,
        paymentReference: data.paymentReference,
        total: data.total,
        lapse,
      });
  };

  return {
    /** The record of a participant stream as folded so far (the initial state if nothing was seen). */
    record: (streamName: string): ParticipantState => participants.get(streamName)?.state ?? initialParticipantState,

    /** The branch a participant event belongs to: the contribution's, else the participant's enrolment branch. */
    branchOf: (streamName: string, event: ParticipantEvent): string | undefined => {
      if (event.type === 'ContributionPaid' || event.type === 'ParticipantEnrolled') return event.data.branchId;
      const state = participants.get(streamName)?.state;
      return state !== undefined && isMember(state) ? state.enrolment.branchId : undefined;
    },

    /** Checks one participant event against the record so far, then folds it; returns the findings. */
    apply: (recorded: RecordedEvent, event: ParticipantEvent, branchId: string | undefined): ReadonlyArray<ParticipantFinding> => {
      const entry = entryOf(recorded.streamName);
      const findings: ParticipantFinding[] = [];
      const unfoldable = (error: unknown): void => {
        findings.push({ _tag: 'UnfoldableEvent', event: eventRef(recorded), branchId, reason: error instanceof Error ? error.message : String(error) });
      };
      try {
        if (event.type === 'ContributionPaid') checkContribution(entry, event, recorded, findings);
      } catch (error) {
        unfoldable(error); // the policy has no value on the payment date
      }
      try {
        entry.state = evolveParticipant(entry.state, event);
        if (event.type === 'ProtectionLapsed') (entry.lapses ??= []).push({ lapsedOn: event.data.lapsedOn, ref: eventRef(recorded) });
      } catch (error) {
        unfoldable(error);
      }
      return findings;
    },
  };
};

/** The participant side of the anomaly pass. */
export type ParticipantTracker = ReturnType<typeof createParticipantTracker>;
