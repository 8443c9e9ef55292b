import { bpuMonthlyContribution, puMonthlyContribution } from '../policy/calculations/index.js';
import { intervalOf, sameEntries, type PolicyInterval } from '../policy/interval.js';
import type { ParameterName, PolicySnapshot } from '../policy/parameters.js';
import { Period, type IsoDate } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';
import { PROGRAMMES } from '../values/scheme.js';
import type { ContributionLine } from './events.js';
import { canonicalMonth } from './period-index.js';
import type { Enrolment, Member } from './state.js';

/** A month's contribution due: the total and one line per programme. */
export interface ContributionDue {
  readonly total: Rupiah;
  readonly lines: ReadonlyArray<ContributionLine>;
}

/** What a policy lookup must offer here (PolicyLookup, declared in decide.ts). */
interface Lookup {
  readonly at: (date: IsoDate) => PolicySnapshot;
}

const freezeDue = (total: Rupiah, lines: ReadonlyArray<{ readonly programme: ContributionLine['programme']; readonly amount: Rupiah }>): ContributionDue =>
  Object.freeze({ total, lines: Object.freeze(lines.map((l) => Object.freeze({ programme: l.programme, amount: l.amount }))) });

/**
 * The parameters each segment's monthly contribution reads (with get, tryGet or source): a due computed
 * in one interval holds in any interval of the same policy with the same entries for these. A test
 * checks the lists against what bpuMonthlyContribution and puMonthlyContribution actually read.
 */
export const CONTRIBUTION_PARAMETERS: Readonly<Record<'BPU' | 'PU', ReadonlyArray<ParameterName>>> = {
  BPU: ['bpu.jkk.incomeBands', 'bpu.jkk.rateBp', 'bpu.jkm.contribution', 'bpu.jht.rateBp'],
  PU: ['pu.jkk.rateBpByRiskGroup', 'pu.jkm.rateBp', 'pu.jht.rateBp', 'pu.jp.rateBp', 'pu.jp.wageCap', 'jkp.contribution.rateBp'],
};

/** The computation itself: reads only the enrolment's terms and programmes and the snapshot's parameter values. */
const compute = (enrolment: Enrolment, snapshot: PolicySnapshot): ContributionDue | undefined => {
  const { terms, programmes } = enrolment;
  switch (terms.segment) {
    case 'BPU': {
      const due = bpuMonthlyContribution(snapshot, { declaredIncome: terms.declaredIncome, programmes });
      return freezeDue(due.total, due.lines);
    }
    case 'PU': {
      const due = puMonthlyContribution(snapshot, { wage: terms.wage, riskGroup: terms.riskGroup, programmes });
      return freezeDue(due.total, due.lines);
    }
    default:
      return undefined;
  }
};

/** Each programme's bit: the calculations only ask whether a programme is listed, so the set (a mask) is all that matters. */
const PROGRAMME_BITS: ReadonlyMap<string, number> = new Map(PROGRAMMES.map((p, i) => [p, 1 << i]));

/** The programmes as a mask, or -1 when one is not a known programme (then the due is not shared). */
const programmeMask = (programmes: ReadonlyArray<string>): number => {
  let mask = 0;
  for (let i = 0; i < programmes.length; i++) {
    const bit = PROGRAMME_BITS.get(programmes[i] as string);
    if (bit === undefined) return -1;
    mask |= bit;
  }
  return mask;
};

/**
 * What the calculation reads of the terms, as two numbers: the amount (BPU declared income, PU wage)
 * and the rest (segment, PU risk group, programmes) packed in a small integer; undefined for terms
 * outside that, e.g. an amount that is not a number (then the due is not shared).
 */
const termsKey = (enrolment: Enrolment): readonly [amount: number, rest: number] | undefined => {
  const { terms } = enrolment;
  const mask = programmeMask(enrolment.programmes);
  if (mask < 0) return undefined;
  if (terms.segment === 'BPU' && typeof terms.declaredIncome === 'number') return [terms.declaredIncome, mask];
  // Risk groups 1-5 only: the rest is then 128-415 for PU and 0-31 for BPU, never the same.
  const group: number = terms.segment === 'PU' ? terms.riskGroup : 0;
  if (terms.segment === 'PU' && typeof terms.wage === 'number' && Number.isInteger(group) && group >= 1 && group <= 5) return [terms.wage, 64 * (1 + group) + mask];
  return undefined;
};

/** What the contribution due reads of an enrolment, as two numbers (equal numbers, equal dues in any interval), or undefined when the due is not shared. */
export const contributionTermsKey = (enrolment: Enrolment): readonly [amount: number, rest: number] | undefined => termsKey(enrolment);

/** Dues shared by every enrolment with the same terms, per interval (amount, then the rest): most members pay one of few amounts (a band, a minimum wage). */
const shared = new WeakMap<PolicyInterval, Map<number, Map<number, ContributionDue | undefined>>>();
/** Amounts kept per interval before its map is emptied (a bound on memory, not on correctness). */
const MAX_SHARED = 10_000;

/** The due for an enrolment in an interval, from the dues shared by equal terms, computed when absent. */
const sharedDue = (enrolment: Enrolment, interval: PolicyInterval, snapshot: PolicySnapshot): ContributionDue | undefined => {
  const key = termsKey(enrolment);
  if (key === undefined) return compute(enrolment, snapshot);
  const [amount, rest] = key;
  let byAmount = shared.get(interval);
  if (byAmount === undefined) {
    byAmount = new Map();
    shared.set(interval, byAmount);
  }
  let dues = byAmount.get(amount);
  if (dues === undefined) {
    if (byAmount.size >= MAX_SHARED) byAmount.clear();
    dues = new Map();
    byAmount.set(amount, dues);
  }
  const known = dues.get(rest);
  if (known !== undefined || dues.has(rest)) return known;
  const due = compute(enrolment, snapshot);
  dues.set(rest, due);
  return due;
};

/**
 * The last due computed for an enrolment and the policy interval it was last asked for. The due
 * depends only on the enrolment (an immutable value of the state, shared by every state until the
 * next enrolment) and on the entries of CONTRIBUTION_PARAMETERS, which are the same at every date of
 * one interval: so a hit returns exactly what computing again would.
 */
interface Memo {
  readonly interval: PolicyInterval;
  readonly due: ContributionDue | undefined;
  /** The canonical months whose first day falls in the interval: [low, high), null for no bound; undefined when not expressible (then days are compared). */
  readonly months: readonly [low: string | null, high: string | null] | undefined;
}

/**
 * The first canonical month whose first day is on or after a date (null for none: no bound), or
 * undefined when the date or that month is not in canonical form. For a canonical month p:
 * p + "-01" >= date exactly when p >= this month (compare the first seven characters, then the day).
 */
export const monthFrom = (date: IsoDate | null): string | null | undefined => {
  if (date === null) return null;
  const [d0, d1] = [date.charCodeAt(8) - 48, date.charCodeAt(9) - 48];
  const dayDigits = d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d0 + d1 > 0; // "01" to "99": "-01" is the smallest
  const month = date.length === 10 && date.charCodeAt(7) === 45 && dayDigits ? canonicalMonth(date.slice(0, 7)) : -1;
  if (month < 0) return undefined;
  const first = date.endsWith('-01') ? month : month + 1;
  const text = Period.fromIndex(first);
  return canonicalMonth(text) === first ? text : undefined;
};

const monthsOf = (interval: PolicyInterval): Memo['months'] => {
  const [low, high] = [monthFrom(interval.from), monthFrom(interval.until)];
  return low === undefined || high === undefined ? undefined : [low, high];
};

const memo = new WeakMap<Enrolment, Memo>();

/**
 * The contribution due for a month under the law in force in that month, per programme (frozen: it
 * is shared by the events that record it). Memoised per enrolment and policy interval, and shared by
 * equal terms within an interval.
 */
export const contributionDue = (member: Member, snapshot: PolicySnapshot): ContributionDue | undefined => {
  const interval = intervalOf(snapshot);
  if (interval === undefined) return compute(member.enrolment, snapshot);
  const { enrolment } = member;
  const last = memo.get(enrolment);
  if (last !== undefined && last.interval === interval) return last.due;
  const segment = enrolment.terms.segment;
  const reuse = last !== undefined && (segment === 'BPU' || segment === 'PU') && sameEntries(last.interval, interval, CONTRIBUTION_PARAMETERS[segment]);
  const due = reuse ? last.due : sharedDue(enrolment, interval, snapshot);
  memo.set(enrolment, { interval, due, months: monthsOf(interval) });
  return due;
};

/**
 * contributionDue(member, snapshot) for a snapshot made by a policy, without the per-enrolment memo:
 * the due shared by equal terms in the snapshot's interval (a replay keeps its own per enrolment).
 */
export const contributionDueShared = (enrolment: Enrolment, snapshot: PolicySnapshot): ContributionDue | undefined => {
  const interval = intervalOf(snapshot);
  return interval === undefined ? compute(enrolment, snapshot) : sharedDue(enrolment, interval, snapshot);
};

/**
 * contributionDue(member, policy.at(first day of the period)), without the lookup when the enrolment's
 * last due belongs to an interval of this very `at` that contains the day (then `at` would return a
 * snapshot of that interval).
 */
export const contributionDueUnder = (member: Member, policy: Lookup, period: Period): ContributionDue | undefined => {
  const last = memo.get(member.enrolment);
  if (last !== undefined && last.interval.owner === policy.at) {
    const { interval, months } = last;
    if (months !== undefined && canonicalMonth(period) >= 0) {
      // The same test as on the first day below, on the month itself (see monthFrom): no string is built.
      if ((months[0] === null || period >= months[0]) && (months[1] === null || period < months[1])) return last.due;
    } else {
      const day = Period.firstDay(period);
      if ((interval.from === null || day >= interval.from) && (interval.until === null || day < interval.until)) return last.due;
    }
  }
  return contributionDue(member, policy.at(Period.firstDay(period)));
};
