import type { BranchId, RegionId, Segment, Sponsor, WorkerCategory } from '@jamsos/domain';

/**
 * The figures the demo is calibrated to, per region. Seed figures (docs/domain.md, "What the seeds
 * say") are marked "seed"; every other figure is a plausible synthetic value, labelled as such in the
 * source text the events carry. Nothing here is an official statistic.
 */

/** A labour-force record as a region stream stores it (the UCJ denominator). */
export interface LabourForceFigure {
  readonly year: number;
  readonly labourForce: number;
  readonly informalWorkers: number;
  readonly source: string;
  readonly publishedOn: string;
}

/** A coverage target as a region stream stores it. */
export interface TargetFigure {
  readonly year: number;
  readonly target: { readonly kind: 'share'; readonly bp: number } | { readonly kind: 'workers'; readonly count: number };
  readonly source: string;
  readonly setOn: string;
}

/** How a region's BPU members are sponsored, from when. */
export type BpuSponsorship =
  | { readonly kind: 'regional-budget'; readonly sponsor: Extract<Sponsor, { type: 'regional-budget' }>; readonly fromPeriod: string; readonly share: number; readonly paymentPrefix: string }
  | { readonly kind: 'civil-servant'; readonly fromPeriod: string; readonly share: number };

/** Everything the demo needs to know about a region. */
export interface RegionProfile {
  readonly regionId: RegionId;
  readonly name: string;
  /** Number of kecamatan (district codes 01..n in a NIK). */
  readonly districts: number;
  /** Protected workers the demo's scale is calibrated to, and where the figure comes from. */
  readonly referenceProtected: number;
  readonly referenceNote: string;
  /** Branches servicing wage earners (PU) by weight; informal members go to the first. */
  readonly branches: ReadonlyArray<readonly [BranchId, number]>;
  readonly labourForce: ReadonlyArray<LabourForceFigure>;
  readonly targets: ReadonlyArray<TargetFigure>;
  /** Share of the region's demo members in each segment. */
  readonly segments: ReadonlyArray<readonly [Segment, number]>;
  /** The lowest PU wage drawn (about the regional minimum wage, UMK). */
  readonly minimumWage: number;
  /** JKK risk groups of the region's employers, by weight (Cilegon: steel and chemicals). */
  readonly riskGroups: ReadonlyArray<readonly [1 | 2 | 3 | 4 | 5, number]>;
  readonly categories: ReadonlyArray<readonly [WorkerCategory, number]>;
  readonly bpuSponsorship: BpuSponsorship;
}

const region = (id: string): RegionId => id as RegionId;
const branch = (id: string): BranchId => id as BranchId;
const SYNTHETIC = 'synthetic demo figure';

export const CILEGON: RegionProfile = {
  regionId: region('3672'),
  name: 'Kota Cilegon',
  districts: 8,
  referenceProtected: 76_062,
  referenceNote: 'seed: 76,062 protected of a labour force of 174,897 (43.5%); informal coverage 16%',
  branches: [[branch('KC-CILEGON'), 1]],
  labourForce: [
    { year: 2022, labourForce: 169_512, informalWorkers: 60_140, source: `${SYNTHETIC} (trend to the seed's 174,897)`, publishedOn: '2022-11-07' },
    { year: 2023, labourForce: 172_214, informalWorkers: 60_870, source: `${SYNTHETIC} (trend to the seed's 174,897)`, publishedOn: '2023-11-06' },
    { year: 2024, labourForce: 174_897, informalWorkers: 61_500, source: `seed: Disnaker Kota Cilegon UCJ briefing (labour force 174,897); informal count ${SYNTHETIC}`, publishedOn: '2024-11-05' },
  ],
  targets: [
    { year: 2024, target: { kind: 'share', bp: 5_500 }, source: 'seed: Kota Cilegon UCJ target 55% this year', setOn: '2024-01-15' },
    { year: 2025, target: { kind: 'workers', count: 103_439 }, source: 'seed: RPJMD Kota Cilegon action plan, 2025 target 103,439 protected workers', setOn: '2025-01-10' },
  ],
  segments: [['PU', 0.81], ['BPU', 0.12], ['Jakon', 0.05], ['PMI', 0.02]],
  minimumWage: 4_800_000,
  riskGroups: [[1, 1], [2, 2], [3, 3], [4, 3], [5, 2]],
  categories: [
    ['domestic-helper', 12], ['driver', 14], ['farmer', 5], ['fisher', 10], ['market-trader', 17], ['builder', 12],
    ['mosque-caretaker', 7], ['rt-rw-head', 7], ['kader', 6], ['linmas', 4], ['independent-worker', 6],
  ],
  bpuSponsorship: {
    kind: 'regional-budget',
    sponsor: { type: 'regional-budget', regionId: region('3672'), programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' },
    fromPeriod: '2024-07',
    share: 0.6,
    paymentPrefix: 'GEMET',
  },
};

export const SERANG: RegionProfile = {
  regionId: region('3604'),
  name: 'Kabupaten Serang',
  districts: 29,
  referenceProtected: 214_000,
  referenceNote: `${SYNTHETIC}: about 27% of a labour force of about 781,000`,
  branches: [[branch('KC-SERANG'), 0.55], [branch('KCP-CIKANDE'), 0.45]],
  labourForce: [
    { year: 2022, labourForce: 760_300, informalWorkers: 376_000, source: SYNTHETIC, publishedOn: '2022-11-07' },
    { year: 2023, labourForce: 771_100, informalWorkers: 379_400, source: SYNTHETIC, publishedOn: '2023-11-06' },
    { year: 2024, labourForce: 781_450, informalWorkers: 383_000, source: SYNTHETIC, publishedOn: '2024-11-05' },
  ],
  targets: [
    { year: 2024, target: { kind: 'share', bp: 3_000 }, source: `${SYNTHETIC} (regency UCJ target)`, setOn: '2024-01-20' },
    { year: 2025, target: { kind: 'share', bp: 3_500 }, source: `${SYNTHETIC} (regency UCJ target under MoU 465/Kesber.20/Tapem/VIII/2024)`, setOn: '2025-01-20' },
  ],
  segments: [['PU', 0.7], ['BPU', 0.2], ['Jakon', 0.06], ['PMI', 0.04]],
  minimumWage: 4_500_000,
  riskGroups: [[1, 2], [2, 3], [3, 3], [4, 2], [5, 1]],
  categories: [
    ['domestic-helper', 6], ['driver', 12], ['farmer', 25], ['fisher', 8], ['market-trader', 15], ['builder', 10],
    ['mosque-caretaker', 6], ['rt-rw-head', 6], ['kader', 5], ['linmas', 3], ['independent-worker', 4],
  ],
  bpuSponsorship: {
    kind: 'regional-budget',
    sponsor: { type: 'regional-budget', regionId: region('3604'), programme: 'Perlindungan Pekerja Rentan Kabupaten Serang', legalBasis: 'MoU 465/Kesber.20/Tapem/VIII/2024 and PKS with each OPD' },
    fromPeriod: '2024-09',
    share: 0.5,
    paymentPrefix: 'APBD-SRG',
  },
};

export const KENDAL: RegionProfile = {
  regionId: region('3324'),
  name: 'Kabupaten Kendal',
  districts: 20,
  referenceProtected: 142_000,
  referenceNote: `seed: about 54,000 vulnerable workers protected of about 200,000; formal members ${SYNTHETIC}`,
  branches: [[branch('KC-KENDAL'), 1]],
  labourForce: [
    { year: 2022, labourForce: 535_800, informalWorkers: 196_000, source: SYNTHETIC, publishedOn: '2022-11-07' },
    { year: 2023, labourForce: 541_200, informalWorkers: 198_300, source: SYNTHETIC, publishedOn: '2023-11-06' },
    { year: 2024, labourForce: 546_300, informalWorkers: 200_000, source: `seed: about 200,000 vulnerable workers (circular 400/4450/2022); labour force ${SYNTHETIC}`, publishedOn: '2024-11-05' },
  ],
  targets: [
    { year: 2024, target: { kind: 'share', bp: 2_700 }, source: `${SYNTHETIC} (regency UCJ target)`, setOn: '2024-01-25' },
    { year: 2025, target: { kind: 'share', bp: 3_000 }, source: `${SYNTHETIC} (regency UCJ target)`, setOn: '2025-01-25' },
  ],
  segments: [['PU', 0.59], ['BPU', 0.35], ['Jakon', 0.04], ['PMI', 0.02]],
  minimumWage: 3_000_000,
  riskGroups: [[1, 2], [2, 3], [3, 3], [4, 1], [5, 1]],
  categories: [
    ['domestic-helper', 5], ['driver', 10], ['farmer', 28], ['fisher', 10], ['market-trader', 14], ['builder', 10],
    ['mosque-caretaker', 6], ['rt-rw-head', 6], ['kader', 5], ['linmas', 3], ['independent-worker', 3],
  ],
  bpuSponsorship: { kind: 'civil-servant', fromPeriod: '2022-09', share: 0.65 },
};

/** The demo's regions, in the order their participants are generated. */
export const DEMO_REGIONS: ReadonlyArray<RegionProfile> = [CILEGON, SERANG, KENDAL];

/**
 * Claim rates. Reference (docs/domain.md, 2023): JKK about 0.4% of participants a year, JKM deaths
 * about 0.17%. The demo multiplies both by CLAIM_RATE_BOOST so that a small demo still shows a few
 * claims of each kind; the per-group rates below average about the reference before the boost.
 */
export const CLAIM_RATE_BOOST = 1.5;

/** JKK accidents a year by risk group (PU) before the boost. */
export const JKK_RATE_BY_RISK_GROUP: Readonly<Record<1 | 2 | 3 | 4 | 5, number>> = { 1: 0.0015, 2: 0.0025, 3: 0.004, 4: 0.006, 5: 0.0085 };

/** JKK accidents a year for informal, construction and migrant work, before the boost. */
export const JKK_RATE_OTHER: Readonly<Record<string, number>> = {
  fisher: 0.006, builder: 0.007, driver: 0.006, farmer: 0.0045, 'construction-worker': 0.01, 'migrant-worker': 0.003, default: 0.002,
};

/** Deaths not caused by work, a year, by age, before the boost (averages about 0.17% over the demo's ages). */
export const JKM_RATE_BY_AGE: ReadonlyArray<readonly [number, number]> = [[30, 0.0005], [40, 0.001], [50, 0.0022], [60, 0.005], [200, 0.012]];

/** Share of JKK cases that are deaths (the rest are injuries). */
export const JKK_DEATH_SHARE = 0.03;

/** PU workers who leave their employer, a year. */
export const PU_ATTRITION = 0.07;

/**
 * Share of the demo's members protected on the reference date (2024-12-31), measured on the default
 * demo (0.73-0.76 across seeds): the scale divides the reference protected workers by this share of the
 * demo's members.
 */
export const PROTECTED_SHARE_AT_REFERENCE = 0.73;
