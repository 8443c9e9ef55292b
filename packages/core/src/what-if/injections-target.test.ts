import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '@jamsos/domain';
import { leftOf, rightOf } from '../testing/helpers.js';
import { sampleGemetSekulSponsor } from '../testing/sample-history.js';
import { decodeInjections } from './injections.js';
import { bpuMember, payMonths, record, type Timed } from './what-if.test-support.js';
import { prepareScenario, whatIfOverLog } from './what-if.js';

/** Cilegon with a 2025 head-count target of 5 workers, and three sponsored BPU members of whom two pay through June 2025. */
const cilegon = (target: Record<string, unknown> = { kind: 'workers', count: 5 }, recordedAt = '2025-01-10T08:00:00.000Z'): Timed[] => [
  { type: 'RecordLabourForce', regionId: '3672', year: 2024, labourForce: 40, informalWorkers: 20, source: 'synthetic', publishedOn: '2025-01-02', recordedAt },
  { type: 'SetCoverageTarget', regionId: '3672', year: 2025, target, source: 'synthetic', setOn: '2025-01-03' },
  ...[1, 2, 3].flatMap((n) => bpuMember(`p-00${n}`, '2025-01', { sponsor: sampleGemetSekulSponsor, serial: n })),
  ...payMonths('p-001', '2025-01', '2025-06'),
  ...payMonths('p-002', '2025-01', '2025-06'),
  ...payMonths('p-003', '2025-01', '2025-02'),
];

const remaining = { kind: 'sponsor-workers', regionId: '3672', count: { remainingTargetOf: 2025 }, fromPeriod: '2025-07', toPeriod: '2025-09' };

describe('a sponsor-workers injection whose count is the remaining target', () => {
  it('given a target of 5 and 2 members protected on 30 June, when Cilegon sponsors the rest from July, then 3 workers pay 3 x 3 x Rp16,800', async () => {
    const { log } = await record(cilegon());
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [remaining] }));
    const result = rightOf(whatIfOverLog(log, scenario, { from: '2025-06', to: '2025-09' }));
    expect(result.injections[0]).toMatchObject({ count: 3, countFrom: { remainingTargetOf: 2025, target: 5, protected: 2, asOf: '2025-06-30' } });
    expect(result.totals.fund.difference.contributions).toBe(3 * 3 * 16_800);
    const july = result.coverage.find((r) => r.regionId === '3672' && r.period === '2025-07');
    expect(july?.difference.protected).toBe(3);
  });

  it('takes a share target from the labour force (55% of 40 = 22, rounded up)', async () => {
    const { log } = await record(cilegon({ kind: 'share', bp: 5_500 }));
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [remaining] }));
    expect(rightOf(whatIfOverLog(log, scenario)).injections[0]).toMatchObject({ count: 20, countFrom: { target: 22, protected: 2 } });
  });

  it('counts on the day before fromPeriod, against the target of the year named', async () => {
    const { log } = await record(cilegon());
    const march = { ...remaining, fromPeriod: '2025-03' };
    expect(rightOf(whatIfOverLog(log, rightOf(prepareScenario({ baseline: baselinePolicy, injections: [march] })))).injections[0]).toMatchObject({ count: 2, countFrom: { protected: 3, asOf: '2025-02-28' } });
  });

  it('is 0 when the target is reached, and refused when the region has no target for that year', async () => {
    const { log } = await record(cilegon({ kind: 'workers', count: 2 }));
    expect(rightOf(whatIfOverLog(log, rightOf(prepareScenario({ baseline: baselinePolicy, injections: [remaining] })))).injections[0]).toMatchObject({ count: 0 });
    const later = { ...remaining, count: { remainingTargetOf: 2026 } };
    const error = leftOf(whatIfOverLog(log, rightOf(prepareScenario({ baseline: baselinePolicy, injections: [later] }))));
    expect(error).toMatchObject({ _tag: 'InvalidInjection', problems: [{ path: '[0].count', message: expect.stringContaining('no coverage target for 2026') }] });
  });

  it('knows only what was recorded by the knowledge time', async () => {
    const [labourForce, target, ...rest] = cilegon();
    const { log } = await record([labourForce as Timed, ...rest, { ...(target as Timed), recordedAt: '2025-08-01T08:00:00.000Z' }]);
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, injections: [remaining] }));
    expect(leftOf(whatIfOverLog(log, scenario, { knowledgeTime: '2025-07-31' }))).toMatchObject({ _tag: 'InvalidInjection', problems: [{ path: '[0].count' }] });
    expect(rightOf(whatIfOverLog(log, scenario)).injections[0]).toMatchObject({ count: 3 });
  });

  it('decodes a number or { remainingTargetOf: year }, with one message for anything else', () => {
    expect(rightOf(decodeInjections([remaining]))[0]?.count).toEqual({ remainingTargetOf: 2025 });
    for (const count of [{ remainingTargetOf: 1999 }, { remainingTargetOf: 2025, of: 'x' }, 'all', { remaining: 2025 }, 0]) {
      const error = leftOf(decodeInjections([{ ...remaining, count }]));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]?.path).toMatch(/^\[0\]\.count/);
    }
  });
});
