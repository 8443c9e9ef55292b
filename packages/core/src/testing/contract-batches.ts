import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAllInBatches, readAllToFoldInBatches } from '../store/read.js';
import type { EventStore, EventToFold, ReadAllBatchesOptions, RecordedEvent } from '../store/types.js';
import { collect, makeEvent } from './helpers.js';

/** The store under test, and appends to it, as the contract suite sets them up before each test. */
export interface BatchContractContext {
  readonly store: () => EventStore;
}

const typesOf = (events: ReadonlyArray<RecordedEvent>): string[] => events.map((e) => e.type);
const toFold = ({ type, data, metadata, globalPosition }: EventToFold): EventToFold => ({ type, data, metadata, globalPosition });

/**
 * The contract of reading the log in batches (`readAllBatches`, optional, and `readAllInBatches`,
 * which falls back on readAll) and of the `alsoTypesNotIn` filter. Part of eventStoreContractSuite.
 */
export const batchContract = (context: BatchContractContext): void => {
  const seed = async () => {
    const store = context.store();
    const append = async (stream: string, types: string[]) => {
      const result = await store.appendToStream(stream, types.map((type) => makeEvent(type)), { expectedRevision: 'any' })();
      expect(result._tag).toBe('Right');
    };
    await append('participant-a', ['A0', 'A1']);
    await append('claim-x', ['X0']);
    await append('participant-a', ['A2']);
    await append('participant-b', ['B0']);
    return store;
  };

  describe('reading in batches, and types a reader does not know', () => {
    it('filters by the types a reader reads plus every type that is none of those it knows (alsoTypesNotIn)', async () => {
      const store = await seed();
      const read = async (filter: Parameters<EventStore['readAll']>[0]) => typesOf(await collect(store.readAll(filter)));
      expect(await read({ filter: { eventTypes: ['A1'], alsoTypesNotIn: ['A0', 'A1', 'A2'] } })).toEqual(['A1', 'X0', 'B0']);
      expect(await read({ filter: { alsoTypesNotIn: ['A0', 'A1', 'A2', 'X0'] } })).toEqual(['B0']);
      expect(await read({ filter: { eventTypes: ['A0'], alsoTypesNotIn: ['A0', 'A1', 'A2', 'B0'], streamPrefix: 'participant-' } })).toEqual(['A0']);
      expect(await read({ filter: { eventTypes: [], alsoTypesNotIn: [] } })).toEqual(['A0', 'A1', 'X0', 'A2', 'B0']);
      expect(await read({ filter: { eventTypes: ['A2'], alsoTypesNotIn: ['A0', 'A1', 'A2', 'X0', 'B0'] }, maxCount: 5 })).toEqual(['A2']);
    });

    it("yields exactly readAll's events, in order, in non-empty batches of at most batchSize, with or without the store's own readAllBatches; and for folding, the same without ids, streams and revisions", async () => {
      const store = await seed();
      const all = await collect(store.readAll());
      const positions = all.map((e) => e.globalPosition);
      const optionsArb: fc.Arbitrary<ReadAllBatchesOptions> = fc.record(
        {
          fromPosition: fc.oneof(fc.constantFrom(...positions), fc.constantFrom(...positions).map((p) => p + 0.5), fc.constant(0)),
          maxCount: fc.integer({ min: 0, max: 6 }),
          batchSize: fc.integer({ min: 1, max: 4 }),
          filter: fc.record(
            { eventTypes: fc.subarray(['A0', 'A1', 'A2', 'X0', 'B0']), alsoTypesNotIn: fc.subarray(['A0', 'A1', 'A2', 'X0', 'B0']), streamPrefix: fc.constantFrom('participant-', 'claim-', 'p') },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      );
      const withoutBatches: EventStore = { appendToStream: store.appendToStream, readStream: store.readStream, readAll: store.readAll, streamRevision: store.streamRevision };
      await fc.assert(
        fc.asyncProperty(optionsArb, async (options) => {
          const expected = await collect(store.readAll(options));
          for (const batches of [store.readAllBatches?.(options), readAllInBatches(store, options), readAllInBatches(withoutBatches, options)]) {
            if (batches === undefined) continue;
            const read = await collect(batches);
            expect(read.flat()).toEqual(expected);
            for (const batch of read) {
              expect(batch.length).toBeGreaterThan(0);
              expect(batch.length).toBeLessThanOrEqual(options.batchSize ?? Number.POSITIVE_INFINITY);
            }
          }
          for (const batches of [store.readAllToFold?.(options), readAllToFoldInBatches(store, options)]) {
            if (batches === undefined) continue;
            const read = await collect(batches);
            expect(read.flat().map(toFold)).toEqual(expected.map(toFold));
            for (const batch of read) expect(batch.length).toBeGreaterThan(0);
            for (const batch of read) expect(batch.length).toBeLessThanOrEqual(options.batchSize ?? Number.POSITIVE_INFINITY);
          }
        }),
        { numRuns: 40 },
      );
    });

    it('reads a long log in batches, and breaking out early releases the read', async () => {
      const store = context.store();
      for (let i = 0; i < 3_000; i += 500) expect((await store.appendToStream('long', Array.from({ length: 500 }, (_, k) => makeEvent('Tick', { n: i + k })), { expectedRevision: 'any' })())._tag).toBe('Right');
      let seen = 0;
      for await (const batch of readAllInBatches(store, { batchSize: 700 })) {
        for (const event of batch) expect(event.data).toEqual({ n: seen++ });
        if (seen >= 1_400) break;
      }
      expect(seen).toBe(1_400);
      expect((await store.appendToStream('long', [makeEvent('After')], { expectedRevision: 2_999 })())._tag).toBe('Right');
      const sizes = (await collect(readAllInBatches(store))).map((batch) => batch.length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(3_001);
    });
  });
};
