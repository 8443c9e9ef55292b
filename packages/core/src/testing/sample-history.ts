/** A small, realistic command history for tests of projections and subscriptions over any store. */
import fc from 'fast-check';
import { IsoDate, Period } from '@jamsos/domain';

/** The GEMET SEKUL programme of Cilegon as a sponsor (regional budget). */
export const sampleGemetSekulSponsor = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' };
const ids = [1, 2, 3, 4, 5, 6];
const monthArb = fc.integer({ min: 0, max: 17 }).map((m) => Period.add(Period.of(2024, 1), m));

/** Random commands that the real deciders accept or refuse: payments (some late), claims, decisions, disbursements, arrears assessments. */
export const sampleCommandArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ p: fc.constantFrom(...ids), period: monthArb, day: fc.integer({ min: 1, max: 28 }), late: fc.integer({ min: 0, max: 2 }), ref: fc.nat(5) }).map(({ p, period, day, late, ref }) => ({
    type: 'PayContribution', participantId: `p-00${p}`, period, total: p % 3 === 0 ? 312_000 : 16_800, payer: p % 3 === 0 ? { type: 'self' } : sampleGemetSekulSponsor,
    paymentReference: `R-${p}-${period}-${ref}`, paidOn: Period.day(Period.add(period, late), day),
  })) },
  { weight: 1, arbitrary: fc.record({ p: fc.constantFrom(...ids), day: fc.integer({ min: 0, max: 540 }) }).map(({ p, day }) => ({
    type: 'FileClaim', claimId: `KLM-${p}`, participantId: `p-00${p}`, programme: 'JKM', incident: { type: 'death', date: IsoDate.addDays(IsoDate.of(2024, 1, 1), day), cause: 'not-work-related' },
    filedOn: IsoDate.addDays(IsoDate.of(2024, 1, 1), day + 2), branchId: p % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: p % 2 === 0 ? '3604' : '3672', claimantName: 'x',
    heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }, { heirId: 'h2', name: 'y', relationship: 'child' }],
  })) },
  { weight: 1, arbitrary: fc.constantFrom(...ids).map((p) => ({ type: 'DecideClaim', claimId: `KLM-${p}`, decidedOn: '2025-08-01' })) },
  { weight: 1, arbitrary: fc.record({ p: fc.constantFrom(...ids), heir: fc.constantFrom('h1', 'h2'), amount: fc.constantFrom(21_000_000, 10_000_000, 1) }).map(({ p, heir, amount }) => ({
    type: 'DisburseBenefit', claimId: `KLM-${p}`, payee: { kind: 'heir', heirId: heir }, amount, reference: `T-${p}-${heir}-${amount}`, disbursedOn: '2025-08-05',
  })) },
  { weight: 1, arbitrary: fc.record({ p: fc.constantFrom(...ids), on: fc.integer({ min: 30, max: 560 }) }).map(({ p, on }) => ({ type: 'AssessArrears', participantId: `p-00${p}`, assessedOn: IsoDate.addDays(IsoDate.of(2024, 1, 1), on) })) },
);

/** Two regions' labour force and target, and six participants (BPU sponsored by GEMET SEKUL, and PU) registered and enrolled. */
export const sampleOpeningCommands = (): Record<string, unknown>[] => [
  { type: 'RecordLabourForce', regionId: '3672', year: 2024, labourForce: 174_897, informalWorkers: 100_000, source: 'synthetic', publishedOn: '2024-02-01' },
  { type: 'SetCoverageTarget', regionId: '3672', year: 2024, target: { kind: 'share', bp: 5_500 }, source: 'synthetic', setOn: '2024-01-02' },
  ...ids.flatMap((p) => [
    { type: 'RegisterParticipant', participantId: `p-00${p}`, nik: `367201150785000${p}`, name: 'x', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-02' },
    {
      type: 'EnrolParticipant', participantId: `p-00${p}`, programmes: p % 3 === 0 ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'],
      terms: p % 3 === 0 ? { segment: 'PU', wage: 5_000_000, riskGroup: 1, employerId: 'NPP-1' } : { segment: 'BPU', declaredIncome: 1_000_000 },
      branchId: p % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: p % 2 === 0 ? '3604' : '3672', category: p % 3 === 0 ? 'employee' : 'fisher',
      enrolledOn: `2024-0${(p % 4) + 1}-03`, firstPeriod: `2024-0${(p % 4) + 1}`, ...(p % 3 === 0 ? {} : { sponsor: sampleGemetSekulSponsor }),
    },
  ]),
];


/** The opening and then `count` random commands, the same for the same seed. */
export const sampleHistory = (seed: number, count: number): Record<string, unknown>[] => [...sampleOpeningCommands(), ...fc.sample(sampleCommandArbitrary, { seed, numRuns: count })];
