import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '../policy/index.js';
import { spec } from '../testing/given-when-then.js';
import { bpuHistory, cilegon, date, enrolledBpu, gemetSekul, kcCilegon, paid, paidMonthly, participantId, pay, period, ref, registered, rp, sponsored } from '../testing/fixtures.js';
import type { Nik } from '../values/nik.js';
import type { ParticipantCommandOf } from './commands.js';
import { participantDecider } from './decider.js';
import { explainParticipantRejection } from './rejections.js';

const given = spec(participantDecider(baselinePolicy));

const register: ParticipantCommandOf<'RegisterParticipant'> = { type: 'RegisterParticipant', ...registered.data };
const enrol: ParticipantCommandOf<'EnrolParticipant'> = { type: 'EnrolParticipant', ...enrolledBpu.data, sponsor: gemetSekul };

describe('registering a participant', () => {
  it('records the identity', () => {
    expect(given().when(register).events()).toEqual([registered]);
  });
  it('recognises a repeat and records nothing', () => {
    expect(given(registered).when(register).events()).toEqual([]);
  });
  it('refuses different details for a registered participant', () => {
    expect(given(registered).when({ ...register, nik: '3672011507850004' as Nik }).rejection()._tag).toBe('AlreadyRegistered');
  });
  it('refuses a birth date that the NIK contradicts', () => {
    expect(given().when({ ...register, birthDate: date('1985-07-16') }).rejection()).toEqual({ _tag: 'BirthDateDoesNotMatchNik', differs: ['day'] });
  });
  it('names which parts of the birth date differ, never the dates (personal data in import logs)', () => {
    const rejection = given().when({ ...register, birthDate: date('1986-08-16') }).rejection();
    expect(rejection).toEqual({ _tag: 'BirthDateDoesNotMatchNik', differs: ['day', 'month', 'year'] });
    const message = explainParticipantRejection(rejection);
    expect(message).toContain('the day and the month and the year differ');
    expect(message).not.toMatch(/1986|1985|08-16|16/);
  });
  it('reads a woman\'s birth day as the NIK day minus 40', () => {
    expect(given().when({ ...register, nik: '3672015507850003' as Nik }).events()).toHaveLength(1);
  });
});

describe('enrolling a participant', () => {
  it('enrols a city-sponsored BPU worker and starts the sponsorship from the first period', () => {
    expect(given(registered).when(enrol).events()).toEqual([enrolledBpu, sponsored]);
  });
  it('needs a registration first', () => {
    expect(given().when(enrol).rejection()._tag).toBe('NotRegistered');
  });
  it('requires JKK and JKM for BPU and does not offer JP', () => {
    expect(given(registered).when({ ...enrol, programmes: ['JKK', 'JP'] }).rejection()).toEqual({ _tag: 'ProgrammesNotAllowed', segment: 'BPU', missing: ['JKM'], notAllowed: ['JP'] });
  });
  it('does not backdate protection before the enrolment date', () => {
    expect(given(registered).when({ ...enrol, firstPeriod: period('2023-12') }).rejection()._tag).toBe('FirstPeriodBeforeEnrolment');
  });
  it('refuses a coverage window that ends before it starts (Jakon)', () => {
    const terms = { segment: 'Jakon', employerId: 'NPP-0001', projectId: 'PRJ-0001', coverageUntil: date('2023-12-31'), wage: rp(3_000_000) } as const;
    expect(given(registered).when({ ...enrol, terms: terms as never }).rejection()._tag).toBe('CoverageEndsBeforeItStarts');
  });
  it('recognises a repeat and records nothing', () => {
    expect(given(registered, enrolledBpu, sponsored).when(enrol).events()).toEqual([]);
  });
  it('refuses a second enrolment while enrolled', () => {
    expect(given(registered, enrolledBpu).when({ ...enrol, enrolledOn: date('2024-03-01'), firstPeriod: period('2024-03') }).rejection()._tag).toBe('AlreadyEnrolled');
  });
});

describe('sponsorships', () => {
  const start: ParticipantCommandOf<'StartSponsorship'> = { type: 'StartSponsorship', participantId, sponsor: gemetSekul, fromPeriod: period('2024-01'), startedOn: date('2024-01-05') };
  const end: ParticipantCommandOf<'EndSponsorship'> = { type: 'EndSponsorship', participantId, sponsor: gemetSekul, lastPeriod: period('2024-12'), endedOn: date('2024-12-20') };
  it('starts a sponsorship for an enrolled participant', () => {
    expect(given(registered, enrolledBpu).when(start).events()).toEqual([sponsored]);
  });
  it('refuses a second open sponsorship by the same sponsor', () => {
    expect(given(registered, enrolledBpu, sponsored).when({ ...start, fromPeriod: period('2024-02') }).rejection()._tag).toBe('SponsorshipAlreadyOpen');
  });
  it('ends an open sponsorship, and recognises the repeat', () => {
    const ended = given(registered, enrolledBpu, sponsored).when(end).events();
    expect(ended).toEqual([{ type: 'SponsorshipEnded', data: { participantId, sponsor: gemetSekul, lastPeriod: '2024-12', endedOn: '2024-12-20' } }]);
    expect(given(registered, enrolledBpu, sponsored, ...ended).when(end).events()).toEqual([]);
  });
  it('refuses to end a sponsorship that is not open', () => {
    expect(given(registered, enrolledBpu).when(end).rejection()._tag).toBe('NoOpenSponsorship');
  });
  it('refuses an end before the start', () => {
    expect(given(registered, enrolledBpu, sponsored).when({ ...end, lastPeriod: period('2023-12') }).rejection()._tag).toBe('SponsorshipEndsBeforeItStarts');
  });
});

describe('paying contributions (BPU)', () => {
  it('accepts the Rp16,800 minimum, split JKK Rp10,000 and JKM Rp6,800', () => {
    expect(given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-01-10')).events()).toEqual([paid('2024-01', '2024-01-10')]);
  });
  it('recognises a repeated payment by its reference and records nothing', () => {
    expect(given(registered, enrolledBpu, sponsored, paid('2024-01', '2024-01-10')).when(pay('2024-01', '2024-01-10')).events()).toEqual([]);
  });
  it('refuses an amount that is not the contribution due', () => {
    const rejection = given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-01-10', { total: rp(16_000) })).rejection();
    expect(rejection).toMatchObject({ _tag: 'AmountDoesNotMatchPolicy', paid: 16_000, expected: { total: 16_800 } });
  });
  it('refuses lines that do not match the policy split', () => {
    const lines = [{ programme: 'JKK' as const, amount: rp(6_800) }, { programme: 'JKM' as const, amount: rp(10_000) }];
    expect(given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-01-10', { lines })).rejection()._tag).toBe('AmountDoesNotMatchPolicy');
  });
  it('refuses a second payment for a paid month', () => {
    expect(given(registered, enrolledBpu, sponsored, paid('2024-01', '2024-01-10')).when(pay('2024-01', '2024-01-11', { paymentReference: ref('GEMET-OTHER') })).rejection()).toEqual({
      _tag: 'PeriodAlreadyPaid',
      period: '2024-01',
      paymentReference: 'GEMET-2024-01-0001',
    });
  });
  it('refuses a reference already used for another month', () => {
    expect(given(registered, enrolledBpu, sponsored, paid('2024-01', '2024-01-10')).when(pay('2024-02', '2024-02-10', { paymentReference: ref('GEMET-2024-01-0001') })).rejection()._tag).toBe(
      'PaymentReferenceReused',
    );
  });
  it('refuses a month before membership', () => {
    expect(given(registered, enrolledBpu, sponsored).when(pay('2023-12', '2024-01-10')).rejection()._tag).toBe('PeriodBeforeMembership');
  });
  it('refuses a month more than 12 months ahead', () => {
    expect(given(registered, enrolledBpu, sponsored).when(pay('2025-02', '2024-01-10')).rejection()).toEqual({ _tag: 'PeriodTooFarAhead', period: '2025-02', latest: '2025-01' });
  });
  it('refuses a payer that does not sponsor the month', () => {
    const otherCity = { ...gemetSekul, regionId: '3604' } as typeof gemetSekul;
    expect(given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-01-10', { payer: otherCity })).rejection()._tag).toBe('PayerIsNotSponsor');
  });
  it('accepts the participant paying for themselves', () => {
    expect(given(registered, enrolledBpu).when(pay('2024-01', '2024-01-10', { payer: { type: 'self' } })).events()).toHaveLength(1);
  });
  it('accepts arrears within three months', () => {
    expect(given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-04-30')).events()).toHaveLength(1);
  });
  it('refuses a payment once the arrears window has closed: January unpaid lapses on 1 May', () => {
    expect(given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-05-01')).rejection()).toEqual({ _tag: 'ProtectionHasLapsed', lapsedOn: '2024-05-01' });
  });
  it('needs an enrolment', () => {
    expect(given(registered).when(pay('2024-01', '2024-01-10')).rejection()._tag).toBe('NotEnrolled');
    expect(given().when(pay('2024-01', '2024-01-10')).rejection()._tag).toBe('NotRegistered');
  });
});

describe('paying contributions (Jakon, PMI)', () => {
  it('refuses monthly contributions for segments paid per project or placement', () => {
    const enrolledJakon = { type: 'ParticipantEnrolled' as const, data: { ...enrolledBpu.data, terms: { segment: 'Jakon', employerId: 'NPP-1', projectId: 'PRJ-1', coverageUntil: date('2024-12-31'), wage: rp(3_000_000) } } } as unknown as typeof enrolledBpu;
    expect(given(registered, enrolledJakon).when(pay('2024-01', '2024-01-10', { payer: { type: 'self' } })).rejection()).toEqual({ _tag: 'ContributionsArePerProject', segment: 'Jakon' });
  });
});

describe('assessing arrears', () => {
  const assess = (on: string): ParticipantCommandOf<'AssessArrears'> => ({ type: 'AssessArrears', participantId, assessedOn: date(on) });
  it('records the months past due and unpaid', () => {
    expect(given(...bpuHistory('2024-02')).when(assess('2024-04-20')).events()).toEqual([
      { type: 'ArrearsRecorded', data: { participantId, assessedOn: '2024-04-20', unpaidPeriods: ['2024-03', '2024-04'], policyId: baselinePolicy.id } },
    ]);
  });
  it('records nothing when nothing changed', () => {
    const first = given(...bpuHistory('2024-02')).when(assess('2024-04-20')).events();
    expect(given(...bpuHistory('2024-02'), ...first).when(assess('2024-04-25')).events()).toEqual([]);
  });
  it('records a lapse on the first day after the arrears window of the first unpaid month', () => {
    const events = given(...bpuHistory('2024-02')).when(assess('2024-07-02')).events();
    expect(events.map((e) => e.type)).toEqual(['ArrearsRecorded', 'ProtectionLapsed']);
    expect(events[1]?.data).toMatchObject({ lapsedOn: '2024-07-01', firstUnpaidPeriod: '2024-03' });
  });
  it('refuses contributions after a lapse, and accepts them again after re-enrolment (the open sponsorship carries over)', () => {
    const lapse = given(...bpuHistory('2024-02')).when(assess('2024-07-02')).events();
    const history = [...bpuHistory('2024-02'), ...lapse];
    expect(given(...history).when(pay('2024-07', '2024-07-10')).rejection()._tag).toBe('ProtectionHasLapsed');
    const reEnrol = given(...history).when({ ...enrol, enrolledOn: date('2024-08-01'), firstPeriod: period('2024-08') }).events();
    expect(reEnrol.map((e) => e.type)).toEqual(['ProtectionReinstated', 'ParticipantEnrolled']);
    expect(given(...history, ...reEnrol).when(pay('2024-08', '2024-08-05')).events()).toHaveLength(1);
  });
});

describe('paying contributions (PU)', () => {
  const enrolledPu = {
    type: 'ParticipantEnrolled' as const,
    data: { ...enrolledBpu.data, terms: { segment: 'PU' as const, wage: rp(5_000_000), riskGroup: 1 as const, employerId: 'NPP-12345678' }, programmes: ['JKK', 'JKM', 'JHT', 'JP'] as const, category: 'employee' as const },
  } as unknown as typeof enrolledBpu;
  const employer = { type: 'employer' as const, employerId: 'NPP-12345678' } as typeof gemetSekul;
  it('checks the amount against the wage and the risk group', () => {
    const startEmployer = { type: 'SponsorshipStarted' as const, data: { ...sponsored.data, sponsor: employer } };
    // JKK 0.24% 12,000 + JKM 0.30% 15,000 + JHT 5.7% 285,000 + JP 3% 150,000 = 462,000
    const events = given(registered, enrolledPu, startEmployer).when(pay('2024-01', '2024-02-10', { payer: employer, total: rp(462_000), paymentReference: ref('PU-2024-01') })).events();
    expect(events[0]?.data).toMatchObject({ total: 462_000 });
  });
  it('is paid after the month, not in advance', () => {
    expect(given(registered, enrolledPu).when(pay('2024-03', '2024-02-10', { payer: { type: 'self' }, total: rp(462_000) })).rejection()._tag).toBe('PeriodTooFarAhead');
  });
});

describe('a paid-up history', () => {
  it('folds twelve months of contributions', () => {
    const state = given(registered, enrolledBpu, sponsored, ...paidMonthly('2024-01', '2024-12')).when(pay('2025-01', '2025-01-10')).state;
    expect(state.status === 'enrolled' && state.payments.size).toBe(12);
  });
  it('keeps branch and region on each contribution, for the fund projections', () => {
    expect(given(registered, enrolledBpu, sponsored).when(pay('2024-01', '2024-01-10')).events()[0]?.data).toMatchObject({ branchId: kcCilegon, regionId: cilegon });
  });
});
