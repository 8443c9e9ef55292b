import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../store/memory/memory-store.js';
import type { ExpectedRevision, RecordedEvent } from '../../store/types.js';
import { collect, makeEvent, rightOf } from '../../testing/helpers.js';
import type { ChainFinding } from './findings.js';
import { alterData, removeEvent, storeServing, swapPositions, swapRevisions } from './tampering.test-support.js';
import { verifyChains } from './verify.js';
import { withHashChain } from './with-hash-chain.js';

/** One append of a random history: a stream, a batch of JSON data, and an expectation that holds. */
interface Step {
  readonly stream: string;
  readonly data: ReadonlyArray<unknown>;
  readonly expect: 'any' | 'exact' | 'stream_exists';
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  stream: fc.constantFrom('participant-1', 'participant-2', 'claim-1', 'claim-2'),
  data: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 4 }),
  expect: fc.constantFrom<Step['expect']>('any', 'exact', 'stream_exists'),
});

/** Appends the steps through the decorator and returns the stored log. */
const appendHistory = async (steps: ReadonlyArray<Step>): Promise<RecordedEvent[]> => {
  const store = withHashChain(createInMemoryEventStore());
  const revisions = new Map<string, number>();
  for (const step of steps) {
    const revision = revisions.get(step.stream);
    const expectedRevision: ExpectedRevision = revision === undefined ? (step.expect === 'any' ? 'any' : 'no_stream') : step.expect === 'exact' ? revision : step.expect;
    const result = rightOf(await store.appendToStream(step.stream, step.data.map((data) => makeEvent('Happened', data)), { expectedRevision })());
    revisions.set(step.stream, result.nextExpectedRevision as number);
  }
  return collect(store.readAll());
};

/** One tampering: what it is, on which event(s), chosen by indexes reduced modulo what exists. */
const tamperingArb = fc.record({ kind: fc.constantFrom('alter', 'remove', 'swapRevisions', 'swapPositions'), a: fc.nat(), b: fc.nat() });

const historyArb = fc.array(stepArb, { minLength: 1, maxLength: 20 });

const ref = (e: RecordedEvent) => ({ streamName: e.streamName, revision: e.revision, eventId: e.id, globalPosition: e.globalPosition });

describe('verifyChains on random histories written through withHashChain', () => {
  it('given any multi-stream history, when verified, then there are no findings', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (steps) => {
        const events = await appendHistory(steps);
        const report = rightOf(await verifyChains(storeServing(events))());
        expect(report.findings).toEqual([]);
        expect(report.events).toBe(events.length);
        expect(report.streams).toBe(new Set(events.map((e) => e.streamName)).size);
      }),
      { numRuns: 60 },
    );
  });

  it('given one random tampering, when verified against the clean heads, then exactly that kind is reported, naming the tampered event(s)', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, tamperingArb, async (steps, { kind, a, b }) => {
        const events = await appendHistory(steps);
        const anchors = rightOf(await verifyChains(storeServing(events), { includeHeads: true })()).heads;
        const verify = async (tampered: RecordedEvent[]): Promise<ReadonlyArray<ChainFinding>> => rightOf(await verifyChains(storeServing(tampered), { anchors })()).findings;
        const target = events[a % events.length] as RecordedEvent;
        const stream = events.filter((e) => e.streamName === target.streamName);
        if (kind === 'alter') {
          const findings = await verify(alterData(events, target.id, (data) => ({ tampered: data ?? null })));
          expect(findings).toEqual([{ _tag: 'EventAltered', ...ref(target), storedHash: expect.any(String), computedHash: expect.any(String) }]);
        } else if (kind === 'remove') {
          const next = stream.find((e) => e.revision === target.revision + 1);
          const findings = await verify(removeEvent(events, target.id));
          expect(findings).toEqual([{ _tag: 'EventRemoved', streamName: target.streamName, revision: target.revision, toRevision: target.revision, ...(next === undefined ? {} : { next: ref(next) }) }]);
        } else {
          if (stream.length < 2) return;
          const i = a % (stream.length - 1);
          const j = i + 1 + (b % (stream.length - 1 - i));
          const [x, y] = [stream[i] as RecordedEvent, stream[j] as RecordedEvent];
          if (kind === 'swapRevisions') {
            expect(await verify(swapRevisions(events, x.id, y.id))).toEqual([
              { _tag: 'EventsReordered', ...ref(x), revision: y.revision, hashedAtRevision: x.revision },
              { _tag: 'EventsReordered', ...ref(y), revision: x.revision, hashedAtRevision: y.revision },
            ]);
          } else {
            expect(await verify(swapPositions(events, x.id, y.id))).toEqual([
              { _tag: 'EventsReordered', ...ref(x), globalPosition: y.globalPosition, storedAfter: { ...ref(y), globalPosition: x.globalPosition } },
            ]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
