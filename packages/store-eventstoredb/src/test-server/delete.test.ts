import { describe, expect, it } from 'vitest';
import { jsonEvent, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { ResolvedEvent } from '@eventstore/db-client';
import { connectedTestServer } from './connected.test-support.js';
import { DELETED_STREAM } from './log.js';

const connection = connectedTestServer();

const collect = async (events: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
  const out: ResolvedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};

const events = (n: number, type = 'Tick'): ReturnType<typeof jsonEvent>[] => Array.from({ length: n }, (_, i) => jsonEvent({ type, data: { i } }));

/** stream_exists for tombstoneStream: the 6.2.1 typings leave it out of its options, its code sends it (deleteStream cannot). */
const STREAM_EXISTS = 'stream_exists' as unknown as bigint;

/** The error a promise rejects with (fails the test when it resolves). */
const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error);

describe('protocol test server (not EventStoreDB): Streams.Delete (soft delete)', () => {
  it('answers a position, hides the stream from reads, keeps its events in $all with a $metadata record', async () => {
    const { client, server } = connection;
    const appended = await client.appendToStream('member-del', events(3), { expectedRevision: 'no_stream' });
    const result = await client.deleteStream('member-del', { expectedRevision: 2n });
    expect(result.position?.commit).toBeGreaterThan(appended.position?.commit ?? 0n);
    expect(result.position?.prepare).toBe(result.position?.commit);
    await expect(collect(client.readStream('member-del'))).rejects.toBeInstanceOf(StreamNotFoundError);
    const all = await collect(client.readAll());
    expect(all.filter((e) => e.event?.streamId === 'member-del')).toHaveLength(3);
    const meta = all.find((e) => e.event?.streamId === '$$member-del');
    expect(meta?.event?.type).toBe('$metadata');
    expect(meta?.event?.position?.commit).toBe(result.position?.commit);
    expect(server.log.truncateBefore('member-del')).toBe(DELETED_STREAM);
  });

  it('recreates on append with no_stream, revisions continuing after the old last one', async () => {
    const { client } = connection;
    await client.appendToStream('member-re', events(3), { expectedRevision: 'no_stream' });
    await client.deleteStream('member-re');
    const again = await client.appendToStream('member-re', events(2, 'Again'), { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(4n);
    const read = await collect(client.readStream('member-re'));
    expect(read.map((e) => [e.event?.type, e.event?.revision])).toEqual([['Again', 3n], ['Again', 4n]]);
    expect((await client.getStreamMetadata('member-re')).metadata?.truncateBefore).toBe(3);
    const next = await client.appendToStream('member-re', events(1), { expectedRevision: 4n });
    expect(next.nextExpectedRevision).toBe(5n);
  });

  it('recreates on append with any, or with the old last revision', async () => {
    const { client } = connection;
    await client.appendToStream('member-any', events(2));
    await client.deleteStream('member-any');
    expect((await client.appendToStream('member-any', events(1))).nextExpectedRevision).toBe(2n);
    await client.appendToStream('member-rev', events(2));
    await client.deleteStream('member-rev');
    expect((await client.appendToStream('member-rev', events(1), { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
  });

  it('refuses stream_exists on a soft-deleted stream with StreamDeletedError, as the server does', async () => {
    const { client } = connection;
    await client.appendToStream('member-gone', events(1));
    await client.deleteStream('member-gone');
    const error = await rejection(client.appendToStream('member-gone', events(1), { expectedRevision: 'stream_exists' }));
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect((error as StreamDeletedError).streamName).toBe('member-gone');
  });

  it('checks the expected revision: WrongExpectedVersionError with the server numbers (no_stream is -1)', async () => {
    const { client } = connection;
    await client.appendToStream('member-wev', events(3));
    const stale = await rejection(client.deleteStream('member-wev', { expectedRevision: 5n }));
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale).toMatchObject({ streamName: 'member-wev', expectedVersion: 5n, actualVersion: 2n });
    const noStream = await rejection(client.deleteStream('member-wev', { expectedRevision: 'no_stream' }));
    expect(noStream).toMatchObject({ expectedVersion: -1n, actualVersion: 2n });
    expect(await collect(client.readStream('member-wev'))).toHaveLength(3);
  });

  it('deletes a missing stream with any or no_stream, refuses it with a revision (actual -1)', async () => {
    const { client } = connection;
    expect((await client.deleteStream('never-any')).position).toBeDefined();
    expect((await client.deleteStream('never-none', { expectedRevision: 'no_stream' })).position).toBeDefined();
    const error = await rejection(client.deleteStream('never-rev', { expectedRevision: 0n }));
    expect(error).toMatchObject({ expectedVersion: 0n, actualVersion: -1n });
  });

  it('deletes a soft-deleted stream again with no_stream', async () => {
    const { client } = connection;
    await client.appendToStream('member-twice', events(2));
    await client.deleteStream('member-twice');
    await expect(client.deleteStream('member-twice', { expectedRevision: 'no_stream' })).resolves.toBeDefined();
  });
});

describe('protocol test server (not EventStoreDB): Streams.Tombstone (hard delete)', () => {
  it('answers a position and writes a $streamDeleted record; the events stay in $all', async () => {
    const { client } = connection;
    await client.appendToStream('claim-t', events(2));
    const result = await client.tombstoneStream('claim-t', { expectedRevision: 1n });
    const all = await collect(client.readAll());
    expect(all.filter((e) => e.event?.streamId === 'claim-t').map((e) => [e.event?.type, e.event?.revision])).toEqual([
      ['Tick', 0n],
      ['Tick', 1n],
      ['$streamDeleted', DELETED_STREAM],
    ]);
    expect(all.at(-1)?.event?.position?.commit).toBe(result.position?.commit);
  });

  it('fails reads, appends, deletes and tombstones of the stream with StreamDeletedError from then on', async () => {
    const { client } = connection;
    await client.appendToStream('claim-x', events(1));
    await client.tombstoneStream('claim-x');
    const read = await rejection(collect(client.readStream('claim-x')));
    expect(read).toBeInstanceOf(StreamDeletedError);
    expect((read as StreamDeletedError).streamName).toBe('claim-x');
    for (const expectedRevision of ['any', 'no_stream', 'stream_exists', 0n] as const) {
      await expect(client.appendToStream('claim-x', events(1), { expectedRevision })).rejects.toBeInstanceOf(StreamDeletedError);
    }
    await expect(client.deleteStream('claim-x')).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.tombstoneStream('claim-x')).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('checks the expected revision, stream_exists included (-4 on the wire)', async () => {
    const { client } = connection;
    const missing = await rejection(client.tombstoneStream('claim-none', { expectedRevision: STREAM_EXISTS }));
    expect(missing).toMatchObject({ streamName: 'claim-none', expectedVersion: -4n, actualVersion: -1n });
    await client.appendToStream('claim-y', events(2));
    const stale = await rejection(client.tombstoneStream('claim-y', { expectedRevision: 0n }));
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale).toMatchObject({ expectedVersion: 0n, actualVersion: 1n });
    await expect(client.tombstoneStream('claim-y', { expectedRevision: STREAM_EXISTS })).resolves.toBeDefined();
  });

  it('tombstones a soft-deleted stream; refuses stream_exists on it with StreamDeletedError', async () => {
    const { client } = connection;
    await client.appendToStream('claim-soft', events(1));
    await client.deleteStream('claim-soft');
    await expect(client.tombstoneStream('claim-soft', { expectedRevision: STREAM_EXISTS })).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.tombstoneStream('claim-soft')).resolves.toBeDefined();
    await expect(collect(client.readStream('claim-soft'))).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('fails a subscription to a tombstoned stream, and ends a live one when the stream is tombstoned', async () => {
    const { client } = connection;
    await client.appendToStream('claim-sub', events(1));
    const live = client.subscribeToStream('claim-sub');
    const ended = rejection(collect(live));
    await new Promise<void>((resolve) => live.once('caughtUp', () => resolve()));
    await client.tombstoneStream('claim-sub');
    expect(await ended).toBeInstanceOf(StreamDeletedError);
    await expect(collect(client.subscribeToStream('claim-sub'))).rejects.toBeInstanceOf(StreamDeletedError);
  });
});
