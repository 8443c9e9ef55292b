import { IsoDate, Period, Rupiah, type ClaimCommandOf, type ClaimId, type Incident } from '@jamsos/domain';
import { CLAIM_RATE_BOOST, JKK_DEATH_SHARE, JKK_RATE_BY_RISK_GROUP, JKK_RATE_OTHER, JKM_RATE_BY_AGE } from './calibration.js';
import { ageOn, heirsOf } from './people.js';
import type { Profile } from './profile.js';
import type { Random } from './random.js';
import type { PlannedClaim } from './timeline.js';

/** What happens to a participant in the demo: their claims, and the day they stop working (death or total disability). */
export interface Incidents {
  readonly claims: ReadonlyArray<PlannedClaim>;
  readonly stopsOn: IsoDate | undefined;
}

const jkkRate = (profile: Profile): number => {
  const { terms, category } = profile.enrol;
  if (terms.segment === 'PU') return JKK_RATE_BY_RISK_GROUP[terms.riskGroup];
  return JKK_RATE_OTHER[category] ?? (JKK_RATE_OTHER['default'] as number);
};

const jkmRate = (age: number): number => (JKM_RATE_BY_AGE.find(([below]) => age < below) ?? [0, 0.012])[1];

/** Partial disabilities as a percentage of the table (bp), from a finger to an arm. */
const PARTIAL_DISABILITY_BP = [500, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 5_000, 7_000] as const;

/** Share of claims a verifier rejects by hand, and why (synthetic). */
const VERIFIER_REJECTS = 0.02;
const DEATH_NOTES = ['documents incomplete: no death certificate from the village office', 'the heirs could not be verified against the family card (KK)'] as const;
const INJURY_NOTES = ['the accident report (form KK1) was not confirmed by the employer', 'no medical resume from the treating provider'] as const;

const injury = (random: Random, date: IsoDate): Extract<Incident, { type: 'injury' }> => {
  const days = random.weighted<() => number>([[() => 0, 35], [() => random.int(1, 30), 45], [() => random.int(31, 120), 15], [() => random.int(121, 420), 5]])();
  const disability = random.weighted<Extract<Incident, { type: 'injury' }>['disability']>([
    [{ kind: 'none' }, 92],
    [{ kind: 'partial', percentBp: random.pick(PARTIAL_DISABILITY_BP) }, 7],
    [{ kind: 'total' }, 1],
  ]);
  return {
    type: 'injury',
    date,
    cause: random.weighted([['work-accident', 85], ['commuting-accident', 13], ['occupational-disease', 2]] as const),
    medicalCosts: Rupiah.of(random.logNormal(3_500_000, 1.0, 250_000, 250_000_000, 1_000)),
    homeCareCosts: Rupiah.of(random.chance(0.05) ? random.int(1, 15) * 1_000_000 : 0),
    incapacityDays: days,
    disability,
  };
};

/**
 * The incidents of a participant between two dates, month by month: a death not caused by work
 * (JKM, by age), or a work accident (JKK, by risk group or kind of work), which is sometimes fatal.
 * Each is filed a few days later, decided a few days after that, and paid out a few days after
 * the approval; steps that would fall after the demo's last day are left for later (pending).
 */
export const planIncidents = (random: Random, profile: Profile, from: IsoDate, until: IsoDate, end: IsoDate, claimId: (year: number) => ClaimId): Incidents => {
  const claims: PlannedClaim[] = [];
  const jkkMonthly = (jkkRate(profile) * CLAIM_RATE_BOOST) / 12;
  const { participantId, branchId, regionId } = profile.enrol;
  const file = (programme: 'JKK' | 'JKM', incident: Incident, delay: number): void => {
    const filedOn = IsoDate.addDays(incident.date, delay);
    if (filedOn > end) return;
    const family = incident.type === 'death' ? heirsOf(random, profile.person, incident.date) : { heirs: [], claimantName: profile.person.name };
    const decideOn = IsoDate.addDays(filedOn, random.int(1, 10));
    const disburseOn = IsoDate.addDays(decideOn, random.int(1, 6));
    const command: ClaimCommandOf<'FileClaim'> = {
      type: 'FileClaim',
      claimId: claimId(IsoDate.year(filedOn)),
      participantId,
      programme,
      incident,
      filedOn,
      branchId,
      regionId,
      claimantName: family.claimantName,
      heirs: family.heirs,
    };
    const verifierNote = random.chance(VERIFIER_REJECTS) ? random.pick<string>(incident.type === 'death' ? DEATH_NOTES : INJURY_NOTES) : undefined;
    claims.push({ file: command, decideOn: decideOn <= end ? decideOn : undefined, disburseOn: disburseOn <= end ? disburseOn : undefined, verifierNote });
  };
  for (const period of Period.range(IsoDate.period(from), IsoDate.period(until))) {
    const first = period === IsoDate.period(from) ? IsoDate.day(from) : 1;
    const last = period === IsoDate.period(until) ? IsoDate.day(until) : IsoDate.day(Period.lastDay(period));
    if (first > last) continue;
    const date = Period.day(period, random.int(first, last));
    const jkmMonthly = (jkmRate(ageOn(profile.person.birthDate, date)) * CLAIM_RATE_BOOST) / 12;
    const u = random.next();
    if (u < jkmMonthly) {
      file('JKM', { type: 'death', date, cause: 'not-work-related' }, random.int(3, 30));
      return { claims, stopsOn: date };
    }
    if (u < jkmMonthly + jkkMonthly) {
      if (random.chance(JKK_DEATH_SHARE)) {
        file('JKK', { type: 'death', date, cause: random.chance(0.75) ? 'work-accident' : 'commuting-accident' }, random.int(2, 14));
        return { claims, stopsOn: date };
      }
      const incident = injury(random, date);
      file('JKK', incident, random.int(3, 45));
      if (incident.disability.kind === 'total') return { claims, stopsOn: date };
    }
  }
  return { claims, stopsOn: undefined };
};
