import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyReforms, baselinePolicy, type Policy } from '../policy/index.js';
import { enrolledBpu, gemetSekul, participantId, registered } from '../testing/fixtures.js';
import { IsoDate, Period } from '../values/calendar.js';
import type { PaymentReference } from '../values/ids.js';
import { Rupiah } from '../values/rupiah.js';
import type { Sponsor } from '../values/sponsor.js';
import type { ParticipantCommand } from './commands.js';
import { contributionDue } from './contribution-due.js';
import { participantDecider } from './decider.js';
import type { ParticipantEvent } from './events.js';
import { canonicalDayNumber, canonicalMonth, ReplayParticipant, ReplayPaymentRules } from './replay.js';
import type { ParticipantState } from './state.js';

const start = IsoDate.toDayNumber(IsoDate.of(2024, 1, 1));
const dayArb = fc.integer({ min: 0, max: 800 }).map((d) => IsoDate.fromDayNumber(start + d));
const periodArb = fc.integer({ min: -2, max: 27 }).map((m) => Period.add(Period.of(2024, 1), m));
const csr = { type: 'csr', sponsorId: 'CSR-1' } as Sponsor;
const payerArb = fc.constantFrom<Sponsor>({ type: 'self' }, gemetSekul, csr);
const refArb = fc.integer({ min: 1, max: 30 }).map((n) => `REF-${n}` as PaymentReference);

/** A command, whether it pays the amount due (what a replay's pay stands for), and whether the replay's state is read after it (which builds it from the payments noted). */
type Step = { readonly command: ParticipantCommand; readonly payingDue?: boolean; readonly read: boolean };
/** A payment of what is due (what a replay pays), sometimes of a wrong amount; paid around its month, or on any day. */
const paymentArb = fc.record({
  period: periodArb,
  paidOn: dayArb,
  next: fc.integer({ min: 0, max: 9 }),
  skip: fc.constantFrom(0, 0, 0, 0, 1, 2),
  lag: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.integer({ min: -40, max: 70 })),
  payer: payerArb,
  ref: fc.oneof(refArb, fc.integer({ min: 31, max: 10_000 }).map((n) => `REF-${n}` as PaymentReference)),
  wrong: fc.integer({ min: 0, max: 19 }),
});

const otherArb: fc.Arbitrary<ParticipantCommand> = fc.oneof(
  { weight: 3, arbitrary: dayArb.map((d): ParticipantCommand => ({ type: 'AssessArrears', participantId, assessedOn: d })) },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb, sponsor: fc.constantFrom(gemetSekul, csr) }).map(({ period, on, sponsor }): ParticipantCommand => ({ type: 'StartSponsorship', participantId, sponsor, fromPeriod: period, startedOn: on })) },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb, sponsor: fc.constantFrom(gemetSekul, csr) }).map(({ period, on, sponsor }): ParticipantCommand => ({ type: 'EndSponsorship', participantId, sponsor, lastPeriod: period, endedOn: on })) },
  {
    weight: 1,
    arbitrary: fc.record({ on: dayArb, pu: fc.boolean(), income: fc.constantFrom(1_000_000, 3_000_000, 7_500_000) }).map(
      ({ on, pu, income }): ParticipantCommand => ({
        type: 'EnrolParticipant',
        ...enrolledBpu.data,
        ...(pu ? { terms: { segment: 'PU', wage: Rupiah.of(income), riskGroup: 2, employerId: 'NPP-1' }, programmes: ['JKK', 'JKM', 'JHT', 'JP'] } : { terms: { segment: 'BPU', declaredIncome: Rupiah.of(income) } }),
        enrolledOn: on,
        firstPeriod: IsoDate.period(on),
        sponsor: gemetSekul,
      }) as ParticipantCommand,
    ),
  },
);

type Payment = typeof paymentArb extends fc.Arbitrary<infer T> ? T : never;
type Raw = { readonly kind: 'pay'; readonly p: Payment } | { readonly kind: 'other'; readonly command: ParticipantCommand };
const rawArb: fc.Arbitrary<Raw> = fc.oneof({ weight: 8, arbitrary: paymentArb.map((p): Raw => ({ kind: 'pay', p })) }, { weight: 2, arbitrary: otherArb.map((command): Raw => ({ kind: 'other', command })) });

/** Random reforms of what a payment's decision reads: arrears window, months in advance, contribution rates and amounts; from any day, even mid-month. */
const reformArb = fc.array(
  fc.record({
    path: fc.constantFrom('bpu.arrears.maxMonths', 'bpu.contribution.maxMonthsInAdvance', 'bpu.jkm.contribution', 'bpu.jkk.rateBp', 'pu.jkm.rateBp', 'pu.jp.wageCap', 'bpu.contribution.dueDay'),
    from: fc.integer({ min: -30, max: 700 }),
    n: fc.integer({ min: 0, max: 12 }),
  }),
  { maxLength: 3 },
).map((patches) => ({
  name: 'random',
  patches: patches.map(({ path, from, n }) => ({
    path,
    start: IsoDate.fromDayNumber(start + from),
    value: path === 'pu.jp.wageCap' ? 2_000_000 + n * 500_000 : path === 'bpu.contribution.dueDay' ? 1 + n * 2 : path.endsWith('rateBp') ? 10 + n * 7 : path === 'bpu.jkm.contribution' ? 6_800 + n * 100 : n,
  })),
}));

/** Everything a state shows, as plain data: its fields, its payments and what its lookups answer. */
const view = (s: ParticipantState): unknown => {
  if (s.status !== 'enrolled' && s.status !== 'lapsed') return s;
  const periods = [...Period.range(Period.of(2023, 10), Period.of(2026, 12))];
  return {
    ...s,
    payments: [...s.payments],
    size: s.payments.size,
    byPeriod: periods.map((p) => s.payments.forPeriod(p) ?? null),
    months: periods.map((p) => s.payments.hasMonth(Period.index(p))),
    byReference: Array.from({ length: 31 }, (_, n) => s.payments.forReference(`REF-${n}`) ?? null),
  };
};

/** Turns a raw payment into the command a replay runs: the amount due under the policy on the pure state (or a wrong one). */
const payStep = (p: Payment, state: ParticipantState, policy: Policy, read: boolean): Step => {
  const member = state.status === 'enrolled' || state.status === 'lapsed' ? state : undefined;
  // Mostly the month after the unbroken run (or one or two later), paid around that month; sometimes any month on any day.
  const period = member !== undefined && p.next > 0 ? Period.fromIndex(member.paidThroughIndex + 1 + p.skip) : p.period;
  const paidOn = p.next > 1 ? IsoDate.addDays(Period.firstDay(period), p.lag) : p.paidOn;
  const due = member !== undefined ? contributionDue(member, policy.at(Period.firstDay(period))) : undefined;
  const payingDue = p.wrong !== 0 && due !== undefined;
  const total = Rupiah.of(payingDue ? due.total : 16_000);
  return { command: { type: 'PayContribution', participantId, period, paidOn, payer: p.payer, paymentReference: p.ref, total }, payingDue, read };
};

describe('a replay participant (payments decided and applied in place, sponsorships decided without building the state)', () => {
  it('given random commands under random reforms, then every payment it accepts is the event decide emits, and its state is always the one evolve builds', () => {
    let fast = 0;
    let acceptedAtDue = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(rawArb, fc.boolean()), { maxLength: 60, size: 'max' }), reformArb, (raws, reform) => {
        const policy = reform.patches.length === 0 ? E.right(baselinePolicy) : applyReforms(baselinePolicy, [reform]);
        if (E.isLeft(policy)) throw new Error(JSON.stringify(policy.left));
        const decider = participantDecider(policy.right);
        const rules = new ReplayPaymentRules(policy.right);
        const replay = new ReplayParticipant();
        let pure: ParticipantState = decider.initialState;
        const apply = (command: ParticipantCommand): ReadonlyArray<ParticipantEvent> => {
          const decided = decider.decide(command, pure);
          const events = E.isRight(decided) ? decided.right : [];
          pure = events.reduce(decider.evolve, pure);
          return events;
        };
        const opening: Step[] = [
          { command: { type: 'RegisterParticipant', ...registered.data }, read: false },
          { command: { type: 'EnrolParticipant', ...enrolledBpu.data, sponsor: gemetSekul }, read: false },
        ];
        // A payment's amount is what is due on the state reached so far, so each command is built just before it runs.
        const steps = [...opening.map((step) => () => step), ...raws.map(([raw, read]) => (): Step => (raw.kind === 'pay' ? payStep(raw.p, pure, policy.right, read) : { command: raw.command, read }))];
        for (const next of steps) {
          const { command, payingDue, read } = next();
          // What the caller vouches for: no payment of the participant so far has the reference.
          const fresh = command.type === 'PayContribution' && !(pure.status === 'enrolled' || pure.status === 'lapsed' ? pure.payments.hasReference(command.paymentReference) : false);
          const expected = apply(command);
          if (payingDue === true && expected.length > 0) acceptedAtDue++;
          let event: ParticipantEvent | undefined;
          if (command.type === 'PayContribution' && payingDue === true) {
            const [month, day, paidMonth] = [canonicalMonth(command.period), canonicalDayNumber(command.paidOn), canonicalMonth(command.paidOn.slice(0, 7))];
            if (month >= 0 && day !== undefined)
              event = replay.pay(rules, command.participantId, command.period, month, command.payer, command.paymentReference, command.paidOn, day, paidMonth, fresh);
          }
          if (event !== undefined) {
            fast++;
            // Accepted in place exactly as the decider decides.
            expect([event]).toEqual(expected);
          } else {
            const decided = replay.run(command, decider.decide, decider.evolve);
            expect(E.isRight(decided) ? decided.right : []).toEqual(expected);
          }
          if (read) expect(view(replay.state)).toEqual(view(pure));
        }
        expect(view(replay.state)).toEqual(view(pure));
      }),
      { numRuns: 300 },
    );
    // The in-place path does most of the paying the decider accepts (the property means nothing if it never runs).
    console.info(`in place: ${fast} of ${acceptedAtDue} payments of the amount due that the decider accepts`);
    expect(fast).toBeGreaterThan(0.8 * acceptedAtDue);
    expect(fast).toBeGreaterThan(500);
  });

  it('refuses to take a state that was not read first while payments are noted (a bug in the caller)', () => {
    const decider = participantDecider(baselinePolicy);
    const replay = new ReplayParticipant();
    replay.state = [registered, enrolledBpu].reduce(decider.evolve, decider.initialState);
    const rules = new ReplayPaymentRules(baselinePolicy);
    const paidOn = IsoDate.of(2024, 1, 10);
    const paid = replay.pay(rules, participantId, Period.of(2024, 1), Period.index(Period.of(2024, 1)), { type: 'self' }, 'R-1' as PaymentReference, paidOn, IsoDate.toDayNumber(paidOn), Period.index(Period.of(2024, 1)), true);
    expect(paid?.type).toBe('ContributionPaid');
    expect(() => (replay.state = decider.initialState)).toThrow(/bug/);
    expect(replay.state.status === 'enrolled' && replay.state.payments.size).toBe(1);
  });
});
