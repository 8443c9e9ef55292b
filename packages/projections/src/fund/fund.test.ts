import { describe, expect, it } from 'vitest';
import type { JamsosEvent } from '@jamsos/domain';
import { bpuHistory } from '@jamsos/domain/testing';
import { fundAsOf, fundMonthly } from './query.js';
import { fundProjection, type FundState } from './state.js';

const fold = (events: ReadonlyArray<JamsosEvent>): FundState => events.reduce((s, e) => fundProjection.apply(s, e, { globalPosition: 0, recordedAt: '' }), fundProjection.initial());
const approved = { type: 'ClaimApproved', data: { claimId: 'K1', participantId: 'p', programme: 'JKM', decidedOn: '2024-06-14', policyId: 'x', wageBasis: 0, benefits: [], allocations: [], total: 42_000_000, branchId: 'KC-CILEGON' } } as unknown as JamsosEvent;
const disbursed = (amount: number, on: string) => ({ type: 'BenefitDisbursed', data: { claimId: 'K1', participantId: 'p', programme: 'JKM', payee: { kind: 'heir', heirId: 'h1' }, amount, reference: `T-${on}`, disbursedOn: on, branchId: 'KC-CILEGON' } }) as unknown as JamsosEvent;

describe('fund balance as of a date', () => {
  it('sums contributions per programme by the day paid', () => {
    const report = fundAsOf(fold(bpuHistory('2024-06')), '2024-03-31' as never);
    expect(report.rows.map((r) => [r.programme, r.received])).toEqual([
      ['JKK', 30_000],
      ['JKM', 20_400],
    ]);
    expect(report.total.received).toBe(50_400);
  });
  it('tracks approved, disbursed, approved-but-unpaid, balance and the claims ratio', () => {
    const state = fold([...bpuHistory('2024-06'), approved, disbursed(20_000_000, '2024-06-17'), disbursed(22_000_000, '2024-07-02')]);
    const june = fundAsOf(state, '2024-06-30' as never).rows.find((r) => r.programme === 'JKM');
    expect(june).toEqual({ branchId: 'KC-CILEGON', programme: 'JKM', received: 40_800, approved: 42_000_000, disbursed: 20_000_000, approvedUnpaid: 22_000_000, balance: -19_959_200, claimsRatioBp: 10_294_118 });
    expect(fundAsOf(state, '2024-07-31' as never).rows.find((r) => r.programme === 'JKM')?.approvedUnpaid).toBe(0);
  });
  it('gives a monthly series', () => {
    const months = fundMonthly(fold([...bpuHistory('2024-03'), approved]), '2024-12-31' as never).filter((m) => m.programme === 'JKM');
    expect(months.map((m) => [m.period, m.received, m.approved])).toEqual([
      ['2024-01', 6_800, 0],
      ['2024-02', 6_800, 0],
      ['2024-03', 6_800, 0],
      ['2024-06', 0, 42_000_000],
    ]);
  });
  it('filters by branch and survives serialisation', () => {
    const state = fold([...bpuHistory('2024-06'), approved]);
    expect(fundAsOf(state, '2024-12-31' as never, { branchId: 'KC-SERANG' }).rows).toEqual([]);
    const restored = fundProjection.deserialize(JSON.parse(JSON.stringify(fundProjection.serialize(state))));
    expect(fundAsOf(restored, '2024-12-31' as never)).toEqual(fundAsOf(state, '2024-12-31' as never));
  });
});
