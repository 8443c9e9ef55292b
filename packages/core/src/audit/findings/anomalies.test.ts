import { describe, expect, it } from 'vitest';
import {
  claimStreamName,
  participantStreamName,
  type ClaimEventOf,
  type IsoDate,
  type ParticipantEvent,
  type ParticipantEventOf,
} from '@jamsos/domain';
import { bpuHistory, claimId, date, enrolledBpu, jkmFiled, paid, participantId, period, ref, rp } from '@jamsos/domain/testing';
import { createInMemoryEventStore } from '../../store/memory/memory-store.js';
import { collect, rightOf } from '../../testing/helpers.js';
import { auditAnomalies, type AnomalyAuditOptions } from './anomalies.js';
import type { AuditFinding } from './findings.js';
import { approvalFor, rawAppender } from './raw-events.test-support.js';

const pStream = participantStreamName(participantId);
const cStream = claimStreamName(claimId);
const filed = jkmFiled('2025-03-10') as ClaimEventOf<'ClaimFiled'>;
const disbursed = (heirId: string, amount: number, reference: string, on = '2025-03-20'): ClaimEventOf<'BenefitDisbursed'> => ({
  type: 'BenefitDisbursed',
  data: { claimId, participantId, programme: 'JKM', payee: { kind: 'heir', heirId }, amount: rp(amount), reference: ref(reference), disbursedOn: date(on), branchId: filed.data.branchId },
});
const lapsed = (lapsedOn: string, firstUnpaid: string): ParticipantEventOf<'ProtectionLapsed'> => ({
  type: 'ProtectionLapsed',
  data: { participantId, lapsedOn: date(lapsedOn), firstUnpaidPeriod: period(firstUnpaid), policyId: 'policy:test', legalRef: 'Permenaker 5/2021' },
});

/** A store holding raw events, the audit's findings, and the stored event at a stream revision. */
const audit = async (streams: ReadonlyArray<readonly [string, ReadonlyArray<Parameters<ReturnType<typeof rawAppender>>[1]>]>, options: AnomalyAuditOptions = {}) => {
  const store = createInMemoryEventStore();
  const append = rawAppender(store);
  for (const [stream, events] of streams) await append(stream, ...events);
  const report = rightOf(await auditAnomalies(store, options)());
  const at = async (stream: string, revision: number) => {
    const e = (await collect(store.readStream(stream)))[revision];
    if (e === undefined) throw new Error(`no event ${stream}@${revision}`);
    return { streamName: stream, revision, globalPosition: e.globalPosition, eventId: e.id, type: e.type, recordedAt: e.metadata.recordedAt };
  };
  return { report, at, tags: (report.findings as AuditFinding[]).map((f) => f._tag) };
};

describe('the anomaly pass', () => {
  it('finds a disbursement on a claim that was never decided, naming the event', async () => {
    const { report, at } = await audit([
      [pStream, bpuHistory('2025-03')],
      [cStream, [filed, disbursed('h1', 14_000_000, 'TRF-0001')]],
    ]);
    expect(report.findings).toEqual([
      expect.objectContaining({ _tag: 'DisbursementWithoutApproval', reason: 'claim-not-decided', claimId, reference: 'TRF-0001', amount: 14_000_000, event: await at(cStream, 1) }),
    ]);
    expect(report.eventsRead).toBe(3 + 15 + 2);
  });

  it('says why: a rejected claim, a claim never filed, a payment dated before the approval', async () => {
    const rejected: ClaimEventOf<'ClaimRejected'> = { type: 'ClaimRejected', data: { claimId, participantId, decidedOn: date('2025-03-14'), policyId: 'policy:x', reason: { code: 'verifier', note: 'no death certificate' }, branchId: filed.data.branchId } };
    const onRejected = await audit([[cStream, [filed, rejected, disbursed('h1', 1_000_000, 'TRF-0001')]]]);
    expect(onRejected.report.findings).toEqual([expect.objectContaining({ _tag: 'DisbursementWithoutApproval', reason: 'claim-rejected', rejectionReason: 'verifier', decision: await onRejected.at(cStream, 1) })]);
    const notFiled = await audit([[cStream, [disbursed('h1', 1_000_000, 'TRF-0001')]]]);
    expect(notFiled.report.findings).toEqual([expect.objectContaining({ _tag: 'DisbursementWithoutApproval', reason: 'claim-not-filed' })]);
    const history = bpuHistory('2025-03');
    const early = await audit([
      [pStream, history],
      [cStream, [filed, approvalFor(filed, history, '2025-03-14'), disbursed('h1', 14_000_000, 'TRF-0001', '2025-03-12')]],
    ]);
    expect(early.report.findings).toEqual([expect.objectContaining({ _tag: 'DisbursementWithoutApproval', reason: 'paid-before-approval', approvedOn: '2025-03-14' })]);
  });

  it('finds more paid than approved: to one heir beyond the allocation, and on the claim beyond the total', async () => {
    const history = bpuHistory('2025-03');
    const approved = approvalFor(filed, history, '2025-03-14'); // 42,000,000: 14,000,000 to each of h1, h2, h3
    const { report, at } = await audit([
      [pStream, history],
      [cStream, [filed, approved, disbursed('h1', 14_000_000, 'TRF-1'), disbursed('h1', 1_000_000, 'TRF-2'), disbursed('h2', 14_000_000, 'TRF-3'), disbursed('h3', 14_000_000, 'TRF-4')]],
    ]);
    expect(report.findings).toEqual([
      expect.objectContaining({ _tag: 'OverDisbursed', scope: { kind: 'payee', payeeKey: 'heir:h1' }, approved: 14_000_000, disbursedBefore: 14_000_000, disbursedAfter: 15_000_000, excess: 1_000_000, event: await at(cStream, 3), approval: await at(cStream, 1) }),
      expect.objectContaining({ _tag: 'OverDisbursed', scope: { kind: 'claim' }, approved: 42_000_000, disbursedBefore: 29_000_000, disbursedAfter: 43_000_000, excess: 1_000_000, event: await at(cStream, 5) }),
    ]);
  });

  it('finds a payment to someone who was allocated nothing', async () => {
    const history = bpuHistory('2025-03');
    const { report } = await audit([
      [pStream, history],
      [cStream, [filed, approvalFor(filed, history, '2025-03-14'), disbursed('h9', 5_000_000, 'TRF-1')]],
    ]);
    expect(report.findings).toEqual([expect.objectContaining({ _tag: 'OverDisbursed', scope: { kind: 'payee', payeeKey: 'heir:h9' }, approved: 0, excess: 5_000_000 })]);
  });

  it('finds a claim approved for a worker whose protection had lapsed on the incident date', async () => {
    const approved = approvalFor(filed, bpuHistory('2025-03'), '2025-03-14');
    const { report, at } = await audit([
      [pStream, bpuHistory('2024-03')], // nothing paid after March 2024: lapsed on 1 August 2024
      [cStream, [filed, approved]],
    ]);
    expect(report.findings).toEqual([
      {
        _tag: 'ApprovedWhileUnprotected',
        event: await at(cStream, 1),
        filed: await at(cStream, 0),
        claimId,
        participantId,
        branchId: 'KC-CILEGON',
        programme: 'JKM',
        incidentDate: '2025-03-10',
        total: 42_000_000,
        gap: { code: 'protection-lapsed', lapsedOn: '2024-08-01' },
        recordedPolicyId: approved.data.policyId,
        evaluatedUnderPolicyId: approved.data.policyId,
      },
    ]);
  });

  it('judges protection on the record as it stood when the approval was recorded', async () => {
    const approved = approvalFor(filed, bpuHistory('2025-03'), '2025-03-14');
    const { report } = await audit([
      [pStream, bpuHistory('2024-03')],
      [cStream, [filed, approved]],
      [pStream, bpuHistory('2025-03').slice(3 + 3)], // paid after the approval: too late to justify it
    ]);
    expect(report.findings.map((f) => f._tag)).toEqual(['ApprovedWhileUnprotected']);
  });

  it('finds one bank reference on two contributions', async () => {
    const reused: ParticipantEvent = { type: 'ContributionPaid', data: { ...paid('2025-04', '2025-04-10').data, paymentReference: ref('GEMET-2025-03-0001') } };
    const { report, at } = await audit([[pStream, [...bpuHistory('2025-03'), reused]]]);
    expect(report.findings).toEqual([
      {
        _tag: 'DuplicatePaymentReference',
        event: await at(pStream, 18),
        first: await at(pStream, 17),
        paymentReference: 'GEMET-2025-03-0001',
        participantId,
        period: '2025-04',
        branchId: 'KC-CILEGON',
        firstParticipantId: participantId,
        firstPeriod: '2025-03',
        firstBranchId: 'KC-CILEGON',
      },
    ]);
  });

  it('finds a contribution after a recorded lapse with no reinstatement', async () => {
    const { report, at } = await audit([[pStream, [...bpuHistory('2024-03'), lapsed('2024-08-01', '2024-04'), paid('2024-09', '2024-09-10')]]]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        _tag: 'ContributionAfterLapseWithoutReinstatement',
        event: await at(pStream, 7),
        period: '2024-09',
        paidOn: '2024-09-10',
        lapse: { kind: 'recorded', lapsedOn: '2024-08-01', lapse: await at(pStream, 6) },
      }),
    ]);
  });

  it('finds a contribution after a lapse no assessment recorded yet, and one for a lapsed membership after re-enrolment', async () => {
    const implied = await audit([[pStream, [...bpuHistory('2024-03'), paid('2024-09', '2024-09-10')]]]);
    expect(implied.report.findings).toEqual([
      expect.objectContaining({ _tag: 'ContributionAfterLapseWithoutReinstatement', lapse: { kind: 'implied', lapsedOn: '2024-08-01', firstUnpaidPeriod: '2024-04', maxArrearsMonths: 3, legalRef: expect.stringContaining('Permenaker 5/2021') } }),
    ]);
    const reinstated: ParticipantEvent = { type: 'ProtectionReinstated', data: { participantId, reinstatedOn: date('2024-10-05'), fromPeriod: period('2024-10'), policyId: 'policy:test' } };
    const reEnrolled: ParticipantEvent = { type: 'ParticipantEnrolled', data: { ...enrolledBpu.data, enrolledOn: date('2024-10-05'), firstPeriod: period('2024-10') } };
    const afterReinstatement = await audit([
      [pStream, [...bpuHistory('2024-03'), lapsed('2024-08-01', '2024-04'), reinstated, reEnrolled, paid('2024-10', '2024-10-10'), paid('2024-05', '2024-10-20')]],
    ]);
    expect(afterReinstatement.report.findings).toEqual([
      expect.objectContaining({
        _tag: 'ContributionAfterLapseWithoutReinstatement',
        event: await afterReinstatement.at(pStream, 10),
        period: '2024-05',
        lapse: { kind: 'lapsed-membership', lapsedOn: '2024-08-01', membershipFrom: '2024-01', currentMembershipFrom: '2024-10', lapse: await afterReinstatement.at(pStream, 6) },
      }),
    ]);
  });

  it('reports an event it cannot decode, and goes on', async () => {
    const corrupt = { unreadable: true, type: 'ContributionPaid', schemaVersion: 1, data: { ...paid('2025-04', '2025-04-10').data, total: -16_800 } } as const;
    const unknown = { unreadable: true, type: 'ContributionRefunded', schemaVersion: 1, data: {} } as const;
    const { report, at } = await audit([[pStream, [...bpuHistory('2025-03'), corrupt, unknown]]]);
    expect(report.findings).toEqual([
      expect.objectContaining({ _tag: 'UndecodableEvent', event: await at(pStream, 18), branchId: 'KC-CILEGON', error: 'InvalidEventData', message: expect.stringContaining('total') }),
      expect.objectContaining({ _tag: 'UndecodableEvent', event: await at(pStream, 19), branchId: undefined, error: 'UnknownEventType' }),
    ]);
  });

  it('reports an event that cannot follow its stream, and goes on', async () => {
    const ghost = participantStreamName('p-never-registered');
    const { report, at } = await audit([[ghost, [paid('2024-01', '2024-01-10')]], [pStream, bpuHistory('2024-02').map((e) => (e.type === 'ContributionPaid' ? { ...e, data: { ...e.data, paymentReference: ref(`OTHER-${e.data.period}`) } } : e))]]);
    expect(report.findings).toEqual([expect.objectContaining({ _tag: 'UnfoldableEvent', event: await at(ghost, 0), reason: expect.stringContaining('unregistered') })]);
    expect(report.eventsRead).toBe(1 + 5);
  });

  it('ignores events dated after asOf, and keeps to one branch', async () => {
    const streams = [[pStream, bpuHistory('2025-03')], [cStream, [filed, disbursed('h1', 14_000_000, 'TRF-0001', '2025-03-20')]]] as const;
    const before = await audit(streams, { asOf: date('2025-03-19') as IsoDate });
    expect(before.report.findings).toEqual([]);
    expect(before.report.eventsAfterAsOf).toBe(1);
    expect((await audit(streams, { asOf: date('2025-03-20') })).tags).toEqual(['DisbursementWithoutApproval']);
    expect((await audit(streams, { branchId: 'KC-SERANG' })).tags).toEqual([]);
    expect((await audit(streams, { branchId: 'KC-CILEGON' })).tags).toEqual(['DisbursementWithoutApproval']);
  });
});
