/** Histories for the what-if tests: recorded through the real command service into a memory store, then loaded. */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import {
  baselinePolicy,
  claimStreamName,
  contributionDue,
  evolveClaim,
  evolveParticipant,
  initialClaimState,
  initialParticipantState,
  IsoDate,
  participantStreamName,
  Period,
  sponsorshipCovering,
  type ClaimEvent,
  type ClaimState,
  type JamsosEvent,
  type ParticipantEvent,
  type ParticipantState,
  type Policy,
} from '@jamsos/domain';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import { collect } from '../store/read.js';
import type { EventStore } from '../store/types.js';
import { sampleCommandArbitrary, sampleGemetSekulSponsor, sampleOpeningCommands } from '../testing/sample-history.js';
import { streamOf } from './events.js';
import { loadRecordedLog } from './load.js';
import type { RecordedLog } from './recorded-log.js';

/** A recorded history: the store, its log as the replay reads it, and how many commands the deciders refused. */
export interface Recorded {
  readonly store: EventStore;
  readonly log: RecordedLog;
  readonly refused: number;
}

/**
 * A command to record, with the instant it is recorded at (knowledge time; without one the last is
 * kept). Two test-only commands stand for what a clerk would type: PayDue (pay what the recording
 * policy says is due, by the sponsor covering the month or the participant) and DisburseShare (pay one
 * payee all, half or one rupiah of what is left of their allocation).
 */
export type Timed = Record<string, unknown> & { readonly recordedAt?: string };

const foldStream = async <S, Ev>(store: EventStore, stream: string, evolve: (s: S, e: Ev) => S, initial: S): Promise<S> =>
  (await collect(store.readStream(stream))).reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Ev), initial);

const resolvePseudo = async (store: EventStore, policy: Policy, command: Record<string, unknown>): Promise<Record<string, unknown> | undefined> => {
  if (command['type'] === 'PayDue') {
    const { participantId, period, paidOn, paymentReference } = command as { participantId: string; period: Period; paidOn: IsoDate; paymentReference: string };
    const state = await foldStream<ParticipantState, ParticipantEvent>(store, participantStreamName(participantId), evolveParticipant, initialParticipantState);
    if (state.status !== 'enrolled' && state.status !== 'lapsed') return undefined;
    const due = contributionDue(state, policy.at(Period.firstDay(period)));
    if (due === undefined) return undefined;
    const sponsorship = state.sponsorships.find((s) => sponsorshipCovering(state, s.key, period) !== undefined);
    return { type: 'PayContribution', participantId, period, total: due.total, payer: sponsorship?.sponsor ?? { type: 'self' }, paymentReference, paidOn };
  }
  if (command['type'] === 'DisburseShare') {
    const { claimId, index, share, reference, disbursedOn } = command as { claimId: string; index: number; share: 'all' | 'half' | 'one'; reference: string; disbursedOn: IsoDate };
    const state = await foldStream<ClaimState, ClaimEvent>(store, claimStreamName(claimId), evolveClaim, initialClaimState);
    if (state.status !== 'approved' || state.approval.allocations.length === 0) return undefined;
    const allocation = state.approval.allocations[index % state.approval.allocations.length];
    if (allocation === undefined) return undefined;
    const key = allocation.payee.kind === 'heir' ? `heir:${allocation.payee.heirId}` : allocation.payee.kind;
    const left = (state.allocated.get(key) ?? 0) - (state.disbursed.get(key) ?? 0);
    const amount = share === 'all' ? left : share === 'one' ? 1 : Math.floor(left / 2);
    return amount > 0 ? { type: 'DisburseBenefit', claimId, payee: allocation.payee, amount, reference, disbursedOn } : undefined;
  }
  return command;
};

/** Executes commands through createCommandService (the real deciders) in order; refused ones are simply not recorded. */
export const record = async (commands: ReadonlyArray<Timed>, policy: Policy = baselinePolicy): Promise<Recorded> => {
  const store = createInMemoryEventStore();
  let now = '2024-01-01T00:00:00.000Z';
  const service = createCommandService({ store, clock: () => now, policy });
  let refused = 0;
  for (const { recordedAt, ...pseudo } of commands) {
    if (recordedAt !== undefined) now = recordedAt;
    const command = await resolvePseudo(store, policy, pseudo);
    if (command === undefined || E.isLeft(await service.execute(command)())) refused++;
  }
  const log = await loadRecordedLog(store)();
  if (E.isLeft(log)) throw new Error(`test history does not load: ${JSON.stringify(log.left)}`);
  return { store, log: log.right, refused };
};

/** Events grouped by stream, in order: what baseline reproduction compares. */
export const byStream = (events: Iterable<{ readonly event: JamsosEvent }>): Map<string, JamsosEvent[]> => {
  const streams = new Map<string, JamsosEvent[]>();
  for (const { event } of events) {
    const name = streamOf(event);
    const list = streams.get(name) ?? [];
    list.push(event);
    streams.set(name, list);
  }
  return streams;
};

type Dated = { readonly date: IsoDate; readonly command: Record<string, unknown> };

const ids = [1, 2, 3, 4, 5, 6] as const;
const day = (from: IsoDate, span: number) => fc.integer({ min: 0, max: span }).map((d) => IsoDate.addDays(from, d));
const start = IsoDate.of(2024, 1, 1);
const csr = { type: 'csr', sponsorId: 'CSR-KRAKATAU' };
const heirs = [
  { heirId: 'h1', name: 'x', relationship: 'spouse' },
  { heirId: 'h2', name: 'y', relationship: 'child' },
  { heirId: 'h3', name: 'z', relationship: 'parent' },
];
const firstPeriodOf = (p: number): Period => Period.of(2024, (p % 4) + 1);

/** A participant's months: paid on time (day 5-14), late in the month, the month after, or skipped. */
const paymentsOf = (p: number) =>
  fc.record({ months: fc.integer({ min: 3, max: 24 }), style: fc.array(fc.constantFrom('on-time', 'on-time', 'on-time', 'on-time', 'late', 'next-month', 'skip'), { minLength: 24, maxLength: 24 }), d: fc.integer({ min: 5, max: 14 }) }).map(({ months, style, d }) =>
    style.slice(0, months).flatMap((s, m): Dated[] => {
      const period = Period.add(firstPeriodOf(p), m);
      const paidOn = s === 'late' ? Period.day(period, 20) : s === 'next-month' ? Period.day(Period.next(period), 3) : Period.day(period, d);
      return s === 'skip' ? [] : [{ date: paidOn, command: { type: 'PayDue', participantId: `p-00${p}`, period, paidOn, paymentReference: `PAY-${p}-${period}` } }];
    }),
  );

/** A claim filed some days after its incident, decided (or rejected by a verifier) days later, then paid out in shares. */
const claimOf = fc
  .record({
    p: fc.constantFrom(...ids), k: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom('jkm', 'jkm', 'jkk-death', 'injury'), on: day(start, 620), delay: fc.integer({ min: 0, max: 20 }), decideAfter: fc.integer({ min: 0, max: 10 }),
    verifier: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), medical: fc.constantFrom(0, 500_000, 2_000_000), days: fc.constantFrom(0, 10, 45), partial: fc.boolean(), heirCount: fc.integer({ min: 1, max: 3 }),
    shares: fc.array(fc.record({ index: fc.nat(2), share: fc.constantFrom('all', 'all', 'half', 'one'), after: fc.integer({ min: 1, max: 40 }) }), { maxLength: 4 }),
  })
  .map(({ p, k, kind, on, delay, decideAfter, verifier, medical, days, partial, heirCount, shares }): Dated[] => {
    const claimId = `KLM-${p}-${k}`;
    const filedOn = IsoDate.addDays(on, delay);
    const decidedOn = IsoDate.addDays(filedOn, decideAfter);
    const file = {
      type: 'FileClaim', claimId, participantId: `p-00${p}`, programme: kind === 'jkm' ? 'JKM' : 'JKK',
      incident:
        kind === 'injury'
          ? { type: 'injury', date: on, cause: 'work-accident', medicalCosts: medical, homeCareCosts: 0, incapacityDays: days, disability: partial ? { kind: 'partial', percentBp: 1_000 } : { kind: 'none' } }
          : { type: 'death', date: on, cause: kind === 'jkm' ? 'not-work-related' : 'work-accident' },
      filedOn, branchId: p % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: p % 2 === 0 ? '3604' : '3672', claimantName: 'x', heirs: kind === 'injury' ? [] : heirs.slice(0, heirCount),
    };
    const decide = verifier ? { type: 'RejectClaim', claimId, decidedOn, note: 'documents incomplete' } : { type: 'DecideClaim', claimId, decidedOn };
    return [
      { date: filedOn, command: file },
      { date: decidedOn, command: decide },
      ...shares.map(({ index, share, after }, n) => {
        const disbursedOn = IsoDate.addDays(decidedOn, after);
        return { date: disbursedOn, command: { type: 'DisburseShare', claimId, index, share, reference: `TRF-${claimId}-${n}`, disbursedOn } };
      }),
    ];
  });

const assessments = (p: number, from: number): Dated[] =>
  [...Period.range(Period.add(firstPeriodOf(p), from), Period.of(2025, 12))].map((period) => ({ date: Period.firstDay(period), command: { type: 'AssessArrears', participantId: `p-00${p}`, assessedOn: Period.firstDay(period) } }));

/** Monthly arrears assessments of a participant (on the first of each month), a re-enrolment, a CSR sponsorship. */
const lifeEvents = fc.oneof(
  fc.record({ p: fc.constantFrom(...ids), from: fc.integer({ min: 1, max: 6 }) }).map(({ p, from }) => assessments(p, from)),
  fc.record({ p: fc.constantFrom(1, 2, 4, 5), on: day(IsoDate.of(2024, 4, 1), 560), sponsored: fc.boolean(), wealthier: fc.boolean() }).map(({ p, on, sponsored, wealthier }): Dated[] => [
    ...assessments(p, 1),
    {
      date: on,
      command: {
        type: 'EnrolParticipant', participantId: `p-00${p}`, programmes: wealthier ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'], terms: { segment: 'BPU', declaredIncome: wealthier ? 3_000_000 : 1_000_000 },
        branchId: p % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: p % 2 === 0 ? '3604' : '3672', category: 'fisher', enrolledOn: on, firstPeriod: IsoDate.period(on), ...(sponsored ? { sponsor: sampleGemetSekulSponsor } : {}),
      },
    },
  ]),
  fc.record({ p: fc.constantFrom(...ids), m: fc.integer({ min: 0, max: 12 }), length: fc.integer({ min: 0, max: 8 }) }).map(({ p, m, length }): Dated[] => {
    const from = Period.add(Period.of(2024, 2), m);
    const last = Period.add(from, length);
    return [
      { date: Period.firstDay(from), command: { type: 'StartSponsorship', participantId: `p-00${p}`, sponsor: csr, fromPeriod: from, startedOn: Period.firstDay(from) } },
      { date: Period.lastDay(last), command: { type: 'EndSponsorship', participantId: `p-00${p}`, sponsor: csr, lastPeriod: last, endedOn: Period.lastDay(last) } },
    ];
  }),
);

/**
 * A realistic random history: the opening (labour force, targets, six BPU and PU participants), each
 * participant's payments, claims with decisions and payouts, assessments, re-enrolments, sponsorships
 * and a few of the sample's random commands; in date order, or with some commands moved out of order.
 * Each command is recorded on its own day (recordedAt), so a knowledge time cuts the log anywhere.
 */
export const richHistoryArbitrary = (maxClaims = 6): fc.Arbitrary<Timed[]> =>
  fc
    .record({
      payments: fc.tuple(...ids.map(paymentsOf)),
      claims: fc.array(claimOf, { maxLength: maxClaims }),
      life: fc.array(lifeEvents, { maxLength: 6 }),
      noise: fc.array(sampleCommandArbitrary, { maxLength: 10 }),
      swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
    })
    .map(({ payments, claims, life, noise, swaps }) => {
      const dated = [...payments.flat(), ...claims.flat(), ...life.flat()].map((d, i) => [d, i] as const);
      const ordered = dated.sort(([a, i], [b, j]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : i - j)).map(([d]) => d.command);
      const commands = [...ordered, ...noise];
      for (const [a, b] of swaps) {
        const [x, y] = [a % commands.length, b % commands.length];
        [commands[x], commands[y]] = [commands[y] as Record<string, unknown>, commands[x] as Record<string, unknown>];
      }
      return [...sampleOpeningCommands(), ...commands].map((command, i) => ({ ...command, recordedAt: `${IsoDate.addDays(start, Math.floor(i / 2))}T08:00:00.000Z` }));
    });

/** Commands for a BPU member of Cilegon (a synthetic NIK, born 15 July 1985), optionally sponsored, from a first period. */
export const bpuMember = (participantId: string, firstPeriod: string, options: { readonly sponsor?: unknown; readonly serial?: number; readonly regionId?: string; readonly branchId?: string } = {}): Timed[] => {
  const enrolledOn = `${firstPeriod}-02`;
  return [
    { type: 'RegisterParticipant', participantId, nik: `36720115078500${String(options.serial ?? 1).padStart(2, '0')}`, name: 'x', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: enrolledOn },
    {
      type: 'EnrolParticipant', participantId, terms: { segment: 'BPU', declaredIncome: 1_000_000 }, programmes: ['JKK', 'JKM'], branchId: options.branchId ?? 'KC-CILEGON', regionId: options.regionId ?? '3672',
      category: 'fisher', enrolledOn, firstPeriod, ...(options.sponsor === undefined ? {} : { sponsor: options.sponsor }),
    },
  ];
};

/** PayDue for each month from one period to another, on a day of the month. */
export const payMonths = (participantId: string, from: string, to: string, dayOfMonth = 10): Timed[] =>
  [...Period.range(from as Period, to as Period)].map((period) => ({ type: 'PayDue', participantId, period, paidOn: Period.day(period, dayOfMonth), paymentReference: `PAY-${participantId}-${period}` }));

/** A JKM death (not caused by work) filed, decided and paid out to heirs h1 (spouse) and h2 (child), by the amounts given. */
export const jkmDeath = (claimId: string, participantId: string, died: string, payouts: ReadonlyArray<readonly [heir: string, amount: number]>): Timed[] => {
  const filedOn = IsoDate.addDays(died as IsoDate, 4);
  const decidedOn = IsoDate.addDays(filedOn, 3);
  const disbursedOn = IsoDate.addDays(decidedOn, 3);
  return [
    {
      type: 'FileClaim', claimId, participantId, programme: 'JKM', incident: { type: 'death', date: died, cause: 'not-work-related' }, filedOn, branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'x',
      heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }, { heirId: 'h2', name: 'y', relationship: 'child' }],
    },
    { type: 'DecideClaim', claimId, decidedOn },
    ...payouts.map(([heir, amount], n) => ({ type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: heir }, amount, reference: `TRF-${claimId}-${n}`, disbursedOn })),
  ];
};
