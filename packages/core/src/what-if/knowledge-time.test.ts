import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '@jamsos/domain';
import { leftOf, rightOf } from '../testing/helpers.js';
import { jkmDeath, bpuMember, payMonths, record, type Timed } from './what-if.test-support.js';
import { recordedLogOf } from './recorded-log-builder.js';
import { prepareScenario, whatIfOverLog } from './what-if.js';

/** Payments recorded on the day they were made; a death in May reported, decided and paid on 5 July at 09:00 UTC. */
const history: Timed[] = [
  ...bpuMember('p-a-0001', '2024-01').map((c) => ({ ...c, recordedAt: '2024-01-02T10:00:00.000Z' })),
  ...payMonths('p-a-0001', '2024-01', '2024-05').map((c) => ({ ...c, recordedAt: `${String(c['paidOn'])}T10:00:00.000Z` })),
  ...jkmDeath('KLM-A', 'p-a-0001', '2024-05-20', [['h1', 21_000_000], ['h2', 21_000_000]]).map((c) => ({ ...c, recordedAt: '2024-07-05T09:00:00.000Z' })),
];
const lumpSum30m = { name: 'jkm-30m', patches: [{ path: 'jkm.benefit.lumpSum', start: '2024-01-01', value: 30_000_000 }] };
const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, reforms: [lumpSum30m] }));

describe('knowledge time', () => {
  it('given a death reported in July, when K is the end of June, then neither side knows the claim', async () => {
    const { log } = await record(history);
    const result = rightOf(whatIfOverLog(log, scenario, { knowledgeTime: '2024-06-30' }));
    expect(result.replay.eventsAfterKnowledgeTime).toBe(4);
    expect(result.totals.fund.baseline.benefitsApproved).toBe(0);
    expect(result.totals.fund.counterfactual.benefitsApproved).toBe(0);
    expect(result.totals.fund.difference.contributions).toBe(0);
    expect(result.knowledgeTime).toBe('2024-06-30');
  });

  it('given the same log, when K is now (none), then both sides know it and the reform adds Rp10,000,000', async () => {
    const { log } = await record(history);
    const result = rightOf(whatIfOverLog(log, scenario));
    expect(result.replay.eventsAfterKnowledgeTime).toBe(0);
    expect(result.totals.fund.baseline.benefitsApproved).toBe(42_000_000);
    expect(result.totals.fund.counterfactual.benefitsApproved).toBe(52_000_000);
  });

  it('counts an event recorded exactly at K, in any zone, and not one a millisecond later', async () => {
    const { log } = await record(history);
    const approved = (k: string) => rightOf(whatIfOverLog(log, scenario, { knowledgeTime: k })).totals.fund.baseline.benefitsApproved;
    expect(approved('2024-07-05T09:00:00Z')).toBe(42_000_000);
    expect(approved('2024-07-05T16:00:00+07:00')).toBe(42_000_000);
    expect(approved('2024-07-05T08:59:59.999Z')).toBe(0);
    expect(approved('2024-07-05')).toBe(42_000_000);
    expect(approved('2024-07-04')).toBe(0);
  });

  it('refuses a knowledge time that is no date or instant, and a window that ends before it starts', async () => {
    const { log } = await record(history);
    expect(leftOf(whatIfOverLog(log, scenario, { knowledgeTime: 'yesterday' }))).toMatchObject({ _tag: 'InvalidWhatIfOption', option: 'knowledgeTime' });
    expect(leftOf(whatIfOverLog(log, scenario, { knowledgeTime: '2024-07-05T09:00' }))).toMatchObject({ _tag: 'InvalidWhatIfOption', option: 'knowledgeTime' });
    expect(leftOf(whatIfOverLog(log, scenario, { from: '2024-06', to: '2024-05' }))).toMatchObject({ _tag: 'InvalidWhatIfOption', option: 'to' });
    expect(leftOf(whatIfOverLog(log, scenario, { from: '2024-13' }))).toMatchObject({ _tag: 'InvalidWhatIfOption', option: 'from' });
  });

  it('names the position of an event whose recordedAt is not an instant', async () => {
    const { log } = await record(history);
    const broken = [...log].map((e, i) => (i === 3 ? { ...e, recordedAt: 'not a time' } : e));
    // As an array and as a RecordedLog (the engine reads the two differently).
    for (const given of [broken, recordedLogOf(broken)]) {
      expect(leftOf(whatIfOverLog(given, scenario, { knowledgeTime: '2024-06-30' }))).toMatchObject({ _tag: 'UndecodableEvent', globalPosition: log.at(3).globalPosition });
      expect(E.isRight(whatIfOverLog(given, scenario))).toBe(true);
    }
  });
});
