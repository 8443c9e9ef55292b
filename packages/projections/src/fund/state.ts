import type { JamsosEvent } from '@jamsos/domain';
import { dayNumberOf } from '../check/fields.js';
import type { Projection } from '../projection.js';
import { checkFund } from './check.js';

/** Money through one branch for one programme on one day: [received, approved, disbursed], whole rupiah. */
export type DayAmounts = [received: number, approved: number, disbursed: number];

/**
 * The fund-balance read model: per branch and programme, the rupiah received (contributions, by the
 * day paid), approved (claims, by the day decided) and disbursed (benefits, by the day paid out).
 * Any as-of date and the monthly series are sums over these days.
 */
export interface FundState {
  /** key "branch|programme" -> day number -> amounts. */
  readonly days: Map<string, Map<number, DayAmounts>>;
}

const RECEIVED = 0;
const APPROVED = 1;
const DISBURSED = 2;

/**
 * The days of each branch and programme by branch, then programme: the same Maps as `state.days`
 * holds, reached without building a "branch|programme" key per event. Kept beside a state (a
 * WeakMap), rebuilt from `state.days` for a state it has not seen, and checked against it on a miss.
 */
interface Index {
  readonly branches: Map<string, Map<string, Map<number, DayAmounts>>>;
  /** The branch of the last lookup and its programmes: consecutive events often share a branch. */
  branch: string | undefined;
  programmes: Map<string, Map<number, DayAmounts>> | undefined;
}

const indexes = new WeakMap<FundState, Index>();
let lastState: FundState | undefined;
let lastIndex: Index | undefined;

const indexOf = (state: FundState): Index => {
  if (state === lastState && lastIndex !== undefined) return lastIndex;
  let index = indexes.get(state);
  if (index === undefined) {
    index = { branches: new Map(), branch: undefined, programmes: undefined };
    for (const [key, days] of state.days) {
      const bar = key.lastIndexOf('|');
      programmesOf(index, key.slice(0, bar)).set(key.slice(bar + 1), days);
    }
    indexes.set(state, index);
  }
  lastState = state;
  lastIndex = index;
  return index;
};

const programmesOf = (index: Index, branchId: string): Map<string, Map<number, DayAmounts>> => {
  let programmes = index.branches.get(branchId);
  if (programmes === undefined) {
    programmes = new Map();
    index.branches.set(branchId, programmes);
  }
  return programmes;
};

/** The days of one branch and programme, created (in `state.days` too) when new. */
const daysOf = (state: FundState, branchId: string, programme: string): Map<number, DayAmounts> => {
  const index = indexOf(state);
  let programmes = index.programmes;
  if (index.branch !== branchId || programmes === undefined) {
    programmes = programmesOf(index, branchId);
    index.branch = branchId;
    index.programmes = programmes;
  }
  let days = programmes.get(programme);
  if (days === undefined) {
    const key = `${branchId}|${programme}`;
    days = state.days.get(key);
    if (days === undefined) {
      days = new Map();
      state.days.set(key, days);
    }
    programmes.set(programme, days);
  }
  return days;
};

const add = (state: FundState, branchId: string, programme: string, day: number, column: number, amount: number): void => {
  const days = daysOf(state, branchId, programme);
  let amounts = days.get(day);
  if (amounts === undefined) {
    amounts = [0, 0, 0];
    days.set(day, amounts);
  }
  const sum = amounts[column]! + amount;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`fund total for ${branchId}|${programme} left the safe-integer range`);
  amounts[column] = sum;
};

/** The day number of a date the event carries; a date that does not exist is a bug here (the runner checks first). */
const dayOf = (date: string): number => {
  const day = dayNumberOf(date);
  if (day === undefined) throw new RangeError(`${JSON.stringify(date)} is not a date`);
  return day;
};

/** Folds one event into the fund read model (in place). */
export const applyFund = (state: FundState, event: JamsosEvent): FundState => {
  switch (event.type) {
    case 'ContributionPaid': {
      const { lines, branchId, paidOn } = event.data;
      const day = dayOf(paidOn);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.amount > 0) add(state, branchId, line.programme, day, RECEIVED, line.amount);
      }
      break;
    }
    case 'ClaimApproved':
      add(state, event.data.branchId, event.data.programme, dayOf(event.data.decidedOn), APPROVED, event.data.total);
      break;
    case 'BenefitDisbursed':
      add(state, event.data.branchId, event.data.programme, dayOf(event.data.disbursedOn), DISBURSED, event.data.amount);
      break;
    default:
      break;
  }
  return state;
};

/** The fund projection, for the projection runner. */
export const fundProjection: Projection<FundState> = {
  name: 'fund',
  version: 1,
  eventTypes: ['ContributionPaid', 'ClaimApproved', 'BenefitDisbursed'],
  initial: () => ({ days: new Map() }),
  apply: applyFund,
  check: checkFund,
  serialize: (state) => [...state.days].map(([key, days]) => [key, [...days]]),
  deserialize: (json) => ({ days: new Map((json as [string, [number, DayAmounts][]][]).map(([key, days]) => [key, new Map(days)])) }),
};
