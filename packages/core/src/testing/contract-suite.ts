import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../store/types.js';
import { readStreamOrNotFound } from '../store/read.js';
import { collect, leftOf, makeEvent, rightOf } from './helpers.js';

/** How a contract suite gets a fresh, empty store, and how it gives it back. */
export type MakeStore = () => Promise<{ readonly store: EventStore; readonly teardown?: () => Promise<void> }>;

const ids = (events: ReadonlyArray<RecordedEvent>) => events.map((e) => e.id);

/**
 * The contract every event store adapter passes: expected revisions, atomic and idempotent
 * appends, ordering, positions that are increasing but not assumed dense, and streaming reads.
 */
export const eventStoreContractSuite = (name: string, makeStore: MakeStore, options: { readonly longStreamLength?: number } = {}): void => {
  describe(`${name}: the event store contract`, () => {
    let store: EventStore;
    let teardown: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ store, teardown } = await makeStore());
    });
    afterEach(async () => {
      await teardown?.();
    });
    const append = (stream: string, events: ReturnType<typeof makeEvent>[], expectedRevision: ExpectedRevision = 'any') => store.appendToStream(stream, events, { expectedRevision })();

    describe('appending and reading back', () => {
      it('keeps type, data and metadata, with revisions from 0', async () => {
        const event = { ...makeEvent('ContributionPaid', { period: '2025-01', total: 16_800, lines: [{ programme: 'JKK', amount: 10_000 }] }), metadata: { schemaVersion: 1, recordedAt: '2025-01-10T03:00:00.000Z', correlationId: 'c-1' } };
        expect(rightOf(await append('participant-a', [event], 'no_stream'))).toMatchObject({ nextExpectedRevision: 0 });
        const [read] = await collect(store.readStream('participant-a'));
        expect(read).toMatchObject({ id: event.id, type: event.type, data: event.data, metadata: event.metadata, streamName: 'participant-a', revision: 0 });
      });
      it('yields nothing for a missing stream, and readStreamOrNotFound says so', async () => {
        expect(await collect(store.readStream('participant-none'))).toEqual([]);
        expect(leftOf(await readStreamOrNotFound(store, 'participant-none')())).toEqual({ _tag: 'StreamNotFound', streamName: 'participant-none' });
        await append('participant-a', [makeEvent('A')]);
        expect(await collect(rightOf(await readStreamOrNotFound(store, 'participant-a')()))).toHaveLength(1);
      });
      it('reports the stream revision', async () => {
        expect(rightOf(await store.streamRevision('s')())).toBe('no_stream');
        await append('s', [makeEvent('A'), makeEvent('B')]);
        expect(rightOf(await store.streamRevision('s')())).toBe(1);
      });
    });

    describe('expected revisions', () => {
      it('no_stream succeeds once, then answers the actual revision', async () => {
        rightOf(await append('s', [makeEvent('A')], 'no_stream'));
        expect(leftOf(await append('s', [makeEvent('B')], 'no_stream'))).toMatchObject({ _tag: 'WrongExpectedVersion', streamName: 's', expected: 'no_stream', actual: 0 });
      });
      it('stream_exists fails on a missing stream', async () => {
        expect(leftOf(await append('s', [makeEvent('A')], 'stream_exists'))).toMatchObject({ _tag: 'WrongExpectedVersion', actual: 'no_stream' });
        await append('s', [makeEvent('A')]);
        rightOf(await append('s', [makeEvent('B')], 'stream_exists'));
      });
      it('an exact revision succeeds only at that revision', async () => {
        await append('s', [makeEvent('A'), makeEvent('B')]);
        expect(leftOf(await append('s', [makeEvent('C')], 0))).toMatchObject({ _tag: 'WrongExpectedVersion', expected: 0, actual: 1 });
        expect(leftOf(await append('t', [makeEvent('C')], 0))).toMatchObject({ _tag: 'WrongExpectedVersion', actual: 'no_stream' });
        expect(rightOf(await append('s', [makeEvent('C')], 1))).toMatchObject({ nextExpectedRevision: 2 });
      });
      it('any always appends', async () => {
        rightOf(await append('s', [makeEvent('A')], 'any'));
        rightOf(await append('s', [makeEvent('B')], 'any'));
        expect(await collect(store.readStream('s'))).toHaveLength(2);
      });
      it('an empty append only checks the revision', async () => {
        expect(leftOf(await append('s', [], 'stream_exists'))._tag).toBe('WrongExpectedVersion');
        await append('s', [makeEvent('A')]);
        expect(rightOf(await append('s', [], 0))).toMatchObject({ nextExpectedRevision: 0 });
        expect(await collect(store.readStream('s'))).toHaveLength(1);
      });
    });

    describe('concurrency and idempotency', () => {
      it('lets exactly one of many concurrent appends at the same revision win', async () => {
        await append('s', [makeEvent('Opened')]);
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => append('s', [makeEvent(`Writer${i}`), makeEvent(`Writer${i}`)], 0)));
        const winners = results.filter((r) => r._tag === 'Right');
        expect(winners).toHaveLength(1);
        for (const r of results) if (r._tag === 'Left') expect(r.left).toMatchObject({ _tag: 'WrongExpectedVersion', actual: 2 });
        const events = await collect(store.readStream('s'));
        expect(events.map((e) => e.type)).toEqual(['Opened', events[1]?.type, events[1]?.type]);
      });
      it('acknowledges a re-append of the same ids at the same revision without duplicates', async () => {
        const batch = [makeEvent('A'), makeEvent('B')];
        const first = rightOf(await append('s', batch, 'no_stream'));
        expect(rightOf(await append('s', batch, 'no_stream'))).toEqual(first);
        await append('s', [makeEvent('C')], 1);
        expect(rightOf(await append('s', batch, 'no_stream'))).toEqual(first);
        expect(await collect(store.readStream('s'))).toHaveLength(3);
      });
      it('never stores one id twice: an id already used elsewhere is refused', async () => {
        const event = makeEvent('A');
        await append('s', [event]);
        expect(['InvalidAppend', 'WrongExpectedVersion']).toContain(leftOf(await append('t', [event], 'no_stream'))._tag);
        expect(leftOf(await append('s', [makeEvent('B'), event], 0))._tag).toMatch(/InvalidAppend|WrongExpectedVersion/);
        expect(await collect(store.readAll())).toHaveLength(1);
      });
      it('writes nothing of an invalid batch', async () => {
        const event = makeEvent('A');
        expect(leftOf(await append('s', [makeEvent('B'), event, event]))._tag).toBe('InvalidAppend');
        expect(leftOf(await append('s', [makeEvent('B'), { ...makeEvent('C'), id: '' }]))._tag).toBe('InvalidAppend');
        expect(await collect(store.readAll())).toEqual([]);
      });
    });

    describe('reading', () => {
      const seed = async () => {
        await append('participant-a', [makeEvent('A0'), makeEvent('A1')]);
        await append('claim-x', [makeEvent('X0')]);
        await append('participant-a', [makeEvent('A2')]);
        await append('participant-b', [makeEvent('B0')]);
      };
      it('reads a stream forwards and backwards, from a revision, with a maximum count', async () => {
        await seed();
        const types = async (options: Parameters<EventStore['readStream']>[1]) => (await collect(store.readStream('participant-a', options))).map((e) => e.type);
        expect(await types(undefined)).toEqual(['A0', 'A1', 'A2']);
        expect(await types({ direction: 'backwards' })).toEqual(['A2', 'A1', 'A0']);
        expect(await types({ fromRevision: 1 })).toEqual(['A1', 'A2']);
        expect(await types({ direction: 'backwards', fromRevision: 1 })).toEqual(['A1', 'A0']);
        expect(await types({ fromRevision: 'end' })).toEqual(['A2']);
        expect(await types({ direction: 'backwards', fromRevision: 'start' })).toEqual(['A0']);
        expect(await types({ maxCount: 2 })).toEqual(['A0', 'A1']);
        expect(await types({ fromRevision: 7 })).toEqual([]);
      });
      it('reads all in global order, with strictly increasing positions, from a position (exclusive)', async () => {
        await seed();
        const all = await collect(store.readAll());
        expect(all.map((e) => e.type)).toEqual(['A0', 'A1', 'X0', 'A2', 'B0']);
        for (let i = 1; i < all.length; i++) expect((all[i] as RecordedEvent).globalPosition).toBeGreaterThan((all[i - 1] as RecordedEvent).globalPosition);
        const after = await collect(store.readAll({ fromPosition: (all[2] as RecordedEvent).globalPosition }));
        expect(after.map((e) => e.type)).toEqual(['A2', 'B0']);
        expect(await collect(store.readAll({ fromPosition: (all[4] as RecordedEvent).globalPosition }))).toEqual([]);
        expect((await collect(store.readAll({ maxCount: 2 }))).map((e) => e.type)).toEqual(['A0', 'A1']);
      });
      it('resumes between positions without assuming they are dense', async () => {
        await seed();
        const all = await collect(store.readAll());
        const between = (all[1] as RecordedEvent).globalPosition + ((all[2] as RecordedEvent).globalPosition - (all[1] as RecordedEvent).globalPosition) / 2;
        expect((await collect(store.readAll({ fromPosition: between }))).map((e) => e.type)).toEqual(['X0', 'A2', 'B0']);
      });
      it('filters the global log by event type and by stream prefix', async () => {
        await seed();
        expect((await collect(store.readAll({ filter: { eventTypes: ['A1', 'B0'] } }))).map((e) => e.type)).toEqual(['A1', 'B0']);
        expect((await collect(store.readAll({ filter: { streamPrefix: 'claim-' } }))).map((e) => e.type)).toEqual(['X0']);
      });
      it('streams a long stream: breaking out early reads no more than needed', async () => {
        const length = options.longStreamLength ?? 20_000;
        for (let i = 0; i < length; i += 500) await append('long', Array.from({ length: Math.min(500, length - i) }, (_, k) => makeEvent('Tick', { n: i + k })));
        let seen = 0;
        for await (const event of store.readStream('long')) {
          expect(event.revision).toBe(seen);
          if (++seen === 1_000) break;
        }
        expect(seen).toBe(1_000);
        let count = 0;
        for await (const _ of store.readAll({ fromPosition: 0 })) count++;
        expect(count).toBe(length);
        expect(rightOf(await store.streamRevision('long')())).toBe(length - 1);
      });
    });

    it('agrees with a model: readAll holds exactly the accepted appends in order, and each stream is its part of readAll', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.constantFrom('s-1', 's-2', 's-3'), size: fc.integer({ min: 0, max: 3 }), expect: fc.constantFrom<'any' | 'no_stream' | 'exact' | 'stale'>('any', 'no_stream', 'exact', 'stale') }), { maxLength: 25 }),
          async (appends) => {
            const fresh = await makeStore();
            try {
              const model = new Map<string, string[]>();
              const accepted: string[] = [];
              for (const a of appends) {
                const current = model.get(a.stream);
                const revision = current === undefined ? 'no_stream' : current.length - 1;
                const expectedRevision: ExpectedRevision =
                  a.expect === 'exact' ? (revision === 'no_stream' ? 'no_stream' : revision) : a.expect === 'stale' ? (revision === 'no_stream' ? 0 : revision + 1) : a.expect;
                const events = Array.from({ length: a.size }, () => makeEvent(`E`));
                const result = await fresh.store.appendToStream(a.stream, events, { expectedRevision })();
                const ok = a.expect === 'any' || a.expect === 'exact' || (a.expect === 'no_stream' && revision === 'no_stream');
                expect(result._tag).toBe(ok ? 'Right' : 'Left');
                if (ok && a.size > 0) {
                  model.set(a.stream, [...(current ?? []), ...events.map((e) => e.id)]);
                  accepted.push(...events.map((e) => e.id));
                }
              }
              const all = await collect(fresh.store.readAll());
              expect(ids(all)).toEqual(accepted);
              for (const [stream, streamIds] of model) {
                expect(ids(await collect(fresh.store.readStream(stream)))).toEqual(streamIds);
                expect(ids(all.filter((e) => e.streamName === stream))).toEqual(streamIds);
              }
            } finally {
              await fresh.teardown?.();
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });
};
