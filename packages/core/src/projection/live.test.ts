import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { baselinePolicy } from '@jamsos/domain';
import { coverageProjection, fundProjection } from '@jamsos/projections';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import { UnreadableStoredEvent } from '../store/errors.js';
import type { EventStore } from '../store/types.js';
import { collect, leftOf, rightOf } from '../testing/helpers.js';
import { sampleHistory } from '../testing/sample-history.js';
import { startLiveProjection, type LiveProjection, type LiveStatus } from './live.js';
import { createInMemoryReadModelStore, type ReadModelStore } from './read-model-store.js';
import { runProjection } from './runner.js';
import { pollingSubscription, type LogMessage, type SubscribeToLog } from './subscription.js';

/** A store holding the sample history (seeded), written through the real command service. */
const storeWithHistory = async (seed: number, commands: number): Promise<EventStore> => {
  const store = createInMemoryEventStore();
  const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
  for (const command of sampleHistory(seed, commands)) await service.execute(command)();
  return store;
};

/** Appends more of the history (commands after the first `from`). */
const appendMore = async (store: EventStore, seed: number, from: number, to: number): Promise<void> => {
  const service = createCommandService({ store, clock: () => '2025-01-02T00:00:00.000Z', policy: baselinePolicy });
  for (const command of sampleHistory(seed, to).slice(from)) await service.execute(command)();
};

/** The serialized fund read model rebuilt from zero. */
const rebuilt = async (store: EventStore) => fundProjection.serialize(rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: fundProjection })()).state);

/** The position of the last event the fund projection reads. */
const lastFundPosition = async (store: EventStore): Promise<number> => {
  const events = await collect(store.readAll({ filter: { eventTypes: fundProjection.eventTypes } }));
  return events[events.length - 1]?.globalPosition ?? 0;
};

/** What each subscription of a faulty feed does: fail (throw) or end after n messages, redeliver n earlier events, or stall. */
type Fault = { readonly throwAfter: number } | { readonly endAfter: number } | { readonly redeliver: number } | { readonly stall: true } | 'none';

/** A subscription that follows a plan of faults, one per subscription, then behaves. */
const faulty = (store: EventStore, plan: Fault[]): { readonly subscribe: SubscribeToLog; readonly calls: () => number } => {
  const inner = pollingSubscription(store, { intervalMs: 5 });
  let calls = 0;
  const subscribe: SubscribeToLog = (options) => {
    const fault = plan[calls] ?? 'none';
    calls += 1;
    let closed = false;
    let wake = (): void => undefined;
    let closeSource = async (): Promise<void> => undefined;
    const messages = async function* (): AsyncGenerator<LogMessage> {
      if (fault !== 'none' && 'stall' in fault) {
        await new Promise<void>((resolve) => (wake = resolve));
        return;
      }
      let from = options.fromPosition;
      if (fault !== 'none' && 'redeliver' in fault && from !== undefined) {
        const before = (await collect(store.readAll({ filter: { eventTypes: options.eventTypes } }))).filter((e) => e.globalPosition <= (from ?? 0));
        from = before[before.length - 1 - fault.redeliver]?.globalPosition;
      }
      const source = inner({ ...options, ...(from === undefined ? {} : { fromPosition: from }) });
      closeSource = source.close;
      if (closed) return;
      let n = 0;
      try {
        for await (const message of source) {
          if (closed) return;
          if (fault !== 'none' && 'throwAfter' in fault && n === fault.throwAfter) throw new Error('connection dropped (injected)');
          if (fault !== 'none' && 'endAfter' in fault && n === fault.endAfter) return;
          n += 1;
          yield message;
        }
      } finally {
        await source.close();
      }
    };
    const iterator = messages();
    return { [Symbol.asyncIterator]: () => iterator, close: async () => ((closed = true), wake(), await closeSource()) };
  };
  return { subscribe, calls: () => calls };
};

const running: LiveProjection<unknown>[] = [];
afterEach(async () => {
  for (const live of running.splice(0)) await live.stop();
});
const start = (...args: Parameters<typeof startLiveProjection<ReturnType<typeof fundProjection.initial>>>) => {
  const live = startLiveProjection(...args);
  running.push(live as LiveProjection<unknown>);
  return live;
};

describe('a live projection', () => {
  it('catches up, follows new events, and its committed read model equals a rebuild', async () => {
    const store = await storeWithHistory(1, 80);
    const readModels = createInMemoryReadModelStore();
    const statuses: LiveStatus['kind'][] = [];
    const live = start({ subscribe: pollingSubscription(store, { intervalMs: 5 }), readModels, projection: fundProjection, commitDelayMs: 1, onStatus: (s) => statuses.push(s.kind) });
    expect(E.isRight(await live.caughtUp)).toBe(true);
    expect(fundProjection.serialize(live.current().state)).toEqual(await rebuilt(store));
    await appendMore(store, 1, 80, 160);
    rightOf(await live.waitFor(await lastFundPosition(store)));
    const stats = rightOf(await live.stop());
    expect((await readModels.load('fund'))?.state).toEqual(await rebuilt(store));
    expect(stats).toMatchObject({ duplicatesSkipped: 0, disconnects: 0, stalls: 0, subscriptions: 1 });
    expect(statuses[0]).toBe('subscribing');
    expect(statuses).toContain('caught-up');
    expect(statuses[statuses.length - 1]).toBe('stopped');
  });

  it('after dropped connections, ended subscriptions and redelivered events, folds each event exactly once (equals a rebuild)', async () => {
    const faultArb = fc.oneof(
      fc.nat(60).map((n): Fault => ({ throwAfter: n })),
      fc.nat(60).map((n): Fault => ({ endAfter: n })),
      fc.integer({ min: 1, max: 20 }).map((n): Fault => ({ redeliver: n })),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000 }), fc.array(faultArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 30 }), async (seed, plan, saveEvery) => {
        const store = await storeWithHistory(seed, 60);
        const feed = faulty(store, plan);
        const readModels = createInMemoryReadModelStore();
        const live = start({ subscribe: feed.subscribe, readModels, projection: fundProjection, saveEvery, commitDelayMs: 1, backoff: { initialMs: 1, maxMs: 4 } });
        await appendMore(store, seed, 60, 120);
        rightOf(await live.waitFor(await lastFundPosition(store)));
        const stats = rightOf(await live.stop());
        const expected = await rebuilt(store);
        expect(fundProjection.serialize(live.current().state)).toEqual(expected);
        expect((await readModels.load('fund'))?.state).toEqual(expected);
        expect(stats.processed).toBe((await collect(store.readAll({ filter: { eventTypes: fundProjection.eventTypes } }))).length);
        const redelivering = plan.slice(1).some((f) => f !== 'none' && 'redeliver' in f);
        if (!redelivering) expect(stats.duplicatesSkipped).toBe(0);
      }),
      { numRuns: 25 },
    );
  });

  it('reports a subscription that stalls before catching up, and replaces it', async () => {
    const store = await storeWithHistory(2, 40);
    const stalls: LiveStatus[] = [];
    const live = start({ subscribe: faulty(store, [{ stall: true }]).subscribe, readModels: createInMemoryReadModelStore(), projection: fundProjection, stallAfterMs: 40, backoff: { initialMs: 1 }, onStatus: (s) => s.kind === 'stalled' && stalls.push(s) });
    rightOf(await live.caughtUp);
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toMatchObject({ kind: 'stalled', position: undefined });
    expect(live.stats()).toMatchObject({ stalls: 1, subscriptions: 2 });
    expect(fundProjection.serialize(live.current().state)).toEqual(await rebuilt(store));
  });

  it('resumes from its committed checkpoint after the read-model store failed mid-way', async () => {
    const store = await storeWithHistory(3, 120);
    const saved = createInMemoryReadModelStore();
    let saves = 0;
    expect((await collect(store.readAll({ filter: { eventTypes: fundProjection.eventTypes } }))).length).toBeGreaterThan(12);
    const failing: ReadModelStore = { load: saved.load, save: async (name, snapshot) => (++saves > 3 ? Promise.reject(new Error('disk full')) : saved.save(name, snapshot)) };
    const first = start({ subscribe: pollingSubscription(store, { intervalMs: 5 }), readModels: failing, projection: fundProjection, saveEvery: 3 });
    expect(leftOf(await first.done)).toMatchObject({ _tag: 'StoreFailure' });
    const checkpoint = (await saved.load('fund'))?.position;
    expect(checkpoint).toBeGreaterThan(0);
    const second = start({ subscribe: pollingSubscription(store, { intervalMs: 5 }), readModels: saved, projection: fundProjection });
    rightOf(await second.caughtUp);
    expect(fundProjection.serialize(second.current().state)).toEqual(await rebuilt(store));
    expect(second.stats().processed).toBe((await collect(store.readAll({ fromPosition: checkpoint ?? 0, filter: { eventTypes: fundProjection.eventTypes } }))).length);
  });

  it('stops at an event it cannot read, committing nothing past it', async () => {
    const store = await storeWithHistory(4, 10);
    const last = await lastFundPosition(store);
    await store.appendToStream('participant-x', [{ id: '00000000-0000-4000-8000-000000000009', type: 'ContributionPaid', data: {}, metadata: { schemaVersion: 9, recordedAt: '' } }], { expectedRevision: 'any' })();
    const readModels = createInMemoryReadModelStore();
    const live = start({ subscribe: pollingSubscription(store, { intervalMs: 5 }), readModels, projection: fundProjection });
    expect(leftOf(await live.done)).toMatchObject({ _tag: 'ProjectionDecodeFailure', type: 'ContributionPaid', reason: 'UnknownSchemaVersion' });
    expect((await readModels.load('fund'))?.position).toBe(last);
  });

  it('stops at an event type it does not know (delivered past the type filter), and at a damaged stored event, committing nothing past either', async () => {
    const store = await storeWithHistory(6, 10);
    const last = await lastFundPosition(store);
    await store.appendToStream('participant-x', [{ id: '00000000-0000-4000-8000-00000000000a', type: 'ContributionPaidV2', data: {}, metadata: { schemaVersion: 1, recordedAt: '' } }], { expectedRevision: 'any' })();
    const unknownAt = (await collect(store.readAll())).slice(-1)[0]?.globalPosition;
    const readModels = createInMemoryReadModelStore();
    const live = start({ subscribe: pollingSubscription(store, { intervalMs: 5 }), readModels, projection: fundProjection });
    expect(leftOf(await live.done)).toMatchObject({ _tag: 'ProjectionDecodeFailure', type: 'ContributionPaidV2', reason: 'UnknownEventType', globalPosition: unknownAt });
    expect((await readModels.load('fund'))?.position).toBe(last);
    // A store that cannot read an event names it, and the live runner stops there instead of resubscribing.
    const damaged: EventStore = {
      ...(await storeWithHistory(6, 10)),
      readAllBatches: async function* () {
        yield* [];
        throw new UnreadableStoredEvent(7, 'participant-y', 0, 'ContributionPaid', 'its data is not JSON');
      },
    };
    const second = start({ subscribe: pollingSubscription(damaged, { intervalMs: 5 }), readModels: createInMemoryReadModelStore(), projection: fundProjection, backoff: { initialMs: 1 } });
    expect(leftOf(await second.done)).toEqual({ _tag: 'ProjectionDecodeFailure', projection: 'fund', globalPosition: 7, type: 'ContributionPaid', reason: 'its data is not JSON' });
    expect(second.stats().subscriptions).toBe(1);
  });

  it('gives up after the configured number of failed reconnections, with a StoreFailure', async () => {
    const refusing: SubscribeToLog = () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('connection refused')) }),
      close: async () => undefined,
    });
    const disconnects: number[] = [];
    const live = start({ subscribe: refusing, readModels: createInMemoryReadModelStore(), projection: fundProjection, backoff: { initialMs: 1, maxMs: 8, maxAttempts: 4 }, onStatus: (s) => s.kind === 'disconnected' && disconnects.push(s.retryInMs) });
    expect(leftOf(await live.done)).toMatchObject({ _tag: 'StoreFailure' });
    expect(disconnects).toEqual([1, 2, 4, 8]);
  });

  it('works for any projection: coverage follows too', async () => {
    const store = await storeWithHistory(5, 30);
    const live = startLiveProjection({ subscribe: pollingSubscription(store, { intervalMs: 5 }), readModels: createInMemoryReadModelStore(), projection: coverageProjection });
    rightOf(await live.caughtUp);
    const rebuiltCoverage = rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: coverageProjection })()).state;
    expect(coverageProjection.serialize(live.current().state)).toEqual(coverageProjection.serialize(rebuiltCoverage));
    rightOf(await live.stop());
  });
});
