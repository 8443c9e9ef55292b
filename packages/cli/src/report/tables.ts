import type { CoverageCount, CoverageReport, RegionCoverage } from '@jamsos/projections';
import { count, escapeHtml, percentBp } from './format.js';

/** A column of an HTML table: its heading, the cell's HTML (already escaped) and whether it holds a number. */
export interface HtmlColumn<Row> {
  readonly heading: string;
  readonly cell: (row: Row) => string;
  readonly numeric?: boolean;
  /** A longer explanation of the heading, shown as its tooltip. */
  readonly hint?: string;
}

/** A row of a table with an optional class (e.g. "subtotal", "total"). */
export interface HtmlRow<Row> {
  readonly row: Row;
  readonly className?: string;
}

/** An HTML table with a caption; `empty` is said instead when there are no rows. */
export const htmlTable = <Row>(caption: string, columns: ReadonlyArray<HtmlColumn<Row>>, rows: ReadonlyArray<HtmlRow<Row>>, empty = 'No rows.'): string => {
  const head = columns.map((c) => `<th scope="col"${c.numeric === true ? ' class="num"' : ''}${c.hint === undefined ? '' : ` title="${escapeHtml(c.hint)}"`}>${escapeHtml(c.heading)}</th>`).join('');
  const body =
    rows.length === 0
      ? `<tr><td class="empty" colspan="${columns.length}">${escapeHtml(empty)}</td></tr>`
      : rows
          .map(({ row, className }) => `<tr${className === undefined ? '' : ` class="${escapeHtml(className)}"`}>${columns.map((c) => `<td${c.numeric === true ? ' class="num"' : ''}>${c.cell(row)}</td>`).join('')}</tr>`)
          .join('\n');
  return `<div class="table-wrap"><table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
};

/** A number cell, or a dash when unknown. */
export const numCell = (n: number | undefined): string => (n === undefined ? '<span class="na">–</span>' : count(n));

/** A percentage cell from basis points, or a dash when unknown. */
export const bpCell = (bp: number | undefined): string => (bp === undefined ? '<span class="na">–</span>' : percentBp(bp));

/** Part of a whole in basis points, rounded; undefined when the whole is zero. */
export const shareBp = (part: number, whole: number): number | undefined => (whole > 0 ? Math.round((part * 10_000) / whole) : undefined);

/** A progress percentage with a small bar (capped at 100% wide). */
export const progressCell = (bp: number | undefined): string => {
  if (bp === undefined) return '<span class="na">–</span>';
  const width = Math.max(0, Math.min(100, bp / 100));
  return `<span class="progress"><span class="bar" style="width:${width.toFixed(1)}%"></span></span> ${percentBp(bp)}`;
};

const countColumns = <Row extends CoverageCount>(keyHeading: string, keyCell: (row: Row) => string): HtmlColumn<Row>[] => [
  { heading: keyHeading, cell: keyCell },
  { heading: 'Protected', cell: (r) => count(r.protected), numeric: true, hint: 'Members protected (JKK) on the date' },
  { heading: 'Formal', cell: (r) => count(r.formal), numeric: true, hint: 'Protected wage earners (PU) and other formal segments' },
  { heading: 'Informal', cell: (r) => count(r.informal), numeric: true, hint: 'Protected informal workers (BPU)' },
  { heading: 'Members', cell: (r) => count(r.members), numeric: true, hint: 'Members enrolled or lapsed, protected or not' },
];

const regionColumns: HtmlColumn<RegionCoverage | CoverageCount>[] = [
  ...countColumns<RegionCoverage | CoverageCount>('Region', (r) => `<span class="key">${escapeHtml(r.key)}</span>`),
  {
    heading: 'Labour force',
    cell: (r) =>
      'labourForce' in r
        ? r.labourForce === undefined
          ? '<span class="na">none recorded</span>'
          : `${count(r.labourForce.labourForce)}<br><span class="source">${escapeHtml(r.labourForce.year)} · ${escapeHtml(r.labourForce.source)}</span>`
        : '',
    numeric: true,
    hint: 'The UCJ denominator: the working population recorded for the region, with its year and source',
  },
  { heading: 'UCJ', cell: (r) => ('ucjBp' in r ? bpCell(r.ucjBp) : ''), numeric: true, hint: 'Universal Coverage Jamsostek: protected / labour force' },
  { heading: 'Informal cov.', cell: (r) => ('informalCoverageBp' in r ? bpCell(r.informalCoverageBp) : ''), numeric: true, hint: 'Informal protected / informal workers' },
  {
    heading: 'Target',
    cell: (r) => ('target' in r ? (r.target === undefined ? '<span class="na">–</span>' : `${count(r.target.workers)}<br><span class="source">${escapeHtml(r.target.source)}</span>`) : ''),
    numeric: true,
    hint: 'Protected workers targeted for the year, with its source',
  },
  { heading: 'Progress', cell: (r) => ('target' in r ? progressCell(r.target?.progressBp) : ''), numeric: true, hint: 'Protected / target' },
  { heading: 'Remaining', cell: (r) => ('target' in r ? numCell(r.target?.remaining) : ''), numeric: true, hint: 'Workers still to protect to reach the target' },
];

/** Coverage by region: counts, labour force with year and source, UCJ, informal coverage, target, progress and remaining, and the total. */
export const regionTable = (report: CoverageReport): string =>
  htmlTable(
    `Coverage by region as of ${report.asOf}`,
    regionColumns,
    [...report.byRegion.map((row) => ({ row })), ...(report.byRegion.length === 0 ? [] : [{ row: { ...report.total, key: 'All regions' }, className: 'total' }])],
    'No regions recorded.',
  );

/** Coverage by one grouping (branch, segment, category, sponsor type): counts and the protected share of members. */
export const countTable = (caption: string, keyHeading: string, rows: ReadonlyArray<CoverageCount>, total?: CoverageCount): string =>
  htmlTable(
    caption,
    [
      ...countColumns<CoverageCount>(keyHeading, (r) => `<span class="key">${escapeHtml(r.key)}</span>`),
      { heading: 'Protected of members', cell: (r) => bpCell(shareBp(r.protected, r.members)), numeric: true, hint: 'Protected / members' },
    ],
    [...rows.map((row) => ({ row })), ...(total === undefined || rows.length === 0 ? [] : [{ row: { ...total, key: 'Total' }, className: 'total' }])],
    'No members.',
  );

/** The region coverage of every month end, protected against target (the numbers behind chart 1). */
export const coverageSeriesTable = (series: ReadonlyArray<CoverageReport>, regionIds: ReadonlyArray<string>): string => {
  const columns: HtmlColumn<CoverageReport>[] = [
    { heading: 'Month end', cell: (r) => escapeHtml(r.asOf) },
    ...regionIds.flatMap((id): HtmlColumn<CoverageReport>[] => {
      const region = (r: CoverageReport) => r.byRegion.find((g) => g.key === id);
      return [
        { heading: `${id} protected`, cell: (r) => numCell(region(r)?.protected), numeric: true },
        { heading: `${id} target`, cell: (r) => numCell(region(r)?.target?.workers), numeric: true },
        { heading: `${id} UCJ`, cell: (r) => bpCell(region(r)?.ucjBp), numeric: true },
      ];
    }),
  ];
  return htmlTable('Protected workers and target per region, month by month', columns, series.map((row) => ({ row })), 'No months.');
};
