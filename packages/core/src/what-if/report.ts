import { IsoDate, Period, Rupiah, type JamsosEvent, type Policy } from '@jamsos/domain';
import { coverageAsOf, coverageProjection, fundMonthly, fundProjection, type CoverageReport, type CoverageState, type FundState, type RegionCoverage } from '@jamsos/projections';
import type { Compared, CoverageFigures, CoverageMonthComparison, FundFigures, FundMonthComparison, WhatIfResult } from './types.js';

/** One side's read models (baseline or counterfactual): the same projections the CLI reports from. */
export interface SideProjections {
  readonly fund: FundState;
  readonly coverage: CoverageState;
}

const FUND_TYPES = new Set<string>(fundProjection.eventTypes);
const COVERAGE_TYPES = new Set<string>(coverageProjection.eventTypes);

/** Empty read models. */
export const emptySide = (): SideProjections => ({ fund: fundProjection.initial(), coverage: coverageProjection.initial() });

/** Folds one event, with its position, into a side's read models (each projection sees only its own event types, as the runner feeds it). */
export const foldIntoSide = (side: SideProjections, event: JamsosEvent, globalPosition: number, recordedAt: string): void => {
  const position = { globalPosition, recordedAt };
  if (FUND_TYPES.has(event.type)) fundProjection.apply(side.fund, event, position);
  if (COVERAGE_TYPES.has(event.type)) coverageProjection.apply(side.coverage, event, position);
};

const ZERO: FundFigures = { contributions: Rupiah.zero, benefitsApproved: Rupiah.zero, benefitsDisbursed: Rupiah.zero, fundBalance: Rupiah.zero };

const fundDifference = (b: FundFigures, c: FundFigures): FundFigures => ({
  contributions: Rupiah.sub(c.contributions, b.contributions),
  benefitsApproved: Rupiah.sub(c.benefitsApproved, b.benefitsApproved),
  benefitsDisbursed: Rupiah.sub(c.benefitsDisbursed, b.benefitsDisbursed),
  fundBalance: Rupiah.sub(c.fundBalance, b.fundBalance),
});

const compareFund = (baseline: FundFigures, counterfactual: FundFigures): Compared<FundFigures> => ({ baseline, counterfactual, difference: fundDifference(baseline, counterfactual) });

/** Adds a month's flows to a running total; the balance is taken from the later figures (it is cumulative already). */
const addFlows = (total: FundFigures, month: FundFigures): FundFigures => ({
  contributions: Rupiah.add(total.contributions, month.contributions),
  benefitsApproved: Rupiah.add(total.benefitsApproved, month.benefitsApproved),
  benefitsDisbursed: Rupiah.add(total.benefitsDisbursed, month.benefitsDisbursed),
  fundBalance: Rupiah.add(total.fundBalance, month.fundBalance),
});

type Monthly = Map<string, Map<Period, readonly [received: number, approved: number, disbursed: number]>>;

/** The fund's monthly flows by "branch|programme" and month, up to the end of a month. */
const monthlyFlows = (state: FundState, to: Period): { readonly flows: Monthly; readonly first: Period | undefined } => {
  const flows: Monthly = new Map();
  let first: Period | undefined;
  for (const m of fundMonthly(state, Period.lastDay(to))) {
    const key = `${m.branchId}|${m.programme}`;
    let months = flows.get(key);
    if (months === undefined) {
      months = new Map();
      flows.set(key, months);
    }
    months.set(m.period, [m.received, m.approved, m.disbursed]);
    if (first === undefined || m.period < first) first = m.period;
  }
  return { flows, first };
};

/**
 * The fund comparison: per branch, programme and month of [from, to], the contributions, benefits
 * approved and disbursed of the month, and the balance (received - disbursed) cumulative from the
 * first month either side has; every branch and programme either side has gets a row every month.
 */
export const compareFundMonthly = (baseline: FundState, counterfactual: FundState, from: Period, to: Period): ReadonlyArray<FundMonthComparison> => {
  const b = monthlyFlows(baseline, to);
  const c = monthlyFlows(counterfactual, to);
  const keys = [...new Set([...b.flows.keys(), ...c.flows.keys()])].sort();
  const starts = [from, b.first, c.first].filter((p): p is Period => p !== undefined);
  const start = starts.reduce((a, p) => (p < a ? p : a));
  const rows: FundMonthComparison[] = [];
  for (const key of keys) {
    const [branchId = '', programme = ''] = key.split('|');
    let balance: [Rupiah, Rupiah] = [Rupiah.zero, Rupiah.zero];
    for (let i = Period.index(start); i <= Period.index(to); i++) {
      const period = Period.fromIndex(i);
      const sides = [b.flows, c.flows].map((flows, side): FundFigures => {
        const [received = 0, approved = 0, disbursed = 0] = flows.get(key)?.get(period) ?? [];
        const fundBalance = Rupiah.add(balance[side] as Rupiah, Rupiah.sub(Rupiah.of(received), Rupiah.of(disbursed)));
        return { contributions: Rupiah.of(received), benefitsApproved: Rupiah.of(approved), benefitsDisbursed: Rupiah.of(disbursed), fundBalance };
      });
      const [base = ZERO, cf = ZERO] = sides;
      balance = [base.fundBalance, cf.fundBalance];
      if (period >= from) rows.push({ period, branchId, programme, ...compareFund(base, cf) });
    }
  }
  return rows;
};

/** Sums rows of one month-end (the balance) and of the whole window (the flows), overall or per programme. */
const fundTotals = (rows: ReadonlyArray<FundMonthComparison>, to: Period): Compared<FundFigures> => {
  let base = ZERO;
  let cf = ZERO;
  for (const row of rows) {
    const atEnd = row.period === to;
    base = addFlows(base, { ...row.baseline, fundBalance: atEnd ? row.baseline.fundBalance : Rupiah.zero });
    cf = addFlows(cf, { ...row.counterfactual, fundBalance: atEnd ? row.counterfactual.fundBalance : Rupiah.zero });
  }
  return compareFund(base, cf);
};

const figures = (r: RegionCoverage | undefined): CoverageFigures => ({
  members: r?.members ?? 0,
  protected: r?.protected ?? 0,
  ucjBp: r?.ucjBp,
  labourForce: r?.labourForce?.labourForce,
});

const minus = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a - b);

const compareCoverage = (baseline: CoverageFigures, counterfactual: CoverageFigures): Compared<CoverageFigures> => ({
  baseline,
  counterfactual,
  difference: {
    members: counterfactual.members - baseline.members,
    protected: counterfactual.protected - baseline.protected,
    ucjBp: minus(counterfactual.ucjBp, baseline.ucjBp),
    labourForce: minus(counterfactual.labourForce, baseline.labourForce),
  },
});

/** Coverage per region on each month's last day of [from, to], each side judged with its own policy on that day. */
export const compareCoverageMonthly = (
  baseline: CoverageState,
  counterfactual: CoverageState,
  policies: { readonly baseline: Policy; readonly counterfactual: Policy },
  from: Period,
  to: Period,
): { readonly rows: ReadonlyArray<CoverageMonthComparison>; readonly atEnd: Compared<CoverageFigures> } => {
  const rows: CoverageMonthComparison[] = [];
  let last: [CoverageReport, CoverageReport] | undefined;
  for (let i = Period.index(from); i <= Period.index(to); i++) {
    const period = Period.fromIndex(i);
    const asOf = Period.lastDay(period);
    const b = coverageAsOf(baseline, asOf, policies.baseline.at(asOf));
    const c = coverageAsOf(counterfactual, asOf, policies.counterfactual.at(asOf));
    last = [b, c];
    const regions = [...new Set([...b.byRegion.map((r) => r.key), ...c.byRegion.map((r) => r.key)])].sort();
    for (const regionId of regions)
      rows.push({ period, asOf, regionId, ...compareCoverage(figures(b.byRegion.find((r) => r.key === regionId)), figures(c.byRegion.find((r) => r.key === regionId))) });
  }
  const total = (report: CoverageReport | undefined): CoverageFigures => ({ members: report?.total.members ?? 0, protected: report?.total.protected ?? 0, ucjBp: undefined, labourForce: undefined });
  return { rows, atEnd: compareCoverage(total(last?.[0]), total(last?.[1])) };
};

/** The report's comparisons of both sides over a window. */
export const compareSides = (
  baseline: SideProjections,
  counterfactual: SideProjections,
  policies: { readonly baseline: Policy; readonly counterfactual: Policy },
  from: Period,
  to: Period,
): Pick<WhatIfResult, 'fund' | 'coverage' | 'totals'> => {
  const fund = compareFundMonthly(baseline.fund, counterfactual.fund, from, to);
  const coverage = compareCoverageMonthly(baseline.coverage, counterfactual.coverage, policies, from, to);
  const programmes = [...new Set(fund.map((r) => r.programme))].sort();
  return {
    fund,
    coverage: coverage.rows,
    totals: {
      fund: fundTotals(fund, to),
      fundByProgramme: programmes.map((programme) => ({ programme, ...fundTotals(fund.filter((r) => r.programme === programme), to) })),
      coverage: coverage.atEnd,
    },
  };
};

/** The first and last month of a set of dates (undefined for none). */
export const monthsSpanned = (first: IsoDate | undefined, last: IsoDate | undefined): { readonly from: Period; readonly to: Period } | undefined =>
  first === undefined || last === undefined ? undefined : { from: IsoDate.period(first), to: IsoDate.period(last) };
