import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../store/memory/memory-store.js';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../../store/types.js';
import { eventStoreContractSuite } from '../../testing/contract-suite.js';
import { collect, leftOf, makeEvent, rightOf } from '../../testing/helpers.js';
import { GENESIS_HASH, eventHash, readChain } from './canonical.js';
import { verifyChains } from './verify.js';
import { withHashChain } from './with-hash-chain.js';

eventStoreContractSuite('hash-chained in-memory store', async () => ({ store: withHashChain(createInMemoryEventStore()) }));

/** Checks every stream's chain by hand, independently of verifyChains: genesis, links, and each hash recomputed. */
const expectChained = (events: ReadonlyArray<RecordedEvent>): void => {
  const last = new Map<string, string>();
  for (const event of events) {
    const entry = readChain(event.metadata);
    expect(entry._tag).toBe('Chained');
    if (entry._tag !== 'Chained') return;
    expect(entry.link.prev).toBe(event.revision === 0 ? GENESIS_HASH : last.get(event.streamName));
    expect(entry.link.hash).toBe(rightOf(eventHash(entry.link.prev, event)));
    last.set(event.streamName, entry.link.hash);
  }
};

describe('withHashChain', () => {
  it('given appends with every kind of expectation, when read back, then each event links to its predecessor and hashes its content', async () => {
    const store = withHashChain(createInMemoryEventStore());
    const append = async (stream: string, count: number, expectedRevision: ExpectedRevision) =>
      rightOf(await store.appendToStream(stream, Array.from({ length: count }, (_, k) => makeEvent(`E${k}`, { k, note: 'ü' })), { expectedRevision })());
    await append('a', 2, 'no_stream');
    await append('b', 1, 'any');
    await append('a', 3, 1);
    await append('b', 2, 'stream_exists');
    await append('a', 1, 'any');
    const all = await collect(store.readAll());
    expect(all.map((e) => `${e.streamName}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2', 'a3', 'a4', 'b1', 'b2', 'a5']);
    expectChained(all);
    expect((await collect(store.readStream('a')))[0]?.metadata).toMatchObject({ schemaVersion: 1, chain: { v: 1, prev: GENESIS_HASH } });
  });

  it('given many concurrent appends with any, when they race, then all land (re-reading the end) and the chain stays whole', async () => {
    const store = withHashChain(createInMemoryEventStore());
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendToStream('s', [makeEvent(`W${i}`), makeEvent(`W${i}`)], { expectedRevision: 'any' })()));
    expect(results.every(E.isRight)).toBe(true);
    const events = await collect(store.readStream('s'));
    expect(events).toHaveLength(40);
    expectChained(events);
  });

  it('given contention and no retries left, when appending with any, then the conflict is answered as a WrongExpectedVersion for any', async () => {
    const store = withHashChain(createInMemoryEventStore(), { maxRetries: 0 });
    const results = await Promise.all(Array.from({ length: 3 }, () => store.appendToStream('s', [makeEvent('W')], { expectedRevision: 'any' })()));
    expect(results.filter(E.isRight)).toHaveLength(1);
    for (const result of results.filter(E.isLeft)) expect(result.left).toMatchObject({ _tag: 'WrongExpectedVersion', expected: 'any', actual: 0 });
    expectChained(await collect(store.readAll()));
  });

  it('given another writer landing between the read of the stream end and the append, when appending with stream_exists, a revision or any, then the events still land chained where they were hashed', async () => {
    for (const [opening, expectedRevision] of [[0, 'stream_exists'], [1, 1], [1, 'any']] as const) {
      const inner = createInMemoryEventStore();
      const other = withHashChain(inner);
      if (opening > 0) rightOf(await other.appendToStream('s', [makeEvent('Opened')], { expectedRevision: 'no_stream' })());
      let raced = false;
      const racing: EventStore = {
        ...inner,
        readStream: (name, options) =>
          (async function* () {
            const events = await collect(inner.readStream(name, options));
            if (!raced) {
              raced = true;
              rightOf(await other.appendToStream('s', [makeEvent('Other')], { expectedRevision: 'any' })());
            }
            yield* events;
          })(),
      };
      const result = await withHashChain(racing).appendToStream('s', [makeEvent('Mine')], { expectedRevision })();
      expect(raced).toBe(true);
      expect(result).toEqual(E.right({ nextExpectedRevision: opening + 1, lastPosition: expect.any(Number) }));
      const events = await collect(inner.readAll());
      expect(events.map((e) => e.type)).toEqual([...(opening > 0 ? ['Opened'] : []), 'Other', 'Mine']);
      expectChained(events);
    }
  });

  it('given an event with a chain of its own making, when appended, then the decorator replaces it', async () => {
    const store = withHashChain(createInMemoryEventStore());
    const forged = { ...makeEvent('A'), metadata: { schemaVersion: 1, recordedAt: 'x', chain: { v: 1, prev: 'f'.repeat(64), hash: 'f'.repeat(64) } } };
    rightOf(await store.appendToStream('s', [forged], { expectedRevision: 'no_stream' })());
    expectChained(await collect(store.readAll()));
  });

  it('given data that is not JSON, when appended, then it is refused with InvalidAppend and nothing is written', async () => {
    const inner = createInMemoryEventStore();
    const store = withHashChain(inner);
    for (const data of [{ amount: 1n }, { at: new Date(0) }, { n: Number.NaN }])
      expect(leftOf(await store.appendToStream('s', [makeEvent('A', data)], { expectedRevision: 'any' })())).toMatchObject({ _tag: 'InvalidAppend' });
    expect(await collect(inner.readAll())).toEqual([]);
  });

  it('given a stream begun without the chain, when the decorator appends to it, then it links to the unchained event and verify names only that one', async () => {
    const inner = createInMemoryEventStore();
    const legacy = makeEvent('Legacy', { n: 0 });
    rightOf(await inner.appendToStream('s', [legacy], { expectedRevision: 'no_stream' })());
    const store = withHashChain(inner);
    rightOf(await store.appendToStream('s', [makeEvent('A'), makeEvent('B')], { expectedRevision: 0 })());
    const report = rightOf(await verifyChains(store)());
    expect(report.findings).toEqual([{ _tag: 'ChainMissing', streamName: 's', revision: 0, eventId: legacy.id, globalPosition: expect.any(Number) }]);
  });

  it('given reads of the decorated store, when compared with the inner store, then they are the same events', async () => {
    const inner = createInMemoryEventStore();
    const store: EventStore = withHashChain(inner);
    await store.appendToStream('s', [makeEvent('A'), makeEvent('B')], { expectedRevision: 'any' })();
    expect(await collect(store.readAll())).toEqual(await collect(inner.readAll()));
    expect(await collect(store.readStream('s', { direction: 'backwards' }))).toEqual(await collect(inner.readStream('s', { direction: 'backwards' })));
    expect(await store.streamRevision('s')()).toEqual(E.right(1));
  });
});
