import { IsoDate, Period } from '@jamsos/domain';
import { PU_ATTRITION } from './calibration.js';
import { planIncidents } from './claims.js';
import { bpuSteps, endSponsorship, puSteps } from './payments.js';
import { profileOf, type Profile, type RegionRun } from './profile.js';
import { createRandom, type Random } from './random.js';
import { inOrder, RANK, type Step } from './timeline.js';

/** One participant's planned life in the demo: who they are, and every dated step, in order. */
export interface ParticipantPlan {
  readonly profile: Profile;
  readonly steps: ReadonlyArray<Step>;
}

/** The day a wage earner leaves their employer (a constant monthly hazard), if before the demo ends. */
const leaveDate = (random: Random, enrolledOn: IsoDate, end: IsoDate): IsoDate | undefined => {
  const monthly = PU_ATTRITION / 12;
  const months = Math.ceil(Math.log(1 - random.next()) / Math.log(1 - monthly));
  const period = Period.add(IsoDate.period(enrolledOn), Math.max(1, months));
  const date = Period.day(period, random.int(1, 28));
  return date <= end ? date : undefined;
};

const earliest = (a: IsoDate | undefined, b: IsoDate): IsoDate => (a !== undefined && a < b ? a : b);

/**
 * Plans the i-th participant of a region: registration and enrolment, the contributions their
 * payer makes, arrears assessments and lapses, the end of a job or a sponsorship, and their claims.
 * Draws only from the participant's own seeded stream (and the shared employer and project pools).
 */
export const planParticipant = (run: RegionRun, index: number): ParticipantPlan => {
  const random = createRandom(run.seed, run.region.regionId, 'participant', index);
  const profile = profileOf(run, random, index);
  const { enrol, person, participantId } = profile;
  const { start, end } = run.window;
  const registeredOn = IsoDate.max(start, IsoDate.addDays(enrol.enrolledOn, -random.int(0, 3)));
  const steps: Step[] = [
    {
      date: registeredOn,
      rank: RANK.register,
      kind: 'command',
      command: { type: 'RegisterParticipant', participantId, nik: person.nik, name: person.name, birthDate: person.birthDate, domicileRegionId: run.region.regionId, registeredOn },
    },
    { date: enrol.enrolledOn, rank: RANK.enrol, kind: 'command', command: enrol },
  ];
  const incidents = (from: IsoDate, until: IsoDate) => planIncidents(random, profile, from, until, end, run.claimId);
  let planned: ReturnType<typeof incidents>;
  const terms = enrol.terms;
  switch (terms.segment) {
    case 'PU': {
      const leave = leaveDate(random, enrol.enrolledOn, end);
      planned = incidents(enrol.enrolledOn, leave ?? end);
      const stop = earliest(planned.stopsOn, leave ?? end);
      if (profile.employer !== undefined) steps.push(...puSteps(run, profile, profile.employer, IsoDate.period(stop)));
      if (stop < end && enrol.sponsor !== undefined) {
        const endedOn = stop === leave ? leave : IsoDate.addDays(stop, random.int(3, 14));
        steps.push(endSponsorship(profile, enrol.sponsor, IsoDate.period(stop), endedOn));
      }
      break;
    }
    case 'BPU':
      planned = incidents(enrol.enrolledOn, end);
      steps.push(...bpuSteps(run, random, profile, index, planned.stopsOn ?? end));
      break;
    case 'Jakon': {
      const startsWork = IsoDate.max(enrol.enrolledOn, Period.firstDay(enrol.firstPeriod));
      planned = incidents(startsWork, IsoDate.min(IsoDate.addDays(terms.coverageUntil, 45), end));
      const stop = planned.stopsOn !== undefined && planned.stopsOn < terms.coverageUntil ? planned.stopsOn : undefined;
      const lastPeriod = stop === undefined ? IsoDate.period(terms.coverageUntil) : IsoDate.period(stop) < enrol.firstPeriod ? enrol.firstPeriod : IsoDate.period(stop);
      if (enrol.sponsor !== undefined) steps.push(endSponsorship(profile, enrol.sponsor, lastPeriod, stop === undefined ? terms.coverageUntil : IsoDate.addDays(stop, random.int(3, 14))));
      break;
    }
    case 'PMI':
      planned = incidents(enrol.enrolledOn, IsoDate.min(terms.coverageUntil, end));
      break;
  }
  for (const claim of planned.claims) steps.push({ date: claim.decideOn ?? claim.file.filedOn, rank: RANK.claim, kind: 'claim', claim });
  return { profile, steps: inOrder(steps.filter((step) => step.date <= end)) };
};
