import { describe, expect, it } from 'vitest';
import { baselinePolicy, type JamsosEvent } from '@jamsos/domain';
import { rightOf } from '../testing/helpers.js';
import { sampleGemetSekulSponsor } from '../testing/sample-history.js';
import { replayToArray } from './engine.js';
import { bpuMember, jkmDeath, payMonths, record, type Timed } from './what-if.test-support.js';
import type { FundMonthComparison, WhatIfResult } from './types.js';
import { prepareScenario, whatIfOverLog } from './what-if.js';

const reform = (name: string, path: string, start: string, value: unknown) => ({ name, patches: [{ path, start, value }] });

const whatIf = async (commands: ReadonlyArray<Timed>, reforms: ReadonlyArray<unknown>, window = {}) => {
  const { log } = await record(commands);
  const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, reforms }));
  return { log, scenario, result: rightOf(whatIfOverLog(log, scenario, window)) };
};

const cfEvents = (log: Parameters<typeof replayToArray>[0], policy: Parameters<typeof replayToArray>[1]['policy']): JamsosEvent[] => rightOf(replayToArray(log, { policy })).events.map((e) => e.event);

const row = (result: WhatIfResult, period: string, programme: string, branchId = 'KC-CILEGON'): FundMonthComparison | undefined =>
  result.fund.find((r) => r.period === period && r.programme === programme && r.branchId === branchId);

describe('a reform of the JKM death benefit from 2025-01-01', () => {
  const injuryOfC: Timed[] = [
    {
      type: 'FileClaim', claimId: 'KLM-C', participantId: 'p-c-0001', programme: 'JKK', filedOn: '2025-03-05', branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'x', heirs: [],
      incident: { type: 'injury', date: '2025-03-01', cause: 'work-accident', medicalCosts: 2_000_000, homeCareCosts: 0, incapacityDays: 30, disability: { kind: 'none' } },
    },
    { type: 'DecideClaim', claimId: 'KLM-C', decidedOn: '2025-03-07' },
  ];
  const history: Timed[] = [
    ...bpuMember('p-a-0001', '2024-01', { serial: 1 }),
    ...bpuMember('p-b-0001', '2024-01', { serial: 2 }),
    ...bpuMember('p-c-0001', '2024-01', { serial: 3 }),
    ...payMonths('p-a-0001', '2024-01', '2024-11'),
    ...payMonths('p-b-0001', '2024-01', '2025-02'),
    ...payMonths('p-c-0001', '2024-01', '2025-03'),
    ...jkmDeath('KLM-A', 'p-a-0001', '2024-11-20', [['h1', 21_000_000], ['h2', 21_000_000]]),
    ...jkmDeath('KLM-B', 'p-b-0001', '2025-02-10', [['h1', 21_000_000], ['h2', 10_500_000]]),
    ...injuryOfC,
  ];
  const lumpSum30m = reform('jkm-lump-sum-30m-2025', 'jkm.benefit.lumpSum', '2025-01-01', 30_000_000);

  it('given deaths before and after the date, when replayed, then only the later death is approved for Rp52,000,000 (26,000,000 per heir)', async () => {
    const { log, scenario, result } = await whatIf(history, [lumpSum30m]);
    const approvals = cfEvents(log, scenario.counterfactual).flatMap((e) => (e.type === 'ClaimApproved' ? [[e.data.claimId, e.data.total, e.data.allocations.map((a) => a.amount)]] : []));
    expect(approvals).toEqual([
      ['KLM-A', 42_000_000, [21_000_000, 21_000_000]],
      ['KLM-B', 52_000_000, [26_000_000, 26_000_000]],
      ['KLM-C', 2_000_000 + 1_000_000, [2_000_000, 1_000_000]],
    ]);
    expect(result.replay.claimsDecisionChanged).toBe(1);
    expect(result.replay.claimChangeExamples).toEqual([
      { claimId: 'KLM-B', participantId: 'p-b-0001', decidedOn: '2025-02-17', baseline: { outcome: 'approved', total: 42_000_000 }, counterfactual: { outcome: 'approved', total: 52_000_000 } },
    ]);
    expect(result.reforms).toEqual(['jkm-lump-sum-30m-2025']);
    expect(result.counterfactualPolicy.id).not.toBe(result.baselinePolicy.id);
  });

  it('when replayed, then the payouts scale: the heir paid in full gets 26,000,000, the heir paid half gets 13,000,000', async () => {
    const { log, scenario } = await whatIf(history, [lumpSum30m]);
    const payouts = cfEvents(log, scenario.counterfactual).flatMap((e) => (e.type === 'BenefitDisbursed' && e.data.programme === 'JKM' ? [[e.data.claimId, e.data.payee, e.data.amount]] : []));
    expect(payouts).toEqual([
      ['KLM-A', { kind: 'heir', heirId: 'h1' }, 21_000_000],
      ['KLM-A', { kind: 'heir', heirId: 'h2' }, 21_000_000],
      ['KLM-B', { kind: 'heir', heirId: 'h1' }, 26_000_000],
      ['KLM-B', { kind: 'heir', heirId: 'h2' }, 13_000_000],
    ]);
  });

  it('when compared, then JKM gains Rp10,000,000 approved and Rp7,500,000 paid out in February 2025, and nothing else moves', async () => {
    const { result } = await whatIf(history, [lumpSum30m]);
    expect(row(result, '2025-02', 'JKM')?.difference).toEqual({ contributions: 0, benefitsApproved: 10_000_000, benefitsDisbursed: 7_500_000, fundBalance: -7_500_000 });
    const moved = result.fund.filter((r) => r.difference.benefitsApproved !== 0 || r.difference.benefitsDisbursed !== 0 || r.difference.contributions !== 0);
    expect(moved.map((r) => [r.period, r.programme])).toEqual([['2025-02', 'JKM']]);
    expect(row(result, '2025-03', 'JKM')?.difference.fundBalance).toBe(-7_500_000);
    expect(result.totals.fund.difference).toEqual({ contributions: 0, benefitsApproved: 10_000_000, benefitsDisbursed: 7_500_000, fundBalance: -7_500_000 });
    expect(result.totals.fundByProgramme.find((p) => p.programme === 'JKK')?.difference.benefitsApproved).toBe(0);
  });
});

describe('a reform of the BPU JKM contribution', () => {
  it('given a member paying 2024, when JKM rises from Rp6,800 to Rp10,000 in July, then Rp19,200 more is received (6 x 3,200), all JKM', async () => {
    const history = [...bpuMember('p-a-0001', '2024-01'), ...payMonths('p-a-0001', '2024-01', '2024-12')];
    const { result } = await whatIf(history, [reform('jkm-10k', 'bpu.jkm.contribution', '2024-07-01', 10_000)]);
    expect(result.totals.fund.baseline.contributions).toBe(12 * 16_800);
    expect(result.totals.fund.counterfactual.contributions).toBe(6 * 16_800 + 6 * 20_000);
    expect(result.totals.fund.difference.contributions).toBe(19_200);
    expect(row(result, '2024-06', 'JKM')?.difference.contributions).toBe(0);
    expect(row(result, '2024-07', 'JKM')).toMatchObject({ baseline: { contributions: 6_800 }, counterfactual: { contributions: 10_000 }, difference: { contributions: 3_200 } });
    expect(row(result, '2024-12', 'JKM')?.difference.fundBalance).toBe(19_200);
    expect(result.totals.fundByProgramme.find((p) => p.programme === 'JKK')?.difference.contributions).toBe(0);
    expect(result.replay.paymentsRefused).toEqual({});
  });
});

describe('a shorter arrears window', () => {
  const lateSelfPayer: Timed[] = [
    ...bpuMember('p-a-0001', '2024-01'),
    ...payMonths('p-a-0001', '2024-01', '2024-02'),
    { type: 'AssessArrears', participantId: 'p-a-0001', assessedOn: '2024-05-01' },
    ...payMonths('p-a-0001', '2024-03', '2024-05', 10).map((c) => ({ ...c, paidOn: '2024-05-10' })),
    ...payMonths('p-a-0001', '2024-06', '2024-07'),
  ];

  it('given a member two months behind at the May assessment, when one month of arrears is allowed, then they lapse on 1 May and their five later payments are refused', async () => {
    const { log, scenario, result } = await whatIf(lateSelfPayer, [reform('arrears-1', 'bpu.arrears.maxMonths', '2015-07-01', 1)]);
    expect([...log].filter((e) => e.event.type === 'ContributionPaid')).toHaveLength(7);
    const lapses = cfEvents(log, scenario.counterfactual).filter((e) => e.type === 'ProtectionLapsed');
    expect(lapses).toEqual([{ type: 'ProtectionLapsed', data: expect.objectContaining({ participantId: 'p-a-0001', lapsedOn: '2024-05-01', firstUnpaidPeriod: '2024-03' }) }]);
    expect(result.replay.paymentsRefused).toEqual({ ProtectionHasLapsed: 5 });
    expect(result.totals.fund.difference.contributions).toBe(-5 * 16_800);
    expect(result.coverage.filter((r) => r.difference.protected !== 0).map((r) => [r.period, r.difference.protected])).toEqual([
      ['2024-05', -1],
      ['2024-06', -1],
      ['2024-07', -1],
    ]);
  });

  it('given a lapse recorded with its arrears, when a longer window is replayed, then the assessment runs once, on its own day', async () => {
    const history = [...bpuMember('p-a-0001', '2024-01'), ...payMonths('p-a-0001', '2024-01', '2024-01'), { type: 'AssessArrears', participantId: 'p-a-0001', assessedOn: '2024-07-10' }];
    const { log, scenario } = await whatIf(history, [reform('arrears-6', 'bpu.arrears.maxMonths', '2015-07-01', 6)]);
    expect([...log].map((e) => e.event.type).slice(-2)).toEqual(['ArrearsRecorded', 'ProtectionLapsed']);
    const decisions = cfEvents(log, scenario.counterfactual).filter((e) => e.type === 'ArrearsRecorded' || e.type === 'ProtectionLapsed');
    expect(decisions).toEqual([{ type: 'ArrearsRecorded', data: expect.objectContaining({ assessedOn: '2024-07-10', unpaidPeriods: ['2024-02', '2024-03', '2024-04', '2024-05', '2024-06'] }) }]);
  });

  it('given a lapse and a sponsored re-enrolment, when the longer window keeps the member enrolled, then the re-enrolment and its sponsorship are refused, and so are the sponsor\'s payments', async () => {
    const history: Timed[] = [
      ...bpuMember('p-a-0001', '2024-01'),
      ...payMonths('p-a-0001', '2024-01', '2024-01'),
      { type: 'AssessArrears', participantId: 'p-a-0001', assessedOn: '2024-06-01' },
      { ...(bpuMember('p-a-0001', '2024-08', { sponsor: sampleGemetSekulSponsor })[1] as Timed), enrolledOn: '2024-08-05' },
      ...payMonths('p-a-0001', '2024-08', '2024-11'),
    ];
    const { log, scenario, result } = await whatIf(history, [reform('arrears-12', 'bpu.arrears.maxMonths', '2015-07-01', 12)]);
    expect([...log].map((e) => e.event.type)).toContain('ProtectionReinstated');
    expect([...log].filter((e) => e.event.type === 'ContributionPaid')).toHaveLength(5);
    expect(cfEvents(log, scenario.counterfactual).filter((e) => e.type === 'SponsorshipStarted' || e.type === 'ProtectionReinstated')).toEqual([]);
    expect(result.replay.commandsRefused).toEqual({ 'EnrolParticipant: AlreadyEnrolled': 1 });
    expect(result.replay.paymentsRefused).toEqual({ PayerIsNotSponsor: 4 });
    expect(result.replay.decisionsDerivedByOthers).toBe(2); // the lapse assessed with its arrears, and the reinstatement
  });
});
