import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { baselinePolicy, IsoDate, Period, ReplayParticipant, type JamsosEvent, type ParticipantState } from '@jamsos/domain';
import { rightOf } from '../testing/helpers.js';
import { replayToArray, type ReplaySetup } from './engine.js';
import { resolveInjections } from './injections.js';
import { parseKnowledgeTime } from './knowledge-time.js';
import { recordedLogOf } from './recorded-log-builder.js';
import type { LoggedEvent } from './types.js';
import { record, richHistoryArbitrary } from './what-if.test-support.js';
import { prepareScenario } from './what-if.js';

// The engine reads a RecordedLog (what loadRecordedLog gives) through its columns, and pays recorded
// payments in place (ReplayParticipant.pay) when it can; any other Iterable is replayed event by event
// through the deciders. Both must give the same events, counts and states, whatever the log holds.

/** Reforms of what payments and decisions read, from random days (mid-month too), alone or chained. */
const reformArbitrary = fc.array(
  fc.record({
    path: fc.constantFrom('bpu.arrears.maxMonths', 'bpu.contribution.maxMonthsInAdvance', 'bpu.jkm.contribution', 'bpu.jkk.rateBp', 'pu.jkm.rateBp', 'pu.jp.wageCap', 'bpu.contribution.dueDay', 'jkm.benefit.lumpSum'),
    from: fc.integer({ min: -30, max: 700 }),
    n: fc.integer({ min: 0, max: 8 }),
  }),
  { maxLength: 3 },
);
const valueOf = (path: string, n: number): number =>
  path === 'pu.jp.wageCap' ? 2_000_000 + n * 700_000 : path === 'bpu.contribution.dueDay' ? 1 + n * 3 : path.endsWith('rateBp') ? 10 + n * 9 : path === 'bpu.jkm.contribution' ? 6_800 + n * 100 : path === 'jkm.benefit.lumpSum' ? 20_000_000 + n * 1_000_000 : n;

/** Ways to bend a recorded log: a payment repeated later (same reference), events moved or dropped, a payment in a shape the columns do not hold. */
const mutationArbitrary = fc.array(fc.record({ kind: fc.constantFrom('repeat', 'repeat', 'move', 'drop', 'odd', 'odd-repeat', 'synthetic'), a: fc.nat(), b: fc.nat(), months: fc.integer({ min: -2, max: 3 }) }), { maxLength: 6 });

/** The id of the first synthetic worker an injection in region 3672 adds, and the reference of its payment for a month. */
const SYNTHETIC = 'whatif-3672-1';
const syntheticReference = (period: Period): string => `WHATIF-3672-1-${period}`;

const bend = (log: ReadonlyArray<LoggedEvent>, mutations: ReadonlyArray<{ readonly kind: string; readonly a: number; readonly b: number; readonly months: number }>): LoggedEvent[] => {
  const events = [...log];
  for (const { kind, a, b, months } of mutations) {
    if (events.length === 0) break;
    const [i, j] = [a % events.length, b % events.length];
    const at = events[i] as LoggedEvent;
    const paid = at.event.type === 'ContributionPaid' ? at.event : undefined;
    if (kind === 'repeat' && paid !== undefined) {
      const period = Period.add(paid.data.period, months);
      events.splice(Math.max(i + 1, j), 0, { ...at, event: { ...paid, data: { ...paid.data, period, paidOn: IsoDate.addDays(paid.data.paidOn, months * 30) } } as JamsosEvent });
    } else if (kind === 'move') {
      events.splice(i, 1);
      events.splice(j % (events.length + 1), 0, at);
    } else if (kind === 'drop') {
      events.splice(i, 1);
    } else if (kind === 'synthetic' && 'participantId' in at.event.data) {
      // The participant takes the id of an injected worker, its payments the references of the injected ones: injected and recorded payments meet.
      const id = at.event.data.participantId;
      for (const [k, e] of events.entries()) {
        if (!('participantId' in e.event.data) || e.event.data.participantId !== id) continue;
        const data =
          e.event.type === 'ContributionPaid'
            ? { ...e.event.data, participantId: SYNTHETIC, paymentReference: syntheticReference(Period.add(e.event.data.period, months)) }
            : { ...e.event.data, participantId: SYNTHETIC };
        events[k] = { ...e, event: { ...e.event, data } as JamsosEvent };
      }
    } else if (kind === 'odd-repeat' && paid !== undefined) {
      // A payment kept as an object (an extra field), and later a payment in columns with its reference for another month.
      events[i] = { ...at, event: { ...paid, data: { ...paid.data, note: 'x' } } as JamsosEvent };
      const period = Period.add(paid.data.period, months === 0 ? 1 : months);
      events.splice(Math.max(i + 1, j), 0, { ...at, event: { ...paid, data: { ...paid.data, period, paidOn: IsoDate.addDays(paid.data.paidOn, months * 30) } } as JamsosEvent });
    } else if (kind === 'odd' && paid !== undefined) {
      // A period not written canonically, or an extra field: the RecordedLog keeps such a payment as an object.
      const data = months % 2 === 0 ? { ...paid.data, period: paid.data.period.replace('-0', '-') } : { ...paid.data, note: 'x' };
      events[i] = { ...at, event: { ...paid, data } as JamsosEvent };
    }
  }
  return events;
};

/** A state as plain data, with its payments and what its lookups answer. */
const view = (state: ParticipantState | undefined): unknown =>
  state === undefined || (state.status !== 'enrolled' && state.status !== 'lapsed')
    ? state
    : { ...state, payments: [...state.payments], size: state.payments.size, months: [...Period.range(Period.of(2023, 1), Period.of(2027, 12))].map((p) => state.payments.forPeriod(p) ?? null) };

/** Every state by participant id (the map's order is not specified), and what the map answers for each id. */
const statesOf = (states: ReadonlyMap<string, ParticipantState>): Array<[string, unknown]> => {
  const entries = [...states].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [id, s] of entries) expect(states.get(id)).toBe(s);
  expect(states.size).toBe(entries.length);
  return entries.map(([id, s]) => [id, view(s)]);
};

const paid = vi.spyOn(ReplayParticipant.prototype, 'pay');
let inPlace = 0;
let payments = 0;
afterAll(() => paid.mockRestore());

describe('replaying a RecordedLog (payments in place) and the same events one by one', () => {
  it('given random histories, bent at random, under random reforms, knowledge times and injections, then the two give the same events, counts and states', async () => {
    await fc.assert(
      fc.asyncProperty(
        richHistoryArbitrary(),
        mutationArbitrary,
        reformArbitrary,
        fc.option(fc.integer({ min: 0, max: 400 })),
        fc.option(fc.record({ count: fc.integer({ min: 1, max: 3 }), from: fc.integer({ min: 0, max: 20 }), months: fc.integer({ min: 0, max: 8 }), self: fc.boolean() })),
        async (commands, mutations, patches, cut, injected) => {
          const { log } = await record(commands);
          const events = bend([...log], mutations);
          const reforms = patches.length === 0 ? [] : [{ name: 'random', patches: patches.map(({ path, from, n }) => ({ path, start: IsoDate.addDays(IsoDate.of(2024, 1, 1), from), value: valueOf(path, n) })) }];
          const fromPeriod = Period.add(Period.of(2024, 1), injected?.from ?? 0);
          const injections =
            injected === null
              ? []
              : [{ kind: 'sponsor-workers', regionId: '3672', count: injected.count, fromPeriod, toPeriod: Period.add(fromPeriod, injected.months), ...(injected.self ? { sponsor: { type: 'self' } } : {}) }];
          const scenario = rightOf(prepareScenario({ baseline: baselinePolicy, reforms, injections }));
          const setup: ReplaySetup = {
            policy: scenario.counterfactual,
            injections: rightOf(resolveInjections(scenario.injections, events, undefined, scenario.baseline)),
            ...(cut === null ? {} : { knowledgeTime: rightOf(parseKnowledgeTime(IsoDate.addDays(IsoDate.of(2024, 1, 1), cut))) }),
          };
          const compact = recordedLogOf(events);
          paid.mockClear();
          const fast = rightOf(replayToArray(compact, setup));
          inPlace += paid.mock.results.filter((r) => r.type === 'return' && r.value !== undefined).length;
          payments += compact.payments.participant.length;
          const slow = rightOf(replayToArray(events, setup));
          expect(fast.events).toEqual(slow.events);
          expect(fast.counts).toEqual(slow.counts);
          expect(statesOf(fast.participants)).toEqual(statesOf(slow.participants));
          // The RecordedLog gives back the events it was built from.
          expect([...compact]).toEqual(events);
        },
      ),
      { numRuns: 80 },
    );
    // The columns held most payments, and most were paid in place: the property compared the fast path.
    expect(payments).toBeGreaterThan(2_000);
    console.info(`payments held as columns: ${payments}, paid in place: ${inPlace}`);
    expect(inPlace).toBeGreaterThan(payments / 3);
  });
});
