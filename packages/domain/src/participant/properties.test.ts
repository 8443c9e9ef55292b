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

/** Random participant commands: mostly payments (right or wrong), some assessments, sponsorship changes and re-enrolments. */
const commandArb: fc.Arbitrary<ParticipantCommand> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ period: periodArb, paidOn: dayArb, payer: payerArb, ref: refArb, wrong: fc.integer({ min: 0, max: 9 }) }).map(
    ({ period, paidOn, payer, ref, wrong }): ParticipantCommand => ({ type: 'PayContribution', participantId, period, paidOn, payer, paymentReference: ref, total: Rupiah.of(wrong === 0 ? 16_000 : 16_800) }),
  ) },
  { weight: 2, arbitrary: dayArb.map((d): ParticipantCommand => ({ type: 'AssessArrears', participantId, assessedOn: d })) },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb }).map(({ period, on }): ParticipantCommand => ({ type: 'StartSponsorship', participantId, sponsor: gemetSekul, fromPeriod: period, startedOn: on })) },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb }).map(({ period, on }): ParticipantCommand => ({ type: 'EndSponsorship', participantId, sponsor: gemetSekul, lastPeriod: period, endedOn: on })) },
  { weight: 1, arbitrary: dayArb.map((on): ParticipantCommand => ({ type: 'EnrolParticipant', ...enrolledBpu.data, enrolledOn: on, firstPeriod: IsoDate.period(on), sponsor: gemetSekul })) },
);

const opening: ParticipantCommand[] = [
  { type: 'RegisterParticipant', ...registered.data },
  { type: 'EnrolParticipant', ...enrolledBpu.data, sponsor: gemetSekul },
];

/** Runs commands through decide and evolve, checking at each step that evolve accepts what decide emitted and that a repeat is a no-op. */
const run = (commands: ReadonlyArray<ParticipantCommand>): { state: ParticipantState; events: ParticipantEvent[]; accepted: ParticipantCommand[] } => {
  let state = decider.initialState;
  const events: ParticipantEvent[] = [];
  const accepted: ParticipantCommand[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    if (E.isLeft(decided)) continue;
    for (const event of decided.right) state = decider.evolve(state, event); // throws if decide emitted an impossible event
    events.push(...decided.right);
    if (decided.right.length > 0) {
      accepted.push(command);
      expect(decider.decide(command, state)).toEqual(E.right([]));
    }
  }
  return { state, events, accepted };
};

describe('participant decider properties', () => {
  it('decide never emits an event that evolve rejects, and a repeated command records nothing', () => {
    fc.assert(fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => void run([...opening, ...commands])), { numRuns: 300 });
  });

  it('money is conserved: every rupiah accepted is recorded once, split exactly into programme lines', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), (commands) => {
        const { state, events, accepted } = run([...opening, ...commands]);
        const payments = events.flatMap((e) => (e.type === 'ContributionPaid' ? [e.data] : []));
        const acceptedPayments = accepted.flatMap((c) => (c.type === 'PayContribution' ? [c.total] : []));
        expect(Rupiah.sum(payments.map((p) => p.total))).toBe(Rupiah.sum(acceptedPayments));
        for (const p of payments) expect(Rupiah.sum(p.lines.map((l) => l.amount))).toBe(p.total);
        expect(new Set(payments.map((p) => p.period)).size).toBe(payments.length);
        expect(new Set(payments.map((p) => p.paymentReference)).size).toBe(payments.length);
        if (state.status === 'enrolled' || state.status === 'lapsed') expect(state.payments.size).toBe(payments.length);
      }),
      { numRuns: 300 },
    );
  });

  it('folding the same events again gives an equal state (evolve is deterministic and shares nothing it should not)', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), fc.nat(40), (commands, cut) => {
        const { events } = run([...opening, ...commands]);
        const fold = (list: ParticipantEvent[]) => list.reduce(decider.evolve, decider.initialState);
        const prefix = fold(events.slice(0, cut));
        const whole = fold(events);
        // Branch off an older state: the newer state must not see the branch, nor the branch the newer state's payments.
        const branched = events.slice(cut).reduce(decider.evolve, prefix);
        const view = (s: ParticipantState) => (s.status === 'enrolled' || s.status === 'lapsed' ? { ...s, payments: [...s.payments] } : s);
        expect(view(branched)).toEqual(view(whole));
      }),
      { numRuns: 200 },
    );
  });
});
