import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, type IsoDate } from '@jamsos/domain';
import { coverageAsOf, coverageProjection, fundAsOf, fundMonthly, fundProjection, type Projection } from '@jamsos/projections';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import { UnreadableStoredEvent } from '../store/errors.js';
import type { EventStore } from '../store/types.js';
import { collect, leftOf, rightOf } from '../testing/helpers.js';
import { sampleCommandArbitrary as commandArb, sampleGemetSekulSponsor, sampleOpeningCommands as opening } from '../testing/sample-history.js';
import { createInMemoryReadModelStore } from './read-model-store.js';
import { runProjection } from './runner.js';

const dates = ['2024-02-10', '2024-06-30', '2024-12-31', '2025-03-16', '2025-09-30'] as IsoDate[];
const view = (coverage: Parameters<typeof coverageAsOf>[0], fund: Parameters<typeof fundAsOf>[0]) => ({
  coverage: dates.map((d) => coverageAsOf(coverage, d, baselinePolicy.at(d))),
  fund: dates.map((d) => fundAsOf(fund, d)),
  monthly: fundMonthly(fund, '2025-12-31' as IsoDate),
});

const stats: number[] = [];

describe('the projection runner', () => {
  it('incremental catch-up in any number of steps, with saves at any interval, equals a rebuild from zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 10, maxLength: 120 }), fc.array(fc.nat(120), { maxLength: 5 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 9 }), async (commands, cuts, saveEvery, batchSize) => {
        const store = createInMemoryEventStore();
        const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
        const all = [...opening(), ...commands];
        const boundaries = [...new Set([...cuts.map((c) => Math.min(opening().length + c, all.length)), all.length])].sort((a, b) => a - b);
        const readModels = createInMemoryReadModelStore();
        for (const command of all.slice(0, opening().length)) rightOf(await service.execute(command)());
        let done = opening().length;
        let last;
        for (const boundary of boundaries) {
          for (const command of all.slice(done, boundary)) await service.execute(command)();
          done = boundary;
          const coverage = rightOf(await runProjection({ store, readModels, projection: coverageProjection, saveEvery, batchSize })());
          const fund = rightOf(await runProjection({ store, readModels, projection: fundProjection, saveEvery, batchSize })());
          last = { coverage: coverage.state, fund: fund.state };
        }
        stats.push(new Set((await collect(store.readAll())).map((e) => e.type)).size);
        const rebuiltCoverage = rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: coverageProjection })());
        const rebuiltFund = rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: fundProjection })());
        expect(view(last!.coverage, last!.fund)).toEqual(view(rebuiltCoverage.state, rebuiltFund.state));
        // and what was saved restores to the same answers
        const reloaded = rightOf(await runProjection({ store, readModels, projection: coverageProjection })());
        expect(reloaded.processed).toBe(0);
        expect(view(reloaded.state, rebuiltFund.state)).toEqual(view(rebuiltCoverage.state, rebuiltFund.state));
      }),
      { numRuns: 40 },
    );
    // The histories must be rich enough to mean something: most runs hold payments, claims and decisions, not just the opening.
    expect(stats.filter((kinds) => kinds >= 6).length).toBeGreaterThan(stats.length / 2); // contributions
    expect(stats.filter((kinds) => kinds >= 8).length).toBeGreaterThan(stats.length / 5); // claims filed and decided
  });

  it('resumes from its checkpoint: a second run folds only what is new', async () => {
    const store = createInMemoryEventStore();
    const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
    for (const command of opening()) rightOf(await service.execute(command)());
    const readModels = createInMemoryReadModelStore();
    const first = rightOf(await runProjection({ store, readModels, projection: coverageProjection })());
    expect(first).toMatchObject({ processed: 18, rebuilt: true });
    rightOf(await service.execute({ type: 'PayContribution', participantId: 'p-001', period: '2024-02', total: 16_800, payer: sampleGemetSekulSponsor, paymentReference: 'REF-1', paidOn: '2024-02-10' })());
    expect(rightOf(await runProjection({ store, readModels, projection: coverageProjection })())).toMatchObject({ processed: 1, rebuilt: false });
    expect(rightOf(await runProjection({ store, readModels, projection: { ...coverageProjection, version: 2 } })())).toMatchObject({ processed: 19, rebuilt: true });
  });

  it('reports an event it cannot read, with its position, and saves nothing past it', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('participant-x', [{ id: '00000000-0000-4000-8000-000000000001', type: 'ContributionPaid', data: {}, metadata: { schemaVersion: 7, recordedAt: '' } }], { expectedRevision: 'any' })();
    const readModels = createInMemoryReadModelStore();
    expect(leftOf(await runProjection({ store, readModels, projection: fundProjection })())).toMatchObject({ _tag: 'ProjectionDecodeFailure', type: 'ContributionPaid', reason: 'UnknownSchemaVersion' });
    expect(readModels.names()).toEqual([]);
  });

  it('turns a failing read into a StoreFailure, with or without batched reads', async () => {
    const fire = async function* (): AsyncGenerator<never> {
      yield* [];
      throw new Error('disk on fire');
    };
    const { readAllBatches: _batches, ...inMemory } = createInMemoryEventStore();
    for (const broken of [{ ...inMemory, readAll: fire }, { ...inMemory, readAll: fire, readAllBatches: fire }] as EventStore[]) {
      const result = await runProjection({ store: broken, readModels: createInMemoryReadModelStore(), projection: fundProjection })();
      expect(E.isLeft(result) && result.left._tag).toBe('StoreFailure');
    }
  });

  it('reports a stored event the store cannot read (UnreadableStoredEvent) at its position', async () => {
    const damaged = new UnreadableStoredEvent(42, 'participant-x', 3, 'ContributionPaid', 'its data is not JSON (Unexpected end of JSON input)');
    const store: EventStore = {
      ...createInMemoryEventStore(),
      readAllBatches: async function* () {
        yield* [];
        throw damaged;
      },
    };
    expect(leftOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: fundProjection })())).toEqual({
      _tag: 'ProjectionDecodeFailure',
      projection: 'fund',
      globalPosition: 42,
      type: 'ContributionPaid',
      reason: 'its data is not JSON (Unexpected end of JSON input)',
    });
  });

  it('reports an event type it does not know at its position (it is read past the type filter, not skipped)', async () => {
    const store = createInMemoryEventStore();
    const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
    for (const command of opening()) rightOf(await service.execute(command)());
    await store.appendToStream('participant-x', [{ id: '00000000-0000-4000-8000-000000000002', type: 'ContributionPaidV2', data: {}, metadata: { schemaVersion: 1, recordedAt: '' } }], { expectedRevision: 'any' })();
    const [unknown] = await collect(store.readAll({ filter: { eventTypes: ['ContributionPaidV2'] } }));
    for (const projection of [coverageProjection, fundProjection] as Projection<unknown>[]) {
      const readModels = createInMemoryReadModelStore();
      expect(leftOf(await runProjection({ store, readModels, projection })())).toEqual({ _tag: 'ProjectionDecodeFailure', projection: projection.name, globalPosition: unknown?.globalPosition, type: 'ContributionPaidV2', reason: 'UnknownEventType' });
      expect(readModels.names()).toEqual([]);
    }
  });

  it("reports data of the wrong shape in a field the fold reads (the projection's check), and without a check validates every event", async () => {
    const store = createInMemoryEventStore();
    const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
    for (const command of opening()) rightOf(await service.execute(command)());
    const [paid] = (await collect(store.readAll({ filter: { eventTypes: ['ContributionPaid'] } }))).slice(-1);
    const odd = { ...(paid?.data as object), lines: [{ programme: 'JKK', amount: 'x' }], paidOn: '2024-02-30' };
    await store.appendToStream(paid?.streamName ?? '', [{ id: '00000000-0000-4000-8000-000000000003', type: 'ContributionPaid', data: odd, metadata: { schemaVersion: 1, recordedAt: '' } }], { expectedRevision: 'any' })();
    const [last] = (await collect(store.readAll())).slice(-1);
    const { check: _check, ...unchecked } = fundProjection;
    for (const projection of [fundProjection, coverageProjection, unchecked] as Projection<unknown>[]) {
      const failure = leftOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection })());
      expect(failure).toMatchObject({ _tag: 'ProjectionDecodeFailure', globalPosition: last?.globalPosition, type: 'ContributionPaid' });
      expect(failure._tag === 'ProjectionDecodeFailure' && failure.reason).toMatch(/^InvalidEventData: ContributionPaid: .*2024-02-30/);
    }
  });
});
