import fc from 'fast-check';
import { expect } from 'vitest';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../store/types.js';
import type { MakeStore } from './contract-suite.js';
import { collect, makeEvent } from './helpers.js';

/** One step of the model: an append to a stream, with an expectation that the model knows to hold or fail. */
interface Step {
  readonly stream: string;
  readonly size: number;
  /** exact/stale: the stream's actual revision, or one that is wrong; replay: the stream's last accepted batch again. */
  readonly expect: 'any' | 'no_stream' | 'stream_exists' | 'exact' | 'stale' | 'replay';
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  stream: fc.constantFrom('s-1', 's-2', 's-3'),
  size: fc.integer({ min: 0, max: 3 }),
  expect: fc.constantFrom<Step['expect']>('any', 'no_stream', 'stream_exists', 'exact', 'stale', 'replay'),
});

const idsOf = (events: ReadonlyArray<RecordedEvent>): string[] => events.map((e) => e.id);

/** A stream of the model: its event ids and its last accepted non-empty batch with the revision it expected. */
interface ModelStream {
  readonly ids: string[];
  last?: { readonly events: ReadonlyArray<EventToAppend>; readonly expectedRevision: ExpectedRevision };
}

/**
 * The store against a model, on random appends to a few streams: every append succeeds or fails as
 * the model says; replays are acknowledged and add nothing; readAll holds exactly the accepted events
 * in order, with strictly increasing positions; each readStream is the projection of readAll on it.
 */
export const modelProperty = (makeStore: MakeStore, numRuns = 60): Promise<void> =>
  fc.assert(
    fc.asyncProperty(fc.array(stepArb, { maxLength: 25 }), async (steps) => {
      const { store, teardown } = await makeStore();
      try {
        const model = new Map<string, ModelStream>();
        const accepted: string[] = [];
        for (const step of steps) {
          const stream = model.get(step.stream);
          const revision = stream === undefined ? 'no_stream' : stream.ids.length - 1;
          if (step.expect === 'replay') {
            if (stream?.last === undefined) continue;
            const result = await store.appendToStream(step.stream, stream.last.events, { expectedRevision: stream.last.expectedRevision })();
            expect(result).toMatchObject({ _tag: 'Right', right: { nextExpectedRevision: revision } });
            continue;
          }
          const expectedRevision: ExpectedRevision =
            step.expect === 'exact' ? revision : step.expect === 'stale' ? (revision === 'no_stream' ? 0 : revision + 1) : step.expect;
          const events = Array.from({ length: step.size }, (_, k) => makeEvent(`E${k}`, { k }));
          const result = await store.appendToStream(step.stream, events, { expectedRevision })();
          const ok =
            step.expect === 'any' || step.expect === 'exact' || (step.expect === 'no_stream' ? revision === 'no_stream' : step.expect === 'stream_exists' && revision !== 'no_stream');
          expect(result._tag).toBe(ok ? 'Right' : 'Left');
          if (!ok) expect(result).toMatchObject({ left: { _tag: 'WrongExpectedVersion', actual: revision } });
          if (ok && events.length > 0) {
            const ids = events.map((e) => e.id);
            if (stream === undefined) model.set(step.stream, { ids, last: { events, expectedRevision } });
            else {
              stream.ids.push(...ids);
              stream.last = { events, expectedRevision };
            }
            accepted.push(...ids);
          }
        }
        const all = await collect(store.readAll());
        expect(idsOf(all)).toEqual(accepted);
        for (let i = 1; i < all.length; i++) expect((all[i] as RecordedEvent).globalPosition).toBeGreaterThan((all[i - 1] as RecordedEvent).globalPosition);
        for (const [name, stream] of model) {
          const read = await collect(store.readStream(name));
          expect(idsOf(read)).toEqual(stream.ids);
          expect(read.map((e) => e.revision)).toEqual(stream.ids.map((_, k) => k));
          expect(read).toEqual(all.filter((e) => e.streamName === name));
          expect(await store.streamRevision(name)()).toEqual({ _tag: 'Right', right: stream.ids.length - 1 });
        }
      } finally {
        await teardown?.();
      }
    }),
    { numRuns },
  );
