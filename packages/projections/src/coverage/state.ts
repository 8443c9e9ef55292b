import {
  FoldedParticipant,
  type CoverageTarget,
  type Identity,
  type JamsosEvent,
  type Member,
  type ParticipantEvent,
  type ParticipantId,
  type SavedMember,
} from '@jamsos/domain';
import type { Projection } from '../projection.js';
import { checkCoverage } from './check.js';

/** A region's published labour force for one year: the UCJ denominator, with its source. */
export interface LabourForceRecord {
  readonly labourForce: number;
  readonly informalWorkers: number;
  readonly source: string;
  readonly publishedOn: string;
}

/** What the coverage projection knows of one region. */
export interface RegionFacts {
  readonly labourForce: Map<number, LabourForceRecord>;
  readonly targets: Map<number, { readonly target: CoverageTarget; readonly source: string }>;
}

/**
 * The coverage read model: every participant's membership and contribution record, folded with the
 * domain's own rules (FoldedParticipant: evolveParticipant's state, folded in place) so that
 * "protected" means exactly what it means for a claim, and each region's labour force and targets.
 * Personal data is dropped as it is folded.
 */
export interface CoverageState {
  readonly participants: Map<string, FoldedParticipant>;
  readonly regions: Map<string, RegionFacts>;
}

const REDACTED = { nik: '', birthDate: '', domicileRegionId: '', registeredOn: '' } as unknown as Identity;
const PARTICIPANT_TYPES = new Set<string>(['ParticipantRegistered', 'ParticipantEnrolled', 'SponsorshipStarted', 'SponsorshipEnded', 'ContributionPaid', 'ArrearsRecorded', 'ProtectionLapsed', 'ProtectionReinstated']);

const regionOf = (state: CoverageState, regionId: string): RegionFacts => {
  let facts = state.regions.get(regionId);
  if (facts === undefined) {
    facts = { labourForce: new Map(), targets: new Map() };
    state.regions.set(regionId, facts);
  }
  return facts;
};

/**
 * Folds one event into the coverage read model (in place). Each participant's events are folded by the
 * domain's FoldedParticipant: evolveParticipant's state, with each contribution kept as its month and
 * day paid only (no total or bank reference: no coverage answer reads them) and no personal data.
 */
export const applyCoverage = (state: CoverageState, event: JamsosEvent): CoverageState => {
  if (PARTICIPANT_TYPES.has(event.type)) {
    const participantEvent = event as ParticipantEvent;
    const id = participantEvent.data.participantId;
    const participant = state.participants.get(id);
    if (participant !== undefined) participant.apply(participantEvent);
    else {
      // Added once its first event folds (a fold that throws leaves the participant as it was).
      const created = new FoldedParticipant(REDACTED);
      created.apply(participantEvent);
      state.participants.set(id, created);
    }
  } else if (event.type === 'LabourForceRecorded') {
    const { regionId, year, labourForce, informalWorkers, source, publishedOn } = event.data;
    regionOf(state, regionId).labourForce.set(year, { labourForce, informalWorkers, source, publishedOn });
  } else if (event.type === 'CoverageTargetSet') {
    regionOf(state, event.data.regionId).targets.set(event.data.year, { target: event.data.target, source: event.data.source });
  }
  return state;
};

type SerialisedMember = [id: string, status: Member['status'], enrolment: Member['enrolment'], memberships: Member['memberships'], payments: ReadonlyArray<number>, paidThroughIndex: number, sponsorships: Member['sponsorships']];

/** The read model as compact JSON: payments as [period index, paid-on day] pairs, no personal data. */
export const serializeCoverage = (state: CoverageState): unknown => {
  const registered: string[] = [];
  const members: SerialisedMember[] = [];
  for (const [id, participant] of state.participants) {
    const status = participant.status;
    if (status === 'registered') registered.push(id);
    else if (status === 'enrolled' || status === 'lapsed') {
      // The payments and the paid-through month as the fold keeps them; the rest from its state, which
      // a payment never changes (FoldedParticipant.saved: nothing is built).
      const { enrolment, memberships, sponsorships } = participant.saved as SavedMember;
      // A copy: the fold keeps appending to its own array, and a snapshot must stay as it was taken.
      members.push([id, status, enrolment, memberships, participant.payments.slice(), participant.paidThrough, sponsorships]);
    }
  }
  return { registered, members, regions: [...state.regions].map(([id, facts]) => [id, [...facts.labourForce], [...facts.targets]]) };
};

/** Restores the read model from its compact JSON. */
export const deserializeCoverage = (json: unknown): CoverageState => {
  const data = json as { registered: string[]; members: SerialisedMember[]; regions: [string, [number, LabourForceRecord][], [number, { target: CoverageTarget; source: string }][]][] };
  const participants = new Map<string, FoldedParticipant>();
  for (const id of data.registered) participants.set(id, FoldedParticipant.restore({ status: 'registered', participantId: id as ParticipantId, identity: REDACTED }));
  for (const [id, status, enrolment, memberships, payments, paidThroughIndex, sponsorships] of data.members)
    participants.set(id, FoldedParticipant.restore({ status, participantId: id as ParticipantId, identity: REDACTED, enrolment, memberships, sponsorships, recordedArrears: [] }, [...payments], paidThroughIndex));
  const regions = new Map<string, RegionFacts>(data.regions.map(([id, labourForce, targets]) => [id, { labourForce: new Map(labourForce), targets: new Map(targets) }]));
  return { participants, regions };
};

/** The coverage projection, for the projection runner. */
export const coverageProjection: Projection<CoverageState> = {
  name: 'coverage',
  version: 1,
  eventTypes: [...PARTICIPANT_TYPES, 'LabourForceRecorded', 'CoverageTargetSet'] as JamsosEvent['type'][],
  initial: () => ({ participants: new Map(), regions: new Map() }),
  apply: applyCoverage,
  check: checkCoverage,
  serialize: serializeCoverage,
  deserialize: deserializeCoverage,
};
