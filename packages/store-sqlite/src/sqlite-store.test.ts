import { eventStoreContractSuite, collect, leftOf, makeEvent, rightOf } from '@jamsos/core/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_COMPONENT, SCHEMA_VERSION } from './schema.js';
import { createSqliteEventStore, openSqliteEventStore, type SqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

eventStoreContractSuite('SQLite store (file)', async () => {
  const path = tempDatabasePath('contract');
  const store = createSqliteEventStore({ path, pageSize: 97 });
  return { store, teardown: async () => (await store.close(), removeDatabase(path)) };
});

eventStoreContractSuite('SQLite store (:memory:)', async () => {
  const store = createSqliteEventStore({ path: ':memory:' });
  return { store, teardown: () => store.close() };
});

describe('SQLite store: the file', () => {
  const paths: string[] = [];
  const stores: SqliteEventStore[] = [];
  const open = (options: Omit<Parameters<typeof createSqliteEventStore>[0], 'path'> & { path?: string } = {}) => {
    const path = options.path ?? tempDatabasePath('file');
    paths.push(path);
    const store = createSqliteEventStore({ ...options, path });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const path of paths.splice(0)) removeDatabase(path);
  });

  it('uses WAL, the busy timeout, synchronous=NORMAL by default and FULL on request', () => {
    const normal = open();
    expect(normal.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(normal.database.pragma('busy_timeout', { simple: true })).toBe(5_000);
    expect(normal.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(normal.durability).toBe('normal');
    const full = open({ durability: 'full', busyTimeoutMs: 250 });
    expect(full.database.pragma('synchronous', { simple: true })).toBe(2);
    expect(full.database.pragma('busy_timeout', { simple: true })).toBe(250);
  });

  it('records its schema version, keeps events across reopening, and refuses a newer schema', async () => {
    const store = open();
    const path = store.database.name;
    rightOf(await store.appendToStream('s', [makeEvent('A', { n: 1 })], { expectedRevision: 'no_stream' })());
    expect(store.database.prepare('SELECT version FROM schema_version WHERE component = ?').pluck().get(SCHEMA_COMPONENT)).toBe(SCHEMA_VERSION);
    await store.close();
    await store.close();
    const again = open({ path });
    expect((await collect(again.readStream('s'))).map((e) => e.data)).toEqual([{ n: 1 }]);
    again.database.prepare('UPDATE schema_version SET version = ? WHERE component = ?').run(SCHEMA_VERSION + 1, SCHEMA_COMPONENT);
    await again.close();
    expect(leftOf(openSqliteEventStore({ path }))).toMatchObject({ _tag: 'StoreFailure' });
    expect(() => createSqliteEventStore({ path })).toThrow(/newer|knows up to/);
  });

  it('refuses data that is not JSON, writing nothing', async () => {
    const store = open();
    const bigint = { ...makeEvent('A'), data: { amount: 1n } };
    const missing = { ...makeEvent('B'), data: undefined };
    expect(leftOf(await store.appendToStream('s', [makeEvent('C'), bigint], { expectedRevision: 'any' })())._tag).toBe('InvalidAppend');
    expect(leftOf(await store.appendToStream('s', [missing], { expectedRevision: 'any' })())._tag).toBe('InvalidAppend');
    expect(await collect(store.readAll())).toEqual([]);
  });

  it('answers SQLITE_BUSY as a StoreFailure when another connection holds the write lock too long', async () => {
    const store = open({ busyTimeoutMs: 50 });
    const other = new Database(store.database.name);
    try {
      other.exec('BEGIN IMMEDIATE');
      const result = leftOf(await store.appendToStream('s', [makeEvent('A')], { expectedRevision: 'any' })());
      expect(result).toMatchObject({ _tag: 'StoreFailure' });
      expect((result as { message: string }).message).toMatch(/SQLITE_BUSY/);
      other.exec('ROLLBACK');
      rightOf(await store.appendToStream('s', [makeEvent('A')], { expectedRevision: 'no_stream' })());
    } finally {
      other.close();
    }
  });

  it('answers a closed store with a StoreFailure instead of throwing', async () => {
    const store = open();
    await store.close();
    expect(leftOf(await store.appendToStream('s', [makeEvent('A')], { expectedRevision: 'any' })())._tag).toBe('StoreFailure');
    expect(leftOf(await store.streamRevision('s')())._tag).toBe('StoreFailure');
  });

  it('filters by event type and stream prefix together, treating the prefix literally', async () => {
    const store = open({ pageSize: 2 });
    const append = (stream: string, type: string) => store.appendToStream(stream, [makeEvent(type)], { expectedRevision: 'any' })();
    for (const [stream, type] of [['claim-1', 'Filed'], ['claim%1', 'Filed'], ['claim-2', 'Approved'], ['participant-1', 'Filed'], ['claim-3', 'Filed'], ['Claim-4', 'Filed']] as const)
      await append(stream, type);
    const streams = async (filter: Parameters<SqliteEventStore['readAll']>[0]) => (await collect(store.readAll(filter))).map((e) => e.streamName);
    expect(await streams({ filter: { eventTypes: ['Filed'], streamPrefix: 'claim-' } })).toEqual(['claim-1', 'claim-3']);
    expect(await streams({ filter: { streamPrefix: 'claim%' } })).toEqual(['claim%1']);
    expect(await streams({ filter: { eventTypes: [] } })).toEqual([]);
    expect(await streams({ filter: { eventTypes: ['Filed'] }, maxCount: 3 })).toEqual(['claim-1', 'claim%1', 'participant-1']);
  });

  it('lets the caller write to the same connection while it iterates', async () => {
    const store = open({ pageSize: 3 });
    await store.appendToStream('s', Array.from({ length: 10 }, (_, n) => makeEvent('A', { n })), { expectedRevision: 'no_stream' })();
    let seen = 0;
    for await (const event of store.readAll()) {
      seen++;
      if (event.streamName === 's' && event.revision < 5) rightOf(await store.appendToStream('t', [makeEvent('B')], { expectedRevision: 'any' })());
    }
    expect(seen).toBe(15);
  });
});
