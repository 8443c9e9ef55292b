import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '@jamsos/domain';
import { leftOf, rightOf } from '../testing/helpers.js';
import { sampleGemetSekulSponsor, sampleOpeningCommands } from '../testing/sample-history.js';
import { replayToArray } from './engine.js';
import { resolveInjections } from './injections.js';
import { record } from './what-if.test-support.js';
import { prepareScenario, whatIfOverLog } from './what-if.js';

const cilegonWorkers = { kind: 'sponsor-workers', regionId: '3672', count: 5, fromPeriod: '2025-07', toPeriod: '2025-12' };

describe('a sponsor-workers injection', () => {
  it('given the sample regions, when Cilegon sponsors 5 more workers for 6 months, then 5 x 6 x Rp16,800 more is received at the majority branch', async () => {
    const { log } = await record(sampleOpeningCommands());
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [cilegonWorkers] }));
    const result = rightOf(whatIfOverLog(log, scenario, { from: '2025-06', to: '2026-01' }));
    expect(result.injections).toEqual([{ ...cilegonWorkers, branchId: 'KC-CILEGON', category: 'independent-worker', sponsor: sampleGemetSekulSponsor }]);
    expect(result.totals.fund.difference).toEqual({ contributions: 5 * 6 * 16_800, benefitsApproved: 0, benefitsDisbursed: 0, fundBalance: 5 * 6 * 16_800 });
    const july = result.fund.filter((r) => r.period === '2025-07' && r.difference.contributions !== 0);
    expect(july.map((r) => [r.branchId, r.programme, r.difference.contributions])).toEqual([
      ['KC-CILEGON', 'JKK', 5 * 10_000],
      ['KC-CILEGON', 'JKM', 5 * 6_800],
    ]);
    expect(result.replay.injectedCommands).toBe(5 * 2 + 5 * 6);
  });

  it('when compared, then Cilegon has 5 more protected members at each month-end it pays for, and 5 more unprotected members after', async () => {
    const { log } = await record(sampleOpeningCommands());
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [cilegonWorkers] }));
    const result = rightOf(whatIfOverLog(log, scenario, { from: '2025-06', to: '2026-01' }));
    const cilegon = result.coverage.filter((r) => r.regionId === '3672').map((r) => [r.period, r.difference.members, r.difference.protected]);
    expect(cilegon).toEqual([
      ['2025-06', 0, 0],
      ['2025-07', 5, 5],
      ['2025-08', 5, 5],
      ['2025-09', 5, 5],
      ['2025-10', 5, 5],
      ['2025-11', 5, 5],
      ['2025-12', 5, 5],
      ['2026-01', 5, 0],
    ]);
    expect(result.coverage.filter((r) => r.regionId !== '3672').every((r) => r.difference.members === 0 && r.difference.protected === 0)).toBe(true);
    expect(result.totals.coverage.difference).toMatchObject({ members: 5, protected: 0 });
  });

  it('pays what the replayed policy says is due: Rp20,000 a month when a reform raises JKM to Rp10,000', async () => {
    const { log } = await record(sampleOpeningCommands());
    const reform = { name: 'jkm-10k', patches: [{ path: 'bpu.jkm.contribution', start: '2025-01-01', value: 10_000 }] };
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, reforms: [reform], injections: [cilegonWorkers] }));
    expect(rightOf(whatIfOverLog(log, scenario)).totals.fund.difference.contributions).toBe(5 * 6 * 20_000);
  });

  it('adds synthetic participants with opaque ids, a valid NIK and no other personal data, only to the counterfactual', async () => {
    const { log } = await record(sampleOpeningCommands());
    const injections = rightOf(resolveInjections([{ ...cilegonWorkers, count: 2, toPeriod: '2025-07' } as never], log));
    const replayed = rightOf(replayToArray(log, { policy: baselinePolicy, injections }));
    const injected = replayed.events.filter((e) => e.injected).map((e) => e.event);
    expect(injected.map((e) => [e.type, (e.data as { participantId: string }).participantId])).toEqual([
      ['ParticipantRegistered', 'whatif-3672-1'],
      ['ParticipantEnrolled', 'whatif-3672-1'],
      ['SponsorshipStarted', 'whatif-3672-1'],
      ['ParticipantRegistered', 'whatif-3672-2'],
      ['ParticipantEnrolled', 'whatif-3672-2'],
      ['SponsorshipStarted', 'whatif-3672-2'],
      ['ContributionPaid', 'whatif-3672-1'],
      ['ContributionPaid', 'whatif-3672-2'],
    ]);
    expect(injected[0]).toMatchObject({ data: { nik: '3672010101900001', name: 'synthetic (what-if)', birthDate: '1990-01-01', registeredOn: '2025-07-01' } });
    expect(injected[6]).toMatchObject({ data: { period: '2025-07', paidOn: '2025-07-15', total: 16_800, payer: sampleGemetSekulSponsor } });
    expect(replayed.events.filter((e) => !e.injected)).toHaveLength(log.length);
  });

  it('refuses an invalid injection, and a region with no members to take a branch from', async () => {
    expect(leftOf(prepareScenario({ baseline: baselinePolicy, injections: [{ ...cilegonWorkers, count: 0 }] }))).toMatchObject({ _tag: 'InvalidInjection' });
    expect(leftOf(prepareScenario({ baseline: baselinePolicy, injections: [{ ...cilegonWorkers, toPeriod: '2025-01' }] })).message).toContain('before fromPeriod');
    expect(leftOf(prepareScenario({ baseline: baselinePolicy, injections: [{ ...cilegonWorkers, kind: 'subsidise' }] }))).toMatchObject({ _tag: 'InvalidInjection' });
    const { log } = await record(sampleOpeningCommands());
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [{ ...cilegonWorkers, regionId: '3324' }] }));
    expect(leftOf(whatIfOverLog(log, scenario))).toMatchObject({ _tag: 'InvalidInjection', problems: [{ path: '[0].branchId' }] });
    const withBranch = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [{ ...cilegonWorkers, regionId: '3324', branchId: 'KC-KENDAL' }] }));
    expect(rightOf(whatIfOverLog(log, withBranch)).injections[0]).toMatchObject({ branchId: 'KC-KENDAL', sponsor: { type: 'regional-budget', regionId: '3324', programme: 'what-if' } });
  });
});
