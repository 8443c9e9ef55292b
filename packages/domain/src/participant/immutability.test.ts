import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '../policy/index.js';
import { enrolledBpu, gemetSekul, participantId, registered } from '../testing/fixtures.js';
import { IsoDate, Period } from '../values/calendar.js';
import type { PaymentReference } from '../values/ids.js';
import { Rupiah } from '../values/rupiah.js';
import type { Sponsor } from '../values/sponsor.js';
import type { ParticipantCommand } from './commands.js';
import { participantDecider } from './decider.js';
import type { ParticipantEvent } from './events.js';
import type { ParticipantState } from './state.js';

const decider = participantDecider(baselinePolicy);
const start = IsoDate.toDayNumber(IsoDate.of(2024, 1, 1));
const dayArb = fc.integer({ min: 0, max: 800 }).map((d) => IsoDate.fromDayNumber(start + d));
const periodArb = fc.integer({ min: 0, max: 27 }).map((m) => Period.add(Period.of(2024, 1), m));
const payerArb = fc.constantFrom<Sponsor>({ type: 'self' }, gemetSekul);
const refArb = fc.integer({ min: 1, max: 40 }).map((n) => `REF-${n}` as PaymentReference);

const commandArb: fc.Arbitrary<ParticipantCommand> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ period: periodArb, paidOn: dayArb, payer: payerArb, ref: refArb })
      .map(({ period, paidOn, payer, ref }): ParticipantCommand => ({ type: 'PayContribution', participantId, period, paidOn, payer, paymentReference: ref, total: Rupiah.of(16_800) })),
  },
  { weight: 2, arbitrary: dayArb.map((d): ParticipantCommand => ({ type: 'AssessArrears', participantId, assessedOn: d })) },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb }).map(({ period, on }): ParticipantCommand => ({ type: 'EndSponsorship', participantId, sponsor: gemetSekul, lastPeriod: period, endedOn: on })) },
  { weight: 1, arbitrary: dayArb.map((on): ParticipantCommand => ({ type: 'EnrolParticipant', ...enrolledBpu.data, enrolledOn: on, firstPeriod: IsoDate.period(on), sponsor: gemetSekul })) },
);

const opening: ParticipantCommand[] = [
  { type: 'RegisterParticipant', ...registered.data },
  { type: 'EnrolParticipant', ...enrolledBpu.data, sponsor: gemetSekul },
];

/** Everything a state shows, as plain data: its fields, its payments in order and what its lookups answer. */
const view = (s: ParticipantState): unknown => {
  if (s.status !== 'enrolled' && s.status !== 'lapsed') return structuredClone(s);
  const payments = [...s.payments];
  const periods = [...Period.range(Period.of(2023, 12), Period.of(2026, 6))];
  const references = Array.from({ length: 41 }, (_, n) => `REF-${n}`);
  return structuredClone({
    ...s,
    payments,
    size: s.payments.size,
    byPeriod: periods.map((p) => s.payments.forPeriod(p) ?? null),
    byReference: references.map((r) => s.payments.forReference(r) ?? null),
  });
};

interface Seen {
  readonly state: ParticipantState;
  /** Its view when it was reached. */
  readonly view: unknown;
  /** The events that led to it from the initial state. */
  readonly history: ReadonlyArray<ParticipantEvent>;
}

/** Decides and folds the commands from a state, recording every state reached with its view at that moment and its history. */
const run = (from: Seen | undefined, commands: ReadonlyArray<ParticipantCommand>, seen: Seen[]): void => {
  let state = from?.state ?? decider.initialState;
  let history = from?.history ?? [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    if (E.isLeft(decided)) continue;
    for (const event of decided.right as ReadonlyArray<ParticipantEvent>) {
      state = decider.evolve(state, event);
      history = [...history, event];
      seen.push({ state, view: view(state), history });
    }
  }
};

describe('participant states are immutable values', () => {
  it('no later event, on the newest state or on a branch from an older one, changes any state already reached', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 50 }), fc.array(fc.tuple(fc.nat(), fc.array(commandArb, { maxLength: 20 })), { maxLength: 4 }), (commands, branches) => {
        const seen: Seen[] = [];
        run(undefined, [...opening, ...commands], seen);
        // Branch off older states (payments appended to an older log version copy its prefix; the newer versions must not see them).
        for (const [at, more] of branches) {
          const base = seen[at % Math.max(1, seen.length)];
          if (base !== undefined) run(base, more, seen);
        }
        for (const { state, view: then, history } of seen) {
          expect(view(state)).toEqual(then);
          // And each state is what folding its own history from scratch gives (no branch sees another's payments).
          expect(view(state)).toEqual(view(history.reduce(decider.evolve, decider.initialState)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a payment gives a new state object and leaves the one before untouched', () => {
    const seen: Seen[] = [];
    run(undefined, opening, seen);
    const opened = seen.at(-1);
    const pay: ParticipantCommand = { type: 'PayContribution', participantId, period: Period.of(2024, 1), paidOn: IsoDate.of(2024, 1, 10), payer: gemetSekul, paymentReference: 'REF-1' as PaymentReference, total: Rupiah.of(16_800) };
    run(opened, [pay], seen);
    const [before, after] = [opened?.state, seen.at(-1)?.state];
    if (before === undefined || after === undefined) throw new Error('no state');
    expect(after).not.toBe(before);
    expect(before.status === 'enrolled' && before.payments.size).toBe(0);
    expect(after.status === 'enrolled' && after.payments.size).toBe(1);
    expect(after.status === 'enrolled' && before.status === 'enrolled' && after.enrolment === before.enrolment && after.memberships === before.memberships).toBe(true);
  });
});
