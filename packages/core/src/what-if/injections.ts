import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  BranchIdC,
  describeErrors,
  formatProblems,
  NikC,
  Period,
  PeriodC,
  RegionIdC,
  refined,
  sponsorKey,
  SponsorC,
  WorkerCategoryC,
  type BranchId,
  type RegionId,
  type Sponsor,
  type WorkerCategory,
} from '@jamsos/domain';
import type { InvalidInjection, LoggedEvent } from './types.js';

/** At most this many synthetic workers per injection, and this many synthetic payments in all. */
const MAX_WORKERS = 900_000;
const MAX_PAYMENTS = 20_000_000;

const WorkerCountC = refined(t.number, 'WorkerCount', (n) =>
  Number.isSafeInteger(n) && n >= 1 && n <= MAX_WORKERS ? undefined : `count is a whole number of workers from 1 to ${MAX_WORKERS}, got ${n}`,
);

/**
 * Codec: N synthetic BPU workers of a region, sponsored (by default by the region's budget) and paying
 * the minimum BPU contribution due under the replayed policy every month from fromPeriod to toPeriod.
 */
export const SponsorWorkersC = t.intersection(
  [
    t.type({ kind: t.literal('sponsor-workers'), regionId: RegionIdC, count: WorkerCountC, fromPeriod: PeriodC, toPeriod: PeriodC }),
    t.partial({ branchId: BranchIdC, category: WorkerCategoryC, sponsor: SponsorC }),
  ],
  'SponsorWorkers',
);
export type SponsorWorkers = t.TypeOf<typeof SponsorWorkersC>;

/** Codec: a scenario injection (synthetic facts added to the counterfactual only). One kind so far; more join as a union. */
export const ScenarioInjectionC = SponsorWorkersC;
export type ScenarioInjection = SponsorWorkers;

/** A sponsor-workers injection with its defaults filled in from the log. */
export interface ResolvedSponsorWorkers {
  readonly kind: 'sponsor-workers';
  readonly regionId: RegionId;
  readonly branchId: BranchId;
  readonly count: number;
  readonly fromPeriod: Period;
  readonly toPeriod: Period;
  readonly category: WorkerCategory;
  readonly sponsor: Sponsor;
}
export type ResolvedInjection = ResolvedSponsorWorkers;

const invalid = (message: string, path = ''): InvalidInjection => ({ _tag: 'InvalidInjection', problems: [{ path, message }], message });

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
    payments += injection.count * (Period.monthsBetween(injection.fromPeriod, injection.toPeriod) + 1);
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

/**
 * Fills in each injection's defaults from the recorded events that take part (known by K): the branch
 * most of the region's members belong to (by their latest enrolment), the region's most common
 * regional-budget sponsor (else a synthetic "what-if" programme of that region), and the category
 * independent-worker. A region without members needs an explicit branchId.
 */
export const resolveInjections = (
  injections: ReadonlyArray<ScenarioInjection>,
  log: Iterable<LoggedEvent>,
  takesPart: (logged: LoggedEvent) => boolean = () => true,
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
  const resolved: ResolvedInjection[] = [];
  for (const [i, injection] of injections.entries()) {
    const branchId = injection.branchId ?? (mostCommon(branches.get(injection.regionId)) as BranchId | undefined);
    if (branchId === undefined) return E.left(invalid(`region ${injection.regionId} has no recorded members to take the branch from: give branchId`, `[${i}].branchId`));
    const recordedSponsor = mostCommon(sponsors.get(injection.regionId));
    const sponsor: Sponsor =
      injection.sponsor ?? (recordedSponsor === undefined ? undefined : sponsorByKey.get(recordedSponsor)) ?? { type: 'regional-budget', regionId: injection.regionId, programme: 'what-if', legalBasis: 'what-if scenario' };
    resolved.push({ kind: 'sponsor-workers', regionId: injection.regionId, branchId, count: injection.count, fromPeriod: injection.fromPeriod, toPeriod: injection.toPeriod, category: injection.category ?? 'independent-worker', sponsor });
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
