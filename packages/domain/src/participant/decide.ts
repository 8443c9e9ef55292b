import * as E from 'fp-ts/lib/Either.js';
import { parameterOn } from '../policy/interval.js';
import type { PolicySnapshot } from '../policy/parameters.js';
import { IsoDate, Period } from '../values/calendar.js';
import { nikParts } from '../values/nik.js';
import type { Programme, Segment } from '../values/scheme.js';
import { sponsorKey } from '../values/sponsor.js';
import type { ParticipantCommand, ParticipantCommandOf } from './commands.js';
import type { ContributionLine, ParticipantEvent } from './events.js';
import { contributionDueUnder } from './contribution-due.js';
import { bpuDueDate, bpuLapseDate, puDueDate } from './protection.js';
import type { ParticipantRejection } from './rejections.js';
import { currentMembership, sponsorshipOfSponsorCovering, type Member, type ParticipantState } from './state.js';

/** What the participant decider needs from a policy: its id and the law at an instant. */
export interface PolicyLookup {
  readonly id: string;
  readonly at: (date: IsoDate) => PolicySnapshot;
}

type Decision = E.Either<ParticipantRejection, ReadonlyArray<ParticipantEvent>>;
const none: Decision = E.right([]);
const reject = (rejection: ParticipantRejection): Decision => E.left(rejection);

/** Programmes each segment must and may have (PP 44/2015; Permenaker 5/2021). */
const PROGRAMME_RULES: Readonly<Record<Segment, { required: ReadonlyArray<Programme>; allowed: ReadonlyArray<Programme> }>> = {
  BPU: { required: ['JKK', 'JKM'], allowed: ['JKK', 'JKM', 'JHT'] },
  PU: { required: ['JKK', 'JKM', 'JHT'], allowed: ['JKK', 'JKM', 'JHT', 'JP', 'JKP'] },
  Jakon: { required: ['JKK', 'JKM'], allowed: ['JKK', 'JKM'] },
  PMI: { required: ['JKK', 'JKM'], allowed: ['JKK', 'JKM', 'JHT'] },
};

const isMember = (state: ParticipantState): state is Member => state.status === 'enrolled' || state.status === 'lapsed';

const register = (command: ParticipantCommandOf<'RegisterParticipant'>, state: ParticipantState): Decision => {
  const { type: _type, ...data } = command;
  if (state.status !== 'unregistered') {
    const same = state.participantId === data.participantId && state.identity.nik === data.nik && state.identity.birthDate === data.birthDate;
    return same ? none : reject({ _tag: 'AlreadyRegistered' });
  }
  const parts = nikParts(data.nik);
  const birth = data.birthDate;
  const differs = [
    ...(IsoDate.day(birth) !== parts.birthDay ? (['day'] as const) : []),
    ...(IsoDate.month(birth) !== parts.birthMonth ? (['month'] as const) : []),
    ...(IsoDate.year(birth) % 100 !== parts.birthYearTwoDigits ? (['year'] as const) : []),
  ];
  if (differs.length > 0) return reject({ _tag: 'BirthDateDoesNotMatchNik', differs });
  return E.right([{ type: 'ParticipantRegistered', data }]);
};

const enrol = (command: ParticipantCommandOf<'EnrolParticipant'>, state: ParticipantState, policy: PolicyLookup): Decision => {
  if (state.status === 'unregistered') return reject({ _tag: 'NotRegistered' });
  const { type: _type, sponsor, ...data } = command;
  if (state.status === 'enrolled') {
    const same = state.enrolment.enrolledOn === data.enrolledOn && state.enrolment.firstPeriod === data.firstPeriod;
    return same ? none : reject({ _tag: 'AlreadyEnrolled', since: state.enrolment.enrolledOn });
  }
  const rules = PROGRAMME_RULES[data.terms.segment];
  const missing = rules.required.filter((p) => !data.programmes.includes(p));
  const notAllowed = data.programmes.filter((p) => !rules.allowed.includes(p));
  if (missing.length > 0 || notAllowed.length > 0) return reject({ _tag: 'ProgrammesNotAllowed', segment: data.terms.segment, missing, notAllowed });
  if (data.firstPeriod < IsoDate.period(data.enrolledOn)) return reject({ _tag: 'FirstPeriodBeforeEnrolment', firstPeriod: data.firstPeriod, enrolledOn: data.enrolledOn });
  if ((data.terms.segment === 'Jakon' || data.terms.segment === 'PMI') && data.terms.coverageUntil < Period.firstDay(data.firstPeriod))
    return reject({ _tag: 'CoverageEndsBeforeItStarts', coverageUntil: data.terms.coverageUntil });
  const events: ParticipantEvent[] = [];
  if (state.status === 'lapsed')
    events.push({ type: 'ProtectionReinstated', data: { participantId: data.participantId, reinstatedOn: data.enrolledOn, fromPeriod: data.firstPeriod, policyId: policy.id } });
  events.push({ type: 'ParticipantEnrolled', data: { ...data, programmes: [...data.programmes] } });
  const alreadySponsoring = state.status === 'lapsed' && state.sponsorships.some((s) => sponsor !== undefined && s.key === sponsorKey(sponsor) && s.lastPeriod === null);
  if (sponsor !== undefined && sponsor.type !== 'self' && !alreadySponsoring)
    events.push({ type: 'SponsorshipStarted', data: { participantId: data.participantId, sponsor, fromPeriod: data.firstPeriod, startedOn: data.enrolledOn } });
  return E.right(events);
};

const startSponsorship = (command: ParticipantCommandOf<'StartSponsorship'>, state: ParticipantState): Decision => {
  if (!isMember(state)) return reject({ _tag: 'NotEnrolled' });
  const key = sponsorKey(command.sponsor);
  const open = state.sponsorships.find((s) => s.key === key && s.lastPeriod === null);
  if (open !== undefined) return open.fromPeriod === command.fromPeriod ? none : reject({ _tag: 'SponsorshipAlreadyOpen', sponsorKey: key });
  const { type: _type, ...data } = command;
  return E.right([{ type: 'SponsorshipStarted', data }]);
};

const endSponsorship = (command: ParticipantCommandOf<'EndSponsorship'>, state: ParticipantState): Decision => {
  if (!isMember(state)) return reject({ _tag: 'NotEnrolled' });
  const key = sponsorKey(command.sponsor);
  const open = state.sponsorships.find((s) => s.key === key && s.lastPeriod === null);
  if (open === undefined) {
    const ended = state.sponsorships.find((s) => s.key === key && s.lastPeriod === command.lastPeriod);
    return ended !== undefined ? none : reject({ _tag: 'NoOpenSponsorship', sponsorKey: key });
  }
  if (command.lastPeriod < open.fromPeriod) return reject({ _tag: 'SponsorshipEndsBeforeItStarts', fromPeriod: open.fromPeriod, lastPeriod: command.lastPeriod });
  const { type: _type, ...data } = command;
  return E.right([{ type: 'SponsorshipEnded', data }]);
};

export { contributionDue } from './contribution-due.js';

const sameLines = (a: ReadonlyArray<ContributionLine>, b: ReadonlyArray<ContributionLine>): boolean =>
  a.length === b.length && a.every((line) => b.some((other) => other.programme === line.programme && other.amount === line.amount));

const pay = (command: ParticipantCommandOf<'PayContribution'>, state: ParticipantState, policy: PolicyLookup): Decision => {
  if (state.status === 'unregistered') return reject({ _tag: 'NotRegistered' });
  if (state.status === 'registered') return reject({ _tag: 'NotEnrolled' });
  const { period, paidOn, paymentReference, total, payer } = command;
  const byReference = state.payments.forReference(paymentReference);
  if (byReference !== undefined)
    return byReference.period === period && byReference.total === total ? none : reject({ _tag: 'PaymentReferenceReused', paymentReference, period: byReference.period });
  const segment = state.enrolment.terms.segment;
  if (segment === 'Jakon' || segment === 'PMI') return reject({ _tag: 'ContributionsArePerProject', segment });
  const membership = currentMembership(state);
  if (state.status === 'lapsed') return reject({ _tag: 'ProtectionHasLapsed', lapsedOn: membership.lapsedOn ?? paidOn });
  if (period < membership.from) return reject({ _tag: 'PeriodBeforeMembership', period, membershipFrom: membership.from });
  const existing = state.payments.forPeriod(period);
  if (existing !== undefined) return reject({ _tag: 'PeriodAlreadyPaid', period, paymentReference: existing.paymentReference });
  if (segment === 'BPU') {
    const lapse = bpuLapseDate(state, membership, parameterOn(policy, paidOn, 'bpu.arrears.maxMonths'));
    if (lapse <= paidOn) return reject({ _tag: 'ProtectionHasLapsed', lapsedOn: lapse });
    const latest = Period.add(IsoDate.period(paidOn), parameterOn(policy, paidOn, 'bpu.contribution.maxMonthsInAdvance'));
    if (period > latest) return reject({ _tag: 'PeriodTooFarAhead', period, latest });
  } else if (period > IsoDate.period(paidOn)) {
    return reject({ _tag: 'PeriodTooFarAhead', period, latest: IsoDate.period(paidOn) });
  }
  if (payer.type !== 'self' && sponsorshipOfSponsorCovering(state, payer, period) === undefined)
    return reject({ _tag: 'PayerIsNotSponsor', payer: sponsorKey(payer), period });
  const due = contributionDueUnder(state, policy, period);
  if (due === undefined) return reject({ _tag: 'ContributionsArePerProject', segment });
  if (total !== due.total || (command.lines !== undefined && !sameLines(command.lines, due.lines)))
    return reject({ _tag: 'AmountDoesNotMatchPolicy', expected: due, paid: total });
  const { enrolment } = state;
  return E.right([
    {
      type: 'ContributionPaid',
      data: { participantId: command.participantId, period, lines: due.lines, total, payer, paymentReference, paidOn, branchId: enrolment.branchId, regionId: enrolment.regionId },
    },
  ]);
};

/** Months past their due date and unpaid on a date, from the current membership's first unpaid month. */
const unpaidPastDue = (member: Member, assessedOn: IsoDate, snapshot: PolicySnapshot): Period[] => {
  const dueOf = member.enrolment.terms.segment === 'PU' ? puDueDate : bpuDueDate;
  const unpaid: Period[] = [];
  const last = Period.index(IsoDate.period(assessedOn));
  for (let i = member.paidThroughIndex + 1; i <= last; i++) {
    const period = Period.fromIndex(i);
    if (dueOf(snapshot, period) >= assessedOn) break;
    if (!member.payments.hasPeriod(period)) unpaid.push(period);
  }
  return unpaid;
};

const assessArrears = (command: ParticipantCommandOf<'AssessArrears'>, state: ParticipantState, policy: PolicyLookup): Decision => {
  if (!isMember(state)) return reject({ _tag: 'NotEnrolled' });
  const segment = state.enrolment.terms.segment;
  if (state.status === 'lapsed' || segment === 'Jakon' || segment === 'PMI') return none;
  const snapshot = policy.at(command.assessedOn);
  const unpaid = unpaidPastDue(state, command.assessedOn, snapshot);
  const events: ParticipantEvent[] = [];
  const changed = unpaid.length !== state.recordedArrears.length || unpaid.some((p, i) => state.recordedArrears[i] !== p);
  if (changed) events.push({ type: 'ArrearsRecorded', data: { participantId: command.participantId, assessedOn: command.assessedOn, unpaidPeriods: unpaid, policyId: policy.id } });
  if (segment === 'BPU') {
    const membership = currentMembership(state);
    const lapse = bpuLapseDate(state, membership, snapshot.get('bpu.arrears.maxMonths'));
    if (lapse <= command.assessedOn)
      events.push({
        type: 'ProtectionLapsed',
        data: {
          participantId: command.participantId,
          lapsedOn: lapse,
          firstUnpaidPeriod: Period.fromIndex(state.paidThroughIndex + 1),
          policyId: policy.id,
          legalRef: snapshot.source('bpu.arrears.maxMonths').legalRef,
        },
      });
  }
  return E.right(events);
};

/** Decides a participant command under a policy: the events it causes, or a typed rejection. */
export const decideParticipant =
  (policy: PolicyLookup) =>
  (command: ParticipantCommand, state: ParticipantState): Decision => {
    switch (command.type) {
      case 'RegisterParticipant':
        return register(command, state);
      case 'EnrolParticipant':
        return enrol(command, state, policy);
      case 'StartSponsorship':
        return startSponsorship(command, state);
      case 'EndSponsorship':
        return endSponsorship(command, state);
      case 'PayContribution':
        return pay(command, state, policy);
      case 'AssessArrears':
        return assessArrears(command, state, policy);
    }
  };
