import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '../policy/baseline.js';
import { bpuMonthlyContribution, puMonthlyContribution } from '../policy/calculations/index.js';
import { intervalOf, parameterOn } from '../policy/interval.js';
import { PARAMETER_NAMES } from '../policy/parameter-codecs.js';
import type { ParameterName, PolicySnapshot } from '../policy/parameters.js';
import { applyReform } from '../policy/reform.js';
import type { Policy } from '../policy/policy.js';
import { enrolledBpu, registered } from '../testing/fixtures.js';
import { IsoDate, Period } from '../values/calendar.js';
import type { EmployerId } from '../values/ids.js';
import { Rupiah } from '../values/rupiah.js';
import type { Programme } from '../values/scheme.js';
import { CONTRIBUTION_PARAMETERS, contributionDue, contributionDueUnder, monthFrom } from './contribution-due.js';
import type { EnrolmentTerms } from './events.js';
import { evolveParticipant } from './evolve.js';
import type { Member } from './state.js';

const reformed = (patches: ReadonlyArray<{ path: string; start: string; stop?: string; value: unknown }>): Policy =>
  E.getOrElseW((e: unknown) => {
    throw new Error(JSON.stringify(e));
  })(applyReform(baselinePolicy, { name: 'test', patches }));

/** Policies whose contribution parameters change at other dates than the baseline's, or not at all. */
const policies: ReadonlyArray<Policy> = [
  baselinePolicy,
  reformed([{ path: 'pu.jkm.rateBp', start: '2024-06-01', value: 60 }, { path: 'bpu.jkm.contribution', start: '2023-04-15', stop: '2024-02-01', value: 9_000 }]),
  reformed([{ path: 'jkm.benefit.lumpSum', start: '2023-01-01', value: 30_000_000 }]),
];

/** A member with given terms, folded by the real evolve (so the enrolment object is the one states share). */
const memberWith = (terms: EnrolmentTerms, programmes: ReadonlyArray<Programme>): Member => {
  const enrolled = { ...enrolledBpu, data: { ...enrolledBpu.data, terms, programmes: [...programmes] } };
  return evolveParticipant(evolveParticipant({ status: 'unregistered' }, registered), enrolled) as Member;
};

/** Amounts from a small pool (so members share terms, as at a band or a minimum wage) or from a wide range. */
const amountArb = (max: number) => fc.oneof(fc.constantFrom(1_000_000, 4_815_813, 5_000_000, 12_000_000).map(Rupiah.of), fc.integer({ min: 1, max }).map(Rupiah.of));
/** Terms no codec would let through: a risk group outside 1-5, an unknown programme, an amount that is not a number. */
const oddArb = fc.record({
  terms: fc.constantFrom<EnrolmentTerms>(
    { segment: 'PU', wage: Rupiah.of(5_000_000), riskGroup: 0 as never, employerId: 'NPP-1' as EmployerId },
    { segment: 'PU', wage: Rupiah.of(5_000_000), riskGroup: -1 as never, employerId: 'NPP-1' as EmployerId },
    { segment: 'PU', wage: Rupiah.of(5_000_000), riskGroup: 2.5 as never, employerId: 'NPP-1' as EmployerId },
    { segment: 'PU', wage: '5000000' as never, riskGroup: 2, employerId: 'NPP-1' as EmployerId },
    { segment: 'BPU', declaredIncome: '1000000' as never },
    { segment: 'BPU', declaredIncome: Number.NaN as never },
  ),
  programmes: fc.subarray(['JKK', 'JKM', 'JHT', 'JP', 'XYZ', 'JKK,JKM'] as Programme[]),
});
const termsArb: fc.Arbitrary<{ terms: EnrolmentTerms; programmes: Programme[] }> = fc.oneof(
  fc.record({
    terms: fc.record({ segment: fc.constant('BPU' as const), declaredIncome: amountArb(30_000_000) }),
    programmes: fc.subarray<Programme>(['JKK', 'JKM', 'JHT']),
  }),
  fc.record({
    terms: fc.record({
      segment: fc.constant('PU' as const),
      wage: amountArb(50_000_000),
      riskGroup: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
      employerId: fc.constant('NPP-1' as EmployerId),
    }),
    programmes: fc.subarray<Programme>(['JKK', 'JKM', 'JHT', 'JP', 'JKP']),
  }),
  oddArb,
);

/** A value, or the error it throws, to compare the memoised and the fresh computation. */
const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
};
const dayArb = fc.integer({ min: 0, max: 5 * 366 }).map((d) => IsoDate.addDays(IsoDate.of(2021, 1, 1), d));

/** The same snapshot without its interval: contributionDue then computes, memoising nothing. */
const unmemoised = (snapshot: PolicySnapshot): PolicySnapshot => ({ ...snapshot });

describe('contributionDue memoised per enrolment and policy interval', () => {
  it('gives what computing afresh gives, whatever the order of members, dates and policies asked', () => {
    fc.assert(
      fc.property(fc.array(termsArb, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), dayArb, fc.nat(policies.length - 1)), { maxLength: 40 }), (terms, asks) => {
        const members = terms.map((t) => memberWith(t.terms, t.programmes));
        for (const [m, day, p] of asks) {
          const member = members[m % members.length] as Member;
          const policy = policies[p] as Policy;
          const fresh = outcome(() => contributionDue(member, unmemoised(policy.at(day))));
          expect(outcome(() => contributionDue(member, policy.at(day)))).toEqual(fresh);
          const first = Period.firstDay(IsoDate.period(day));
          expect(outcome(() => contributionDueUnder(member, policy, IsoDate.period(day)))).toEqual(outcome(() => contributionDue(member, unmemoised(policy.at(first)))));
          // A period not in canonical form takes the comparison of days.
          const odd = `${IsoDate.period(day).slice(0, 5)}${Number(IsoDate.period(day).slice(5))}` as Period;
          expect(outcome(() => contributionDueUnder(member, policy, odd))).toEqual(outcome(() => contributionDue(member, unmemoised(policy.at(Period.firstDay(odd))))));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('follows a change of the law inside a member history (a reform from mid-2024) and returns frozen values', () => {
    const member = memberWith({ segment: 'PU', wage: Rupiah.of(5_900_000), riskGroup: 1, employerId: 'NPP-1' as EmployerId }, ['JKK', 'JKM', 'JHT', 'JP']);
    const policy = policies[1] as Policy;
    const jkm = (p: string) => contributionDueUnder(member, policy, p as Period)?.lines.find((l) => l.programme === 'JKM')?.amount;
    expect([jkm('2024-04'), jkm('2024-05'), jkm('2024-06'), jkm('2024-07'), jkm('2024-05')]).toEqual([17_700, 17_700, 35_400, 35_400, 17_700]);
    const due = contributionDueUnder(member, policy, '2024-06' as Period);
    expect(Object.isFrozen(due) && Object.isFrozen(due?.lines) && due?.lines.every(Object.isFrozen)).toBe(true);
  });

  it('lists every parameter the monthly contributions read, and only those', () => {
    for (const segment of ['BPU', 'PU'] as const) {
      const read = new Set<ParameterName>();
      for (const day of ['2021-06-01', '2024-07-01', '2025-06-01'] as IsoDate[]) {
        const s = baselinePolicy.at(day);
        const recording = {
          policyId: s.policyId,
          at: s.at,
          get: <K extends ParameterName>(name: K) => (read.add(name), s.get(name)),
          source: (name: ParameterName) => (read.add(name), s.source(name)),
          tryGet: <K extends ParameterName>(name: K) => (read.add(name), s.tryGet(name)),
        };
        for (const programmes of [['JKK', 'JKM', 'JHT', 'JP', 'JKP'], ['JKK', 'JKM']] as Programme[][]) {
          if (segment === 'BPU') for (const declaredIncome of [1, 1_000_000, 30_000_000]) bpuMonthlyContribution(recording, { declaredIncome, programmes });
          else for (const wage of [1, 5_000_000, 50_000_000]) for (const riskGroup of [1, 5] as const) puMonthlyContribution(recording, { wage: Rupiah.of(wage), riskGroup, programmes });
        }
      }
      expect([...read].sort()).toEqual([...CONTRIBUTION_PARAMETERS[segment]].sort());
    }
  });
});

describe('monthFrom (the month test that replaces a comparison of first days)', () => {
  it('p >= monthFrom(date) exactly when p-01 >= date, for canonical months p and any date text it accepts', () => {
    const dateText = fc.oneof(
      fc.integer({ min: 0, max: 200_000 }).map((d) => IsoDate.fromDayNumber(d) as string),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.constantFrom('2025-02-07', '2025-03-01', '9999-12-01', '9999-12-02', '2025-3-01', '2025-03-1', '2025-03-01x', ''),
    );
    fc.assert(
      fc.property(dateText, fc.integer({ min: 0, max: 9999 * 12 + 11 }), (date, index) => {
        const p = Period.fromIndex(index);
        const low = monthFrom(date as IsoDate);
        if (low === undefined) return;
        expect(low === null || p >= low).toBe(Period.firstDay(p) >= date);
      }),
      { numRuns: 20_000 },
    );
    expect(monthFrom(null)).toBeNull();
  });
});

describe('policy intervals', () => {
  it('every date of an interval gives the same interval; snapshots keep their visible keys', () => {
    const a = baselinePolicy.at('2024-04-01' as IsoDate);
    const b = baselinePolicy.at('2024-12-31' as IsoDate);
    expect(intervalOf(a)).toBe(intervalOf(b));
    expect(intervalOf(a)).not.toBe(intervalOf((policies[2] as Policy).at('2024-04-01' as IsoDate)));
    expect(Object.keys(a)).toEqual(['policyId', 'at', 'validFrom', 'validUntil', 'get', 'source', 'tryGet', 'trySource']);
    expect(intervalOf({ ...a })).toBeUndefined();
  });

  it('parameterOn(policy, day, name) is policy.at(day).get(name), errors and their day included, in any order', () => {
    const early = fc.integer({ min: 0, max: 800 }).map((d) => IsoDate.addDays(IsoDate.of(2014, 1, 1), d));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(dayArb, early), fc.constantFrom(...PARAMETER_NAMES), fc.nat(policies.length - 1)), { maxLength: 40 }), (asks) => {
        for (const [day, name, p] of asks) {
          const policy = policies[p] as Policy;
          expect(outcome(() => parameterOn(policy, day, name))).toEqual(outcome(() => policy.at(day).get(name)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('source() gives the legal source in force, the same for every date of the interval', () => {
    for (const name of PARAMETER_NAMES) {
      const s = baselinePolicy.at('2024-07-01' as IsoDate);
      const entry = baselinePolicy.parameters[name].values.filter((v) => v.from <= '2024-07-01').at(-1);
      const expected = entry === undefined || entry.value === null ? undefined : { legalRef: entry.legalRef, from: entry.from, ...(entry.note === undefined ? {} : { note: entry.note }) };
      expect(s.trySource(name)).toEqual(expected);
      expect(baselinePolicy.at('2024-07-02' as IsoDate).trySource(name)).toEqual(expected);
    }
  });
});
