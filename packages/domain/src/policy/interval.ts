import type { IsoDate } from '../values/calendar.js';
import type { ParameterName, ParameterTypes, PolicySnapshot } from './parameters.js';
import type { ParameterEntry } from './policy-file.js';
import type { ResolvedSnapshot } from './policy.js';

/**
 * One interval between a policy's breakpoints: every parameter keeps its value from `from` (null:
 * since ever) until `until` (null: never). Each policy builds one object per interval, so its identity
 * stands for "these values under this policy": a value derived only from the parameters (such as the
 * contribution due) can be memoised per interval. Internal to the domain (not re-exported).
 */
export interface PolicyInterval {
  readonly from: IsoDate | null;
  readonly until: IsoDate | null;
  /** The `at` of the policy the interval belongs to: that function returns a snapshot of this interval for every date in [from, until). */
  readonly owner: (date: IsoDate) => PolicySnapshot;
  /** The entry of each parameter in force over the interval (the policy's own frozen objects, the same object in every interval it spans). */
  readonly entries: Readonly<Record<string, ParameterEntry | undefined>>;
}

/** True when two intervals hold the very same entries for the given parameters: whatever reads only those parameters gives the same there. */
export const sameEntries = (a: PolicyInterval, b: PolicyInterval, names: ReadonlyArray<ParameterName>): boolean => {
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as ParameterName;
    if (a.entries[name] !== b.entries[name]) return false;
  }
  return true;
};

/** The key under which a policy's snapshot carries its interval: a symbol, non-enumerable, so the snapshot's visible shape is unchanged. */
const INTERVAL: unique symbol = Symbol('jamsos.policy.interval');

/** Attaches the interval to a snapshot being built (before it is frozen). */
export const withInterval = <S extends PolicySnapshot>(snapshot: S, interval: PolicyInterval): S =>
  Object.defineProperty(snapshot, INTERVAL, { value: interval, enumerable: false, writable: false, configurable: false });

/** The interval a snapshot belongs to; undefined for a snapshot not made by a policy (then nothing derived from it may be memoised). */
export const intervalOf = (snapshot: PolicySnapshot): PolicyInterval | undefined => (snapshot as { readonly [INTERVAL]?: PolicyInterval })[INTERVAL];

/** What parameterOn needs of a policy: its lookup by date. */
interface Lookup {
  readonly at: (date: IsoDate) => PolicySnapshot;
}

/** The last snapshot asked of each policy through parameterOn, with its interval. */
const lastSnapshot = new WeakMap<Lookup['at'], { readonly interval: PolicyInterval; readonly snapshot: ResolvedSnapshot }>();

/**
 * policy.at(day).get(name), without the lookup when the last snapshot asked of this policy here
 * belongs to an interval containing the day (every date of an interval has the same values). A value
 * the policy lacks is asked of policy.at(day) itself, so the error names that day as before.
 */
export const parameterOn = <K extends ParameterName>(policy: Lookup, day: IsoDate, name: K): ParameterTypes[K] => {
  const last = lastSnapshot.get(policy.at);
  if (last !== undefined) {
    const { interval } = last;
    if ((interval.from === null || day >= interval.from) && (interval.until === null || day < interval.until)) {
      const value = last.snapshot.tryGet(name);
      if (value !== undefined) return value;
    }
  }
  const snapshot = policy.at(day);
  const interval = intervalOf(snapshot);
  // A snapshot with an interval was made by policyFromFile: a ResolvedSnapshot.
  if (interval !== undefined && interval.owner === policy.at) lastSnapshot.set(policy.at, { interval, snapshot: snapshot as ResolvedSnapshot });
  return snapshot.get(name);
};
