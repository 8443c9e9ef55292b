import { collect, eventStoreContractSuite, makeEvent, rightOf } from '@jamsos/core/testing';
import { verifyChains, verifyStream, withHashChain, type ChainFinding, type ExpectedRevision, type RecordedEvent, type StreamHead } from '@jamsos/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore, type SqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

eventStoreContractSuite('hash-chained SQLite store', async () => {
  const path = tempDatabasePath('chain-contract');
  const store = createSqliteEventStore({ path, pageSize: 97 });
  return { store: withHashChain(store), teardown: async () => (await store.close(), removeDatabase(path)) };
});

describe('hash chains on a SQLite file, tampered with through SQL', () => {
  let path: string;
  let sqlite: SqliteEventStore;
  let events: RecordedEvent[];
  let heads: ReadonlyArray<StreamHead> | undefined;

  beforeEach(async () => {
    path = tempDatabasePath('chain');
    sqlite = createSqliteEventStore({ path, pageSize: 7 });
    const store = withHashChain(sqlite);
    const append = async (stream: string, count: number, expectedRevision: ExpectedRevision) =>
      rightOf(await store.appendToStream(stream, Array.from({ length: count }, (_, k) => makeEvent('ContributionPaid', { period: `2025-0${k + 1}`, total: 16_800, lines: [{ programme: 'JKK', amount: 10_000 }] })), { expectedRevision })());
    await append('participant-1', 3, 'no_stream');
    await append('participant-2', 2, 'any');
    await append('claim-1', 1, 'no_stream');
    await append('participant-1', 4, 2);
    await append('participant-2', 3, 'stream_exists');
    await append('participant-1', 1, 'any');
    events = await collect(sqlite.readAll());
    heads = rightOf(await verifyChains(sqlite, { includeHeads: true })()).heads;
  });
  afterEach(async () => {
    await sqlite.close();
    removeDatabase(path);
  });

  const at = (stream: string, revision: number): RecordedEvent => events.find((e) => e.streamName === stream && e.revision === revision) as RecordedEvent;
  const ref = (e: RecordedEvent) => ({ streamName: e.streamName, revision: e.revision, eventId: e.id, globalPosition: e.globalPosition });
  const verify = async (): Promise<ReadonlyArray<ChainFinding>> => rightOf(await verifyChains(sqlite, { anchors: heads })()).findings;
  const run = (sql: string, ...params: unknown[]) => sqlite.database.prepare(sql).run(...params);

  it('given an untampered file, when verified, then every stream is clean', async () => {
    const report = rightOf(await verifyChains(sqlite, { anchors: heads })());
    expect(report).toMatchObject({ streams: 3, events: 14, findings: [] });
    expect(rightOf(await verifyStream(sqlite, 'participant-1')()).findings).toEqual([]);
  });

  it("given a row's data updated, when verified, then that event is named as altered", async () => {
    const target = at('participant-1', 4);
    run("UPDATE events SET data = json_set(data, '$.total', 1) WHERE event_id = ?", target.id);
    expect(await verify()).toEqual([{ _tag: 'EventAltered', ...ref(target), storedHash: expect.any(String), computedHash: expect.any(String) }]);
  });

  it("given a row's metadata updated around its chain, when verified, then that event is named as altered", async () => {
    const target = at('participant-2', 0);
    run("UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2020-01-01T00:00:00.000Z') WHERE event_id = ?", target.id);
    expect(await verify()).toMatchObject([{ _tag: 'EventAltered', eventId: target.id }]);
  });

  it('given a row deleted, when verified, then the missing revision is named with the event that links to it', async () => {
    const target = at('participant-1', 3);
    run('DELETE FROM events WHERE event_id = ?', target.id);
    expect(await verify()).toEqual([{ _tag: 'EventRemoved', streamName: 'participant-1', revision: 3, toRevision: 3, next: ref(at('participant-1', 4)) }]);
    expect(rightOf(await verifyStream(sqlite, 'participant-1', { anchors: heads })()).findings).toEqual(await verify());
  });

  it("given a stream's last row deleted, when verified against the earlier heads, then the cut is named", async () => {
    run('DELETE FROM events WHERE event_id = ?', at('participant-2', 4).id);
    expect(await verify()).toEqual([{ _tag: 'EventRemoved', streamName: 'participant-2', revision: 4, toRevision: 4 }]);
  });

  it("given two rows' revisions swapped, when verified, then both are named as stored under a revision they were not hashed at", async () => {
    const [x, y] = [at('participant-1', 1), at('participant-1', 5)];
    sqlite.database.transaction(() => {
      run('UPDATE events SET stream_revision = -1 WHERE event_id = ?', x.id);
      run('UPDATE events SET stream_revision = ? WHERE event_id = ?', x.revision, y.id);
      run('UPDATE events SET stream_revision = ? WHERE event_id = ?', y.revision, x.id);
    })();
    expect(await verify()).toEqual([
      { _tag: 'EventsReordered', ...ref(x), revision: 5, hashedAtRevision: 1 },
      { _tag: 'EventsReordered', ...ref(y), revision: 1, hashedAtRevision: 5 },
    ]);
  });

  it("given two rows' global positions swapped, when verified, then the late one is named with the one stored before it", async () => {
    const [x, y] = [at('participant-2', 0), at('participant-2', 3)];
    sqlite.database.transaction(() => {
      run('UPDATE events SET global_position = -1 WHERE event_id = ?', x.id);
      run('UPDATE events SET global_position = ? WHERE event_id = ?', x.globalPosition, y.id);
      run('UPDATE events SET global_position = ? WHERE event_id = ?', y.globalPosition, x.id);
    })();
    expect(await verify()).toEqual([{ _tag: 'EventsReordered', ...ref(x), globalPosition: y.globalPosition, storedAfter: { ...ref(y), globalPosition: x.globalPosition } }]);
  });

  it("given a row's chain removed from its metadata, when verified, then that event is named as having no chain", async () => {
    const target = at('claim-1', 0);
    run("UPDATE events SET metadata = json_remove(metadata, '$.chain') WHERE event_id = ?", target.id);
    expect(await verify()).toEqual([{ _tag: 'ChainMissing', ...ref(target) }]);
  });
});
