import { describe, expect, it } from 'vitest';
import { jsonEvent, StreamNotFoundError, WrongExpectedVersionError, BACKWARDS, END, START } from '@eventstore/db-client';
import type { ResolvedEvent } from '@eventstore/db-client';
import { connectedTestServer } from './connected.test-support.js';

const connection = connectedTestServer();

const collect = async (events: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
  const out: ResolvedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};

const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('protocol test server (not EventStoreDB) with the real @eventstore/db-client', () => {
  it('listens on 127.0.0.1 with a tls=false connection string', () => {
    expect(connection.server.url).toBe(`esdb://127.0.0.1:${connection.server.port}?tls=false`);
    expect(connection.server.port).toBeGreaterThan(0);
  });

  it('appends and reads back a stream: data, metadata, type, revisions, created', async () => {
    const before = Date.now();
    const result = await connection.client.appendToStream('member-1', [
      jsonEvent({ id: id(1), type: 'MemberRegistered', data: { nik: 'x1', wage: 5_000_000 }, metadata: { schemaVersion: 1 } }),
      jsonEvent({ id: id(2), type: 'ContributionPaid', data: { amount: 285_000 }, metadata: { schemaVersion: 2, correlationId: 'c-1' } }),
    ], { expectedRevision: 'no_stream' });
    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(1n);
    const events = await collect(connection.client.readStream('member-1'));
    expect(events.map((e) => e.event?.type)).toEqual(['MemberRegistered', 'ContributionPaid']);
    expect(events.map((e) => e.event?.revision)).toEqual([0n, 1n]);
    expect(events.map((e) => e.event?.id)).toEqual([id(1), id(2)]);
    expect(events[0]?.event?.data).toEqual({ nik: 'x1', wage: 5_000_000 });
    expect(events[1]?.event?.metadata).toEqual({ schemaVersion: 2, correlationId: 'c-1' });
    expect(events[0]?.event?.isJson).toBe(true);
    expect(events[0]?.event?.streamId).toBe('member-1');
    const created = events[0]?.event?.created.getTime() ?? 0;
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(Date.now());
    expect(events[1]?.event?.position?.commit).toBe(result.position?.commit);
  });

  it('checks exact expected revisions and answers WrongExpectedVersionError with the actual revision', async () => {
    await connection.client.appendToStream('member-2', jsonEvent({ id: id(10), type: 'A', data: {} }), { expectedRevision: 'no_stream' });
    const ok = await connection.client.appendToStream('member-2', jsonEvent({ id: id(11), type: 'B', data: {} }), { expectedRevision: 0n });
    expect(ok.nextExpectedRevision).toBe(1n);
    const stale = connection.client.appendToStream('member-2', jsonEvent({ id: id(12), type: 'C', data: {} }), { expectedRevision: 0n });
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await stale.catch((error: WrongExpectedVersionError) => {
      expect(error.actualVersion).toBe(1n);
      expect(error.expectedVersion).toBe(0n);
    });
    await expect(connection.client.appendToStream('member-2', jsonEvent({ id: id(13), type: 'D', data: {} }), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(connection.client.appendToStream('nobody', jsonEvent({ id: id(14), type: 'E', data: {} }), { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await collect(connection.client.readStream('member-2'))).length).toBe(2);
  });

  it('acknowledges an idempotent re-append of the same ids at the same expected revision, without duplicates', async () => {
    const batch = [jsonEvent({ id: id(20), type: 'A', data: { n: 1 } }), jsonEvent({ id: id(21), type: 'B', data: { n: 2 } })];
    const first = await connection.client.appendToStream('member-3', batch, { expectedRevision: 'no_stream' });
    const again = await connection.client.appendToStream('member-3', batch, { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(again.position).toEqual(first.position);
    await connection.client.appendToStream('member-3', jsonEvent({ id: id(22), type: 'C', data: {} }), { expectedRevision: 1n });
    const third = await connection.client.appendToStream('member-3', jsonEvent({ id: id(22), type: 'C', data: {} }), { expectedRevision: 1n });
    expect(third.nextExpectedRevision).toBe(2n);
    expect((await collect(connection.client.readStream('member-3'))).map((e) => e.event?.id)).toEqual([id(20), id(21), id(22)]);
  });

  it('reads a stream backwards, from a revision and with a count', async () => {
    const events = [0, 1, 2, 3, 4].map((n) => jsonEvent({ id: id(30 + n), type: 'Tick', data: { n } }));
    await connection.client.appendToStream('ticks', events, { expectedRevision: 'no_stream' });
    const backwards = await collect(connection.client.readStream('ticks', { direction: BACKWARDS, fromRevision: END }));
    expect(backwards.map((e) => e.event?.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
    const some = await collect(connection.client.readStream('ticks', { direction: BACKWARDS, fromRevision: 3n, maxCount: 2 }));
    expect(some.map((e) => e.event?.revision)).toEqual([3n, 2n]);
    const forwards = await collect(connection.client.readStream('ticks', { fromRevision: 2n, maxCount: 2 }));
    expect(forwards.map((e) => e.event?.revision)).toEqual([2n, 3n]);
    expect(await collect(connection.client.readStream('ticks', { fromRevision: START, maxCount: 1 }))).toHaveLength(1);
  });

  it('throws StreamNotFoundError when reading a missing stream', async () => {
    await expect(collect(connection.client.readStream('no-such-stream'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all in one global order of strictly increasing positions, with gaps, forwards and backwards', async () => {
    const all = await collect(connection.client.readAll());
    const commits = all.map((e) => e.event?.position?.commit ?? 0n);
    expect(commits.length).toBeGreaterThan(5);
    commits.forEach((commit, i) => {
      if (i > 0) expect(commit > (commits[i - 1] ?? 0n) + 1n).toBe(true);
      expect(all[i]?.event?.position?.prepare).toBe(commit);
    });
    const backwards = await collect(connection.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 3 }));
    expect(backwards.map((e) => e.event?.position?.commit)).toEqual(commits.slice(-3).reverse());
    const at = all[2]?.event?.position;
    if (at === undefined) throw new Error('no position');
    const from = await collect(connection.client.readAll({ fromPosition: at, maxCount: 2 }));
    expect(from.map((e) => e.event?.position?.commit)).toEqual(commits.slice(2, 4));
    const before = await collect(connection.client.readAll({ direction: BACKWARDS, fromPosition: at }));
    expect(before.map((e) => e.event?.position?.commit)).toEqual(commits.slice(0, 2).reverse());
  });
});
