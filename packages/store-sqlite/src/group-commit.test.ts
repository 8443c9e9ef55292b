import { statSync } from 'node:fs';
import { collect, leftOf, makeEvent, rightOf } from '@jamsos/core/testing';
import type * as E from 'fp-ts/lib/Either.js';
import type { AppendError, AppendResult, EventToAppend, ExpectedRevision, RecordedEvent } from '@jamsos/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore, type SqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

// Appends invoked while others wait are committed in one transaction, each in its own savepoint.
// These tests show that every append of a group still succeeds or fails on its own.

describe('SQLite store: group commit of appends in flight', () => {
  const paths: string[] = [];
  const stores: SqliteEventStore[] = [];
  const open = (path = tempDatabasePath('group')) => {
    paths.push(path);
    const store = createSqliteEventStore({ path });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const path of paths.splice(0)) removeDatabase(path);
  });

  /** Invokes every append in the same turn, so they share one group, and waits for all. */
  type Answer = E.Either<AppendError, AppendResult>;
  const together = async (store: SqliteEventStore, appends: ReadonlyArray<readonly [string, ReadonlyArray<EventToAppend>, ExpectedRevision]>) =>
    (await Promise.all(appends.map(([stream, events, expectedRevision]) => store.appendToStream(stream, events, { expectedRevision })()))) as [Answer, Answer, Answer, Answer, ...Answer[]];

  /** WAL frames written so far (the WAL is never checkpointed below 1,000 pages in these tests). */
  const walFrames = (store: SqliteEventStore) => {
    const size = statSync(`${store.database.name}-wal`).size;
    return size === 0 ? 0 : (size - 32) / (Number(store.database.pragma('page_size', { simple: true })) + 24);
  };

  it('commits appends in flight together: the WAL grows by one commit, not one per append', async () => {
    const sequential = open();
    const grouped = open();
    const events = Array.from({ length: 16 }, (_, i) => makeEvent('A', { i }, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    for (const store of [sequential, grouped]) rightOf(await store.appendToStream('warm', [makeEvent('W', {}, '00000000-0000-4000-8000-ffffffffffff')], { expectedRevision: 'no_stream' })());
    const [before1, before2] = [walFrames(sequential), walFrames(grouped)];
    for (const [i, event] of events.entries()) rightOf(await sequential.appendToStream(`s-${i}`, [event], { expectedRevision: 'no_stream' })());
    const results = await together(grouped, events.map((event, i) => [`s-${i}`, [event], 'no_stream'] as const));
    results.forEach((r, i) => expect(rightOf(r).nextExpectedRevision, `append ${i}`).toBe(0));
    const [perAppend, perGroup] = [walFrames(sequential) - before1, walFrames(grouped) - before2];
    expect(perGroup).toBeLessThan(perAppend / 4);
    // Both stores hold the same log.
    const strip = (es: ReadonlyArray<RecordedEvent>) => es.map((e) => [e.streamName, e.revision, e.id, e.data]);
    expect(strip(await collect(grouped.readAll()))).toEqual(strip(await collect(sequential.readAll())));
  });

  it('answers each append of a group on its own: a conflict in the middle fails only that append', async () => {
    const store = open();
    rightOf(await store.appendToStream('b', [makeEvent('B0')], { expectedRevision: 'no_stream' })());
    const [a, b, c] = await together(store, [
      ['a', [makeEvent('A0'), makeEvent('A1')], 'no_stream'],
      ['b', [makeEvent('B1')], 5],
      ['c', [makeEvent('C0')], 'no_stream'],
    ]);
    expect(rightOf(a).nextExpectedRevision).toBe(1);
    expect(leftOf(b)).toMatchObject({ _tag: 'WrongExpectedVersion', expected: 5, actual: 0 });
    expect(rightOf(c).nextExpectedRevision).toBe(0);
    expect((await collect(store.readAll())).map((e) => e.type)).toEqual(['B0', 'A0', 'A1', 'C0']);
  });

  it('serialises a group in invocation order: of two appends at the same revision the first wins, and a repeated append is a replay', async () => {
    const store = open();
    const first = makeEvent('First');
    const [win, lose, replay, next] = await together(store, [
      ['s', [first], 'no_stream'],
      ['s', [makeEvent('Second')], 'no_stream'],
      ['s', [first], 'no_stream'],
      ['s', [makeEvent('Third')], 0],
    ]);
    const won = rightOf(win);
    expect(leftOf(lose)).toMatchObject({ _tag: 'WrongExpectedVersion', actual: 0 });
    expect(rightOf(replay)).toEqual(won);
    expect(rightOf(next).nextExpectedRevision).toBe(1);
    expect((await collect(store.readStream('s'))).map((e) => e.type)).toEqual(['First', 'Third']);
  });

  it('rolls back only the append whose statement fails, with none of its events stored', async () => {
    const store = open();
    store.database.exec("CREATE TEMP TRIGGER boom BEFORE INSERT ON events WHEN NEW.event_type = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END");
    const [a, bad, c] = await together(store, [
      ['a', [makeEvent('A0')], 'no_stream'],
      ['bad', [makeEvent('Fine'), makeEvent('Boom')], 'no_stream'],
      ['c', [makeEvent('C0')], 'no_stream'],
    ]);
    expect(rightOf(a).nextExpectedRevision).toBe(0);
    expect(leftOf(bad)).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/boom refused/) });
    expect(rightOf(c).nextExpectedRevision).toBe(0);
    expect((await collect(store.readAll())).map((e) => `${e.streamName}:${e.type}`)).toEqual(['a:A0', 'c:C0']);
    expect(store.database.inTransaction).toBe(false);
  });

  it('retries the rest of a group when one append makes SQLite roll back the whole transaction', async () => {
    const store = open();
    store.database.exec("CREATE TEMP TRIGGER doom BEFORE INSERT ON events WHEN NEW.event_type = 'Doom' BEGIN SELECT RAISE(ROLLBACK, 'doom rolls back'); END");
    const results = await together(store, [
      ['a', [makeEvent('A0')], 'no_stream'],
      ['b', [makeEvent('B0')], 'no_stream'],
      ['doomed', [makeEvent('Doom')], 'no_stream'],
      ['c', [makeEvent('C0')], 'no_stream'],
    ]);
    expect(results.map((r) => (r._tag === 'Right' ? (r.right as AppendResult).nextExpectedRevision : r.left._tag))).toEqual([0, 0, 'StoreFailure', 0]);
    expect((await collect(store.readAll())).map((e) => e.streamName).sort()).toEqual(['a', 'b', 'c']);
    expect(store.database.inTransaction).toBe(false);
  });

  it('answers every append of a group with a StoreFailure when the write lock cannot be had, and stores nothing', async () => {
    const store = createSqliteEventStore({ path: open().database.name, busyTimeoutMs: 30 });
    stores.push(store);
    const other = createSqliteEventStore({ path: store.database.name });
    stores.push(other);
    other.database.exec('BEGIN IMMEDIATE');
    const results = await together(store, [
      ['a', [makeEvent('A0')], 'no_stream'],
      ['b', [makeEvent('B0')], 'no_stream'],
    ]);
    other.database.exec('ROLLBACK');
    for (const r of results) expect(leftOf(r)).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/SQLITE_BUSY/) });
    expect(await collect(store.readAll())).toEqual([]);
  });

  it('runs appends already invoked before closing, and answers later ones with a StoreFailure', async () => {
    const store = open();
    const path = store.database.name;
    const pending = ['a', 'b', 'c'].map((s) => store.appendToStream(s, [makeEvent(s.toUpperCase())], { expectedRevision: 'no_stream' })());
    await store.close();
    for (const r of await Promise.all(pending)) expect(rightOf(r).nextExpectedRevision).toBe(0);
    expect(leftOf(await store.appendToStream('d', [makeEvent('D')], { expectedRevision: 'no_stream' })())._tag).toBe('StoreFailure');
    const again = open(path);
    expect((await collect(again.readAll())).map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });
});
