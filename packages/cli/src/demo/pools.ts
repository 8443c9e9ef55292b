import { IsoDate, Period, type BranchId, type EmployerId, type ProjectId } from '@jamsos/domain';
import type { RegionProfile } from './calibration.js';
import { createRandom, hashSeed } from './random.js';

/** The demo's time window: from the first day of a year to the last day of a month. */
export interface DemoWindow {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** A synthetic employer (PU): its registration number, JKK risk group, pay day and branch; some fall behind once. */
export interface Employer {
  readonly employerId: EmployerId;
  readonly riskGroup: 1 | 2 | 3 | 4 | 5;
  readonly payDay: number;
  readonly branchId: BranchId;
  /** A spell of unpaid months (period indexes from..from+months-1), all paid late on the catch-up date. */
  readonly gap: { readonly from: number; readonly months: number; readonly catchUp: IsoDate } | undefined;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Share of employers that once fall more than 3 months behind (their workers' JKK claims are then the employer's). */
const EMPLOYERS_FALLING_BEHIND = 0.08;

/** The k-th employer of a region: drawn from its own seeded stream, so the same for every worker. */
export const employerOf = (seed: number, region: RegionProfile, k: number, window: DemoWindow): Employer => {
  const random = createRandom(seed, region.regionId, 'employer', k);
  const riskGroup = random.weighted(region.riskGroups);
  const payDay = random.int(5, 12);
  const branchId = random.weighted(region.branches);
  const first = Period.index(IsoDate.period(window.start));
  const span = Period.index(IsoDate.period(window.end)) - first;
  let gap: Employer['gap'];
  if (random.chance(EMPLOYERS_FALLING_BEHIND) && span > 12) {
    const from = first + random.int(2, span - 8);
    const months = random.int(4, 8);
    gap = { from, months, catchUp: Period.day(Period.fromIndex(from + months), random.int(17, 27)) };
  }
  return { employerId: `NPP-${region.regionId}-${pad(k + 1, 5)}` as EmployerId, riskGroup, payDay, branchId, gap };
};

/** The date an employer pays a month's contribution: its pay day of the following month (±2 days), or the catch-up date. */
export const employerPaysOn = (seed: number, employer: Employer, period: Period): IsoDate => {
  const index = Period.index(period);
  if (employer.gap !== undefined && index >= employer.gap.from && index < employer.gap.from + employer.gap.months) return employer.gap.catchUp;
  const jitter = (hashSeed(seed, employer.employerId, period) % 5) - 2;
  return Period.day(Period.next(period), Math.min(14, Math.max(1, employer.payDay + jitter)));
};

/** A construction project (Jakon): the contractor insures its workers before work starts, for its duration. */
export interface Project {
  readonly projectId: ProjectId;
  readonly contractorId: EmployerId;
  readonly startsOn: IsoDate;
  readonly until: IsoDate;
}

/** The k-th construction project of a region. */
export const projectOf = (seed: number, region: RegionProfile, k: number, window: DemoWindow): Project => {
  const random = createRandom(seed, region.regionId, 'project', k);
  const first = IsoDate.toDayNumber(window.start) + 14;
  const startsOn = IsoDate.fromDayNumber(random.int(first, Math.max(first, IsoDate.toDayNumber(window.end) - 45)));
  const months = random.int(3, 14);
  const until = IsoDate.addDays(Period.day(Period.add(IsoDate.period(startsOn), months), IsoDate.day(startsOn)), -1);
  return {
    projectId: `PRJ-${region.regionId}-${IsoDate.year(startsOn)}-${pad(k + 1, 4)}` as ProjectId,
    contractorId: `NPP-JK-${region.regionId}-${pad(random.int(1, Math.max(1, Math.ceil((k + 1) / 2))), 4)}` as EmployerId,
    startsOn,
    until,
  };
};

/** A civil servant's monthly pay day for a sponsored worker's contribution (Kendal: from the salary, early in the month). */
export const sponsorPaysOn = (seed: number, sponsorKey: string, period: Period, firstDay: number, lastDay: number): IsoDate =>
  Period.day(period, firstDay + (hashSeed(seed, sponsorKey, period) % (lastDay - firstDay + 1)));
