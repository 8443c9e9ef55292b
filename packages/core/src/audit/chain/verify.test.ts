import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../store/memory/memory-store.js';
import type { RecordedEvent } from '../../store/types.js';
import { collect, leftOf, makeEvent, rightOf } from '../../testing/helpers.js';
import { eventHash, readChain } from './canonical.js';
import { describeFinding, type ChainFinding } from './findings.js';
import { alterData, alterMetadata, failingAfter, removeEvent, storeServing, swapPositions, swapRevisions } from './tampering.test-support.js';
import { verifyChains, verifyStream, type VerifyOptions } from './verify.js';
import { withHashChain } from './with-hash-chain.js';

/** Three interleaved streams appended through the decorator: a (6 events), b (4), c (1). */
const history = async (): Promise<RecordedEvent[]> => {
  const store = withHashChain(createInMemoryEventStore());
  const append = (stream: string, types: string[]) => store.appendToStream(stream, types.map((t, k) => makeEvent(t, { t, k, amount: 16_800 })), { expectedRevision: 'any' })();
  await append('a', ['A0', 'A1']);
  await append('b', ['B0']);
  await append('a', ['A2']);
  await append('c', ['C0']);
  await append('b', ['B1', 'B2']);
  await append('a', ['A3', 'A4', 'A5']);
  await append('b', ['B3']);
  return collect(store.readAll());
};

const event = (events: ReadonlyArray<RecordedEvent>, stream: string, revision: number): RecordedEvent =>
  events.find((e) => e.streamName === stream && e.revision === revision) as RecordedEvent;
const ref = (e: RecordedEvent) => ({ streamName: e.streamName, revision: e.revision, eventId: e.id, globalPosition: e.globalPosition });
const verify = async (events: ReadonlyArray<RecordedEvent>, options?: VerifyOptions): Promise<ChainFinding[]> => [...rightOf(await verifyChains(storeServing(events), options)()).findings];

describe('verifyChains', () => {
  it('given an untampered store, when verified, then there are no findings, and the streams and events are counted', async () => {
    const events = await history();
    const report = rightOf(await verifyChains(storeServing(events), { includeHeads: true })());
    expect(report).toMatchObject({ streams: 3, events: 11, findings: [], omittedFindings: 0 });
    expect(report.heads?.map((h) => [h.streamName, h.revision])).toEqual([['a', 5], ['b', 3], ['c', 0]]);
  });

  it("given one event's data edited, when verified, then that event alone is named as altered", async () => {
    const events = await history();
    const target = event(events, 'a', 2);
    const findings = await verify(alterData(events, target.id, () => ({ t: 'A2', k: 0, amount: 1 })));
    expect(findings).toEqual([{ _tag: 'EventAltered', ...ref(target), storedHash: (target.metadata.chain as { hash: string }).hash, computedHash: expect.any(String) }]);
    expect(describeFinding(findings[0] as ChainFinding)).toMatch(/^a@2 .* was altered/);
  });

  it("given one event's metadata or type edited, when verified, then it is named as altered", async () => {
    const events = await history();
    const target = event(events, 'b', 1);
    expect(await verify(alterMetadata(events, target.id, { correlationId: 'forged' }))).toMatchObject([{ _tag: 'EventAltered', eventId: target.id }]);
    expect(await verify(events.map((e) => (e.id === target.id ? { ...e, type: 'Forged' } : e)))).toMatchObject([{ _tag: 'EventAltered', eventId: target.id }]);
  });

  it('given an event removed from the middle or the start of a stream, when verified, then the missing revision is named with the event after it', async () => {
    const events = await history();
    for (const revision of [0, 3]) {
      const next = event(events, 'a', revision + 1);
      expect(await verify(removeEvent(events, event(events, 'a', revision).id))).toEqual([{ _tag: 'EventRemoved', streamName: 'a', revision, toRevision: revision, next: ref(next) }]);
    }
    const twoGone = removeEvent(removeEvent(events, event(events, 'b', 1).id), event(events, 'b', 2).id);
    expect(await verify(twoGone)).toEqual([{ _tag: 'EventRemoved', streamName: 'b', revision: 1, toRevision: 2, next: ref(event(events, 'b', 3)) }]);
  });

  it("given a stream's last events removed, when verified against the heads of an earlier verification, then the cut is named; without anchors it cannot be seen", async () => {
    const events = await history();
    const heads = rightOf(await verifyChains(storeServing(events), { includeHeads: true })()).heads;
    const cut = removeEvent(removeEvent(events, event(events, 'a', 5).id), event(events, 'c', 0).id);
    expect(await verify(cut)).toEqual([]);
    expect(await verify(cut, { anchors: heads })).toEqual([
      { _tag: 'EventRemoved', streamName: 'a', revision: 5, toRevision: 5 },
      { _tag: 'EventRemoved', streamName: 'c', revision: 0, toRevision: 0 },
    ]);
  });

  it('given an edited event re-hashed by the tamperer, when verified, then the broken link is named, and an anchor names a rewritten head', async () => {
    const events = await history();
    const heads = rightOf(await verifyChains(storeServing(events), { includeHeads: true })()).heads;
    const rehash = (e: RecordedEvent, data: unknown): RecordedEvent => {
      const chain = readChain(e.metadata);
      if (chain._tag !== 'Chained') throw new Error('chained');
      const hash = rightOf(eventHash(chain.link.prev, { ...e, data }));
      return { ...e, data, metadata: { ...e.metadata, chain: { ...chain.link, hash } } };
    };
    const a2 = event(events, 'a', 2);
    const rewritten = events.map((e) => (e.id === a2.id ? rehash(e, { forged: true }) : e));
    expect(await verify(rewritten)).toMatchObject([{ _tag: 'ChainBroken', reason: 'PrevMismatch', ...ref(event(events, 'a', 3)) }]);
    const b3 = event(events, 'b', 3);
    expect(await verify(events.map((e) => (e.id === b3.id ? rehash(e, { forged: true }) : e)))).toEqual([]);
    expect(await verify(events.map((e) => (e.id === b3.id ? rehash(e, { forged: true }) : e)), { anchors: heads })).toMatchObject([{ _tag: 'ChainBroken', reason: 'AnchorMismatch', eventId: b3.id }]);
  });

  it("given two events' revisions swapped, when verified, then both are named as stored under a revision they were not hashed at", async () => {
    const events = await history();
    const [x, y] = [event(events, 'a', 1), event(events, 'a', 4)];
    expect(await verify(swapRevisions(events, x.id, y.id))).toEqual([
      { _tag: 'EventsReordered', ...ref(x), revision: 4, hashedAtRevision: 1 },
      { _tag: 'EventsReordered', ...ref(y), revision: 1, hashedAtRevision: 4 },
    ]);
  });

  it("given two events' global positions swapped, adjacent or not, when verified, then the late one is named with the one stored before it", async () => {
    const events = await history();
    for (const [i, j] of [[1, 4], [2, 3], [0, 5]] as const) {
      const [x, y] = [event(events, 'a', i), event(events, 'a', j)];
      const findings = await verify(swapPositions(events, x.id, y.id));
      expect(findings).toEqual([{ _tag: 'EventsReordered', ...ref(x), globalPosition: y.globalPosition, storedAfter: { ...ref(y), globalPosition: x.globalPosition } }]);
    }
  });

  it('given a small reorder buffer, when an event turns up far after its place, then the removal first assumed becomes a reordering', async () => {
    const events = await history();
    const [x, y] = [event(events, 'a', 0), event(events, 'a', 5)];
    const findings = await verify(swapPositions(events, x.id, y.id), { maxPending: 1 });
    // With one event of buffer, a0 waits for nothing: revision 0 is taken as removed when a1 arrives, and
    // every later arrival below a5 is an inversion of its own; none is left as a removal.
    expect(findings.map((f) => f._tag)).toEqual(['EventsReordered', 'EventsReordered', 'EventsReordered', 'EventsReordered']);
    expect(findings.at(-1)).toEqual({ _tag: 'EventsReordered', ...ref(x), globalPosition: y.globalPosition, storedAfter: ref(event(events, 'a', 1)) });
    expect(findings.slice(0, 3).map((f) => f._tag === 'EventsReordered' && f.storedAfter?.eventId)).toEqual([y.id, y.id, y.id]);
  });

  it('given events without a chain or with a malformed one, when verified, then each is named, and a duplicate revision too', async () => {
    const events = await history();
    const [c0, b2] = [event(events, 'c', 0), event(events, 'b', 2)];
    const unchained = events.map((e) => (e.id === c0.id ? { ...e, metadata: { schemaVersion: 1, recordedAt: e.metadata.recordedAt } } : e));
    expect(await verify(unchained)).toEqual([{ _tag: 'ChainMissing', ...ref(c0) }]);
    expect(await verify(alterMetadata(events, b2.id, { chain: { v: 1, prev: 'x' } }))).toMatchObject([{ _tag: 'ChainBroken', reason: 'MalformedChain', eventId: b2.id }]);
    const copy = { ...b2, globalPosition: 1_000 };
    expect(await verify([...events, copy])).toMatchObject([{ _tag: 'ChainBroken', reason: 'DuplicateRevision', eventId: b2.id, globalPosition: 1_000 }]);
    const forgedCopy = { ...b2, id: 'forged', globalPosition: 1_000 };
    expect((await verify([...events, forgedCopy])).map((f) => f._tag === 'ChainBroken' ? f.reason : f._tag)).toEqual(['EventAltered', 'DuplicateRevision']);
  });

  it('given more findings than maxFindings, when verified, then the rest are counted', async () => {
    const events = (await history()).map((e) => ({ ...e, metadata: { schemaVersion: 1, recordedAt: e.metadata.recordedAt } }));
    const report = rightOf(await verifyChains(storeServing(events), { maxFindings: 4 })());
    expect(report.findings).toHaveLength(4);
    expect(report).toMatchObject({ omittedFindings: 7, counts: { ChainMissing: 11, EventAltered: 0 } });
  });

  it('given a stream prefix, when verified, then only those streams are read', async () => {
    const events = await history();
    const report = rightOf(await verifyChains(storeServing(removeEvent(events, event(events, 'a', 1).id)), { streamPrefix: 'b' })());
    expect(report).toMatchObject({ streams: 1, events: 4, findings: [] });
  });

  it('given a read that fails midway, when verified, then the failure is a StoreFailure value', async () => {
    expect(leftOf(await verifyChains(failingAfter(await history(), 3))())).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/verify/) });
  });
});

describe('verifyStream', () => {
  it('given one stream, when verified, then it reports what verifyChains reports for it', async () => {
    const events = await history();
    const tamperings = [
      removeEvent(events, event(events, 'a', 2).id),
      swapRevisions(events, event(events, 'a', 1).id, event(events, 'a', 3).id),
      swapPositions(events, event(events, 'a', 0).id, event(events, 'a', 4).id),
      alterData(events, event(events, 'a', 5).id, () => ({})),
    ];
    for (const tampered of tamperings) {
      const whole = await verify(tampered);
      const one = rightOf(await verifyStream(storeServing(tampered), 'a')());
      expect(whole.length).toBeGreaterThan(0);
      expect(one).toMatchObject({ streams: 1, events: tampered.filter((e) => e.streamName === 'a').length });
      expect(one.findings).toEqual(whole);
    }
    expect(rightOf(await verifyStream(storeServing(events), 'b')()).findings).toEqual([]);
  });
});
