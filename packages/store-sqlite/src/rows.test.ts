import { collect, makeEvent, rightOf } from '@jamsos/core/testing';
import { UnreadableStoredEvent, type EventToFold, type RecordedEvent } from '@jamsos/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { METADATA, parseMetadata } from './rows.js';
import { createSqliteEventStore, type SqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

/** What JSON.parse gives, or that it throws. */
const viaJson = (text: string): { readonly value: unknown } | 'throws' => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return 'throws';
  }
};

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
/** Metadata as writers produce it, and as they might: usual and unusual values, keys, and key orders. */
const metadataArb = fc
  .record(
    {
      schemaVersion: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER)),
      recordedAt: fc.oneof(fc.constant('2025-01-01T00:00:00.000Z'), fc.string(), fc.string({ unit: 'binary' })),
      correlationId: fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })),
      causationId: fc.string(),
      chain: fc.oneof(fc.record({ v: fc.constant(1), prev: hex64, hash: hex64 }), fc.record({ v: fc.integer(), prev: fc.string(), hash: hex64 }), fc.jsonValue()),
      other: fc.jsonValue(),
    },
    { requiredKeys: ['schemaVersion', 'recordedAt'] },
  )
  .chain((m) => fc.boolean().map((reorder) => (reorder ? Object.fromEntries(Object.entries(m).reverse()) : m)));

describe('the metadata column, read', () => {
  it('gives exactly what JSON.parse gives (the same keys, in the same order, the same values) for any metadata', () => {
    fc.assert(
      fc.property(metadataArb, (metadata) => {
        const text = JSON.stringify(metadata);
        expect(JSON.stringify(parseMetadata(text))).toBe(JSON.stringify(JSON.parse(text)));
        expect(parseMetadata(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('throws exactly when JSON.parse throws, on any text (damaged metadata included)', () => {
    const usual = JSON.stringify({ schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z', correlationId: 'c-1', chain: { v: 1, prev: '0'.repeat(64), hash: 'a'.repeat(64) } });
    const damaged = fc.tuple(fc.nat(usual.length), fc.nat(usual.length), fc.string({ maxLength: 3 })).map(([at, cut, insert]) => usual.slice(0, at) + insert + usual.slice(at + (cut % 4)));
    fc.assert(
      fc.property(fc.oneof(fc.string(), damaged, fc.json()), (text) => {
        const expected = viaJson(text);
        if (expected === 'throws') expect(() => parseMetadata(text)).toThrow();
        else expect(parseMetadata(text)).toEqual(expected.value);
      }),
      { numRuns: 3_000 },
    );
  });

  it('reads the usual shapes without JSON.parse (the fast path is taken)', () => {
    for (const metadata of [
      { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z' },
      { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z', correlationId: 'jamsos-demo:seed-1' },
      { schemaVersion: 2, recordedAt: 'x', correlationId: 'c', causationId: 'd', chain: { v: 1, prev: '0'.repeat(64), hash: 'f'.repeat(64) } },
    ])
      expect(METADATA.test(JSON.stringify(metadata))).toBe(true);
    expect(METADATA.test(JSON.stringify({ recordedAt: 'x', schemaVersion: 1 }))).toBe(false);
    expect(METADATA.test('{"schemaVersion":1,"recordedAt":"a\\"b"}')).toBe(false);
  });
});

describe('SQLite store: a damaged row', () => {
  const paths: string[] = [];
  const stores: SqliteEventStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const path of paths.splice(0)) removeDatabase(path);
  });
  /** A store of 10 events in two streams, the 6th (participant-b, revision 2) with its `column` damaged. */
  const damagedStore = async (column: 'data' | 'metadata'): Promise<{ store: SqliteEventStore; all: RecordedEvent[]; bad: RecordedEvent }> => {
    const path = tempDatabasePath('damaged');
    paths.push(path);
    const store = createSqliteEventStore({ path, pageSize: 4 });
    stores.push(store);
    rightOf(await store.appendToStream('participant-a', [0, 1, 2].map((n) => makeEvent('A', { n })), { expectedRevision: 'no_stream' })());
    rightOf(await store.appendToStream('participant-b', [3, 4, 5, 6].map((n) => makeEvent('B', { n })), { expectedRevision: 'no_stream' })());
    rightOf(await store.appendToStream('participant-a', [7, 8, 9].map((n) => makeEvent('A', { n })), { expectedRevision: 2 })());
    const all = await collect(store.readAll());
    const bad = all[5] as RecordedEvent;
    store.database.prepare(`UPDATE events SET ${column} = ? WHERE global_position = ?`).run('{"n":', bad.globalPosition);
    return { store, all, bad };
  };
  const expectNamed = (error: unknown, bad: RecordedEvent, column: string) => {
    expect(error).toBeInstanceOf(UnreadableStoredEvent);
    expect(error).toMatchObject({ globalPosition: bad.globalPosition, streamName: 'participant-b', revision: 2, type: 'B' });
    expect(String(error)).toMatch(new RegExp(`position ${bad.globalPosition}\\b.*participant-b, revision 2.*its ${column} is not JSON`));
  };

  for (const column of ['data', 'metadata'] as const)
    it(`with its ${column} not JSON: every read yields the events before it, then throws an error naming its position, stream and revision`, async () => {
      const { store, all, bad } = await damagedStore(column);
      const seen: RecordedEvent[] = [];
      const error = await (async () => {
        for await (const event of store.readAll()) seen.push(event);
      })().catch((e: unknown) => e);
      expectNamed(error, bad, column);
      expect(seen).toEqual(all.slice(0, 5));
      const batches: (readonly RecordedEvent[])[] = [];
      const batchError = await (async () => {
        for await (const batch of store.readAllBatches({ batchSize: 4 })) batches.push(batch);
      })().catch((e: unknown) => e);
      expectNamed(batchError, bad, column);
      expect(batches.map((b) => b.length)).toEqual([4, 1]);
      const toFold: EventToFold[] = [];
      const foldError = await (async () => {
        for await (const batch of store.readAllToFold({ batchSize: 4 })) toFold.push(...batch);
      })().catch((e: unknown) => e);
      expectNamed(foldError, bad, column);
      expect(toFold).toEqual(all.slice(0, 5).map(({ type, data, metadata, globalPosition }) => ({ type, data, metadata, globalPosition })));
      const stream: RecordedEvent[] = [];
      const streamError = await (async () => {
        for await (const event of store.readStream('participant-b')) stream.push(event);
      })().catch((e: unknown) => e);
      expectNamed(streamError, bad, column);
      expect(stream.map((e) => e.revision)).toEqual([0, 1]);
      // reading after it, or around it, is unaffected
      expect(await collect(store.readAll({ fromPosition: bad.globalPosition }))).toEqual(all.slice(6));
      expect(await collect(store.readAll({ filter: { eventTypes: ['A'] } }))).toEqual(all.filter((e) => e.type === 'A'));
    });
});
