import { IsoDate, type JamsosEvent } from '@jamsos/domain';
import type { Projection } from '../projection.js';

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

const add = (state: FundState, branchId: string, programme: string, date: IsoDate, column: number, amount: number): void => {
  const key = `${branchId}|${programme}`;
  let days = state.days.get(key);
  if (days === undefined) {
    days = new Map();
    state.days.set(key, days);
  }
  const day = IsoDate.toDayNumber(date);
  let amounts = days.get(day);
  if (amounts === undefined) {
    amounts = [0, 0, 0];
    days.set(day, amounts);
  }
  const sum = amounts[column]! + amount;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`fund total for ${key} left the safe-integer range`);
  amounts[column] = sum;
};

/** Folds one event into the fund read model (in place). */
export const applyFund = (state: FundState, event: JamsosEvent): FundState => {
  switch (event.type) {
    case 'ContributionPaid':
      for (const line of event.data.lines) if (line.amount > 0) add(state, event.data.branchId, line.programme, event.data.paidOn, RECEIVED, line.amount);
      break;
    case 'ClaimApproved':
      add(state, event.data.branchId, event.data.programme, event.data.decidedOn, APPROVED, event.data.total);
      break;
    case 'BenefitDisbursed':
      add(state, event.data.branchId, event.data.programme, event.data.disbursedOn, DISBURSED, event.data.amount);
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
  serialize: (state) => [...state.days].map(([key, days]) => [key, [...days]]),
  deserialize: (json) => ({ days: new Map((json as [string, [number, DayAmounts][]][]).map(([key, days]) => [key, new Map(days)])) }),
};
