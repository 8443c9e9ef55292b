import type { CoverageReport, FundMonth } from '@jamsos/projections';
import { count, percentBp, rupiah, rupiahShort } from './format.js';
import { branchMonths, periodRange, type BranchMonth } from './fund-tables.js';
import { svgBarChart } from './svg-bar-chart.js';
import { svgLineChart, type LineSeries } from './svg-line-chart.js';
import { colourAt, markerAt } from './svg.js';

/** The regions of the latest report and of every month, in order. */
export const regionIdsOf = (series: ReadonlyArray<CoverageReport>, latest: CoverageReport): ReadonlyArray<string> =>
  [...new Set([...latest.byRegion.map((r) => r.key), ...series.flatMap((s) => s.byRegion.map((r) => r.key))])].sort();

/** Chart 1: protected workers per region and month end, each region's target dashed, and the latest UCJ at the line's end. */
export const coverageChart = (series: ReadonlyArray<CoverageReport>, latest: CoverageReport): string => {
  const months = series.length > 0 ? series : [latest];
  const regionIds = regionIdsOf(series, latest);
  const lines: LineSeries[] = regionIds.map((id, i) => {
    const now = latest.byRegion.find((r) => r.key === id);
    const target = months.map((m) => m.byRegion.find((r) => r.key === id)?.target?.workers);
    return {
      name: id,
      colour: colourAt(i),
      marker: markerAt(i),
      values: months.map((m) => m.byRegion.find((r) => r.key === id)?.protected),
      ...(target.some((t) => t !== undefined) ? { target, targetLabel: `target ${count(now?.target?.workers ?? target.findLast((t) => t !== undefined) ?? 0)}` } : {}),
      endLabel: `UCJ ${now?.ucjBp === undefined ? 'n/a' : percentBp(now.ucjBp)}`,
    };
  });
  const first = months[0]?.asOf ?? latest.asOf;
  const summary = regionIds
    .map((id) => {
      const r = latest.byRegion.find((g) => g.key === id);
      return `${id}: ${count(r?.protected ?? 0)} protected, UCJ ${percentBp(r?.ucjBp)}, target ${r?.target === undefined ? 'none' : count(r.target.workers)}`;
    })
    .join('; ');
  return svgLineChart({
    id: 'coverage-chart',
    title: 'Protected workers against target, per region',
    desc: `Line chart: protected workers per region at each month end from ${first} to ${months[months.length - 1]?.asOf ?? latest.asOf}; dashed lines are the regions' targets. As of ${latest.asOf}: ${summary || 'no regions'}.`,
    periods: months.map((m) => m.asOf),
    series: lines,
    yTitle: 'Protected workers',
    xTitle: 'Month end',
    format: count,
    legendExtra: lines.some((l) => l.target !== undefined) ? [{ label: 'target (dashed, colour of its region)', colour: '#555', swatch: 'dashed' }] : [],
  });
};

const FUND_GROUPS = [
  { key: 'received', name: 'Contributions received', colour: '#0072B2' },
  { key: 'approved', name: 'Benefits approved', colour: '#E69F00' },
  { key: 'disbursed', name: 'Benefits disbursed', colour: '#009E73' },
] as const;

/** Chart 2: small multiples, one grouped-bar chart per branch of contributions received against benefits approved and disbursed per month. */
export const fundCharts = (fundMonthly: ReadonlyArray<FundMonth>): { readonly svgs: ReadonlyArray<string>; readonly months: ReadonlyArray<BranchMonth> } => {
  const byBranch = branchMonths(fundMonthly);
  const all = [...byBranch.values()].flat();
  const periods = all.length === 0 ? [] : periodRange(all.map((m) => m.period).reduce((a, b) => (b < a ? b : a)), all.map((m) => m.period).reduce((a, b) => (b > a ? b : a)));
  if (byBranch.size === 0) {
    return { svgs: [svgBarChart({ id: 'fund-chart-0', title: 'Contributions against claims per branch', desc: 'No fund movements recorded.', periods: [], groups: [], yTitle: '', xTitle: '', format: rupiahShort })], months: [] };
  }
  const svgs = [...byBranch].map(([branchId, rows], i) => {
    const at = new Map(rows.map((r) => [r.period, r]));
    const total = (key: 'received' | 'approved' | 'disbursed') => rows.reduce((s, r) => s + r[key], 0);
    return svgBarChart({
      id: `fund-chart-${i}`,
      title: `${branchId}: contributions received against benefits approved and disbursed, per month`,
      desc: `Grouped bar chart for branch ${branchId}, ${periods[0] ?? ''} to ${periods[periods.length - 1] ?? ''}: in total ${rupiah(total('received'))} received, ${rupiah(total('approved'))} approved and ${rupiah(total('disbursed'))} disbursed.`,
      heading: `${branchId} — received ${rupiah(total('received'))}, approved ${rupiah(total('approved'))}, disbursed ${rupiah(total('disbursed'))}`,
      periods,
      groups: FUND_GROUPS.map((g) => ({ name: g.name, colour: g.colour, values: periods.map((p) => at.get(p)?.[g.key] ?? 0) })),
      yTitle: 'Rupiah per month',
      xTitle: 'Month',
      format: rupiahShort,
      tooltipFormat: rupiah,
    });
  });
  return { svgs, months: all.sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : a.branchId < b.branchId ? -1 : 1)) };
};
