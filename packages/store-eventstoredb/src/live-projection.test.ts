import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandService, createInMemoryReadModelStore, runProjection, startLiveProjection, trustedDecode, type EventStore, type LiveProjection, type LiveStatus, type ReadModelStore } from '@jamsos/core';
import { collect, rightOf, sampleHistory } from '@jamsos/core/testing';
import { baselinePolicy } from '@jamsos/domain';
import { fundProjection, type FundState } from '@jamsos/projections';
import { createSqliteReadModelStore, openSqliteEventStore } from '@jamsos/store-sqlite';
import { createEventStoreDbStore, type EventStoreDbStore } from './eventstoredb-store.js';
import { startTestServer, type TestServer } from './test-server/index.js';

/** The history of `count` sample commands (after the opening), appended through the command service. */
const appendHistory = async (store: EventStore, seed: number, from: number, to: number): Promise<void> => {
  const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
  const commands = sampleHistory(seed, to);
  for (const command of commands.slice(from === 0 ? 0 : commands.length - (to - from))) await service.execute(command)();
};

/** The fund read model rebuilt from zero by reading $all. */
const rebuilt = async (store: EventStore): Promise<unknown> => fundProjection.serialize(rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: fundProjection })()).state);

/** The position of the last event the fund projection reads. */
const lastFundPosition = async (store: EventStore): Promise<number> => {
  const events = await collect(store.readAll({ filter: { eventTypes: fundProjection.eventTypes } }));
  return events[events.length - 1]?.globalPosition ?? 0;
};

interface Setup {
  readonly server: TestServer;
  readonly store: EventStoreDbStore;
  readonly readModels: ReadModelStore;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A protocol test server holding a sample history, a store on it, and empty read models. */
const setUp = async (seed: number, commands: number): Promise<Setup> => {
  const server = await startTestServer({ port: 0 });
  const store = createEventStoreDbStore({ connectionString: server.url });
  cleanups.push(() => server.stop(), () => store.close());
  await appendHistory(store, seed, 0, commands);
  // Read models in SQLite, as an application would keep them: state and checkpoint in one row, one statement.
  const local = openSqliteEventStore({ path: ':memory:' });
  if (E.isLeft(local)) throw new Error(local.left.message);
  cleanups.push(() => local.right.close());
  return { server, store, readModels: createSqliteReadModelStore(local.right.database) };
};

/** Starts a live fund projection on the store's subscriptions, stopped after the test. */
const follow = (setup: Setup, options: Partial<Parameters<typeof startLiveProjection<FundState>>[0]> = {}): LiveProjection<FundState> => {
  const live = startLiveProjection({ subscribe: setup.store.subscribe, readModels: setup.readModels, projection: fundProjection, commitDelayMs: 1, backoff: { initialMs: 20, maxMs: 200 }, ...options });
  cleanups.push(() => live.stop());
  return live;
};

/** The live state, the committed read model and a rebuild are the same; every event was folded once (`before` of them by an earlier runner). */
const expectExactlyOnce = async (setup: Setup, live: LiveProjection<FundState>, before = 0): Promise<void> => {
  rightOf(await live.waitFor(await lastFundPosition(setup.store)));
  const stats = rightOf(await live.stop());
  const expected = await rebuilt(setup.store);
  expect(fundProjection.serialize(live.current().state)).toEqual(expected);
  expect((await setup.readModels.load('fund'))?.state).toEqual(expected);
  const folded = (await collect(setup.store.readAll({ filter: { eventTypes: fundProjection.eventTypes } }))).length;
  expect(before + stats.processed).toBe(folded);
};

describe('live projections from EventStoreDB (on the protocol test server)', () => {
  it('catch up through a filtered $all subscription and follow live appends', async () => {
    const setup = await setUp(11, 150);
    const statuses: LiveStatus['kind'][] = [];
    const live = follow(setup, { onStatus: (s) => statuses.push(s.kind) });
    rightOf(await live.caughtUp);
    expect(fundProjection.serialize(live.current().state)).toEqual(await rebuilt(setup.store));
    await appendHistory(setup.store, 11, 150, 220);
    await expectExactlyOnce(setup, live);
    expect(live.stats()).toMatchObject({ subscriptions: 1, disconnects: 0, duplicatesSkipped: 0 });
    expect(statuses).toEqual(['subscribing', 'caught-up', 'stopped']);
  });

  it('resubscribes after the connection drops mid-catch-up, folding nothing twice', async () => {
    const setup = await setUp(12, 200);
    let seen = 0;
    const live = follow(setup, {
      saveEvery: 10,
      decode: (recorded) => {
        if (++seen === 25) void setup.server.dropConnections();
        return trustedDecode(recorded);
      },
    });
    rightOf(await live.caughtUp);
    await expectExactlyOnce(setup, live);
    expect(live.stats().disconnects).toBeGreaterThanOrEqual(1);
    expect(live.stats().subscriptions).toBeGreaterThanOrEqual(2);
  });

  it('resubscribes after the connection drops while live', async () => {
    const setup = await setUp(13, 80);
    const live = follow(setup);
    rightOf(await live.caughtUp);
    await appendHistory(setup.store, 13, 80, 120);
    await setup.server.dropConnections();
    const retry = async (): Promise<void> => {
      try {
        await appendHistory(setup.store, 13, 120, 160);
      } catch {
        await appendHistory(setup.store, 13, 120, 160);
      }
    };
    await retry();
    await expectExactlyOnce(setup, live);
    expect(live.stats().disconnects).toBeGreaterThanOrEqual(1);
  });

  it('a second runner resumes from the committed checkpoint', async () => {
    const setup = await setUp(14, 120);
    const first = follow(setup);
    rightOf(await first.caughtUp);
    const stopped = rightOf(await first.stop());
    await appendHistory(setup.store, 14, 120, 170);
    const second = follow(setup);
    await expectExactlyOnce(setup, second, stopped.processed);
    expect(second.stats().processed).toBeGreaterThan(0);
    expect(E.isRight(await second.done)).toBe(true);
  });

  it('survives a server restart (down for a while), resubscribing with backoff', async () => {
    const setup = await setUp(15, 100);
    const disconnects: number[] = [];
    const live = follow(setup, { onStatus: (s) => s.kind === 'disconnected' && disconnects.push(s.retryInMs) });
    rightOf(await live.caughtUp);
    await setup.server.restart({ downForMs: 300 });
    await appendHistory(setup.store, 15, 100, 150);
    await expectExactlyOnce(setup, live);
    expect(disconnects.length).toBeGreaterThanOrEqual(1);
    expect(setup.server.subscriptionsStarted).toBeGreaterThanOrEqual(2);
  });

  it('skips events delivered again after a resubscribe (duplicate delivery), counting nothing twice', async () => {
    const setup = await setUp(16, 150);
    const live = follow(setup);
    rightOf(await live.caughtUp);
    setup.server.faults.redeliverOnSubscribe = 7;
    await setup.server.dropConnections();
    await appendHistory(setup.store, 16, 150, 200).catch(() => appendHistory(setup.store, 16, 150, 200));
    await expectExactlyOnce(setup, live);
    expect(live.stats().duplicatesSkipped).toBeGreaterThanOrEqual(7);
  });

  it('reports a subscription that stalls before catching up, and replaces it', async () => {
    const setup = await setUp(17, 60);
    setup.server.faults.stallSubscriptions = true;
    const stalls: LiveStatus[] = [];
    const live = follow(setup, {
      stallAfterMs: 150,
      onStatus: (s) => {
        if (s.kind !== 'stalled') return;
        stalls.push(s);
        setup.server.faults.stallSubscriptions = false;
      },
    });
    rightOf(await live.caughtUp);
    expect(stalls).toHaveLength(1);
    expect(live.stats()).toMatchObject({ stalls: 1, subscriptions: 2 });
    await expectExactlyOnce(setup, live);
  });

  it('connects through gossip discovery (esdb+discover://) as to a cluster', async () => {
    const setup = await setUp(18, 30);
    const clustered = createEventStoreDbStore({ connectionString: setup.server.discoverUrl });
    cleanups.push(() => clustered.close());
    const live = follow({ ...setup, store: clustered });
    rightOf(await live.caughtUp);
    expect(fundProjection.serialize(live.current().state)).toEqual(await rebuilt(setup.store));
  });
});
