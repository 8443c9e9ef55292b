import { IsoDate, Period, Rupiah, sponsorKey, type ParticipantCommandOf, type Sponsor } from '@jamsos/domain';
import { employerPaysOn, sponsorPaysOn, type Employer } from './pools.js';
import { bpuFirstPeriod, regionSponsor, type Profile, type RegionRun } from './profile.js';
import type { Random } from './random.js';
import { RANK, type Step } from './timeline.js';

const SELF: Sponsor = { type: 'self' };

/** A wage earner's contributions: the employer pays each month by its pay day of the next month (or late, after falling behind). */
export const puSteps = (run: RegionRun, profile: Profile, employer: Employer, lastPeriod: Period): Step[] => {
  const steps: Step[] = [];
  const payer: Sponsor = { type: 'employer', employerId: employer.employerId };
  for (const period of Period.range(profile.enrol.firstPeriod, lastPeriod)) {
    const date = employerPaysOn(run.seed, employer, period);
    steps.push({ date, rank: RANK.pay, kind: 'pay', payment: { period, payer, paymentReference: `${employer.employerId}-${period}-${profile.participantId}` } });
  }
  return steps;
};

/** Ends an open sponsorship after its last period. */
export const endSponsorship = (profile: Profile, sponsor: Sponsor, lastPeriod: Period, endedOn: IsoDate): Step => ({
  date: endedOn,
  rank: RANK.sponsorship,
  kind: 'command',
  command: { type: 'EndSponsorship', participantId: profile.participantId, sponsor, lastPeriod, endedOn },
});

type Style = 'steady' | 'late' | 'stopper';
const STYLES: ReadonlyArray<readonly [Style, number]> = [['steady', 45], ['late', 30], ['stopper', 25]];

/** When a sponsorship starting in a period ends, if it does: a city drops some members at the budget year's end; a civil servant may stop. */
const sponsorshipEnds = (random: Random, sponsor: Sponsor, from: Period): Period | undefined => {
  if (sponsor.type === 'regional-budget') return from < ('2024-12' as Period) && random.chance(0.08) ? ('2024-12' as Period) : undefined;
  return random.chance(0.25) ? Period.add(from, random.int(10, 30) - 1) : undefined;
};

/**
 * A BPU member's contributions, arrears assessments, lapses and re-enrolments, up to the day they
 * stop working (or the demo's end). Sponsors pay every month between the 5th and the 14th;
 * self-payers are steady, sometimes late, or stop paying after a while (then protection lapses
 * on the first day of the fifth month, and some re-enrol months later).
 */
export const bpuSteps = (run: RegionRun, random: Random, profile: Profile, index: number, until: IsoDate): Step[] => {
  const steps: Step[] = [];
  const { participantId } = profile;
  const command = (date: IsoDate, rank: number, c: Extract<Step, { kind: 'command' }>['command']): void => void steps.push({ date, rank, kind: 'command', command: c });
  const payOn = (sponsor: Sponsor | undefined, style: Style, period: Period): IsoDate => {
    if (sponsor?.type === 'regional-budget') return sponsorPaysOn(run.seed, `${sponsorKey(sponsor)}`, period, 5, 14);
    if (sponsor !== undefined) return sponsorPaysOn(run.seed, sponsorKey(sponsor), period, 5, 12);
    const u = style === 'late' ? random.next() : 0;
    if (u < 0.7) return Period.day(period, random.int(1, 14));
    return u < 0.88 ? Period.day(period, random.int(16, 28)) : Period.day(Period.next(period), random.int(2, 14));
  };
  const assess = (from: Period, through: IsoDate): void => {
    for (const period of Period.range(Period.next(from), IsoDate.period(through)))
      command(Period.firstDay(period), RANK.assess, { type: 'AssessArrears', participantId, assessedOn: Period.firstDay(period) });
  };
  const finalPeriod = Period.index(IsoDate.period(until));
  let enrolledOn = profile.enrol.enrolledOn;
  let membershipFrom = profile.enrol.firstPeriod;
  let from = membershipFrom;
  let sponsor = profile.enrol.sponsor;
  let style: Style = sponsor === undefined ? random.weighted(STYLES) : 'steady';
  for (;;) {
    let last = finalPeriod;
    let next: 'self' | 'stop' | 'end' = 'end';
    const endsAfter = sponsor === undefined ? undefined : sponsorshipEnds(random, sponsor, from);
    if (sponsor !== undefined && endsAfter !== undefined && Period.day(endsAfter, 20) <= until) {
      last = Period.index(endsAfter);
      steps.push(endSponsorship(profile, sponsor, endsAfter, Period.day(endsAfter, 20)));
      next = random.chance(0.35) ? 'self' : 'stop';
    } else if (sponsor === undefined && style === 'stopper') {
      const stop = Period.index(from) + random.int(1, 20) - 1;
      if (stop < finalPeriod) [last, next] = [stop, 'stop'];
    }
    for (let i = Period.index(from); i <= last; i++) {
      const period = Period.fromIndex(i);
      const date = IsoDate.max(payOn(sponsor, style, period), enrolledOn);
      if (date <= until) steps.push({ date, rank: RANK.pay, kind: 'pay', payment: { period, payer: sponsor ?? SELF, paymentReference: `${reference(run, sponsor)}-${period}-${participantId}` } });
    }
    if (next === 'self') {
      [from, sponsor, style] = [Period.fromIndex(last + 1), undefined, random.chance(0.6) ? 'steady' : 'late'];
      continue;
    }
    if (next === 'end') {
      assess(membershipFrom, until);
      if (sponsor !== undefined && until < run.window.end) {
        const endedOn = IsoDate.addDays(until, random.int(7, 20));
        const lastPeriod = from > IsoDate.period(until) ? from : IsoDate.period(until);
        if (endedOn <= run.window.end) steps.push(endSponsorship(profile, sponsor, lastPeriod, endedOn));
      }
      return steps;
    }
    const lapse = Period.firstDay(Period.fromIndex(last + 5));
    assess(membershipFrom, IsoDate.min(lapse, until));
    if (lapse > until || !random.chance(0.4)) return steps;
    const reenrolOn = IsoDate.addDays(lapse, random.int(20, 300));
    if (reenrolOn > IsoDate.min(until, IsoDate.addDays(run.window.end, -15))) return steps;
    sponsor = random.chance(0.5) ? regionSponsor(run, index, reenrolOn) : undefined;
    [enrolledOn, membershipFrom, from] = [reenrolOn, bpuFirstPeriod(reenrolOn), bpuFirstPeriod(reenrolOn)];
    style = sponsor !== undefined || random.chance(0.6) ? 'steady' : 'late';
    const terms = sponsor === undefined ? profile.enrol.terms : { segment: 'BPU' as const, declaredIncome: Rupiah.of(1_000_000) };
    const reenrol: ParticipantCommandOf<'EnrolParticipant'> = { ...profile.enrol, terms, programmes: sponsor === undefined ? profile.enrol.programmes : ['JKK', 'JKM'], enrolledOn, firstPeriod: from };
    command(reenrolOn, RANK.enrol, sponsor === undefined ? withoutSponsor(reenrol) : { ...reenrol, sponsor });
  }
};

const withoutSponsor = (command: ParticipantCommandOf<'EnrolParticipant'>): ParticipantCommandOf<'EnrolParticipant'> => {
  const { sponsor: _sponsor, ...rest } = command;
  return rest;
};

/** The prefix of a payment's bank reference: the city's programme, a civil servant, or the member's virtual account. */
const reference = (run: RegionRun, sponsor: Sponsor | undefined): string => {
  const scheme = run.region.bpuSponsorship;
  if (sponsor?.type === 'regional-budget' && scheme.kind === 'regional-budget') return scheme.paymentPrefix;
  return sponsor?.type === 'civil-servant' ? 'ASN' : 'VA';
};
