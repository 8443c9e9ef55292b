import * as t from 'io-ts';
import { oneOf } from '../shared/codec.js';
import { defineEvent, type EventOf } from '../shared/event-definition.js';
import { IsoDateC } from '../values/calendar.js';
import { BranchIdC, ClaimIdC, ParticipantIdC, PaymentReferenceC, RegionIdC } from '../values/ids.js';
import { NikC } from '../values/nik.js';
import { personalData } from '../values/personal-data.js';
import { PersonNameC } from '../values/person-name.js';
import { NonNegativeRupiahC, PositiveRupiahC } from '../values/rupiah.js';
import { ClaimRejectionReasonC } from './rejection.js';

/** Relationship of an heir (ahli waris) to the worker, in the terms of PP 82/2019. */
export const HeirRelationshipC = oneOf('HeirRelationship', [
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'parent-in-law',
  'will-designee',
] as const);

/** An heir named on a death claim. The id is local to the claim ("h1"); everything else is personal data. */
export const HeirC = t.intersection(
  [
    t.type({ heirId: t.string, name: PersonNameC, relationship: HeirRelationshipC }),
    t.partial({ nik: NikC, bankAccount: personalData(t.string) }),
  ],
  'Heir',
);
export type Heir = t.TypeOf<typeof HeirC>;

/** Who receives a benefit: an heir of the claim, the worker, or a health-care provider (medical care). */
export const PayeeC = t.union([
  t.type({ kind: t.literal('heir'), heirId: t.string }),
  t.type({ kind: t.literal('participant') }),
  t.type({ kind: t.literal('provider') }),
]);
export type Payee = t.TypeOf<typeof PayeeC>;

/** A stable text key for a payee: "heir:h1", "participant", "provider". */
export const payeeKey = (payee: Payee): string => (payee.kind === 'heir' ? `heir:${payee.heirId}` : payee.kind);

/** What caused a death or an injury: work (or commuting) for JKK; anything else is a JKM death. */
export const CauseC = oneOf('Cause', ['work-accident', 'commuting-accident', 'occupational-disease', 'not-work-related'] as const);
export type Cause = t.TypeOf<typeof CauseC>;

/** Permanent disability after a work accident, from the doctor's statement (partial: the table's percentage in bp). */
export const DisabilityC = t.union([
  t.type({ kind: t.literal('none') }),
  t.type({ kind: t.literal('total') }),
  t.type({ kind: t.literal('partial'), percentBp: t.number }),
]);

/** The incident a claim is about. */
export const IncidentC = t.union(
  [
    t.type({ type: t.literal('death'), date: IsoDateC, cause: CauseC }),
    t.type({
      type: t.literal('injury'),
      date: IsoDateC,
      cause: CauseC,
      medicalCosts: NonNegativeRupiahC,
      homeCareCosts: NonNegativeRupiahC,
      incapacityDays: t.number,
      disability: DisabilityC,
    }),
  ],
  'Incident',
);
export type Incident = t.TypeOf<typeof IncidentC>;

/** One benefit an approval grants, with the policy parameter and legal reference it came from. */
export const BenefitLineC = t.type({ benefit: t.string, amount: NonNegativeRupiahC, legalRef: t.string }, 'BenefitLine');
export type BenefitLine = t.TypeOf<typeof BenefitLineC>;

/** The share of an approved total that one payee may receive. */
export const AllocationC = t.type({ payee: PayeeC, amount: NonNegativeRupiahC }, 'Allocation');
export type Allocation = t.TypeOf<typeof AllocationC>;

export const ClaimProgrammeC = oneOf('ClaimProgramme', ['JKK', 'JKM'] as const);

export const ClaimFiled = defineEvent({
  type: 'ClaimFiled',
  version: 1,
  kind: 'fact',
  description: 'A JKK or JKM claim was filed at a branch: the incident (death or injury, its date and cause), the claimant and the heirs (personal data).',
  codec: t.type({
    claimId: ClaimIdC,
    participantId: ParticipantIdC,
    programme: ClaimProgrammeC,
    incident: IncidentC,
    filedOn: IsoDateC,
    branchId: BranchIdC,
    regionId: RegionIdC,
    claimantName: PersonNameC,
    heirs: t.readonlyArray(HeirC),
  }),
});

export const ClaimApproved = defineEvent({
  type: 'ClaimApproved',
  version: 1,
  kind: 'decision',
  description: 'A claim was approved under a policy: the benefit lines with their legal references, the wage basis, and how the total is allocated to payees.',
  codec: t.type({
    claimId: ClaimIdC,
    participantId: ParticipantIdC,
    programme: ClaimProgrammeC,
    decidedOn: IsoDateC,
    policyId: t.string,
    wageBasis: NonNegativeRupiahC,
    benefits: t.readonlyArray(BenefitLineC),
    allocations: t.readonlyArray(AllocationC),
    total: NonNegativeRupiahC,
    branchId: BranchIdC,
  }),
});

export const ClaimRejected = defineEvent({
  type: 'ClaimRejected',
  version: 1,
  kind: 'decision',
  description: 'A claim was rejected, with a typed reason and the policy it was judged under.',
  codec: t.type({
    claimId: ClaimIdC,
    participantId: ParticipantIdC,
    decidedOn: IsoDateC,
    policyId: t.string,
    reason: ClaimRejectionReasonC,
    branchId: BranchIdC,
  }),
});

export const BenefitDisbursed = defineEvent({
  type: 'BenefitDisbursed',
  version: 1,
  kind: 'fact',
  description: 'Money was paid out on an approved claim to one payee, with the transfer reference (the business key).',
  codec: t.type({
    claimId: ClaimIdC,
    participantId: ParticipantIdC,
    programme: ClaimProgrammeC,
    payee: PayeeC,
    amount: PositiveRupiahC,
    reference: PaymentReferenceC,
    disbursedOn: IsoDateC,
    branchId: BranchIdC,
  }),
});

export const claimEventDefinitions = [ClaimFiled, ClaimApproved, ClaimRejected, BenefitDisbursed] as const;

/** Any event of a claim's stream. */
export type ClaimEvent = EventOf<(typeof claimEventDefinitions)[number]>;
export type ClaimEventOf<T extends ClaimEvent['type']> = Extract<ClaimEvent, { type: T }>;
