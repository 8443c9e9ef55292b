import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { applyReform, baselinePolicy, claimStreamName, participantStreamName, type ClaimEventOf, type Policy } from '@jamsos/domain';
import { bpuHistory, jkmFiled } from '@jamsos/domain/testing';
import { createInMemoryEventStore } from '../../store/memory/memory-store.js';
import { collect, leftOf, rightOf } from '../../testing/helpers.js';
import { explainDisbursement } from './explain.js';
import { approvalFor, enrolPaidUp, executeAll, rawAppender, serviceOverMemory } from './raw-events.test-support.js';

const participantId = 'p-cilegon-0001';
const claimId = 'KLM-3672-2025-000001';
const heirs = [
  { heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse', nik: '3672015203880001', bankAccount: 'BRI 0123-01-000123-53-1' },
  { heirId: 'h2', name: 'Rizki', relationship: 'child' },
  { heirId: 'h3', name: 'Nur', relationship: 'child' },
];

/** A BPU fisher sponsored by GEMET SEKUL, paid up from January 2024, dies on 10 March 2025; Rp42,000,000 approved, paid to the widow and a son. */
const jkmDeathPaidToHeirs = async (policy: Policy = baselinePolicy) => {
  const { store, service } = serviceOverMemory(policy);
  await enrolPaidUp(service, { participantId, nik: '3672011507850003', branchId: 'KC-CILEGON', regionId: '3672' }, '2024-01', '2025-03');
  await executeAll(service, [
    {
      type: 'FileClaim', claimId, participantId, programme: 'JKM', incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' },
      filedOn: '2025-03-12', branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'Siti Aminah', heirs,
    },
    { type: 'DecideClaim', claimId, decidedOn: '2025-03-14' },
    { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: policy === baselinePolicy ? 14_000_000 : 16_000_000, reference: 'TRF-0001', disbursedOn: '2025-03-17' },
    { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h2' }, amount: 14_000_000, reference: 'TRF-0002', disbursedOn: '2025-03-18' },
  ]);
  return store;
};

const pp82 = 'PP 82/2019 (amending PP 44/2015 art. 34)';

describe('explaining a disbursement', () => {
  it('explains Rp14,000,000 to the widow: the claim, the approval, the parameters with their legal references, the contribution record', async () => {
    const store = await jkmDeathPaidToHeirs();
    const x = rightOf(await explainDisbursement({ store }, { claimId, reference: 'TRF-0001' })());
    expect(x.disbursement).toMatchObject({ claimId, payeeKey: 'heir:h1', amount: 14_000_000, reference: 'TRF-0001', disbursedOn: '2025-03-17', allocatedToPayee: 14_000_000, paidToPayeeBefore: 0, paidOnClaimToDate: 14_000_000 });
    expect(x.disbursement.event).toMatchObject({ streamName: claimStreamName(claimId), revision: 2, type: 'BenefitDisbursed' });
    expect(x.claim).toMatchObject({ claimId, participantId, programme: 'JKM', incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' }, filedOn: '2025-03-12' });
    expect(x.claim.heirs).toEqual([
      { heirId: 'h1', relationship: 'spouse' },
      { heirId: 'h2', relationship: 'child' },
      { heirId: 'h3', relationship: 'child' },
    ]);
    expect(x.approval).toMatchObject({ decidedOn: '2025-03-14', policyId: baselinePolicy.id, policyName: 'baseline', wageBasis: 1_000_000, total: 42_000_000 });
    expect(x.approval.benefits).toEqual([
      { benefit: 'jkm.lumpSum', amount: 20_000_000, legalRef: pp82 },
      { benefit: 'jkm.periodic', amount: 12_000_000, legalRef: pp82 },
      { benefit: 'jkm.funeral', amount: 10_000_000, legalRef: pp82 },
    ]);
    expect(x.approval.allocations.map((a) => a.amount)).toEqual([14_000_000, 14_000_000, 14_000_000]);

    // every parameter the decision read, at the incident date, with its value and source
    expect(x.parameters.map((p) => [p.name, p.value])).toEqual([
      ['bpu.arrears.maxMonths', 3],
      ['bpu.contribution.dueDay', 15],
      ['bpu.jkm.minimumContributionMonths', 3],
      ['bpu.jkk.incomeBands', baselinePolicy.at('2025-03-10' as never).get('bpu.jkk.incomeBands')],
      ['heirs.order', baselinePolicy.at('2025-03-10' as never).get('heirs.order')],
      ['jkm.benefit.periodic', 12_000_000],
      ['jkm.benefit.lumpSum', 20_000_000],
      ['jkm.benefit.funeral', 10_000_000],
      ['jkm.benefit.periodicInstallments', 24],
      ['heirs.splitWithinGroup', 'equal'],
    ]);
    expect(x.parameters.every((p) => p.at === '2025-03-10' && typeof p.legalRef === 'string' && p.legalRef.length > 0)).toBe(true);
    expect(x.parameters.find((p) => p.name === 'jkm.benefit.lumpSum')).toEqual({ name: 'jkm.benefit.lumpSum', at: '2025-03-10', value: 20_000_000, legalRef: pp82, from: '2019-12-02', note: undefined });
    expect(x.parameters.find((p) => p.name === 'bpu.jkm.minimumContributionMonths')?.legalRef).toContain('Permenaker 5/2021');
    expect(x.recomputation).toEqual({ outcome: 'approved', total: 42_000_000, matchesRecorded: true });

    // the contribution record at the incident date
    const c = x.contributions;
    expect(c).toMatchObject({ participantId, status: 'enrolled', incidentDate: '2025-03-10', monthsPaidByIncident: 15, unpaidOnIncidentDate: [], arrearsRecorded: [], lapses: [], reinstatements: [] });
    expect(c.enrolment).toEqual({ segment: 'BPU', programmes: ['JKK', 'JKM'], branchId: 'KC-CILEGON', regionId: '3672', enrolledOn: '2024-01-05', firstPeriod: '2024-01' });
    expect(c.protection).toEqual({ protected: true, evidence: { membershipFrom: '2024-01', period: '2025-03', paymentReference: 'PAY-p-cilegon-0001-2025-03', paidOn: '2025-03-10' } });
    expect(c.paidPeriods).toHaveLength(15);
    expect(c.paidPeriods[0]).toEqual({ period: '2024-01', paidOn: '2024-01-10', total: 16_800, paymentReference: 'PAY-p-cilegon-0001-2024-01', dueDate: '2024-01-15', paidByDueDate: true, paidByIncidentDate: true });

    // no personal data: names, NIKs, bank accounts
    const text = JSON.stringify(x);
    for (const secret of ['Siti', 'Rizki', 'Ahmad', '3672011507850003', '3672015203880001', 'BRI']) expect(text).not.toContain(secret);
  });

  it('finds the disbursement by its stored event too, and counts what was paid before it', async () => {
    const store = await jkmDeathPaidToHeirs();
    const [, second] = await collect(store.readAll({ filter: { eventTypes: ['BenefitDisbursed'] } }));
    const x = rightOf(await explainDisbursement({ store }, { event: second! })());
    expect(x.disbursement).toMatchObject({ reference: 'TRF-0002', payeeKey: 'heir:h2', paidToPayeeBefore: 0, paidOnClaimToDate: 28_000_000 });
  });

  it('reads only the claim and the participant streams', async () => {
    const store = await jkmDeathPaidToHeirs();
    const read: string[] = [];
    const spy = { ...store, readStream: (name: string, o?: Parameters<typeof store.readStream>[1]) => (read.push(name), store.readStream(name, o)), readAll: () => { throw new Error('no readAll') } };
    rightOf(await explainDisbursement({ store: spy }, { claimId, reference: 'TRF-0001' })());
    expect(new Set(read)).toEqual(new Set([claimStreamName(claimId), participantStreamName(participantId)]));
  });

  it('resolves a reform\'s policy id through the injected policies, and says when it cannot', async () => {
    const reformed = rightOf(applyReform(baselinePolicy, { name: 'jkm-28m', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-01-01', value: 28_000_000, legalRef: 'draft PP' }] }));
    const store = await jkmDeathPaidToHeirs(reformed);
    expect(leftOf(await explainDisbursement({ store }, { claimId, reference: 'TRF-0001' })())).toEqual({ _tag: 'UnknownPolicy', claimId, policyId: reformed.id });
    const x = rightOf(await explainDisbursement({ store, policies: (id) => (id === reformed.id ? reformed : undefined) }, { claimId, reference: 'TRF-0001' })());
    expect(x.approval).toMatchObject({ policyId: reformed.id, total: 50_000_000 });
    expect(x.parameters.find((p) => p.name === 'jkm.benefit.lumpSum')).toMatchObject({ value: 28_000_000, legalRef: 'draft PP', from: '2025-01-01' });
    expect(x.recomputation).toEqual({ outcome: 'approved', total: 50_000_000, matchesRecorded: true });
  });

  it('answers with a typed error for a reference it cannot find, and for a payment without approval', async () => {
    const store = await jkmDeathPaidToHeirs();
    expect(leftOf(await explainDisbursement({ store }, { claimId, reference: 'TRF-9999' })())).toEqual({ _tag: 'DisbursementNotFound', claimId, reference: 'TRF-9999' });
    const raw = createInMemoryEventStore();
    const filed = jkmFiled('2025-03-10') as ClaimEventOf<'ClaimFiled'>;
    await rawAppender(raw)(claimStreamName(filed.data.claimId), filed, {
      type: 'BenefitDisbursed',
      data: { claimId: filed.data.claimId, participantId: filed.data.participantId, programme: 'JKM', payee: { kind: 'heir', heirId: 'h1' }, amount: 5 as never, reference: 'TRF-X' as never, disbursedOn: '2025-03-20' as never, branchId: filed.data.branchId },
    });
    expect(leftOf(await explainDisbursement({ store: raw }, { claimId: filed.data.claimId, reference: 'TRF-X' })())).toMatchObject({ _tag: 'DisbursementNotApproved', claimStatus: 'filed' });
  });

  it('shows when the record does not support the approval: recomputed, the claim is rejected and the worker was not protected', async () => {
    const store = createInMemoryEventStore();
    const append = rawAppender(store);
    const filed = jkmFiled('2025-03-10') as ClaimEventOf<'ClaimFiled'>;
    await append(participantStreamName(filed.data.participantId), ...bpuHistory('2024-03'));
    await append(claimStreamName(filed.data.claimId), filed, approvalFor(filed, bpuHistory('2025-03'), '2025-03-14'), {
      type: 'BenefitDisbursed',
      data: { claimId: filed.data.claimId, participantId: filed.data.participantId, programme: 'JKM', payee: { kind: 'heir', heirId: 'h1' }, amount: 14_000_000 as never, reference: 'TRF-1' as never, disbursedOn: '2025-03-20' as never, branchId: filed.data.branchId },
    });
    const x = await explainDisbursement({ store }, { claimId: filed.data.claimId, reference: 'TRF-1' })();
    expect(E.isRight(x)).toBe(true);
    const explanation = rightOf(x);
    expect(explanation.recomputation).toEqual({ outcome: 'rejected', reason: { code: 'protection-lapsed', lapsedOn: '2024-08-01' } });
    expect(explanation.contributions.protection).toEqual({ protected: false, gap: { code: 'protection-lapsed', lapsedOn: '2024-08-01' } });
    expect(explanation.contributions.unpaidOnIncidentDate.slice(0, 2)).toEqual(['2024-04', '2024-05']);
    expect(explanation.contributions.monthsPaidByIncident).toBe(3);
  });
});
