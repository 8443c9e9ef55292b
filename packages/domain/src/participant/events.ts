import * as t from 'io-ts';
import { defineEvent, type EventOf } from '../shared/event-definition.js';
import { IsoDateC, PeriodC } from '../values/calendar.js';
import { WorkerCategoryC } from '../values/category.js';
import { BranchIdC, EmployerIdC, ParticipantIdC, PaymentReferenceC, ProjectIdC, RegionIdC } from '../values/ids.js';
import { NikC } from '../values/nik.js';
import { personalData } from '../values/personal-data.js';
import { PersonNameC } from '../values/person-name.js';
import { NonNegativeRupiahC, PositiveRupiahC } from '../values/rupiah.js';
import { ProgrammeC } from '../values/scheme.js';
import { SponsorC } from '../values/sponsor.js';

export { PERSON_NAME_MAX, PersonNameC } from '../values/person-name.js';

/** The terms of membership, by segment: what contributions and protection are computed from. */
export const EnrolmentTermsC = t.union(
  [
    t.type({ segment: t.literal('BPU'), declaredIncome: PositiveRupiahC }),
    t.type({ segment: t.literal('PU'), wage: PositiveRupiahC, riskGroup: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)]), employerId: EmployerIdC }),
    t.type({ segment: t.literal('Jakon'), employerId: EmployerIdC, projectId: ProjectIdC, coverageUntil: IsoDateC, wage: PositiveRupiahC }),
    t.type({ segment: t.literal('PMI'), coverageUntil: IsoDateC, declaredIncome: PositiveRupiahC }),
  ],
  'EnrolmentTerms',
);
export type EnrolmentTerms = t.TypeOf<typeof EnrolmentTermsC>;

/** One programme's share of a contribution. */
export const ContributionLineC = t.type({ programme: ProgrammeC, amount: NonNegativeRupiahC }, 'ContributionLine');
export type ContributionLine = t.TypeOf<typeof ContributionLineC>;

export const ParticipantRegistered = defineEvent({
  type: 'ParticipantRegistered',
  version: 1,
  kind: 'fact',
  description: 'A person was registered with their identity (NIK, name, birth date: personal data) and domicile region.',
  codec: t.type({
    participantId: ParticipantIdC,
    nik: NikC,
    name: PersonNameC,
    birthDate: personalData(IsoDateC),
    domicileRegionId: RegionIdC,
    registeredOn: IsoDateC,
  }),
});

export const ParticipantEnrolled = defineEvent({
  type: 'ParticipantEnrolled',
  version: 1,
  kind: 'fact',
  description: 'A registered person joined a segment and its programmes at a branch, in a work region and category, from a first period.',
  codec: t.type({
    participantId: ParticipantIdC,
    terms: EnrolmentTermsC,
    programmes: t.readonlyArray(ProgrammeC),
    branchId: BranchIdC,
    regionId: RegionIdC,
    category: WorkerCategoryC,
    enrolledOn: IsoDateC,
    firstPeriod: PeriodC,
  }),
});

export const SponsorshipStarted = defineEvent({
  type: 'SponsorshipStarted',
  version: 1,
  kind: 'fact',
  description: "A sponsor (a city's budget programme, a civil servant, a CSR programme, an employer, a contractor) took on the participant's contributions from a period.",
  codec: t.type({ participantId: ParticipantIdC, sponsor: SponsorC, fromPeriod: PeriodC, startedOn: IsoDateC }),
});

export const SponsorshipEnded = defineEvent({
  type: 'SponsorshipEnded',
  version: 1,
  kind: 'fact',
  description: 'A sponsorship ended after its last covered period.',
  codec: t.type({ participantId: ParticipantIdC, sponsor: SponsorC, lastPeriod: PeriodC, endedOn: IsoDateC }),
});

export const ContributionPaid = defineEvent({
  type: 'ContributionPaid',
  version: 1,
  kind: 'fact',
  description: "A month's contribution was received: per-programme amounts, the payer, the bank reference (the business key) and the date paid; booked at the participant's branch.",
  codec: t.type({
    participantId: ParticipantIdC,
    period: PeriodC,
    lines: t.readonlyArray(ContributionLineC),
    total: PositiveRupiahC,
    payer: SponsorC,
    paymentReference: PaymentReferenceC,
    paidOn: IsoDateC,
    branchId: BranchIdC,
    regionId: RegionIdC,
  }),
});

export const ArrearsRecorded = defineEvent({
  type: 'ArrearsRecorded',
  version: 1,
  kind: 'decision',
  description: 'An assessment found months whose contribution is past due and unpaid, under a policy.',
  codec: t.type({ participantId: ParticipantIdC, assessedOn: IsoDateC, unpaidPeriods: t.readonlyArray(PeriodC), policyId: t.string }),
});

export const ProtectionLapsed = defineEvent({
  type: 'ProtectionLapsed',
  version: 1,
  kind: 'decision',
  description: 'Protection ended because arrears exceeded what the policy allows; contributions are refused until re-enrolment.',
  codec: t.type({
    participantId: ParticipantIdC,
    lapsedOn: IsoDateC,
    firstUnpaidPeriod: PeriodC,
    policyId: t.string,
    legalRef: t.string,
  }),
});

export const ProtectionReinstated = defineEvent({
  type: 'ProtectionReinstated',
  version: 1,
  kind: 'decision',
  description: 'A lapsed participant re-enrolled: membership starts again from a period; older arrears are no longer due.',
  codec: t.type({ participantId: ParticipantIdC, reinstatedOn: IsoDateC, fromPeriod: PeriodC, policyId: t.string }),
});

export const participantEventDefinitions = [
  ParticipantRegistered,
  ParticipantEnrolled,
  SponsorshipStarted,
  SponsorshipEnded,
  ContributionPaid,
  ArrearsRecorded,
  ProtectionLapsed,
  ProtectionReinstated,
] as const;

/** Any event of a participant's stream. */
export type ParticipantEvent = EventOf<(typeof participantEventDefinitions)[number]>;
export type ParticipantEventType = ParticipantEvent['type'];
/** The event of one type. */
export type ParticipantEventOf<T extends ParticipantEventType> = Extract<ParticipantEvent, { type: T }>;
