import * as E from 'fp-ts/lib/Either.js';
import { describeErrors, formatProblems, type ValidationProblem } from '../shared/codec.js';
import type { IsoDate } from '../values/calendar.js';
import { PARAMETER_NAMES } from './parameter-codecs.js';
import type { LegalSource, ParameterName, ParameterTypes, PolicySnapshot } from './parameters.js';
import { PolicyFileC, type ParameterEntry, type PolicyFile, type PolicyParameters } from './policy-file.js';
import { withInterval, type PolicyInterval } from './interval.js';
import { canonicalJson, sha256 } from './sha256.js';

/** The law at one instant, with lookups that do not throw as well. */
export interface ResolvedSnapshot extends PolicySnapshot {
  /** The value of a parameter at this instant, or undefined when the policy has none then. */
  readonly tryGet: <K extends ParameterName>(name: K) => ParameterTypes[K] | undefined;
  /** The legal source of the value in force, or undefined when the policy has none then. */
  readonly trySource: (name: ParameterName) => LegalSource | undefined;
  /** The first day of the interval over which every parameter keeps these values (null: since ever). */
  readonly validFrom: IsoDate | null;
  /** The first day some parameter changes after this instant (null: never). */
  readonly validUntil: IsoDate | null;
}

/** An immutable, content-addressed policy: every parameter's dated history, and the law at any instant. */
export interface Policy {
  /** "policy:" + 16 hex digits of the SHA-256 of the canonical parameter values (see policyIdOf). */
  readonly id: string;
  readonly name: string;
  readonly description: string | undefined;
  /** Every parameter's history, deep-frozen. */
  readonly parameters: PolicyParameters;
  /** Every date on which some parameter changes, ascending. */
  readonly breakpoints: ReadonlyArray<IsoDate>;
  /** The law in force on a date (cached; a binary search over the breakpoints). */
  readonly at: (date: IsoDate) => ResolvedSnapshot;
}

/** Why a policy file could not be loaded: one problem per invalid field, each with its path. */
export interface PolicyLoadError {
  readonly _tag: 'PolicyLoadError';
  readonly problems: ReadonlyArray<ValidationProblem>;
  readonly message: string;
}

/** Thrown by `get`/`source` when the policy has no value for a parameter on the date: a bug, since callers ask only in a parameter's lifetime. */
export class ParameterValueMissingError extends Error {
  override readonly name = 'ParameterValueMissingError';
}

/**
 * The id of a set of parameters: "policy:" + the first 16 hex digits of the SHA-256 of the
 * canonical JSON of every parameter's values as {from, value, legalRef}. The policy's name,
 * description, and each parameter's description, unit and notes are NOT hashed: two policies with
 * the same dated values and legal references are the same rule set and share an id, whatever
 * they are called or however they are annotated. Legal references are hashed because decisions
 * cite them: a decision's policy id pins the explanation as well as the amounts.
 */
export const policyIdOf = (parameters: PolicyParameters): string => {
  const normative: Record<string, unknown> = {};
  for (const name of PARAMETER_NAMES)
    normative[name] = parameters[name].values.map((v: ParameterEntry) => ({ from: v.from, value: v.value, legalRef: v.legalRef }));
  return `policy:${sha256(canonicalJson(normative)).slice(0, 16)}`;
};

/** A deep copy of plain data, frozen at every depth (so no caller's object is frozen or shared). */
export const deepFreezeCopy = <A>(value: A): A => {
  if (value === null || typeof value !== 'object') return value;
  const copy: unknown = Array.isArray(value)
    ? value.map((v: unknown) => deepFreezeCopy(v))
    : Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, deepFreezeCopy(v)]));
  return Object.freeze(copy) as A;
};

interface Interval extends PolicyInterval {
  /** The legal source of each parameter in force, built on first use (frozen, shared by the interval's snapshots). */
  readonly sources: Map<string, LegalSource | undefined>;
}

const inForce = (values: ReadonlyArray<ParameterEntry>, date: IsoDate): ParameterEntry | undefined => {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as ParameterEntry).from <= date) lo = mid + 1;
    else hi = mid;
  }
  const entry = lo === 0 ? undefined : values[lo - 1];
  return entry === undefined || entry.value === null ? undefined : entry;
};

const MAX_CACHED_DATES = 100_000;

/** Builds a policy from validated data (deep-copied and frozen); the id is its content hash. */
export const policyFromFile = (file: PolicyFile): Policy => {
  const parameters = deepFreezeCopy(file.parameters);
  const id = policyIdOf(parameters);
  const breakpoints = Object.freeze([...new Set(PARAMETER_NAMES.flatMap((n) => parameters[n].values.map((v) => v.from)))].sort());
  const intervals: Array<Interval | undefined> = new Array<Interval | undefined>(breakpoints.length + 1);
  const byDate = new Map<string, ResolvedSnapshot>();

  const interval = (index: number): Interval => {
    const cached = intervals[index];
    if (cached !== undefined) return cached;
    const from = index === 0 ? null : (breakpoints[index - 1] as IsoDate);
    const entries: Record<string, ParameterEntry | undefined> = {};
    for (const name of PARAMETER_NAMES) entries[name] = from === null ? undefined : inForce(parameters[name].values, from);
    const built: Interval = Object.freeze({ from, until: breakpoints[index] ?? null, owner: at, entries: Object.freeze(entries), sources: new Map<string, LegalSource | undefined>() });
    intervals[index] = built;
    return built;
  };

  const snapshot = (date: IsoDate, iv: Interval): ResolvedSnapshot => {
    const missing = (name: ParameterName): never => {
      throw new ParameterValueMissingError(`policy ${file.name} (${id}) has no value for ${name} on ${date}`);
    };
    const tryGet = <K extends ParameterName>(name: K): ParameterTypes[K] | undefined => iv.entries[name]?.value as ParameterTypes[K] | undefined;
    const trySource = (name: ParameterName): LegalSource | undefined => {
      const cached = iv.sources.get(name);
      if (cached !== undefined || iv.sources.has(name)) return cached;
      const entry = iv.entries[name];
      const made =
        entry === undefined
          ? undefined
          : Object.freeze(entry.note === undefined ? { legalRef: entry.legalRef, from: entry.from } : { legalRef: entry.legalRef, from: entry.from, note: entry.note });
      iv.sources.set(name, made);
      return made;
    };
    const made: ResolvedSnapshot = {
      policyId: id,
      at: date,
      validFrom: iv.from,
      validUntil: iv.until,
      get: <K extends ParameterName>(name: K): ParameterTypes[K] => tryGet(name) ?? missing(name),
      source: (name: ParameterName): LegalSource => trySource(name) ?? missing(name),
      tryGet,
      trySource,
    };
    return Object.freeze(withInterval(made, iv));
  };

  const at = (date: IsoDate): ResolvedSnapshot => {
    const hit = byDate.get(date);
    if (hit !== undefined) return hit;
    let lo = 0;
    let hi = breakpoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((breakpoints[mid] as string) <= date) lo = mid + 1;
      else hi = mid;
    }
    const made = snapshot(date, interval(lo));
    if (byDate.size >= MAX_CACHED_DATES) byDate.clear();
    byDate.set(date, made);
    return made;
  };

  return Object.freeze({ id, name: file.name, description: file.description, parameters, breakpoints, at });
};

/** Validates policy data (every parameter, each value with its parameter's codec, dates valid and sorted) and builds the policy. */
export const loadPolicy = (data: unknown): E.Either<PolicyLoadError, Policy> => {
  const decoded = PolicyFileC.decode(data);
  if (E.isLeft(decoded)) {
    const problems = describeErrors(decoded.left);
    return E.left({ _tag: 'PolicyLoadError', problems, message: `invalid policy: ${formatProblems(problems)}` });
  }
  return E.right(policyFromFile(decoded.right));
};

/** The policy as data again, e.g. to write a derived policy to a file. */
export const policyToFile = (policy: Policy): PolicyFile =>
  policy.description === undefined ? { name: policy.name, parameters: policy.parameters } : { name: policy.name, description: policy.description, parameters: policy.parameters };

/** A parameter's value on a snapshot, or undefined when there is none then (works on any PolicySnapshot). */
export const tryGet = <K extends ParameterName>(snapshot: PolicySnapshot, name: K): ParameterTypes[K] | undefined => {
  const maybe = snapshot as Partial<ResolvedSnapshot>;
  if (typeof maybe.tryGet === 'function') return maybe.tryGet(name);
  try {
    return snapshot.get(name);
  } catch {
    return undefined;
  }
};
