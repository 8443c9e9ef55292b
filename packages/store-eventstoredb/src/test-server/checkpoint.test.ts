import { describe, expect, it } from 'vitest';
import { eventTypeFilter, jsonEvent, START } from '@eventstore/db-client';
import type { AllStreamSubscription, Position } from '@eventstore/db-client';
import { connectedTestServer } from './connected.test-support.js';

const connection = connectedTestServer();

/** Appends n events, every fifth one `Wanted`, the rest `Noise`. */
const appendMixed = async (stream: string, n: number): Promise<void> => {
  const events = Array.from({ length: n }, (_, i) => jsonEvent({ type: i % 5 === 4 ? 'Wanted' : 'Noise', data: { i } }));
  await connection.client.appendToStream(stream, events);
};

/** Waits for the subscription's caught-up message. */
const caughtUp = (subscription: AllStreamSubscription): Promise<void> => new Promise((resolve) => subscription.once('caughtUp', () => resolve()));

/** Drains the subscription's events in the background (checkpoints are only delivered while it flows). */
const drain = (subscription: AllStreamSubscription, types: string[]): Promise<void> =>
  (async () => {
    for await (const event of subscription) types.push(event.event?.type ?? '');
  })();

describe('protocol test server (not EventStoreDB): checkpoints of filtered $all subscriptions', () => {
  it('sends a checkpoint every multiplier × max window events scanned, and one at the caught-up point', async () => {
    await appendMixed('mixed-1', 50);
    const positions = connection.server.log.all.map((event) => event.position);
    const checkpoints: Position[] = [];
    const types: string[] = [];
    const subscription = connection.client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ regex: '^Wanted$', maxSearchWindow: 4, checkpointInterval: 2, checkpointReached: (_, position) => void checkpoints.push(position) }),
    });
    const drained = drain(subscription, types);
    await caughtUp(subscription);
    // Every 8 scanned events (the 8th, 16th, ... 48th), then the head at the caught-up point.
    const expected = [8, 16, 24, 32, 40, 48].map((n) => positions[n - 1]).concat(positions.at(-1));
    expect(checkpoints.map((c) => c.commit)).toEqual(expected);
    expect(checkpoints.every((c) => c.prepare === c.commit)).toBe(true);
    expect(types).toEqual(Array.from({ length: 10 }, () => 'Wanted'));
    await subscription.unsubscribe();
    await drained;
  });

  it('keeps counting live events, matching or not, and the positions keep increasing', async () => {
    await appendMixed('mixed-2', 3);
    const checkpoints: bigint[] = [];
    const subscription = connection.client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ regex: '^Wanted$', maxSearchWindow: 2, checkpointReached: (_, position) => void checkpoints.push(position.commit) }),
    });
    const drained = drain(subscription, []);
    await caughtUp(subscription);
    const atCaughtUp = checkpoints.length;
    await appendMixed('mixed-2', 6);
    const head = connection.server.log.all.at(-1)?.position;
    await expect.poll(() => checkpoints.at(-1)).toBe(head);
    expect(checkpoints.length).toBe(atCaughtUp + 3);
    checkpoints.slice(1).forEach((commit, i) => expect(commit).toBeGreaterThan(checkpoints[i] ?? 0n));
    await subscription.unsubscribe();
    await drained;
  });

  it('uses the server read batch (32) as the window when the filter sends count instead of max', async () => {
    await appendMixed('mixed-3', 70);
    const all = connection.server.log.all.map((event) => event.position);
    const checkpoints: bigint[] = [];
    const subscription = connection.client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ prefixes: ['Nothing'], checkpointReached: (_, position) => void checkpoints.push(position.commit) }),
    });
    const drained = drain(subscription, []);
    await caughtUp(subscription);
    const every32 = all.filter((_, i) => (i + 1) % 32 === 0);
    expect(checkpoints).toEqual([...every32, all.at(-1)].filter((p, i, list) => list.indexOf(p) === i));
    await subscription.unsubscribe();
    await drained;
  });
});
