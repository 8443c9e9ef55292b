import type { ClaimEvent, Heir } from '../claim/events.js';
import type { ParticipantCommandOf } from '../participant/commands.js';
import type { ParticipantEvent, ParticipantEventOf } from '../participant/events.js';
import type { IsoDate, Period } from '../values/calendar.js';
import type { BranchId, ClaimId, ParticipantId, PaymentReference, RegionId } from '../values/ids.js';
import type { Nik } from '../values/nik.js';
import type { Rupiah } from '../values/rupiah.js';
import type { Sponsor } from '../values/sponsor.js';

/** Test data: a fisher in Cilegon, sponsored by the city's GEMET SEKUL programme (all synthetic). */
export const cilegon = '3672' as RegionId;
export const kcCilegon = 'KC-CILEGON' as BranchId;
export const participantId = 'p-cilegon-0001' as ParticipantId;
export const claimId = 'KLM-3672-2025-000001' as ClaimId;
export const date = (s: string): IsoDate => s as IsoDate;
export const period = (s: string): Period => s as Period;
export const rp = (n: number): Rupiah => n as Rupiah;
export const ref = (s: string): PaymentReference => s as PaymentReference;

export const gemetSekul: Sponsor = { type: 'regional-budget', regionId: cilegon, programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' };

/** Registered: a man born 1985-07-15; NIK 3672011507850003. */
export const registered: ParticipantEventOf<'ParticipantRegistered'> = {
  type: 'ParticipantRegistered',
  data: { participantId, nik: '3672011507850003' as Nik, name: 'Ahmad Fauzi', birthDate: date('1985-07-15'), domicileRegionId: cilegon, registeredOn: date('2024-01-05') },
};

/** Enrolled as a BPU fisher at the lowest income band from January 2024. */
export const enrolledBpu: ParticipantEventOf<'ParticipantEnrolled'> = {
  type: 'ParticipantEnrolled',
  data: {
    participantId,
    terms: { segment: 'BPU', declaredIncome: rp(1_000_000) },
    programmes: ['JKK', 'JKM'],
    branchId: kcCilegon,
    regionId: cilegon,
    category: 'fisher',
    enrolledOn: date('2024-01-05'),
    firstPeriod: period('2024-01'),
  },
};

export const sponsored: ParticipantEventOf<'SponsorshipStarted'> = {
  type: 'SponsorshipStarted',
  data: { participantId, sponsor: gemetSekul, fromPeriod: period('2024-01'), startedOn: date('2024-01-05') },
};

/** The Rp16,800 minimum BPU contribution for a month, paid by GEMET SEKUL on a day. */
export const paid = (p: string, paidOn: string, payer: Sponsor = gemetSekul): ParticipantEventOf<'ContributionPaid'> => ({
  type: 'ContributionPaid',
  data: {
    participantId,
    period: period(p),
    lines: [
      { programme: 'JKK', amount: rp(10_000) },
      { programme: 'JKM', amount: rp(6_800) },
    ],
    total: rp(16_800),
    payer,
    paymentReference: ref(`GEMET-${p}-0001`),
    paidOn: date(paidOn),
    branchId: kcCilegon,
    regionId: cilegon,
  },
});

/** A PayContribution command matching `paid`. */
export const pay = (p: string, paidOn: string, overrides: Partial<ParticipantCommandOf<'PayContribution'>> = {}): ParticipantCommandOf<'PayContribution'> => ({
  type: 'PayContribution',
  participantId,
  period: period(p),
  total: rp(16_800),
  payer: gemetSekul,
  paymentReference: ref(`GEMET-${p}-0001`),
  paidOn: date(paidOn),
  ...overrides,
});

/** Monthly payments by the 10th of each month from one period to another. */
export const paidMonthly = (from: string, to: string): ParticipantEvent[] => {
  const events: ParticipantEvent[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    events.push(paid(p, `${p}-10`));
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return events;
};

/** A paid-up BPU participant's history through a month. */
export const bpuHistory = (through: string): ParticipantEvent[] => [registered, enrolledBpu, sponsored, ...paidMonthly('2024-01', through)];

export const widow: Heir = { heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse' };
export const son: Heir = { heirId: 'h2', name: 'Rizki', relationship: 'child' };
export const daughter: Heir = { heirId: 'h3', name: 'Nur', relationship: 'child' };
export const mother: Heir = { heirId: 'h4', name: 'Maryam', relationship: 'parent' };

/** A JKM claim: a death not caused by work. */
export const jkmFiled = (deathOn: string, heirs: ReadonlyArray<Heir> = [widow, son, daughter], filedOn = deathOn): ClaimEvent => ({
  type: 'ClaimFiled',
  data: {
    claimId,
    participantId,
    programme: 'JKM',
    incident: { type: 'death', date: date(deathOn), cause: 'not-work-related' },
    filedOn: date(filedOn),
    branchId: kcCilegon,
    regionId: cilegon,
    claimantName: 'Siti Aminah',
    heirs: [...heirs],
  },
});
