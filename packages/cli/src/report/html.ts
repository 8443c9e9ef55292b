import type { CoverageReport, FundMonth, FundReport } from '@jamsos/projections';
import { coverageChart, fundCharts, regionIdsOf } from './charts.js';
import { count, escapeHtml, percentBp, rupiah, rupiahShort } from './format.js';
import { fundMonthlyTable, fundTable, moneyCell } from './fund-tables.js';
import { htmlPage } from './page.js';
import { countTable, coverageSeriesTable, regionTable, shareBp } from './tables.js';

/** What the HTML report shows: coverage month by month and as of the latest date, and the fund. */
export interface HtmlReportInput {
  readonly title: string;
  /** When the report was generated (shown as given, e.g. an ISO date-time). */
  readonly generatedAt: string;
  readonly policyId: string;
  /** One coverage report per month end, ascending. */
  readonly coverageSeries: ReadonlyArray<CoverageReport>;
  readonly latestCoverage: CoverageReport;
  readonly fund: FundReport;
  readonly fundMonthly: ReadonlyArray<FundMonth>;
  /** A note under the header; when it says the data are synthetic, it is shown as a warning. */
  readonly note?: string;
}

const SYNTHETIC = /synthetic|sintetis|fictitious|fiktif/i;

const header = (input: HtmlReportInput): string => {
  const asOf = input.latestCoverage.asOf === input.fund.asOf ? escapeHtml(input.latestCoverage.asOf) : `${escapeHtml(input.latestCoverage.asOf)} (coverage), ${escapeHtml(input.fund.asOf)} (fund)`;
  const note =
    input.note === undefined || input.note.trim() === ''
      ? ''
      : SYNTHETIC.test(input.note)
        ? `<p class="note synthetic" role="note"><strong>Synthetic data: these are not real participants or official figures.</strong> ${escapeHtml(input.note)}</p>`
        : `<p class="note" role="note">${escapeHtml(input.note)}</p>`;
  const meta = [
    ['As of', asOf],
    ['Policy', `<code>${escapeHtml(input.policyId)}</code>`],
    ['Generated', escapeHtml(input.generatedAt)],
  ]
    .map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`)
    .join('');
  return `<header><h1>${escapeHtml(input.title)}</h1><dl class="meta">${meta}</dl>${note}
<nav aria-label="Contents"><ul><li><a href="#coverage">Coverage against target</a></li><li><a href="#fund">Contributions against claims</a></li><li><a href="#coverage-tables">Coverage tables</a></li><li><a href="#fund-tables">Fund balance</a></li></ul></nav></header>`;
};

const figure = (label: string, value: string, sub = ''): string =>
  `<div class="figure"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div>${sub === '' ? '' : `<div class="sub">${sub}</div>`}</div>`;

const keyFigures = (input: HtmlReportInput): string => {
  const t = input.latestCoverage.total;
  const f = input.fund.total;
  return `<section class="figures" aria-label="Key figures">${[
    figure('Protected workers', count(t.protected), `formal ${count(t.formal)} · informal ${count(t.informal)}`),
    figure('Members', count(t.members), t.members === 0 ? 'no members yet' : `${percentBp(shareBp(t.protected, t.members))} protected`),
    figure('Contributions received', escapeHtml(rupiahShort(f.received)), escapeHtml(rupiah(f.received))),
    figure('Benefits approved', escapeHtml(rupiahShort(f.approved)), `${escapeHtml(rupiah(f.approved))}<br>unpaid ${moneyCell(f.approvedUnpaid)}`),
    figure('Benefits disbursed', escapeHtml(rupiahShort(f.disbursed)), escapeHtml(rupiah(f.disbursed))),
    figure('Balance', moneyCell(f.balance, rupiahShort), `${moneyCell(f.balance)}<br>received − disbursed`),
  ].join('')}</section>`;
};

const coverageSection = (input: HtmlReportInput): string => {
  const regionIds = regionIdsOf(input.coverageSeries, input.latestCoverage);
  return `<section id="coverage"><h2>Coverage against target, per region</h2>
<p class="lead">Workers protected (JKK, by the same rule a claim is judged by) at each month end, one line per region; the dashed line in the region's colour is its target for the year. The label at each line's end gives the region's UCJ (protected / labour force) as of ${escapeHtml(input.latestCoverage.asOf)}.</p>
<figure>${coverageChart(input.coverageSeries, input.latestCoverage)}<figcaption>Chart 1. Protected workers against target per region. Hover a point for its value.</figcaption></figure>
<details><summary>The numbers behind chart 1</summary>${coverageSeriesTable(input.coverageSeries, regionIds)}</details></section>`;
};

const fundSection = (input: HtmlReportInput): string => {
  const { svgs, months } = fundCharts(input.fundMonthly);
  return `<section id="fund"><h2>Contributions against claims, per branch and month</h2>
<p class="lead">For each branch (all programmes together): contributions received, benefits approved and benefits disbursed in each month. Axes in rupiah (rb = ribu, jt = juta, M = miliar); hover a bar for the exact amount.</p>
<figure>${svgs.join('\n')}<figcaption>Chart 2. Monthly contributions received against benefits approved and disbursed, one panel per branch; each panel has its own scale.</figcaption></figure>
<details><summary>The numbers behind chart 2</summary>${fundMonthlyTable(months)}</details></section>`;
};

const tablesSection = (input: HtmlReportInput): string => {
  const c = input.latestCoverage;
  return `<section id="coverage-tables"><h2>Coverage as of ${escapeHtml(c.asOf)}</h2>
<p class="lead">Percentages to two decimals. UCJ = protected / labour force of the latest year recorded up to the report's year; informal coverage = informal protected / informal workers; progress = protected / target.</p>
${regionTable(c)}
${countTable(`Coverage by branch as of ${c.asOf}`, 'Branch', c.byBranch, c.total)}
${countTable(`Coverage by segment as of ${c.asOf}`, 'Segment', c.bySegment, c.total)}
${countTable(`Coverage by category as of ${c.asOf}`, 'Category', c.byCategory, c.total)}
${countTable(`Coverage by sponsor type as of ${c.asOf}`, 'Sponsor type', c.bySponsorType, c.total)}
</section>
<section id="fund-tables"><h2>Fund balance as of ${escapeHtml(input.fund.asOf)}</h2>
<p class="lead">Whole rupiah. Balance = contributions received − benefits disbursed; claims ratio = benefits approved / contributions received. <span class="neg">▼ red</span> marks a negative amount; a claims ratio above 100% is <span class="warn">highlighted</span>.</p>
${fundTable(input.fund)}
</section>`;
};

/** The whole report as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources. */
export const renderHtmlReport = (input: HtmlReportInput): string => htmlPage({ title: input.title, main: `${header(input)}
${keyFigures(input)}
${coverageSection(input)}
${fundSection(input)}
${tablesSection(input)}
<footer>Generated by jamsos at ${escapeHtml(input.generatedAt)} under policy <code>${escapeHtml(input.policyId)}</code>. Coverage counts members protected on the date by the policy's rules on contributions, arrears and lapses; amounts are whole rupiah.</footer>`});
