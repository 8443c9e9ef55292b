import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  baselinePolicy,
  BranchIdC,
  describeErrors,
  formatProblems,
  IsoDate,
  NikC,
  Period,
  PeriodC,
  RegionIdC,
  refined,
  sponsorKey,
  SponsorC,
  WorkerCategoryC,
  YearC,
  type BranchId,
  type Policy,
  type RegionId,
  type Sponsor,
  type WorkerCategory,
} from '@jamsos/domain';
import { coverageAsOf, coverageProjection, type CoverageState } from '@jamsos/projections';
import type { InvalidInjection, LoggedEvent } from './types.js';

/** At most this many synthetic workers per injection, and this many synthetic payments in all. */
const MAX_WORKERS = 900_000;
const MAX_PAYMENTS = 20_000_000;

const WorkerCountC = refined(t.number, 'WorkerCount', (n) =>
  Number.isSafeInteger(n) && n >= 1 && n <= MAX_WORKERS ? undefined : `count is a whole number of workers from 1 to ${MAX_WORKERS}, got ${n}`,
);

/** A count taken from the log: the workers the region still lacks to reach its coverage target for a year. */
export interface RemainingTarget {
  readonly remainingTargetOf: number;
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Codec: an injection's count, a whole number of workers or `{ remainingTargetOf: year }`; one message for either mistake. */
export const InjectionCountC = new t.Type<number | RemainingTarget, number | RemainingTarget, unknown>(
  'InjectionCount',
  (u): u is number | RemainingTarget => WorkerCountC.is(u) || (isRecord(u) && Object.keys(u).length === 1 && YearC.is(u['remainingTargetOf'])),
  (u, c) => {
    if (typeof u === 'number') return WorkerCountC.validate(u, c);
    if (!isRecord(u) || !('remainingTargetOf' in u)) return t.failure(u, c, `count is a whole number of workers, or { remainingTargetOf: <year> }; got ${JSON.stringify(u)}`);
    const extra = Object.keys(u).filter((k) => k !== 'remainingTargetOf');
    if (extra.length > 0) return t.failure(u, c, `count { remainingTargetOf } takes no other field (got ${extra.join(', ')})`);
    const year = YearC.validate(u['remainingTargetOf'], t.appendContext(c, 'remainingTargetOf', YearC, u['remainingTargetOf']));
    return E.isLeft(year) ? year : t.success({ remainingTargetOf: year.right });
  },
  (a) => a,
);

/**
 * Codec: N synthetic BPU workers of a region, sponsored (by default by the region's budget) and paying
 * the minimum BPU contribution due under the replayed policy every month from fromPeriod to toPeriod.
 * N is a number, or `{ remainingTargetOf: year }`: the region's target for that year less its members
 * protected on the day before fromPeriod (see resolveInjections).
 */
export const SponsorWorkersC = t.intersection(
  [
    t.type({ kind: t.literal('sponsor-workers'), regionId: RegionIdC, count: InjectionCountC, fromPeriod: PeriodC, toPeriod: PeriodC }),
    t.partial({ branchId: BranchIdC, category: WorkerCategoryC, sponsor: SponsorC }),
  ],
  'SponsorWorkers',
);
export type SponsorWorkers = t.TypeOf<typeof SponsorWorkersC>;

/** Codec: a scenario injection (synthetic facts added to the counterfactual only). One kind so far; more join as a union. */
export const ScenarioInjectionC = SponsorWorkersC;
export type ScenarioInjection = SponsorWorkers;

/** How a `{ remainingTargetOf }` count was worked out: the target, the protected members and the day they were counted. */
export interface CountFromTarget {
  readonly remainingTargetOf: number;
  readonly target: number;
  readonly protected: number;
  readonly asOf: IsoDate;
}

/** A sponsor-workers injection with its defaults filled in from the log. */
export interface ResolvedSponsorWorkers {
  readonly kind: 'sponsor-workers';
  readonly regionId: RegionId;
  readonly branchId: BranchId;
  readonly count: number;
  /** Present when the count was given as `{ remainingTargetOf: year }`. */
  readonly countFrom?: CountFromTarget;
  readonly fromPeriod: Period;
  readonly toPeriod: Period;
  readonly category: WorkerCategory;
  readonly sponsor: Sponsor;
}
export type ResolvedInjection = ResolvedSponsorWorkers;

const invalid = (message: string, path = ''): InvalidInjection => ({ _tag: 'InvalidInjection', problems: [{ path, message }], message });

const paymentsOf = (count: number, from: Period, to: Period): number => count * (Period.monthsBetween(from, to) + 1);

/** Validates a list of injections (e.g. read from a JSON file); undefined is the empty list. */
export const decodeInjections = (data: unknown): E.Either<InvalidInjection, ReadonlyArray<ScenarioInjection>> => {
  if (data === undefined) return E.right([]);
  const decoded = t.readonlyArray(ScenarioInjectionC).decode(data);
  if (E.isLeft(decoded)) {
    const problems = describeErrors(decoded.left);
    return E.left({ _tag: 'InvalidInjection', problems, message: `invalid injection: ${formatProblems(problems)}` });
  }
  let payments = 0;
  for (const [i, injection] of decoded.right.entries()) {
    if (injection.toPeriod < injection.fromPeriod) return E.left(invalid(`toPeriod ${injection.toPeriod} is before fromPeriod ${injection.fromPeriod}`, `[${i}].toPeriod`));
    if (typeof injection.count === 'number') payments += paymentsOf(injection.count, injection.fromPeriod, injection.toPeriod);
  }
  if (payments > MAX_PAYMENTS) return E.left(invalid(`the injections add ${payments} payments; at most ${MAX_PAYMENTS}`));
  return E.right(decoded.right);
};

const mostCommon = (counts: ReadonlyMap<string, number> | undefined): string | undefined => {
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, n] of counts ?? []) if (n > bestCount || (n === bestCount && best !== undefined && key < best)) [best, bestCount] = [key, n];
  return best;
};

const bump = <K>(outer: Map<K, Map<string, number>>, key: K, inner: string): void => {
  let counts = outer.get(key);
  if (counts === undefined) {
    counts = new Map();
    outer.set(key, counts);
  }
  counts.set(inner, (counts.get(inner) ?? 0) + 1);
};

/** The coverage read model of the recorded events that take part. */
const recordedCoverage = (log: Iterable<LoggedEvent>, takesPart: (logged: LoggedEvent) => boolean): CoverageState => {
  const state = coverageProjection.initial();
  const types = new Set<string>(coverageProjection.eventTypes);
  for (const logged of log)
    if (types.has(logged.event.type) && takesPart(logged)) coverageProjection.apply(state, logged.event, { globalPosition: logged.globalPosition, recordedAt: logged.recordedAt });
  return state;
};

/** A region's target for a year less its members protected on the day before fromPeriod (at least 0), or why it has none. */
const remainingTarget = (state: CoverageState, regionId: RegionId, year: number, fromPeriod: Period, policy: Policy): E.Either<string, CountFromTarget> => {
  const asOf = IsoDate.addDays(Period.firstDay(fromPeriod), -1);
  const regionOn = (day: IsoDate) => coverageAsOf(state, day, policy.at(day), { regionId }).byRegion.find((r) => r.key === regionId);
  const now = regionOn(asOf);
  const target = (IsoDate.year(asOf) === year ? now : regionOn(IsoDate.of(year, 12, 31)))?.target?.workers;
  if (target === undefined) return E.left(`region ${regionId} has no coverage target for ${year} in the log (a share target also needs a labour-force record)`);
  return E.right({ remainingTargetOf: year, target, protected: now?.protected ?? 0, asOf });
};

/**
 * Fills in each injection's defaults from the recorded events that take part (known by K): the branch
 * most of the region's members belong to (by their latest enrolment), the region's most common
 * regional-budget sponsor (else a synthetic "what-if" programme of that region), and the category
 * independent-worker. A region without members needs an explicit branchId. A count
 * `{ remainingTargetOf: Y }` becomes the region's target for Y less its members protected (for JKK,
 * judged under `policy`, by default the baseline) on the last day before fromPeriod; 0 when reached.
 */
export const resolveInjections = (
  injections: ReadonlyArray<ScenarioInjection>,
  log: Iterable<LoggedEvent>,
  takesPart: (logged: LoggedEvent) => boolean = () => true,
  policy: Policy = baselinePolicy,
): E.Either<InvalidInjection, ReadonlyArray<ResolvedInjection>> => {
  if (injections.length === 0) return E.right([]);
  const branchOf = new Map<string, { regionId: string; branchId: string }>();
  const sponsors = new Map<string, Map<string, number>>();
  const sponsorByKey = new Map<string, Sponsor>();
  if (injections.some((i) => i.branchId === undefined || i.sponsor === undefined))
    for (const logged of log) {
      if (!takesPart(logged)) continue;
      const event = logged.event;
      if (event.type === 'ParticipantEnrolled') branchOf.set(event.data.participantId, { regionId: event.data.regionId, branchId: event.data.branchId });
      else if (event.type === 'SponsorshipStarted' && event.data.sponsor.type === 'regional-budget') {
        const key = sponsorKey(event.data.sponsor);
        sponsorByKey.set(key, event.data.sponsor);
        bump(sponsors, event.data.sponsor.regionId, key);
      }
    }
  const branches = new Map<string, Map<string, number>>();
  for (const { regionId, branchId } of branchOf.values()) bump(branches, regionId, branchId);
  const coverage = injections.some((i) => typeof i.count !== 'number') ? recordedCoverage(log, takesPart) : undefined;
  const resolved: ResolvedInjection[] = [];
  let payments = 0;
  for (const [i, injection] of injections.entries()) {
    let count: number;
    let countFrom: CountFromTarget | undefined;
    if (typeof injection.count === 'number') count = injection.count;
    else {
      const remaining = remainingTarget(coverage ?? recordedCoverage(log, takesPart), injection.regionId, injection.count.remainingTargetOf, injection.fromPeriod, policy);
      if (E.isLeft(remaining)) return E.left(invalid(remaining.left, `[${i}].count`));
      countFrom = remaining.right;
      count = Math.max(0, countFrom.target - countFrom.protected);
      if (count > MAX_WORKERS) return E.left(invalid(`the remaining target of region ${injection.regionId} is ${count} workers; at most ${MAX_WORKERS}`, `[${i}].count`));
    }
    payments += paymentsOf(count, injection.fromPeriod, injection.toPeriod);
    if (payments > MAX_PAYMENTS) return E.left(invalid(`the injections add more than ${MAX_PAYMENTS} payments`));
    const branchId = injection.branchId ?? (mostCommon(branches.get(injection.regionId)) as BranchId | undefined);
    if (branchId === undefined) return E.left(invalid(`region ${injection.regionId} has no recorded members to take the branch from: give branchId`, `[${i}].branchId`));
    const recordedSponsor = mostCommon(sponsors.get(injection.regionId));
    const sponsor: Sponsor =
      injection.sponsor ?? (recordedSponsor === undefined ? undefined : sponsorByKey.get(recordedSponsor)) ?? { type: 'regional-budget', regionId: injection.regionId, programme: 'what-if', legalBasis: 'what-if scenario' };
    const base = { kind: 'sponsor-workers', regionId: injection.regionId, branchId, count } as const;
    const rest = { fromPeriod: injection.fromPeriod, toPeriod: injection.toPeriod, category: injection.category ?? 'independent-worker', sponsor };
    resolved.push(countFrom === undefined ? { ...base, ...rest } : { ...base, countFrom, ...rest });
  }
  return E.right(resolved);
};

/** The n-th synthetic worker's participant id: whatif-<regionId>-<n>. */
export const syntheticParticipantId = (regionId: string, n: number): string => `whatif-${regionId}-${n}`;

/**
 * A structurally valid NIK that belongs to no one: the region's code (or 3171 when it is not a valid
 * province), a district and serial counting the workers, born 1 January 1990 (day 01, month 01, year 90).
 */
export const syntheticNik = (regionId: string, n: number): string => {
  const district = String(1 + (Math.floor((n - 1) / 9_999) % 99)).padStart(2, '0');
  const serial = String(1 + ((n - 1) % 9_999)).padStart(4, '0');
  const nik = `${regionId}${district}010190${serial}`;
  return E.isRight(NikC.decode(nik)) ? nik : `3171${district}010190${serial}`;
};
