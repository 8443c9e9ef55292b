import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, payeeKey, type JamsosEvent } from '@jamsos/domain';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import { collect, leftOf, makeEvent, rightOf } from '../testing/helpers.js';
import { sampleOpeningCommands } from '../testing/sample-history.js';
import { floorFraction } from './claim-replay.js';
import { replayToArray } from './engine.js';
import { loadRecordedLog } from './load.js';
import { record, richHistoryArbitrary } from './what-if.test-support.js';
import { prepareScenario, runWhatIf } from './what-if.js';

/** Reforms that move benefits, heirs and contributions, alone or chained. */
const reformArbitrary = fc.subarray(
  [
    { name: 'jkm-up', patches: [{ path: 'jkm.benefit.lumpSum', start: '2024-09-01', value: 31_000_001 }] },
    { name: 'jkm-down', patches: [{ path: 'jkm.benefit.funeral', start: '2024-03-01', stop: '2025-03-01', value: 3_333_333 }] },
    { name: 'jkk-48-to-60', patches: [{ path: 'jkk.death.wageMultiplier', start: '2024-01-01', value: 60 }] },
    { name: 'parents-first', patches: [{ path: 'heirs.order', start: '2024-06-01', value: [['parent'], ['spouse', 'child'], ['grandchild'], ['grandparent'], ['sibling'], ['parent-in-law'], ['will-designee']] }] },
    { name: 'home-care-cap', patches: [{ path: 'jkk.homeCare.cap', start: '2024-01-01', value: 1 }] },
    { name: 'stmb-half', patches: [{ path: 'jkk.temporaryIncapacity.afterBp', start: '2024-01-01', value: 2_500 }] },
    { name: 'arrears-1', patches: [{ path: 'bpu.arrears.maxMonths', start: '2024-05-01', value: 1 }] },
    { name: 'jkm-min-12', patches: [{ path: 'bpu.jkm.minimumContributionMonths', start: '2024-01-01', value: 12 }] },
  ],
  { minLength: 1 },
);

interface PayeeTotals {
  allocated: number | undefined;
  paid: number;
}

/** Per claim and payee key: the allocation approved (if any) and the sum paid out. */
const totals = (events: Iterable<JamsosEvent>): Map<string, PayeeTotals> => {
  const byPayee = new Map<string, PayeeTotals>();
  const at = (key: string): PayeeTotals => {
    const t = byPayee.get(key) ?? { allocated: undefined, paid: 0 };
    byPayee.set(key, t);
    return t;
  };
  for (const event of events) {
    if (event.type === 'ClaimApproved') for (const a of event.data.allocations) at(`${event.data.claimId}|${payeeKey(a.payee)}`).allocated = (at(`${event.data.claimId}|${payeeKey(a.payee)}`).allocated ?? 0) + a.amount;
    if (event.type === 'BenefitDisbursed') at(`${event.data.claimId}|${payeeKey(event.data.payee)}`).paid += event.data.amount;
  }
  return byPayee;
};

describe('money conservation', () => {
  it('given random histories and reforms, then no payee is paid more than the counterfactual allocation, and a payee paid in full is paid all of it', async () => {
    await fc.assert(
      fc.asyncProperty(richHistoryArbitrary(8), reformArbitrary, async (commands, reforms) => {
        const { log } = await record(commands);
        const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, reforms }));
        const replayed = rightOf(replayToArray(log, { policy: scenario.counterfactual }));
        const recorded = totals([...log].map((e) => e.event));
        const counterfactual = totals(replayed.events.map((e) => e.event));
        let withoutApproval = 0;
        for (const [key, cf] of counterfactual) {
          expect(cf.paid).toBeLessThanOrEqual(cf.allocated ?? 0);
          const base = recorded.get(key);
          if (base !== undefined && base.paid > 0 && base.paid === base.allocated && cf.allocated !== undefined) expect(cf.paid).toBe(cf.allocated);
        }
        for (const [key, base] of recorded) {
          const approvedInCf = [...counterfactual.keys()].some((k) => k.startsWith(`${key.split('|')[0]}|`) && counterfactual.get(k)?.allocated !== undefined);
          if (!approvedInCf) withoutApproval += base.paid;
          else if (base.paid > 0 && base.paid === base.allocated) expect(counterfactual.get(key)?.paid ?? 0).toBe(counterfactual.get(key)?.allocated ?? 0);
        }
        expect(replayed.counts.disbursementsWithoutApproval.recordedAmount).toBe(withoutApproval);
      }),
      { numRuns: 60 },
    );
  });

  it('scales a partial payout down exactly: floor(allocation x paid / recorded allocation)', () => {
    expect(floorFraction(26_000_000 as never, 10_500_000, 21_000_000)).toBe(13_000_000);
    expect(floorFraction(10 as never, 1, 3)).toBe(3);
    expect(floorFraction(999_999_999_999 as never, 999_999_999_998, 999_999_999_999)).toBe(999_999_999_998);
    expect(floorFraction(7 as never, 0, 5)).toBe(0);
  });
});

describe('errors are values', () => {
  it('a reform that does not decode is the domain\'s ReformError, naming the reform and the patch', () => {
    const error = leftOf(prepareScenario({ baseline: baselinePolicy, reforms: [{ name: 'ok', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-01-01', value: 1 }] }, { name: 'bad', patches: [{ path: 'jkm.lumpsum', start: '2025-01-01', value: 1 }] }] }));
    expect(error).toMatchObject({ _tag: 'ReformError', reform: 'bad', index: 1 });
    expect(error.message).toContain('patches[0].path');
  });

  it('an event the log holds but jamsos cannot read stops the run with its position; nothing is written', async () => {
    const { store } = await record(sampleOpeningCommands());
    const bare = createInMemoryEventStore();
    rightOf(await bare.appendToStream('participant-p-0001', [makeEvent('ParticipantRegistered', { participantId: 'p-0001' }), makeEvent('ParticipantTeleported', {})], { expectedRevision: 'no_stream' })());
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy }));
    const error = leftOf(await runWhatIf(bare, scenario)());
    expect(error).toEqual({ _tag: 'UndecodableEvent', globalPosition: 4, streamName: 'participant-p-0001', type: 'ParticipantTeleported', reason: 'unknown event type ParticipantTeleported' });
    expect(leftOf(await loadRecordedLog(bare, { validate: true })())).toMatchObject({ _tag: 'UndecodableEvent', globalPosition: 2, type: 'ParticipantRegistered' });
    const before = (await collect(store.readAll())).length;
    expect(E.isRight(await runWhatIf(store, scenario, { from: '2024-01', to: '2024-01' })())).toBe(true);
    expect(await collect(store.readAll())).toHaveLength(before);
  });
});
