import { intervalOf } from '../policy/interval.js';
import type { PolicySnapshot } from '../policy/parameters.js';
import { tryGet } from '../policy/policy.js';
import { IsoDate, Period } from '../values/calendar.js';
import { contributionDueShared, contributionTermsKey, monthFrom, type ContributionDue } from './contribution-due.js';
import type { PolicyLookup } from './decide.js';
import { canonicalMonth } from './period-index.js';
import { PaymentNotes } from './replay-notes.js';
import type { Enrolment } from './state.js';

// The policy as a replay's payments read it (see replay.ts): looked up by numbers, kept per interval.

/** Months with a four-digit year: the indexes whose Period.fromIndex text compares as the month does. */
export const CANONICAL_MONTHS = 10_000 * 12;

/** The day number of a date written canonically (the text IsoDate.fromDayNumber gives: four-digit year), or undefined. */
export const canonicalDayNumber = (date: string): number | undefined => {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const day = IsoDate.toDayNumber(date as IsoDate);
  return Number.isSafeInteger(day) && IsoDate.fromDayNumber(day) === date ? day : undefined;
};

/** A bound of a policy interval as a day number; null is no bound (the infinity given), NaN a date not written canonically. */
const boundDay = (date: IsoDate | null, none: number): number => (date === null ? none : (canonicalDayNumber(date) ?? Number.NaN));

/** The first month whose first day is on or after a bound, as an index; none for no bound, NaN when not expressible. */
const boundMonth = (date: IsoDate | null, none: number): number => {
  const text = monthFrom(date);
  if (text === null) return none;
  const month = text === undefined ? -1 : canonicalMonth(text);
  return month < 0 ? Number.NaN : month;
};

const wholeMonths = (value: number | undefined): number => (value !== undefined && Number.isSafeInteger(value) ? value : Number.NaN);

/** A value kept for the numbers [low, high). */
interface Range {
  readonly low: number;
  readonly high: number;
}

/** Ranges met so far, the one found last at hand: most lookups compare two numbers (a policy has few intervals). */
class Ranges<R extends Range> {
  private readonly kept: R[] = [];
  private last: R | undefined = undefined;

  get size(): number {
    return this.kept.length;
  }

  /** The range holding a number, if kept. */
  find(n: number): R | undefined {
    const last = this.last;
    if (last !== undefined && n >= last.low && n < last.high) return last;
    for (const range of this.kept)
      if (n >= range.low && n < range.high) {
        this.last = range;
        return range;
      }
    return undefined;
  }

  add(range: R): void {
    this.kept.push(range);
    this.last = range;
  }
}

/** The parameters of one policy interval a replay's payments read, over the day numbers [low, high). */
export interface DayRules extends Range {
  /** bpu.arrears.maxMonths (NaN when absent or not whole). */
  readonly maxArrearsMonths: number;
  /** bpu.contribution.maxMonthsInAdvance (NaN when absent or not whole). */
  readonly maxMonthsInAdvance: number;
}

/** The policy interval holding the first days of months [low, high): its snapshot, and its number among those seen. */
export interface MonthInterval extends Range {
  readonly snapshot: PolicySnapshot;
  readonly id: number;
}

/**
 * The payment rules of a policy as a replay reads them, looked up by numbers: the parameters in force
 * on a payment day, the interval of a month's first day (what the contribution due is computed under),
 * and the dues of equal terms. Each policy interval met is kept (a policy has few), so most lookups
 * compare two numbers. One per replay: it also holds the payments its participants note.
 */
export class ReplayPaymentRules {
  private readonly days = new Ranges<DayRules>();
  private readonly months = new Ranges<MonthInterval>();
  /** Dues by the terms they are computed from (amount, then the rest: see contributionTermsKey), by interval id. */
  private readonly duesByTerms = new Map<number, Map<number, Array<ContributionDue | undefined>>>();

  /** The payments noted by the replay's participants (one replay, one set of rules). */
  readonly notes: PaymentNotes;

  /** Rules of a policy for one replay; `expectedPayments` sizes the notes (how many payments the replay may note, if known). */
  constructor(
    readonly policy: PolicyLookup,
    expectedPayments = 0,
  ) {
    this.notes = new PaymentNotes(expectedPayments);
  }

  /** The parameters in force on a day (its text and day number), as policy.at(date) gives them. */
  on(day: number, date: IsoDate): DayRules {
    const kept = this.days.find(day);
    if (kept !== undefined) return kept;
    const snapshot = this.policy.at(date);
    const interval = intervalOf(snapshot);
    const owned = interval !== undefined && interval.owner === this.policy.at;
    const rules: DayRules = {
      // Kept only when the interval's bounds are canonical dates: then days compare as the texts do.
      low: owned ? boundDay(interval.from, -Infinity) : Number.NaN,
      high: owned ? boundDay(interval.until, Infinity) : Number.NaN,
      maxArrearsMonths: wholeMonths(tryGet(snapshot, 'bpu.arrears.maxMonths')),
      maxMonthsInAdvance: wholeMonths(tryGet(snapshot, 'bpu.contribution.maxMonthsInAdvance')),
    };
    if (rules.low < rules.high) this.days.add(rules);
    return rules;
  }

  /** The interval of a month's first day (policy.at(Period.firstDay(period)) is a snapshot of it), or undefined when it cannot be kept. */
  monthInterval(period: Period, month: number): MonthInterval | undefined {
    const kept = this.months.find(month);
    if (kept !== undefined) return kept;
    const snapshot = this.policy.at(Period.firstDay(period));
    const interval = intervalOf(snapshot);
    if (interval === undefined || interval.owner !== this.policy.at) return undefined;
    const [low, high] = [boundMonth(interval.from, -Infinity), boundMonth(interval.until, Infinity)];
    if (!(low <= month && month < high)) return undefined;
    const made: MonthInterval = { low, high, snapshot, id: this.months.size };
    this.months.add(made);
    return made;
  }

  /** The dues of an enrolment by interval id, shared by enrolments with equal terms (filled by `due`); undefined when its due is not shared (then keep your own). */
  duesOf(enrolment: Enrolment): Array<ContributionDue | undefined> | undefined {
    const key = contributionTermsKey(enrolment);
    if (key === undefined) return undefined;
    const [amount, rest] = key;
    let byRest = this.duesByTerms.get(amount);
    if (byRest === undefined) {
      byRest = new Map();
      this.duesByTerms.set(amount, byRest);
    }
    let dues = byRest.get(rest);
    if (dues === undefined) {
      dues = [];
      byRest.set(rest, dues);
    }
    return dues;
  }

  /** contributionDue under a month's interval: the same due as contributionDue(member, policy.at(any date of the interval)). */
  due(enrolment: Enrolment, interval: MonthInterval, dues: Array<ContributionDue | undefined>): ContributionDue | undefined {
    const known = dues[interval.id];
    if (known !== undefined) return known;
    const due = contributionDueShared(enrolment, interval.snapshot);
    dues[interval.id] = due;
    return due;
  }
}
