/** Pieces of the what-if HTML page: the charts of monthly differences and coverage, and the tables. */
import type { CoverageMonthComparison, FundFigures, WhatIfResult } from '@jamsos/core';
import { count, escapeHtml, percentBp, rupiah, rupiahShort } from '../report/format.js';
import { svgBarChart } from '../report/svg-bar-chart.js';
import { svgLineChart, type LineSeries } from '../report/svg-line-chart.js';
import { colourAt, markerAt } from '../report/svg.js';
import { htmlTable, numCell, type HtmlColumn, type HtmlRow } from '../report/tables.js';
import { byBranch, byProgramme, byYear, coverageAtEnd, differs, monthlyDifferences, type FundTotal } from './summary.js';
import { outcomeText, pointsDiff } from './text.js';

/** A signed difference cell: "+Rp1.000"; a negative one marked (▼, red) so it shows without colour too. */
export const diffCell = (n: number, format: (n: number) => string = rupiah): string =>
  n < 0 ? `<span class="neg">▼ ${escapeHtml(format(n))}</span>` : n > 0 ? `+${escapeHtml(format(n))}` : escapeHtml(format(n));

const DIFF_GROUPS = [
  { key: 'contributions', name: 'Contributions (difference)', colour: '#0072B2' },
  { key: 'approved', name: 'Benefits approved (difference)', colour: '#E69F00' },
  { key: 'disbursed', name: 'Benefits disbursed (difference)', colour: '#009E73' },
] as const;

/** One bar chart per programme whose figures differ: the monthly differences (what-if minus baseline), all branches together. */
export const differenceCharts = (result: WhatIfResult): { readonly svgs: ReadonlyArray<string>; readonly unchanged: ReadonlyArray<string> } => {
  const svgs: string[] = [];
  const unchanged: string[] = [];
  let i = 0;
  for (const [programme, months] of monthlyDifferences(result)) {
    const total = (key: 'contributions' | 'approved' | 'disbursed') => months.reduce((s, m) => s + m[key], 0);
    if (months.every((m) => m.contributions === 0 && m.approved === 0 && m.disbursed === 0)) {
      unchanged.push(programme);
      continue;
    }
    const sums = `contributions ${rupiah(total('contributions'))}, approved ${rupiah(total('approved'))}, disbursed ${rupiah(total('disbursed'))}`;
    svgs.push(
      svgBarChart({
        id: `difference-chart-${i++}`,
        title: `${programme}: monthly difference, what-if minus baseline`,
        desc: `Grouped bar chart for ${programme}, ${result.from} to ${result.to}, all branches: the what-if changes ${sums} in total.`,
        heading: `${programme}: ${sums} (what-if − baseline)`,
        periods: months.map((m) => m.period),
        groups: DIFF_GROUPS.map((g) => ({ name: g.name, colour: g.colour, values: months.map((m) => m[g.key]) })),
        yTitle: 'Rupiah per month',
        xTitle: 'Month',
        format: rupiahShort,
        tooltipFormat: rupiah,
        plotHeight: 180,
      }),
    );
  }
  return { svgs, unchanged };
};

/** Protected workers per region at each month-end: the what-if as a solid line, the baseline dashed in the same colour. */
export const coverageChart = (result: WhatIfResult): string => {
  const periods = [...new Set(result.coverage.map((r) => r.period))].sort();
  const regions = [...new Set(result.coverage.map((r) => r.regionId))].sort();
  const at = new Map(result.coverage.map((r) => [`${r.regionId}|${r.period}`, r]));
  const end = coverageAtEnd(result);
  const series: LineSeries[] = regions.map((regionId, i) => {
    const last = end.find((r) => r.regionId === regionId);
    return {
      name: regionId,
      colour: colourAt(i),
      marker: markerAt(i),
      values: periods.map((p) => at.get(`${regionId}|${p}`)?.counterfactual.protected),
      target: periods.map((p) => at.get(`${regionId}|${p}`)?.baseline.protected),
      targetLabel: 'baseline',
      endLabel: `UCJ ${percentBp(last?.baseline.ucjBp)} → ${percentBp(last?.counterfactual.ucjBp)}`,
    };
  });
  return svgLineChart({
    id: 'coverage-comparison',
    title: 'Protected workers per region, baseline and what-if',
    desc: `Line chart of protected workers per region at each month end from ${result.from} to ${result.to}: solid lines the what-if, dashed lines the baseline. ${end.map((r) => `${r.regionId}: ${r.baseline.protected} -> ${r.counterfactual.protected}`).join('; ')}.`,
    periods,
    series,
    yTitle: 'Protected workers',
    xTitle: 'Month end',
    format: count,
    legendExtra: [{ label: 'baseline (dashed, colour of its region)', colour: '#555', swatch: 'dashed' }],
    plotHeight: 260,
  });
};

const FIGURES: ReadonlyArray<readonly [keyof FundFigures, string]> = [
  ['contributions', 'Contributions'],
  ['benefitsApproved', 'Benefits approved'],
  ['benefitsDisbursed', 'Benefits disbursed'],
  ['fundBalance', 'Balance (end)'],
];

interface FigureRow {
  readonly key: string;
  readonly figure: string;
  readonly baseline: number;
  readonly counterfactual: number;
  readonly difference: number;
}

const figureTable = (caption: string, heading: string, totals: ReadonlyArray<FundTotal>, totalKey?: string): string => {
  const rows: HtmlRow<FigureRow>[] = totals.flatMap((t) =>
    FIGURES.map(([field, figure], i) => ({
      row: { key: i === 0 ? t.key : '', figure, baseline: t.figures.baseline[field], counterfactual: t.figures.counterfactual[field], difference: t.figures.difference[field] },
      ...(t.key === totalKey ? { className: 'subtotal' } : {}),
    })),
  );
  const columns: HtmlColumn<FigureRow>[] = [
    { heading, cell: (r) => `<span class="key">${escapeHtml(r.key)}</span>` },
    { heading: 'Figure', cell: (r) => escapeHtml(r.figure) },
    { heading: 'Baseline', cell: (r) => escapeHtml(rupiah(r.baseline)), numeric: true },
    { heading: 'What-if', cell: (r) => escapeHtml(rupiah(r.counterfactual)), numeric: true },
    { heading: 'Difference', cell: (r) => diffCell(r.difference), numeric: true, hint: 'What-if minus baseline' },
  ];
  return htmlTable(caption, columns, rows, 'No fund movements.');
};

/** The fund tables: per programme (with all programmes), per branch, and the differences per year. */
export const fundTables = (result: WhatIfResult): string => {
  const span = `${result.from} to ${result.to}`;
  const years: HtmlColumn<FundTotal>[] = [
    { heading: 'Year', cell: (t) => `<span class="key">${escapeHtml(t.key)}</span>` },
    { heading: 'Months', cell: (t) => String(t.months), numeric: true },
    { heading: 'Contributions', cell: (t) => diffCell(t.figures.difference.contributions), numeric: true },
    { heading: 'Approved', cell: (t) => diffCell(t.figures.difference.benefitsApproved), numeric: true },
    { heading: 'Disbursed', cell: (t) => diffCell(t.figures.difference.benefitsDisbursed), numeric: true },
    { heading: 'Balance at year end', cell: (t) => diffCell(t.figures.difference.fundBalance), numeric: true },
  ];
  return [
    figureTable(`Fund per programme, ${span} (flows summed; balance at the end of ${result.to})`, 'Programme', byProgramme(result), 'all'),
    figureTable(`Fund per branch, all programmes, ${span}`, 'Branch', byBranch(result)),
    htmlTable('Difference (what-if − baseline) per year, all branches and programmes', years, byYear(result).map((row) => ({ row, ...(differs(row.figures) ? {} : { className: 'unchanged' }) })), 'No months.'),
  ].join('\n');
};

/** Coverage per region at the last month-end, baseline against the what-if. */
export const coverageTable = (result: WhatIfResult): string => {
  const end = coverageAtEnd(result);
  const columns: HtmlColumn<CoverageMonthComparison>[] = [
    { heading: 'Region', cell: (r) => `<span class="key">${escapeHtml(r.regionId)}</span>` },
    { heading: 'Labour force', cell: (r) => numCell(r.baseline.labourForce ?? r.counterfactual.labourForce), numeric: true },
    { heading: 'Protected', cell: (r) => count(r.baseline.protected), numeric: true },
    { heading: 'What-if protected', cell: (r) => count(r.counterfactual.protected), numeric: true },
    { heading: 'Difference', cell: (r) => diffCell(r.difference.protected, count), numeric: true },
    { heading: 'UCJ', cell: (r) => percentBp(r.baseline.ucjBp), numeric: true, hint: 'Protected / labour force, baseline' },
    { heading: 'What-if UCJ', cell: (r) => percentBp(r.counterfactual.ucjBp), numeric: true },
    { heading: 'UCJ difference', cell: (r) => escapeHtml(pointsDiff(r.difference.ucjBp) || '–'), numeric: true, hint: 'Percentage points' },
    { heading: 'Members', cell: (r) => `${count(r.baseline.members)} → ${count(r.counterfactual.members)}`, numeric: true },
  ];
  return htmlTable(`Coverage per region on ${end[0]?.asOf ?? result.to}`, columns, end.map((row) => ({ row })), 'No regions.');
};

/** The replay's counts and the changed claim decisions (up to the 20 the result keeps). */
export const replaySection = (result: WhatIfResult): string => {
  const r = result.replay;
  const list = (record: Readonly<Record<string, number>>): string =>
    Object.keys(record).length === 0 ? 'none' : Object.entries(record).sort(([, a], [, b]) => b - a).map(([k, n]) => `${escapeHtml(k)} ${count(n)}`).join(', ');
  const items = [
    `${count(r.eventsRead)} recorded events read, ${count(r.eventsAfterKnowledgeTime)} of them recorded after the knowledge time and left out`,
    `${count(r.commandsReplayed)} commands replayed, ${count(r.injectedCommands)} of them injected; ${count(r.eventsEmitted)} events derived`,
    `Payments refused under the what-if: ${list(r.paymentsRefused)}`,
    `Other commands refused: ${list(r.commandsRefused)}`,
    `Disbursements without a what-if approval: ${count(r.disbursementsWithoutApproval.count)} (${escapeHtml(rupiah(r.disbursementsWithoutApproval.recordedAmount))} recorded, not paid); zero tranches skipped: ${count(r.zeroTranchesSkipped)}`,
    `Claim decisions changed: ${count(r.claimsDecisionChanged)}`,
  ];
  const changes = htmlTable(
    `Changed claim decisions (the first ${r.claimChangeExamples.length} of ${r.claimsDecisionChanged})`,
    [
      { heading: 'Claim', cell: (c) => `<span class="key">${escapeHtml(c.claimId)}</span>` },
      { heading: 'Participant', cell: (c) => escapeHtml(c.participantId) },
      { heading: 'Decided', cell: (c) => escapeHtml(c.decidedOn) },
      { heading: 'Baseline', cell: (c) => escapeHtml(outcomeText(c.baseline)) },
      { heading: 'What-if', cell: (c) => escapeHtml(outcomeText(c.counterfactual)) },
    ],
    r.claimChangeExamples.map((row) => ({ row })),
    'No claim decision changed.',
  );
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>\n${changes}`;
};
