import {
  evolveParticipant,
  initialParticipantState,
  IsoDate,
  PaymentLog,
  Period,
  type CoverageTarget,
  type JamsosEvent,
  type Member,
  type ParticipantEvent,
  type ParticipantEventOf,
  type ParticipantState,
  type PaymentReference,
  type Rupiah,
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
 * domain's own evolve so that "protected" means exactly what it means for a claim, and each
 * region's labour force and targets. Personal data is dropped as it is folded.
 */
export interface CoverageState {
  readonly participants: Map<string, ParticipantState>;
  readonly regions: Map<string, RegionFacts>;
}

const REDACTED = { nik: '', birthDate: '', domicileRegionId: '', registeredOn: '' } as unknown as Member['identity'];
const PARTICIPANT_TYPES = new Set<string>(['ParticipantRegistered', 'ParticipantEnrolled', 'SponsorshipStarted', 'SponsorshipEnded', 'ContributionPaid', 'ArrearsRecorded', 'ProtectionLapsed', 'ProtectionReinstated']);

const regionOf = (state: CoverageState, regionId: string): RegionFacts => {
  let facts = state.regions.get(regionId);
  if (facts === undefined) {
    facts = { labourForce: new Map(), targets: new Map() };
    state.regions.set(regionId, facts);
  }
  return facts;
};

/** One text per date: the payments of many participants share it instead of holding a copy each. */
const dates = new Map<string, IsoDate>();

/**
 * A contribution as this read model keeps it: its period and day paid (as `serializeCoverage` saves
 * them), in texts shared by every payment of the same month and day, and no total or bank reference,
 * which a restored read model does not have either and no coverage answer reads. A payment log of
 * a million payments then holds no million references.
 */
const slimmed = (event: ParticipantEventOf<'ContributionPaid'>): ParticipantEventOf<'ContributionPaid'> => {
  const data = event.data;
  let paidOn = dates.get(data.paidOn);
  if (paidOn === undefined) {
    if (dates.size >= 100_000) dates.clear();
    paidOn = data.paidOn;
    dates.set(paidOn, paidOn);
  }
  const period = Period.fromIndex(Period.index(data.period));
  // Written out, not spread: a literal that starts with a spread and adds keys is a slow path in V8 (Node 20).
  return {
    type: 'ContributionPaid',
    data: { participantId: data.participantId, period, lines: data.lines, total: 0 as Rupiah, payer: data.payer, paymentReference: '' as PaymentReference, paidOn, branchId: data.branchId, regionId: data.regionId },
  };
};

/** Folds one event into the coverage read model (in place). */
export const applyCoverage = (state: CoverageState, event: JamsosEvent): CoverageState => {
  if (PARTICIPANT_TYPES.has(event.type)) {
    const participantEvent = event.type === 'ContributionPaid' ? slimmed(event) : (event as ParticipantEvent);
    const id = participantEvent.data.participantId;
    const next = evolveParticipant(state.participants.get(id) ?? initialParticipantState, participantEvent);
    // Evolve carries the identity over from the state it is given: only a new identity needs dropping.
    state.participants.set(id, next.status === 'unregistered' || next.identity === REDACTED ? next : { ...next, identity: REDACTED });
  } else if (event.type === 'LabourForceRecorded') {
    const { regionId, year, labourForce, informalWorkers, source, publishedOn } = event.data;
    regionOf(state, regionId).labourForce.set(year, { labourForce, informalWorkers, source, publishedOn });
  } else if (event.type === 'CoverageTargetSet') {
    regionOf(state, event.data.regionId).targets.set(event.data.year, { target: event.data.target, source: event.data.source });
  }
  return state;
};

type SerialisedMember = [id: string, status: Member['status'], enrolment: Member['enrolment'], memberships: Member['memberships'], payments: number[], paidThroughIndex: number, sponsorships: Member['sponsorships']];

/** The read model as compact JSON: payments as [period index, paid-on day] pairs, no personal data. */
export const serializeCoverage = (state: CoverageState): unknown => ({
  registered: [...state.participants].filter(([, p]) => p.status === 'registered').map(([id]) => id),
  members: [...state.participants].flatMap(([id, p]): SerialisedMember[] => {
    if (p.status !== 'enrolled' && p.status !== 'lapsed') return [];
    const payments: number[] = [];
    for (const payment of p.payments) payments.push(Period.index(payment.period), IsoDate.toDayNumber(payment.paidOn));
    return [[id, p.status, p.enrolment, p.memberships, payments, p.paidThroughIndex, p.sponsorships]];
  }),
  regions: [...state.regions].map(([id, facts]) => [id, [...facts.labourForce], [...facts.targets]]),
});

/** Restores the read model from its compact JSON. */
export const deserializeCoverage = (json: unknown): CoverageState => {
  const data = json as { registered: string[]; members: SerialisedMember[]; regions: [string, [number, LabourForceRecord][], [number, { target: CoverageTarget; source: string }][]][] };
  const participants = new Map<string, ParticipantState>();
  for (const id of data.registered) participants.set(id, { status: 'registered', participantId: id, identity: REDACTED } as ParticipantState);
  for (const [id, status, enrolment, memberships, flat, paidThroughIndex, sponsorships] of data.members) {
    let payments = PaymentLog.empty;
    for (let i = 0; i < flat.length; i += 2)
      payments = payments.append({ period: Period.fromIndex(flat[i] as number), paidOn: IsoDate.fromDayNumber(flat[i + 1] as number), total: 0 as never, paymentReference: '' });
    participants.set(id, { status, participantId: id, identity: REDACTED, enrolment, memberships, payments, paidThroughIndex, sponsorships, recordedArrears: [] } as unknown as Member);
  }
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
