import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../store/types.js';
import { readStreamOrNotFound } from '../store/read.js';
import { batchContract } from './contract-batches.js';
import { modelProperty } from './contract-model.js';
import { collect, leftOf, makeEvent, rightOf } from './helpers.js';

/** How a contract suite gets a fresh, empty store, and how it gives it back. */
export type MakeStore = () => Promise<{ readonly store: EventStore; readonly teardown?: () => Promise<void> }>;

/**
 * What a store guarantees about event ids. `store`: an id is stored at most once in the whole store
 * (memory, SQLite). `stream`: ids are de-duplicated within a stream, for a re-append at the same
 * expected revision (EventStoreDB); jamsos ids are uuid v5 of the stream name and a business key, so
 * the same id in two streams cannot come from jamsos code.
 */
export type EventIdScope = 'store' | 'stream';

/** Options of the contract suite. */
export interface ContractSuiteOptions {
  /** Events in the long-stream test (default 20,000). */
  readonly longStreamLength?: number;
  /** The store's event-id guarantee (default 'store'). */
  readonly eventIdScope?: EventIdScope;
}

/**
 * The contract every event store adapter passes: expected revisions, atomic and idempotent
 * appends, ordering, positions that are increasing but not assumed dense, and streaming reads.
 */
export const eventStoreContractSuite = (name: string, makeStore: MakeStore, options: ContractSuiteOptions = {}): void => {
  const idScope = options.eventIdScope ?? 'store';
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
      it('an empty append to a missing stream succeeds with no_stream or any, and creates nothing', async () => {
        expect(rightOf(await append('s', [], 'no_stream'))).toMatchObject({ nextExpectedRevision: 'no_stream' });
        expect(rightOf(await append('s', [], 'any'))).toMatchObject({ nextExpectedRevision: 'no_stream' });
        expect(rightOf(await store.streamRevision('s')())).toBe('no_stream');
        expect(await collect(store.readAll())).toEqual([]);
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
      it('lets exactly one of many concurrent creators of a stream (no_stream) win', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => append('s', [makeEvent(`Creator${i}`)], 'no_stream')));
        expect(results.filter((r) => r._tag === 'Right')).toHaveLength(1);
        for (const r of results) if (r._tag === 'Left') expect(r.left).toMatchObject({ _tag: 'WrongExpectedVersion', expected: 'no_stream', actual: 0 });
        expect(await collect(store.readAll())).toHaveLength(1);
      });
      it('acknowledges a re-append of the same ids at the same exact revision with the first result', async () => {
        await append('s', [makeEvent('A')]);
        const batch = [makeEvent('B'), makeEvent('C')];
        const first = rightOf(await append('s', batch, 0));
        expect(first).toMatchObject({ nextExpectedRevision: 2 });
        expect(rightOf(await append('s', batch, 0))).toEqual(first);
        expect(rightOf(await append('s', batch, 'any'))).toEqual(first);
        expect((await collect(store.readStream('s'))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
        expect(rightOf(await store.streamRevision('s')())).toBe(2);
      });
      it('acknowledges a re-append of the same ids at the same revision without duplicates', async () => {
        const batch = [makeEvent('A'), makeEvent('B')];
        const first = rightOf(await append('s', batch, 'no_stream'));
        expect(rightOf(await append('s', batch, 'no_stream'))).toEqual(first);
        await append('s', [makeEvent('C')], 1);
        expect(rightOf(await append('s', batch, 'no_stream'))).toEqual(first);
        expect(await collect(store.readStream('s'))).toHaveLength(3);
      });
      it.runIf(idScope === 'store')('never stores one id twice: an id already used elsewhere is refused', async () => {
        const event = makeEvent('A');
        await append('s', [event]);
        // Another stream: always refused as malformed. The same stream at another position: malformed, or
        // (some adapters) a version conflict; either way nothing is stored twice.
        expect(leftOf(await append('t', [event], 'no_stream'))._tag).toBe('InvalidAppend');
        expect(leftOf(await append('t', [makeEvent('B'), event], 'any'))._tag).toBe('InvalidAppend');
        expect(leftOf(await append('s', [makeEvent('B'), event], 0))._tag).toMatch(/InvalidAppend|WrongExpectedVersion/);
        expect(leftOf(await append('s', [event], 0))._tag).toMatch(/InvalidAppend|WrongExpectedVersion/);
        expect(await collect(store.readAll())).toHaveLength(1);
        expect(await collect(store.readStream('t'))).toEqual([]);
      });
      it.runIf(idScope === 'stream')('de-duplicates ids within a stream: the same batch at the same revision is stored once; another stream is another event', async () => {
        const event = makeEvent('A');
        const first = rightOf(await append('s', [event], 'no_stream'));
        expect(rightOf(await append('s', [event], 'no_stream'))).toEqual(first);
        rightOf(await append('t', [event], 'no_stream'));
        expect((await collect(store.readAll())).map((e) => e.streamName)).toEqual(['s', 't']);
        const twice = makeEvent('B');
        expect(leftOf(await append('s', [twice, twice], 0))._tag).toBe('InvalidAppend');
        expect(await collect(store.readStream('s'))).toHaveLength(1);
      });
      it('writes nothing of an invalid batch', async () => {
        const event = makeEvent('A');
        expect(leftOf(await append('s', [makeEvent('B'), event, event]))._tag).toBe('InvalidAppend');
        expect(leftOf(await append('s', [makeEvent('B'), { ...makeEvent('C'), id: '' }]))._tag).toBe('InvalidAppend');
        expect(await collect(store.readAll())).toEqual([]);
        expect(rightOf(await store.streamRevision('s')())).toBe('no_stream');
      });
      it('stores what was appended, not a reference to the objects of the caller', async () => {
        const event = makeEvent('A', { lines: [{ amount: 1 }] });
        await append('s', [event]);
        (event.data as { lines: { amount: number }[] }).lines.push({ amount: 2 });
        expect((await collect(store.readStream('s')))[0]?.data).toEqual({ lines: [{ amount: 1 }] });
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
        expect(await types({ direction: 'backwards', fromRevision: 7, maxCount: 2 })).toEqual(['A2', 'A1']);
        expect(await types({ direction: 'backwards', fromRevision: 'end', maxCount: 1 })).toEqual(['A2']);
        expect(await types({ fromRevision: 1, maxCount: 1 })).toEqual(['A1']);
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
        expect((await collect(store.readAll({ filter: { streamPrefix: 'participant-', eventTypes: ['A0', 'A2', 'X0'] } }))).map((e) => e.type)).toEqual(['A0', 'A2']);
      });
      it('counts maxCount after the filter and the position', async () => {
        await seed();
        const all = await collect(store.readAll());
        const page = await collect(store.readAll({ fromPosition: (all[0] as RecordedEvent).globalPosition, filter: { streamPrefix: 'participant-' }, maxCount: 2 }));
        expect(page.map((e) => e.type)).toEqual(['A1', 'A2']);
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
        rightOf(await append('long', [makeEvent('After')], length - 1)); // breaking out released the read
        const [last] = await collect(store.readStream('long', { direction: 'backwards', maxCount: 1 }));
        expect(last).toMatchObject({ type: 'After', revision: length });
        let count = 0;
        for await (const _ of store.readAll({ fromPosition: 0 })) count++;
        expect(count).toBe(length + 1);
        expect(rightOf(await store.streamRevision('long')())).toBe(length);
      });
    });

    batchContract({ store: () => store });

    it('agrees with a model: readAll holds exactly the accepted appends in order, and each stream is its part of readAll', async () => {
      await modelProperty(makeStore);
    });
  });
};
