import { describe, expect, it } from 'vitest';
import { eventTypeFilter, jsonEvent, START } from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { connectedTestServer } from './connected.test-support.js';

const connection = connectedTestServer();

describe('protocol test server (not EventStoreDB): catch-up subscriptions', () => {
  it('subscribeToAll: confirmation, past events, caught_up, then live events, with an event-type filter', async () => {
    await connection.client.appendToStream('member-1', [jsonEvent({ type: 'MemberRegistered', data: { n: 1 } }), jsonEvent({ type: 'Noise', data: {} })]);
    const subscription = connection.client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ prefixes: ['Member'] }) });
    const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', () => resolve()));
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    const received: AllStreamResolvedEvent[] = [];
    const done = (async () => {
      for await (const event of subscription) {
        received.push(event);
        if (received.length === 2) break;
      }
    })();
    await confirmed;
    await caughtUp;
    await connection.client.appendToStream('member-2', [jsonEvent({ type: 'Noise', data: {} }), jsonEvent({ type: 'MemberMoved', data: { n: 2 } })]);
    await done;
    expect(received.map((e) => e.event?.type)).toEqual(['MemberRegistered', 'MemberMoved']);
    expect(received.map((e) => e.event?.streamId)).toEqual(['member-1', 'member-2']);
    await subscription.unsubscribe();
  });

  it('subscribeToStream from a revision delivers only later events, then live ones', async () => {
    await connection.client.appendToStream('ticks', [0, 1, 2].map((n) => jsonEvent({ type: 'Tick', data: { n } })));
    const subscription = connection.client.subscribeToStream('ticks', { fromRevision: 0n });
    const revisions: bigint[] = [];
    const done = (async () => {
      for await (const event of subscription) {
        revisions.push(event.event?.revision ?? -1n);
        if (revisions.length === 3) break;
      }
    })();
    await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
    await connection.client.appendToStream('ticks', jsonEvent({ type: 'Tick', data: { n: 3 } }), { expectedRevision: 2n });
    await done;
    expect(revisions).toEqual([1n, 2n, 3n]);
    await subscription.unsubscribe();
  });

  it('keeps the log across dropConnections and the client reconnects', async () => {
    await connection.client.appendToStream('survivor', jsonEvent({ type: 'Before', data: {} }));
    await connection.server.dropConnections();
    const append = async (): Promise<bigint> => (await connection.client.appendToStream('survivor', jsonEvent({ type: 'After', data: {} }))).nextExpectedRevision;
    const next = await append().catch(append);
    expect(next).toBe(1n);
  });
});
