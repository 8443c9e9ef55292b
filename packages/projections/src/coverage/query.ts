import * as E from 'fp-ts/lib/Either.js';
import { IsoDate, isFormal, protectionOn, type Member, type PolicySnapshot, type SavedMember, type SponsorType } from '@jamsos/domain';
import type { CoverageState, LabourForceRecord, RegionFacts } from './state.js';

/** Counts of protected workers in one group. */
export interface CoverageCount {
  readonly key: string;
  readonly protected: number;
  readonly formal: number;
  readonly informal: number;
  /** Members (enrolled or lapsed) in the group, protected or not. */
  readonly members: number;
}

/** A region's coverage: the counts, the denominator with its source, UCJ and progress against the target. */
export interface RegionCoverage extends CoverageCount {
  readonly labourForce: (LabourForceRecord & { readonly year: number }) | undefined;
  /** Protected / labour force, in basis points (4350 = 43.50%). */
  readonly ucjBp: number | undefined;
  /** Informal protected / informal workers, in basis points. */
  readonly informalCoverageBp: number | undefined;
  readonly target: { readonly workers: number; readonly source: string; readonly progressBp: number; readonly remaining: number } | undefined;
}

/** Who was protected on a date, grouped every way a labour office or a branch is judged. */
export interface CoverageReport {
  readonly asOf: IsoDate;
  readonly total: CoverageCount;
  readonly byRegion: ReadonlyArray<RegionCoverage>;
  readonly byBranch: ReadonlyArray<CoverageCount>;
  readonly bySegment: ReadonlyArray<CoverageCount>;
  readonly byCategory: ReadonlyArray<CoverageCount>;
  readonly bySponsorType: ReadonlyArray<CoverageCount>;
}

class Tally {
  private readonly counts = new Map<string, { protected: number; formal: number; informal: number; members: number }>();
  add(key: string, isProtected: boolean, formal: boolean): void {
    let c = this.counts.get(key);
    if (c === undefined) {
      c = { protected: 0, formal: 0, informal: 0, members: 0 };
      this.counts.set(key, c);
    }
    c.members++;
    if (isProtected) {
      c.protected++;
      if (formal) c.formal++;
      else c.informal++;
    }
  }
  rows(): CoverageCount[] {
    return [...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, c]) => ({ key, ...c }));
  }
  get(key: string): CoverageCount {
    return { key, ...(this.counts.get(key) ?? { protected: 0, formal: 0, informal: 0, members: 0 }) };
  }
}

/** Who pays for a member in a month: the first sponsorship covering it, else the segment's usual payer. */
export const sponsorTypeOn = (member: Member, date: IsoDate): SponsorType => {
  const period = IsoDate.period(date);
  const sponsorship = member.sponsorships.find((s) => s.fromPeriod <= period && (s.lastPeriod === null || period <= s.lastPeriod));
  if (sponsorship !== undefined) return sponsorship.sponsor.type;
  const segment = member.enrolment.terms.segment;
  return segment === 'PU' ? 'employer' : segment === 'Jakon' ? 'contractor' : 'self';
};

/** The newest record at or before a year. */
const latestUpTo = <V>(byYear: ReadonlyMap<number, V>, year: number): [number, V] | undefined => {
  let best: [number, V] | undefined;
  for (const [y, v] of byYear) if (y <= year && (best === undefined || y > best[0])) best = [y, v];
  return best;
};

const ratioBp = (part: number, whole: number): number | undefined => (whole > 0 ? Math.round((part * 10_000) / whole) : undefined);

const regionCoverage = (count: CoverageCount, facts: RegionFacts | undefined, year: number): RegionCoverage => {
  const lf = facts === undefined ? undefined : latestUpTo(facts.labourForce, year);
  const labourForce = lf === undefined ? undefined : { year: lf[0], ...lf[1] };
  const target = facts?.targets.get(year);
  const targetWorkers =
    target === undefined ? undefined : target.target.kind === 'workers' ? target.target.count : labourForce === undefined ? undefined : Math.ceil((labourForce.labourForce * target.target.bp) / 10_000);
  return {
    ...count,
    labourForce,
    ucjBp: labourForce === undefined ? undefined : ratioBp(count.protected, labourForce.labourForce),
    informalCoverageBp: labourForce === undefined ? undefined : ratioBp(count.informal, labourForce.informalWorkers),
    target:
      target === undefined || targetWorkers === undefined
        ? undefined
        : { workers: targetWorkers, source: target.source, progressBp: ratioBp(count.protected, targetWorkers) ?? 0, remaining: Math.max(0, targetWorkers - count.protected) },
  };
};

/**
 * Coverage as of a date: each member is protected or not on that day by the policy in force then
 * (contributions paid by the due date or before the day, arrears within the limit, coverage windows),
 * with the same rule a claim is judged by. Protection is judged for JKK, which every segment carries.
 */
export const coverageAsOf = (state: CoverageState, asOf: IsoDate, snapshot: PolicySnapshot, filter: { readonly regionId?: string } = {}): CoverageReport => {
  const total = new Tally();
  const region = new Tally();
  const branch = new Tally();
  const segment = new Tally();
  const category = new Tally();
  const sponsor = new Tally();
  for (const folded of state.participants.values()) {
    if (folded.status !== 'enrolled' && folded.status !== 'lapsed') continue;
    // The enrolment without building the state: a member of another region, or enrolled later, is not built.
    const { enrolment } = folded.saved as SavedMember;
    if (filter.regionId !== undefined && enrolment.regionId !== filter.regionId) continue;
    if (enrolment.enrolledOn > asOf) continue;
    const participant = folded.state as Member;
    const isProtected = E.isRight(protectionOn(participant, asOf, snapshot, 'JKK'));
    const formal = isFormal(enrolment.terms.segment);
    total.add('all', isProtected, formal);
    region.add(enrolment.regionId, isProtected, formal);
    branch.add(enrolment.branchId, isProtected, formal);
    segment.add(enrolment.terms.segment, isProtected, formal);
    category.add(enrolment.category, isProtected, formal);
    sponsor.add(sponsorTypeOn(participant, asOf), isProtected, formal);
  }
  const year = IsoDate.year(asOf);
  const regionIds = new Set([...region.rows().map((r) => r.key), ...[...state.regions.keys()].filter((id) => filter.regionId === undefined || id === filter.regionId)]);
  return {
    asOf,
    total: total.get('all'),
    byRegion: [...regionIds].sort().map((id) => regionCoverage(region.get(id), state.regions.get(id), year)),
    byBranch: branch.rows(),
    bySegment: segment.rows(),
    byCategory: category.rows(),
    bySponsorType: sponsor.rows(),
  };
};
