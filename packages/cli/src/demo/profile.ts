import {
  IsoDate,
  Period,
  type ClaimId,
  type ParticipantCommandOf,
  type ParticipantId,
  type Programme,
  type Rupiah,
  type Segment,
  type Sponsor,
  type SponsorId,
  type WorkerCategory,
} from '@jamsos/domain';
import type { RegionProfile } from './calibration.js';
import { personFor, type Person } from './people.js';
import { employerOf, projectOf, type DemoWindow, type Employer, type Project } from './pools.js';
import type { Random } from './random.js';

/** One region's share of a demo run: its profile, how many participants, and its employer and project pools. */
export interface RegionRun {
  readonly seed: number;
  readonly window: DemoWindow;
  readonly region: RegionProfile;
  readonly size: number;
  readonly employers: number;
  readonly projects: number;
  /** The next claim number of the region for a filing year. */
  readonly claimId: (year: number) => ClaimId;
}

/** Who a demo participant is and how they enrol. */
export interface Profile {
  readonly participantId: ParticipantId;
  readonly person: Person;
  readonly segment: Segment;
  readonly enrol: ParticipantCommandOf<'EnrolParticipant'>;
  readonly employer: Employer | undefined;
  readonly project: Project | undefined;
}

/** Women's share of each kind of work (synthetic: domestic helpers and kader mostly women, fishers and drivers mostly men). */
const FEMALE_SHARE: Readonly<Partial<Record<WorkerCategory, number>>> = {
  'domestic-helper': 0.9, kader: 0.95, 'market-trader': 0.6, fisher: 0.05, driver: 0.05, builder: 0.03, farmer: 0.35, linmas: 0.2,
  'mosque-caretaker': 0.1, 'rt-rw-head': 0.2, 'independent-worker': 0.4, employee: 0.35, 'construction-worker': 0.04, 'migrant-worker': 0.7,
};

const rp = (n: number): Rupiah => n as Rupiah;
const pad = (n: number): string => String(n).padStart(6, '0');

/** The first period a BPU member pays for: this month when enrolling by the 14th, else the next. */
export const bpuFirstPeriod = (enrolledOn: IsoDate): Period => (IsoDate.day(enrolledOn) <= 14 ? IsoDate.period(enrolledOn) : Period.next(IsoDate.period(enrolledOn)));

/** The sponsor a region's budget or civil servants provide to a BPU member, if the region's scheme has started by a date. */
export const regionSponsor = (run: RegionRun, index: number, on: IsoDate): Sponsor | undefined => {
  const scheme = run.region.bpuSponsorship;
  if (on < Period.firstDay(scheme.fromPeriod as Period)) return undefined;
  return scheme.kind === 'regional-budget' ? scheme.sponsor : { type: 'civil-servant', sponsorId: `ASN-${run.region.regionId}-${pad(index + 1)}` as SponsorId, regionId: run.region.regionId };
};

/** The demo's participant id: opaque, by region and number, never derived from the NIK. */
export const demoParticipantId = (regionId: string, index: number): ParticipantId => `p-${regionId}-${pad(index + 1)}` as ParticipantId;

/** Draws a participant: segment, work, person (with a valid, unique NIK), enrolment terms and sponsor. */
export const profileOf = (run: RegionRun, random: Random, index: number): Profile => {
  const { region, window, seed } = run;
  const participantId = demoParticipantId(region.regionId, index);
  const segment = random.weighted(region.segments);
  const between = (from: IsoDate, to: IsoDate): IsoDate => IsoDate.fromDayNumber(random.int(IsoDate.toDayNumber(from), Math.max(IsoDate.toDayNumber(from), IsoDate.toDayNumber(to))));
  const lastEnrolment = IsoDate.addDays(window.end, -15);
  const person = (on: IsoDate, minAge: number, maxAge: number, category: WorkerCategory): Person =>
    personFor(random, { regionId: region.regionId, districts: region.districts, index, regionSize: run.size, minAge, maxAge, on, femaleShare: FEMALE_SHARE[category] ?? 0.5 });
  const base = { type: 'EnrolParticipant' as const, participantId, regionId: region.regionId, branchId: (region.branches[0] as (typeof region.branches)[number])[0] };
  switch (segment) {
    case 'PU': {
      const employer = employerOf(seed, region, Math.floor(run.employers * random.next() ** 1.8), window);
      const enrolledOn = random.chance(0.55) ? Period.day(IsoDate.period(window.start), random.int(3, 28)) : between(window.start, lastEnrolment);
      const who = person(enrolledOn, 19, 55, 'employee');
      const wage = Math.round((region.minimumWage + (8_000_000 - region.minimumWage) * random.next() ** 2) / 50_000) * 50_000;
      const programmes: Programme[] = who.birthDate > IsoDate.addYears(enrolledOn, -54) ? ['JKK', 'JKM', 'JHT', 'JP'] : ['JKK', 'JKM', 'JHT'];
      const enrol = {
        ...base,
        terms: { segment: 'PU' as const, wage: rp(Math.max(wage, region.minimumWage)), riskGroup: employer.riskGroup, employerId: employer.employerId },
        programmes,
        branchId: employer.branchId,
        category: 'employee' as const,
        enrolledOn,
        firstPeriod: IsoDate.period(enrolledOn),
        sponsor: { type: 'employer' as const, employerId: employer.employerId },
      };
      return { participantId, person: who, segment, enrol, employer, project: undefined };
    }
    case 'BPU': {
      const scheme = region.bpuSponsorship;
      const schemeStart = Period.firstDay(scheme.fromPeriod as Period);
      const sponsored = schemeStart <= lastEnrolment && random.chance(scheme.share);
      const enrolledOn = between(sponsored ? IsoDate.max(schemeStart, window.start) : window.start, lastEnrolment);
      const category = random.weighted(region.categories);
      const who = person(enrolledOn, 18, 64, category);
      const declaredIncome = sponsored ? 1_000_000 : random.weighted([[1_000_000, 75], [1_500_000, 8], [2_000_000, 7], [2_500_000, 4], [3_000_000, 4], [5_000_000, 2]]);
      const programmes: Programme[] = !sponsored && random.chance(0.1) ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'];
      const sponsor = sponsored ? regionSponsor(run, index, enrolledOn) : undefined;
      const terms = { segment: 'BPU' as const, declaredIncome: rp(declaredIncome) };
      const enrol = { ...base, terms, programmes, category, enrolledOn, firstPeriod: bpuFirstPeriod(enrolledOn), ...(sponsor === undefined ? {} : { sponsor }) };
      return { participantId, person: who, segment, enrol, employer: undefined, project: undefined };
    }
    case 'Jakon': {
      const project = projectOf(seed, region, random.int(0, run.projects - 1), window);
      const enrolledOn = IsoDate.max(window.start, IsoDate.addDays(project.startsOn, -random.int(1, 10)));
      const who = person(enrolledOn, 19, 55, 'construction-worker');
      const wage = rp(random.int(50, 100) * 50_000);
      const enrol = {
        ...base,
        terms: { segment: 'Jakon' as const, employerId: project.contractorId, projectId: project.projectId, coverageUntil: project.until, wage },
        programmes: ['JKK', 'JKM'] as Programme[],
        category: 'construction-worker' as const,
        enrolledOn,
        firstPeriod: IsoDate.period(project.startsOn),
        sponsor: { type: 'contractor' as const, employerId: project.contractorId, projectId: project.projectId },
      };
      return { participantId, person: who, segment, enrol, employer: undefined, project };
    }
    case 'PMI': {
      const enrolledOn = between(window.start, IsoDate.addDays(window.end, -60));
      const departure = IsoDate.addDays(enrolledOn, random.int(30, 120));
      const months = random.weighted([[24, 70], [12, 25], [6, 5]]);
      const coverageUntil = IsoDate.addDays(Period.day(Period.add(IsoDate.period(departure), months), IsoDate.day(departure)), -1);
      const who = person(enrolledOn, 20, 42, 'migrant-worker');
      const enrol = {
        ...base,
        terms: { segment: 'PMI' as const, coverageUntil, declaredIncome: rp(random.int(8, 18) * 500_000) },
        programmes: (random.chance(0.3) ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM']) as Programme[],
        category: 'migrant-worker' as const,
        enrolledOn,
        firstPeriod: IsoDate.period(enrolledOn),
      };
      return { participantId, person: who, segment, enrol, employer: undefined, project: undefined };
    }
  }
};
