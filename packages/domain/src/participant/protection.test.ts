import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '../policy/index.js';
import { fold } from '../shared/decider.js';
import { bpuHistory, date, enrolledBpu, paid, registered, rp, sponsored } from '../testing/fixtures.js';
import type { ParticipantEvent } from './events.js';
import { evolveParticipant } from './evolve.js';
import { monthsPaidBy, protectionOn } from './protection.js';
import { initialParticipantState } from './state.js';

const stateOf = (...events: ParticipantEvent[]) => fold(evolveParticipant, initialParticipantState, events);
const protectedOn = (events: ParticipantEvent[], on: string, programme: 'JKK' | 'JKM' = 'JKM') =>
  protectionOn(stateOf(...events), date(on), baselinePolicy.at(date(on)), programme);

describe('protection on a date (BPU)', () => {
  it('covers the whole month when its contribution was paid by the 15th, even days before the payment', () => {
    const history = [registered, enrolledBpu, sponsored, paid('2024-01', '2024-01-12')];
    expect(protectedOn(history, '2024-01-08')).toEqual(E.right({ membershipFrom: '2024-01', period: '2024-01', paymentReference: 'GEMET-2024-01-0001', paidOn: '2024-01-12' }));
  });
  it('covers a late-paid month only from the payment on, never retroactively', () => {
    const history = [registered, enrolledBpu, sponsored, paid('2024-01', '2024-01-20')];
    expect(protectedOn(history, '2024-01-18')).toEqual(E.left({ code: 'contribution-unpaid', period: '2024-01', dueDate: '2024-01-15' }));
    expect(E.isRight(protectedOn(history, '2024-01-20'))).toBe(true);
  });
  it('does not cover a month whose contribution is unpaid', () => {
    expect(protectedOn(bpuHistory('2024-03'), '2024-04-20')).toEqual(E.left({ code: 'contribution-unpaid', period: '2024-04', dueDate: '2024-04-15' }));
  });
  it('lapses when arrears exceed three months, even before an assessment records it', () => {
    expect(protectedOn(bpuHistory('2024-03'), '2024-08-01')).toEqual(E.left({ code: 'protection-lapsed', lapsedOn: '2024-08-01' }));
  });
  it('honours a recorded lapse', () => {
    const lapsed: ParticipantEvent = { type: 'ProtectionLapsed', data: { participantId: registered.data.participantId, lapsedOn: date('2024-08-01'), firstUnpaidPeriod: '2024-04' as never, policyId: 'x', legalRef: 'x' } };
    expect(protectedOn([...bpuHistory('2024-03'), lapsed], '2024-09-01')).toEqual(E.left({ code: 'protection-lapsed', lapsedOn: '2024-08-01' }));
  });
  it('does not reach back before membership', () => {
    expect(protectedOn(bpuHistory('2024-03'), '2023-12-31')).toEqual(E.left({ code: 'incident-before-membership', membershipFrom: '2024-01' }));
    expect(protectedOn(bpuHistory('2024-03'), '2024-01-04')).toEqual(E.left({ code: 'incident-before-membership', membershipFrom: '2024-01' }));
  });
  it('covers only the programmes enrolled in', () => {
    expect(protectionOn(stateOf(...bpuHistory('2024-03')), date('2024-02-01'), baselinePolicy.at(date('2024-02-01')), 'JHT')).toEqual(E.left({ code: 'programme-not-covered', programme: 'JHT' }));
  });
  it('answers for people who are not members', () => {
    expect(protectedOn([], '2024-02-01')).toEqual(E.left({ code: 'participant-not-registered' }));
    expect(protectedOn([registered], '2024-02-01')).toEqual(E.left({ code: 'not-enrolled' }));
  });
  it('counts the months paid by a date', () => {
    expect(monthsPaidBy(stateOf(...bpuHistory('2024-06')), date('2024-03-10'))).toBe(3);
  });
});

describe('protection on a date (PU, Jakon)', () => {
  const enrolledPu = { type: 'ParticipantEnrolled', data: { ...enrolledBpu.data, terms: { segment: 'PU', wage: rp(5_000_000), riskGroup: 2, employerId: 'NPP-1' }, programmes: ['JKK', 'JKM', 'JHT'] } } as unknown as ParticipantEvent;
  it('protects a wage earner while the employer is at most three months in arrears', () => {
    expect(E.isRight(protectedOn([registered, enrolledPu], '2024-04-10', 'JKK'))).toBe(true);
    expect(protectedOn([registered, enrolledPu], '2024-05-20', 'JKK')).toEqual(E.left({ code: 'employer-in-arrears', unpaidMonths: 4 }));
  });
  it('protects a construction worker inside the project window only', () => {
    const enrolledJakon = { type: 'ParticipantEnrolled', data: { ...enrolledBpu.data, terms: { segment: 'Jakon', employerId: 'NPP-1', projectId: 'PRJ-1', coverageUntil: date('2024-06-30'), wage: rp(3_000_000) } } } as unknown as ParticipantEvent;
    expect(E.isRight(protectedOn([registered, enrolledJakon], '2024-06-30', 'JKK'))).toBe(true);
    expect(protectedOn([registered, enrolledJakon], '2024-07-01', 'JKK')).toEqual(E.left({ code: 'coverage-ended', coverageUntil: '2024-06-30' }));
  });
});
