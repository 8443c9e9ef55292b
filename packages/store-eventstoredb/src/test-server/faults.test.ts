import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, eventTypeFilter, jsonEvent, START, UnavailableError } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { connectedTestServer } from './connected.test-support.js';

const connection = connectedTestServer();

afterEach(() => {
  connection.server.faults.stallSubscriptions = false;
  connection.server.faults.redeliverOnSubscribe = 0;
});

/** Collects a subscription's events until it has n of them (then unsubscribes), or until it fails. */
const take = async <E>(subscription: AsyncIterable<E> & { unsubscribe(): Promise<void> }, n: number): Promise<E[]> => {
  const out: E[] = [];
  if (n === 0) return out;
  for await (const event of subscription) {
    out.push(event);
    if (out.length === n) break;
  }
  await subscription.unsubscribe();
  return out;
};

/** The error a promise rejects with (fails the test when it resolves). */
const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error);

/** The position of an event of the log, for subscribeToAll. */
const at = (index: number): Position => {
  const position = connection.server.log.all[index]?.position ?? 0n;
  return { commit: position, prepare: position };
};

/** Resolves when the subscription (of $all or of a stream) is caught up. */
const caughtUp = (subscription: { once(event: 'caughtUp', listener: () => void): unknown }): Promise<void> => new Promise((resolve) => subscription.once('caughtUp', () => resolve()));

/** Resolves when the subscription is confirmed. */
const confirmed = (subscription: { once(event: 'confirmation', listener: () => void): unknown }): Promise<void> => new Promise((resolve) => subscription.once('confirmation', () => resolve()));

describe('protocol test server (not EventStoreDB): fault knobs', () => {
  it('counts the Read subscriptions started, not the reads', async () => {
    const { client, server } = connection;
    await client.appendToStream('counted', jsonEvent({ type: 'A', data: {} }));
    const before = server.subscriptionsStarted;
    for await (const _ of client.readAll()) void _;
    await take(client.subscribeToAll({ fromPosition: START }), 1);
    const stream = client.subscribeToStream('counted');
    await caughtUp(stream);
    await stream.unsubscribe();
    expect(server.subscriptionsStarted).toBe(before + 2);
  });

  it('stallSubscriptions: a new subscription gets its confirmation and nothing else; earlier ones keep flowing', async () => {
    const { client, server } = connection;
    await client.appendToStream('stalled', jsonEvent({ type: 'Before', data: {} }));
    const earlier = client.subscribeToStream('stalled');
    await caughtUp(earlier);
    server.faults.stallSubscriptions = true;
    const stalled = client.subscribeToAll({ fromPosition: START });
    const seen: string[] = [];
    stalled.on('data', (event: AllStreamResolvedEvent) => seen.push(event.event?.type ?? ''));
    stalled.once('caughtUp', () => seen.push('caughtUp'));
    await confirmed(stalled);
    const live = take(earlier, 2);
    await client.appendToStream('stalled', jsonEvent({ type: 'During', data: {} }));
    expect((await live).map((e) => e.event?.type)).toEqual(['Before', 'During']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
    await stalled.unsubscribe();
    expect(server.subscriptionsStarted).toBeGreaterThanOrEqual(2);
  });

  it('redeliverOnSubscribe: a $all subscription from a position starts that many events earlier', async () => {
    const { client, server } = connection;
    const first = server.log.all.length;
    await client.appendToStream('again', [0, 1, 2, 3, 4].map((n) => jsonEvent({ type: 'Tick', data: { n } })));
    server.faults.redeliverOnSubscribe = 2;
    const events = await take(client.subscribeToAll({ fromPosition: at(first + 2) }), 4);
    expect(events.map((e) => (e.event?.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
  });

  it('redeliverOnSubscribe counts matching events under a filter', async () => {
    const { client, server } = connection;
    const first = server.log.all.length;
    await client.appendToStream('again-filtered', ['Keep', 'Skip', 'Keep', 'Skip', 'Keep'].map((type, n) => jsonEvent({ type, data: { n } })));
    server.faults.redeliverOnSubscribe = 1;
    const subscription = client.subscribeToAll({ fromPosition: at(first + 3), filter: eventTypeFilter({ prefixes: ['Keep'] }) });
    const events = await take(subscription, 2);
    expect(events.map((e) => (e.event?.data as { n: number }).n)).toEqual([2, 4]);
  });

  it('restart: a live subscription fails, calls while down fail, a retry after the server is back succeeds on the same log', async () => {
    const { client, server } = connection;
    await client.appendToStream('restart', jsonEvent({ type: 'Before', data: {} }));
    const live = client.subscribeToAll({ fromPosition: START });
    const dropped = rejection(take(live, Number.MAX_SAFE_INTEGER));
    await caughtUp(live);
    const restarting = server.restart({ downForMs: 300 });
    expect(await dropped).toBeInstanceOf(CancelledError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const whileDown = client.subscribeToAll({ fromPosition: START });
    expect(await rejection(take(whileDown, 1))).toBeInstanceOf(UnavailableError);
    await restarting;
    const length = server.log.all.length;
    const retried = await take(client.subscribeToAll({ fromPosition: START }), length);
    expect(retried.at(-1)?.event?.type).toBe('Before');
    expect((await client.appendToStream('restart', jsonEvent({ type: 'After', data: {} }), { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
  });

  it('restart without downtime keeps the port and the log; an idle client reconnects on its next call', async () => {
    const { client, server } = connection;
    const before = server.log.all.length;
    await server.restart();
    await server.restart({ downForMs: 100 });
    expect(server.log.all).toHaveLength(before);
    expect((await client.appendToStream('restart-idle', jsonEvent({ type: 'A', data: {} }))).nextExpectedRevision).toBe(0n);
  });
});
