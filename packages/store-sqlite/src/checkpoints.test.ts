import { collect, makeEvent, rightOf } from '@jamsos/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitWithCheckpoint, createSqliteCheckpointStore, readCheckpoint, withTransaction } from './checkpoints.js';
import { createSqliteEventStore, type SqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

describe('SQLite store: read models and their checkpoints in the same database', () => {
  let path: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    path = tempDatabasePath('checkpoints');
    store = createSqliteEventStore({ path });
    store.database.exec('CREATE TABLE totals (stream TEXT PRIMARY KEY, count INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await store.close();
    removeDatabase(path);
  });
  const totals = () => store.database.prepare('SELECT stream, count FROM totals ORDER BY stream').all();
  const bump = (stream: string) => store.database.prepare('INSERT INTO totals VALUES (?, 1) ON CONFLICT (stream) DO UPDATE SET count = count + 1').run(stream);

  it('commits a read-model update with its checkpoint, and a projection resumes from it', async () => {
    const checkpoints = createSqliteCheckpointStore(store);
    expect(checkpoints.load('totals')).toBeUndefined();
    rightOf(await store.appendToStream('a', [makeEvent('A'), makeEvent('A')], { expectedRevision: 'no_stream' })());
    rightOf(await store.appendToStream('b', [makeEvent('B')], { expectedRevision: 'no_stream' })());
    for await (const event of store.readAll({ fromPosition: checkpoints.load('totals') })) checkpoints.commit('totals', event.globalPosition, () => bump(event.streamName));
    const last = (await collect(store.readAll())).at(-1)?.globalPosition;
    expect(checkpoints.load('totals')).toBe(last);
    expect(totals()).toEqual([{ stream: 'a', count: 2 }, { stream: 'b', count: 1 }]);

    rightOf(await store.appendToStream('b', [makeEvent('B')], { expectedRevision: 0 })());
    await store.close();
    store = createSqliteEventStore({ path });
    const reopened = createSqliteCheckpointStore(store.database);
    for await (const event of store.readAll({ fromPosition: reopened.load('totals') })) reopened.commit('totals', event.globalPosition, () => bump(event.streamName));
    expect(totals()).toEqual([{ stream: 'a', count: 2 }, { stream: 'b', count: 2 }]);
  });

  it('rolls back both the read model and the checkpoint when apply throws, and rethrows', () => {
    const checkpoints = createSqliteCheckpointStore(store);
    checkpoints.commit('totals', 1, () => bump('a'));
    expect(() =>
      checkpoints.commit('totals', 2, () => {
        bump('a');
        bump('b');
        throw new Error('projection bug');
      }),
    ).toThrow('projection bug');
    expect(checkpoints.load('totals')).toBe(1);
    expect(totals()).toEqual([{ stream: 'a', count: 1 }]);
  });

  it('offers the same as plain functions, keeps checkpoints apart by name, and runs any work in a transaction', () => {
    commitWithCheckpoint(store.database, 'totals', 7, (db) => db.prepare('INSERT INTO totals VALUES (?, ?)').run('x', 3));
    commitWithCheckpoint(store, 'other', 3, () => undefined);
    expect([readCheckpoint(store, 'totals'), readCheckpoint(store.database, 'other'), readCheckpoint(store, 'none')]).toEqual([7, 3, undefined]);
    expect(withTransaction(store, (db) => db.prepare('SELECT count FROM totals WHERE stream = ?').pluck().get('x'))).toBe(3);
    const failing = () =>
      withTransaction(store, (db) => {
        db.prepare('DELETE FROM totals').run();
        throw new Error('no');
      });
    expect(failing).toThrow('no');
    expect(totals()).toHaveLength(1);
  });
});
