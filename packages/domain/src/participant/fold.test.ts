import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cilegon, enrolledBpu, gemetSekul, paid, participantId, registered } from '../testing/fixtures.js';
import { IsoDate, Period } from '../values/calendar.js';
import type { EmployerId, PaymentReference } from '../values/ids.js';
import { Rupiah } from '../values/rupiah.js';
import type { Sponsor } from '../values/sponsor.js';
import type { ParticipantEvent } from './events.js';
import { evolveParticipant } from './evolve.js';
import { FoldedParticipant } from './fold.js';
import { initialParticipantState, type Identity, type Member, type ParticipantState } from './state.js';

const start = IsoDate.toDayNumber(IsoDate.of(2024, 1, 1));
const dayArb = fc.integer({ min: 0, max: 900 }).map((d) => IsoDate.fromDayNumber(start + d));
const periodArb = fc.integer({ min: -3, max: 30 }).map((m) => Period.add(Period.of(2024, 1), m));
const csr: Sponsor = { type: 'csr', sponsorId: 'CSR-1' } as Sponsor;
const sponsorArb = fc.constantFrom<Sponsor>(gemetSekul, csr);

/** Any participant event, valid in its place or not: evolve decides, and the fold must agree. */
const eventArb: fc.Arbitrary<ParticipantEvent> = fc.oneof(
  // A payment of any month on any day (in order or not, before the membership, twice for a month).
  { weight: 12, arbitrary: fc.record({ period: periodArb, on: dayArb }).map(({ period, on }) => paid(period, on)) },
  { weight: 1, arbitrary: fc.constant(registered) },
  {
    weight: 2,
    arbitrary: fc.record({ on: dayArb, pu: fc.boolean() }).map(({ on, pu }): ParticipantEvent => ({
      type: 'ParticipantEnrolled',
      data: { ...enrolledBpu.data, ...(pu ? { terms: { segment: 'PU' as const, wage: Rupiah.of(3_000_000), riskGroup: 2 as const, employerId: 'NPP-1' as EmployerId } } : {}), enrolledOn: on, firstPeriod: IsoDate.period(on) },
    })),
  },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb, sponsor: sponsorArb }).map(({ period, on, sponsor }): ParticipantEvent => ({ type: 'SponsorshipStarted', data: { participantId, sponsor, fromPeriod: period, startedOn: on } })) },
  { weight: 1, arbitrary: fc.record({ period: periodArb, on: dayArb, sponsor: sponsorArb }).map(({ period, on, sponsor }): ParticipantEvent => ({ type: 'SponsorshipEnded', data: { participantId, sponsor, lastPeriod: period, endedOn: on } })) },
  { weight: 1, arbitrary: fc.record({ on: dayArb, unpaid: fc.array(periodArb, { maxLength: 3 }) }).map(({ on, unpaid }): ParticipantEvent => ({ type: 'ArrearsRecorded', data: { participantId, assessedOn: on, unpaidPeriods: unpaid, policyId: 'p' } })) },
  { weight: 1, arbitrary: fc.record({ on: dayArb, period: periodArb }).map(({ on, period }): ParticipantEvent => ({ type: 'ProtectionLapsed', data: { participantId, lapsedOn: on, firstUnpaidPeriod: period, policyId: 'p', legalRef: 'PP 44/2015' } })) },
  { weight: 1, arbitrary: fc.record({ on: dayArb, period: periodArb }).map(({ on, period }): ParticipantEvent => ({ type: 'ProtectionReinstated', data: { participantId, reinstatedOn: on, fromPeriod: period, policyId: 'p' } })) },
);

/** A run of monthly payments from a month: what most of a real history is (the paid-through month advancing one by one). */
const runArb = fc.record({ from: periodArb, months: fc.integer({ min: 1, max: 8 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ from, months, day }) =>
  Array.from({ length: months }, (_, i) => {
    const period = Period.add(from, i);
    return paid(period, Period.day(period, day));
  }),
);

type Step = { readonly events: ReadonlyArray<ParticipantEvent>; readonly read: boolean };
const stepArb: fc.Arbitrary<Step> = fc.record({ events: fc.oneof({ weight: 4, arbitrary: eventArb.map((e) => [e]) }, { weight: 1, arbitrary: runArb }), read: fc.boolean() });
const opening: ParticipantEvent[] = [registered, enrolledBpu];

/** The payment evolve is given in the reference: what the fold keeps of it (no total, no reference; canonical texts). */
const slim = (event: ParticipantEvent): ParticipantEvent =>
  event.type === 'ContributionPaid' ? { type: event.type, data: { ...event.data, total: 0 as never, paymentReference: '' as PaymentReference } } : event;

/** A state as plain data (the payment log as its records), to compare two states. */
const plain = (state: ParticipantState): unknown => (state.status === 'enrolled' || state.status === 'lapsed' ? { ...state, payments: [...state.payments] } : state);

const outcome = (f: () => void): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

/** Folds a history both ways, comparing whenever the step reads and at the end; stops where evolve throws (as a projection run stops). */
const check = (steps: ReadonlyArray<Step>, identity?: Identity): void => {
  const fold = new FoldedParticipant(identity);
  let expected: ParticipantState = initialParticipantState;
  const seen: Array<[ParticipantState, unknown]> = [];
  for (const step of steps) {
    for (const event of step.events) {
      let next: ParticipantState = expected;
      const evolved = outcome(() => void (next = evolveParticipant(expected, slim(event))));
      expect(outcome(() => fold.apply(event))).toBe(evolved);
      if (evolved !== 'ok') return;
      expected = identity !== undefined && next.status === 'registered' ? { ...next, identity } : next;
      expect(fold.status).toBe(expected.status);
      if (expected.status === 'enrolled' || expected.status === 'lapsed') {
        expect(fold.paidThrough).toBe(expected.paidThroughIndex);
        const pairs = [...expected.payments].flatMap((p) => [Period.index(p.period), IsoDate.toDayNumber(p.paidOn)]);
        expect(fold.payments).toEqual(pairs);
      }
    }
    if (step.read) {
      const state = fold.state;
      expect(plain(state)).toEqual(plain(expected));
      seen.push([state, plain(state)]);
    }
  }
  expect(plain(fold.state)).toEqual(plain(expected));
  // A state once read is never changed by what the fold does after.
  for (const [state, then] of seen) expect(plain(state)).toEqual(then);
};

describe('FoldedParticipant: the state evolve builds, folded in place', () => {
  it('equals evolveParticipant over random histories (payments without totals or references), read at random points, and throws where evolve throws', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => check([{ events: opening, read: false }, ...steps])),
      { numRuns: 500 },
    );
  });

  it('also from histories that start anywhere (registration and enrolment may be missing or repeated)', () => {
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => check(steps)), { numRuns: 300 });
  });

  it('keeps the identity it is given in place of the one a registration carries', () => {
    const blank = { nik: '', birthDate: '', domicileRegionId: '', registeredOn: '' } as unknown as Identity;
    const fold = new FoldedParticipant(blank);
    fold.apply(registered);
    fold.apply(enrolledBpu);
    fold.apply(paid('2024-01', '2024-01-10'));
    expect((fold.state as Member).identity).toBe(blank);
    fc.assert(fc.property(fc.array(stepArb, { maxLength: 20 }), (steps) => check([{ events: opening, read: true }, ...steps], blank)), { numRuns: 100 });
  });

  it('notes a payment as its month and day, and advances the paid-through month over months paid ahead', () => {
    const fold = new FoldedParticipant();
    for (const event of [registered, enrolledBpu, paid('2024-01', '2024-01-10'), paid('2024-03', '2024-01-12')]) fold.apply(event);
    expect(fold.paidThrough).toBe(Period.index(Period.of(2024, 1)));
    fold.apply(paid('2024-02', '2024-02-10'));
    expect(fold.paidThrough).toBe(Period.index(Period.of(2024, 3)));
    expect(fold.payments).toEqual([24_288, IsoDate.toDayNumber(IsoDate.of(2024, 1, 10)), 24_290, IsoDate.toDayNumber(IsoDate.of(2024, 1, 12)), 24_289, IsoDate.toDayNumber(IsoDate.of(2024, 2, 10))]);
    expect((fold.state as Member).payments.forPeriod(Period.of(2024, 3))).toEqual({ period: '2024-03', paidOn: '2024-01-12', total: 0, paymentReference: '' });
  });

  it('reinstates from the payments noted since the state was last read (the one event whose evolve reads them)', () => {
    const lapsed: ParticipantEvent = { type: 'ProtectionLapsed', data: { participantId, lapsedOn: IsoDate.of(2024, 6, 1), firstUnpaidPeriod: Period.of(2024, 2), policyId: 'p', legalRef: 'PP 44/2015' } };
    const reinstated: ParticipantEvent = { type: 'ProtectionReinstated', data: { participantId, reinstatedOn: IsoDate.of(2024, 7, 1), fromPeriod: Period.of(2024, 2), policyId: 'p' } };
    check([{ events: [...opening, paid('2024-01', '2024-01-10'), lapsed, paid('2024-02', '2024-06-20'), paid('2024-03', '2024-06-20'), reinstated], read: false }]);
    check([{ events: [...opening, paid('2024-01', '2024-01-10'), lapsed], read: true }, { events: [paid('2024-02', '2024-06-20'), paid('2024-03', '2024-06-20'), reinstated], read: false }]);
    const fold = new FoldedParticipant();
    for (const event of [...opening, paid('2024-01', '2024-01-10'), lapsed, paid('2024-02', '2024-06-20'), paid('2024-03', '2024-06-20'), reinstated]) fold.apply(event);
    expect(fold.paidThrough).toBe(Period.index(Period.of(2024, 3)));
  });

  it('restores a member from its saved state and payments: the same state, and the same fold from then on', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), fc.array(stepArb, { maxLength: 10 }), (before, after) => {
        const original = new FoldedParticipant();
        for (const event of [...opening, ...before.flatMap((s) => s.events)]) if (outcome(() => original.apply(event)) !== 'ok') return;
        const state = original.state;
        if (state.status !== 'enrolled' && state.status !== 'lapsed') return;
        const { payments: _payments, paidThroughIndex, ...saved } = state;
        const restored = FoldedParticipant.restore(saved, [...original.payments], paidThroughIndex);
        expect(plain(restored.state)).toEqual(plain(state));
        for (const event of after.flatMap((s) => s.events)) {
          const a = outcome(() => original.apply(event));
          expect(outcome(() => restored.apply(event))).toBe(a);
          if (a !== 'ok') return;
        }
        expect(plain(restored.state)).toEqual(plain(original.state));
      }),
      { numRuns: 200 },
    );
  });

  it('restores a registered participant', () => {
    const fold = FoldedParticipant.restore({ status: 'registered', participantId, identity: { nik: '', birthDate: '', domicileRegionId: cilegon, registeredOn: '' } as unknown as Identity });
    expect(fold.status).toBe('registered');
    fold.apply(enrolledBpu);
    expect(fold.status).toBe('enrolled');
    expect((fold.state as Member).identity.domicileRegionId).toBe(cilegon);
  });
});
