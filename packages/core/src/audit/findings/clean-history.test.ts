import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, type IsoDate } from '@jamsos/domain';
import { fundAsOf } from '@jamsos/projections';
import { rightOf } from '../../testing/helpers.js';
import { sampleCommandArbitrary, sampleOpeningCommands } from '../../testing/sample-history.js';
import { auditAnomalies } from './anomalies.js';
import { cleanHistoryArbitrary } from './clean-history.test-support.js';
import { balanceAsOf, foldFund } from './balance.js';
import { enrolPaidUp, executeAll, serviceOverMemory } from './raw-events.test-support.js';

const claimId = 'KLM-3672-2025-000001';
const participantId = 'p-cilegon-0001';

describe('a history written by the real command service', () => {
  it('has no findings: enrolment, payments, a lapse and re-enrolment, a JKM claim approved and paid in full', async () => {
    const { store, service } = serviceOverMemory();
    await enrolPaidUp(service, { participantId, nik: '3672011507850003', branchId: 'KC-CILEGON', regionId: '3672' }, '2024-01', '2025-03');
    await enrolPaidUp(service, { participantId: 'p-serang-0002', nik: '3604011507850004', branchId: 'KC-SERANG', regionId: '3604', self: true }, '2024-01', '2024-03');
    await executeAll(service, [
      { type: 'AssessArrears', participantId: 'p-serang-0002', assessedOn: '2024-08-02' }, // April-July unpaid: lapsed on 1 August
      { type: 'EnrolParticipant', participantId: 'p-serang-0002', terms: { segment: 'BPU', declaredIncome: 1_000_000 }, programmes: ['JKK', 'JKM'], branchId: 'KC-SERANG', regionId: '3604', category: 'fisher', enrolledOn: '2024-10-05', firstPeriod: '2024-10' },
      { type: 'PayContribution', participantId: 'p-serang-0002', period: '2024-10', total: 16_800, payer: { type: 'self' }, paymentReference: 'PAY-p-serang-0002-2024-10-bis', paidOn: '2024-10-06' },
      {
        type: 'FileClaim', claimId, participantId, programme: 'JKM', incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' }, filedOn: '2025-03-12',
        branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'Siti Aminah',
        heirs: [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse' }, { heirId: 'h2', name: 'Rizki', relationship: 'child' }, { heirId: 'h3', name: 'Nur', relationship: 'child' }],
      },
      { type: 'DecideClaim', claimId, decidedOn: '2025-03-14' },
      ...['h1', 'h2', 'h3'].map((heirId) => ({ type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId }, amount: 14_000_000, reference: `TRF-${heirId}`, disbursedOn: '2025-03-17' })),
    ]);
    const report = rightOf(await auditAnomalies(store)());
    expect(report.findings).toEqual([]);
    expect(report.eventsRead).toBeGreaterThan(30);
  });

  it('lets two participants use one bank reference (the participant decider checks references per participant only): the audit reports it', async () => {
    const { store, service } = serviceOverMemory();
    await enrolPaidUp(service, { participantId, nik: '3672011507850003', branchId: 'KC-CILEGON', regionId: '3672' }, '2024-01', '2024-02');
    await enrolPaidUp(service, { participantId: 'p-serang-0002', nik: '3604011507850004', branchId: 'KC-SERANG', regionId: '3604', self: true }, '2024-01', '2024-01');
    await executeAll(service, [{ type: 'PayContribution', participantId: 'p-serang-0002', period: '2024-02', total: 16_800, payer: { type: 'self' }, paymentReference: `PAY-${participantId}-2024-02`, paidOn: '2024-02-10' }]);
    const report = rightOf(await auditAnomalies(store)());
    expect(report.findings).toEqual([
      expect.objectContaining({ _tag: 'DuplicatePaymentReference', paymentReference: `PAY-${participantId}-2024-02`, participantId: 'p-serang-0002', firstParticipantId: participantId, branchId: 'KC-SERANG', firstBranchId: 'KC-CILEGON' }),
    ]);
    expect(rightOf(await auditAnomalies(store, { branchId: 'KC-CILEGON' })()).findings).toHaveLength(1);
  });

  const histories = fc.oneof(cleanHistoryArbitrary, fc.array(sampleCommandArbitrary, { minLength: 20, maxLength: 150 }).map((commands) => [...sampleOpeningCommands(), ...commands]));

  it('random histories through the command service: no findings, and the branch balances add up to the fund totals', async () => {
    const dates = ['2024-03-31', '2024-12-31', '2025-08-31', '2025-12-31'] as IsoDate[];
    await fc.assert(
      fc.asyncProperty(histories, async (commands) => {
        const { store, service } = serviceOverMemory();
        for (const command of commands) await service.execute(command)();
        const report = rightOf(await auditAnomalies(store, { policy: baselinePolicy })());
        expect(report.findings).toEqual([]);
        const { fund, undecodable } = rightOf(await foldFund(store)());
        expect(undecodable).toEqual([]);
        for (const asOf of dates) {
          const whole = balanceAsOf(fund, asOf);
          const branches = whole.byBranch.map((b) => balanceAsOf(fund, asOf, { branchId: b.branchId }).total);
          const sum = (k: 'received' | 'approved' | 'disbursed') => branches.reduce((s, b) => s + b[k], 0);
          const totals = fundAsOf(fund, asOf).total;
          expect([sum('received'), sum('approved'), sum('disbursed')]).toEqual([totals.received, totals.approved, totals.disbursed]);
          expect(whole.total).toMatchObject({ received: totals.received, approved: totals.approved, disbursed: totals.disbursed, balance: totals.balance, approvedUnpaid: totals.approvedUnpaid, claimsRatioBp: totals.claimsRatioBp });
        }
        const end = balanceAsOf(fund, '2026-12-31' as IsoDate);
        for (const row of end.rows) expect(row.approvedUnpaid).toBeGreaterThanOrEqual(0); // never more paid than approved
      }),
      { numRuns: 60 },
    );
  });

  it('the random histories meet claims approved and paid, not only refusals (a fixed sample of 60)', async () => {
    let approved = 0;
    let disbursed = 0;
    for (const commands of fc.sample(histories, { seed: 20_261_123, numRuns: 60 })) {
      const { store, service } = serviceOverMemory();
      for (const command of commands) await service.execute(command)();
      const end = balanceAsOf(rightOf(await foldFund(store)()).fund, '2026-12-31' as IsoDate).total;
      if (end.approved > 0) approved += 1;
      if (end.disbursed > 0) disbursed += 1;
    }
    expect(approved).toBeGreaterThan(5);
    expect(disbursed).toBeGreaterThan(3);
  });
});
