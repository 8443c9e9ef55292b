/** Summaries of a what-if result that the text, CSV and HTML outputs share: totals per branch and year, monthly differences. */
import { Rupiah, type Period } from '@jamsos/domain';
import type { Compared, CoverageMonthComparison, FundFigures, FundMonthComparison, WhatIfResult } from '@jamsos/core';

/** A labelled comparison of fund figures (a programme, a branch, a year, or all). */
export interface FundTotal {
  readonly key: string;
  readonly figures: Compared<FundFigures>;
  /** How many months the flows were summed over. */
  readonly months: number;
}

const ZERO: FundFigures = { contributions: Rupiah.zero, benefitsApproved: Rupiah.zero, benefitsDisbursed: Rupiah.zero, fundBalance: Rupiah.zero };
const NONE: Compared<FundFigures> = { baseline: ZERO, counterfactual: ZERO, difference: ZERO };

/** Adds a month's flows (and, when it is the group's last month, its balance) to a running figure. */
const addMonth = (total: FundFigures, month: FundFigures, withBalance: boolean): FundFigures => ({
  contributions: Rupiah.add(total.contributions, month.contributions),
  benefitsApproved: Rupiah.add(total.benefitsApproved, month.benefitsApproved),
  benefitsDisbursed: Rupiah.add(total.benefitsDisbursed, month.benefitsDisbursed),
  fundBalance: withBalance ? Rupiah.add(total.fundBalance, month.fundBalance) : total.fundBalance,
});

/**
 * Groups fund rows by a key: the flows summed over each group's months, the balance taken at the
 * group's last month (the balance is cumulative already), summed over the group's branches and programmes.
 */
export const groupFund = (rows: ReadonlyArray<FundMonthComparison>, keyOf: (row: FundMonthComparison) => string): ReadonlyArray<FundTotal> => {
  const lastMonth = new Map<string, Period>();
  const months = new Map<string, Set<Period>>();
  for (const row of rows) {
    const key = keyOf(row);
    const last = lastMonth.get(key);
    if (last === undefined || row.period > last) lastMonth.set(key, row.period);
    months.set(key, (months.get(key) ?? new Set()).add(row.period));
  }
  const totals = new Map<string, Compared<FundFigures>>();
  for (const row of rows) {
    const key = keyOf(row);
    const atEnd = lastMonth.get(key) === row.period;
    const t = totals.get(key) ?? NONE;
    totals.set(key, {
      baseline: addMonth(t.baseline, row.baseline, atEnd),
      counterfactual: addMonth(t.counterfactual, row.counterfactual, atEnd),
      difference: addMonth(t.difference, row.difference, atEnd),
    });
  }
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, figures]) => ({ key, figures, months: months.get(key)?.size ?? 0 }));
};

/** Totals per programme, then all programmes ("all"), over the result's window. */
export const byProgramme = (result: WhatIfResult): ReadonlyArray<FundTotal> => [
  ...groupFund(result.fund, (r) => r.programme),
  ...groupFund(result.fund, () => 'all'),
];

/** Totals per branch (all programmes), over the result's window. */
export const byBranch = (result: WhatIfResult): ReadonlyArray<FundTotal> => groupFund(result.fund, (r) => r.branchId);

/** Totals per calendar year of the window (all branches and programmes); the balance at the year's last month in the window. */
export const byYear = (result: WhatIfResult): ReadonlyArray<FundTotal> => groupFund(result.fund, (r) => r.period.slice(0, 4));

/** One month's differences of one programme, summed over branches. */
export interface ProgrammeMonth {
  readonly period: Period;
  readonly contributions: number;
  readonly approved: number;
  readonly disbursed: number;
}

/** The monthly differences per programme (all branches), every month of the window, programmes in order. */
export const monthlyDifferences = (result: WhatIfResult): ReadonlyMap<string, ReadonlyArray<ProgrammeMonth>> => {
  const out = new Map<string, Map<Period, ProgrammeMonth>>();
  for (const row of result.fund) {
    const months = out.get(row.programme) ?? new Map<Period, ProgrammeMonth>();
    out.set(row.programme, months);
    const m = months.get(row.period) ?? { period: row.period, contributions: 0, approved: 0, disbursed: 0 };
    months.set(row.period, {
      period: row.period,
      contributions: Rupiah.add(Rupiah.of(m.contributions), row.difference.contributions),
      approved: Rupiah.add(Rupiah.of(m.approved), row.difference.benefitsApproved),
      disbursed: Rupiah.add(Rupiah.of(m.disbursed), row.difference.benefitsDisbursed),
    });
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, months]) => [p, [...months.values()].sort((a, b) => (a.period < b.period ? -1 : 1))]));
};

/** True when any figure of a comparison differs. */
export const differs = (c: Compared<FundFigures>): boolean => Object.values(c.difference).some((v) => v !== 0);

/** The coverage rows of the window's last month-end, one per region. */
export const coverageAtEnd = (result: WhatIfResult): ReadonlyArray<CoverageMonthComparison> => result.coverage.filter((r) => r.period === result.to);

/** The last month of the window in which the baseline records any money moving, or undefined. */
export const lastRecordedMonth = (result: WhatIfResult): Period | undefined => {
  let last: Period | undefined;
  for (const row of result.fund) {
    const b = row.baseline;
    if ((b.contributions !== 0 || b.benefitsApproved !== 0 || b.benefitsDisbursed !== 0) && (last === undefined || row.period > last)) last = row.period;
  }
  return last;
};

/** A caveat when the window runs past the recorded history: neither side has recorded payments then, so protection falls on both. */
export const recordedHistoryCaveat = (result: WhatIfResult): string | undefined => {
  const last = lastRecordedMonth(result);
  const why = 'in those months the recorded members pay nothing on either side, so their protection falls on both: read the difference';
  if (last === undefined) return `the recorded history moves no money from ${result.from} to ${result.to}; ${why}.`;
  return last < result.to ? `the recorded history moves no money after ${last}; ${why}.` : undefined;
};

/** How many recorded events took part: all read, less those recorded after the knowledge time. */
export const eventsKnown = (result: WhatIfResult): number => result.replay.eventsRead - result.replay.eventsAfterKnowledgeTime;
