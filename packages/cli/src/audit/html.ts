import type { AuditFinding, BalanceMonth } from '@jamsos/core';
import { fundTable, moneyCell } from '../report/fund-tables.js';
import { escapeHtml, percentBp, rupiah, rupiahShort } from '../report/format.js';
import { htmlPage } from '../report/page.js';
import { svgLineChart } from '../report/svg-line-chart.js';
import { colourAt, markerAt } from '../report/svg.js';
import { htmlTable } from '../report/tables.js';
import { FINDING_KINDS, FINDING_TAGS, findingSentence, subjectOf } from './describe.js';
import type { AuditResult } from './run.js';
import { findingsSummary } from './text.js';

/** What the audit page shows besides the result: where it came from. */
export interface AuditPageContext {
  readonly generatedAt: string;
  readonly policy: string;
  readonly where: string;
  /** The synthetic-data note of a demo store, if it carries one. */
  readonly syntheticNote: string | undefined;
}

const PROGRAMME_ORDER = ['JKK', 'JKM', 'JHT', 'JP', 'JKP'];
const rank = (programme: string): number => (PROGRAMME_ORDER.includes(programme) ? PROGRAMME_ORDER.indexOf(programme) : PROGRAMME_ORDER.length);
const byProgramme = (a: string, b: string): number => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

/** One chart per programme: the balance to date (received - disbursed) at each month's end, one line per branch. */
const balanceCharts = (history: ReadonlyArray<BalanceMonth>): string[] => {
  const programmes = [...new Set(history.map((m) => m.programme))].sort(byProgramme);
  return programmes.map((programme, p) => {
    const months = history.filter((m) => m.programme === programme);
    const periods = [...new Set(months.map((m) => m.period))].sort();
    const branches = [...new Set(months.map((m) => m.branchId))].sort();
    const series = branches.map((branchId, i) => {
      const at = new Map(months.filter((m) => m.branchId === branchId).map((m) => [m.period, m.toDate]));
      const last = [...at.values()].at(-1);
      return {
        name: branchId,
        colour: colourAt(i),
        marker: markerAt(i),
        values: periods.map((period) => at.get(period)?.balance),
        endLabel: last === undefined ? '' : `${rupiahShort(last.balance)}${last.approved > 0 ? ` · ${percentBp(last.claimsRatioBp)}` : ''}`,
      };
    });
    return `<h3>${escapeHtml(programme)}</h3>${svgLineChart({
      id: `balance-chart-${p}`,
      title: `${programme}: balance to date per branch`,
      desc: `Line chart for ${programme}: contributions received minus benefits disbursed, cumulated to each month's end from ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}, one line per branch.`,
      periods,
      series,
      yTitle: 'Rupiah (received − disbursed, to date)',
      xTitle: 'Month',
      format: rupiahShort,
      plotHeight: 220,
    })}`;
  });
};

const findingsTable = (findings: ReadonlyArray<AuditFinding>): string =>
  htmlTable(
    'Anomalies, in log order of the event each names',
    [
      { heading: 'Kind', cell: (f) => `<span class="key">${escapeHtml(f._tag)}</span>` },
      { heading: 'Claim / participant', cell: (f) => escapeHtml([subjectOf(f).claimId, subjectOf(f).participantId].filter((x) => x !== undefined).join(' / ') || '–') },
      { heading: 'Branch', cell: (f) => escapeHtml(subjectOf(f).branchId ?? '–') },
      { heading: 'What', cell: (f) => escapeHtml(findingSentence(f)) },
      { heading: 'Event', cell: (f) => `<code>${escapeHtml(`${f.event.streamName}@${f.event.revision}`)}</code><span class="source">${escapeHtml(f.event.type)}, recorded ${escapeHtml(f.event.recordedAt)}</span>` },
      { heading: 'Position', cell: (f) => String(f.event.globalPosition), numeric: true },
    ],
    findings.map((row) => ({ row })),
    'No anomalies found.',
  );

const countsTable = (result: AuditResult): string =>
  htmlTable(
    'Anomalies by kind',
    [
      { heading: 'Kind', cell: (tag: (typeof FINDING_TAGS)[number]) => `<span class="key">${escapeHtml(tag)}</span> <span class="source">${escapeHtml(FINDING_KINDS[tag])}</span>` },
      { heading: 'Findings', cell: (tag) => String(result.counts[tag]), numeric: true },
    ],
    FINDING_TAGS.map((row) => ({ row })),
  );

const historyTable = (history: ReadonlyArray<BalanceMonth>): string =>
  htmlTable(
    'Each month per branch and programme: the month’s flows and the position at its end',
    [
      { heading: 'Month', cell: (m: BalanceMonth) => escapeHtml(m.period) },
      { heading: 'Branch', cell: (m) => `<span class="key">${escapeHtml(m.branchId)}</span>` },
      { heading: 'Programme', cell: (m) => escapeHtml(m.programme) },
      { heading: 'Received', cell: (m) => moneyCell(m.month.received), numeric: true },
      { heading: 'Approved', cell: (m) => moneyCell(m.month.approved), numeric: true },
      { heading: 'Disbursed', cell: (m) => moneyCell(m.month.disbursed), numeric: true },
      { heading: 'Balance to date', cell: (m) => moneyCell(m.toDate.balance), numeric: true },
      { heading: 'Unpaid to date', cell: (m) => moneyCell(m.toDate.approvedUnpaid), numeric: true },
      { heading: 'Ratio to date', cell: (m) => percentBp(m.toDate.claimsRatioBp), numeric: true },
    ],
    history.map((row) => ({ row })),
    'No movements.',
  );

const figure = (label: string, value: string, sub: string): string => `<div class="figure"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;

/** The audit as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources. */
export const renderAuditHtml = (result: AuditResult, context: AuditPageContext): string => {
  const title = 'jamsos audit: claims against contributions';
  const scope = result.branchId === undefined ? 'all branches' : result.branchId;
  const note =
    context.syntheticNote === undefined
      ? `<p class="note" role="note">Store ${escapeHtml(context.where)}.</p>`
      : `<p class="note synthetic" role="note"><strong>Synthetic data: these are not real participants or official figures.</strong> ${escapeHtml(context.syntheticNote)}</p>`;
  const meta = [['As of', escapeHtml(result.asOf)], ['Scope', escapeHtml(scope)], ['Policy', `<code>${escapeHtml(context.policy)}</code>`], ['Generated', escapeHtml(context.generatedAt)]]
    .map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`)
    .join('');
  const t = result.balance.total;
  const d = result.disbursements;
  const verdict = result.findings.length === 0 ? 'No anomalies found.' : `${findingsSummary(result)}.`;
  return htmlPage({ title: title, main: `<header><h1>${escapeHtml(title)}</h1><dl class="meta">${meta}</dl>${note}
<nav aria-label="Contents"><ul><li><a href="#balance">Balance</a></li><li><a href="#history">Monthly balance</a></li><li><a href="#anomalies">Anomalies</a></li><li><a href="#disbursements">Disbursements</a></li></ul></nav></header>
<section class="figures" aria-label="Key figures">${[
    figure('Anomalies', String(result.findings.length), escapeHtml(verdict)),
    figure('Contributions received', escapeHtml(rupiahShort(t.received)), escapeHtml(rupiah(t.received))),
    figure('Benefits approved', escapeHtml(rupiahShort(t.approved)), `${escapeHtml(rupiah(t.approved))}<br>ratio ${percentBp(t.claimsRatioBp)}`),
    figure('Benefits disbursed', escapeHtml(rupiahShort(t.disbursed)), `${d.count} disbursements`),
    figure('Balance', moneyCell(t.balance, rupiahShort), `${moneyCell(t.balance)}<br>received − disbursed`),
  ].join('')}</section>
<section id="balance"><h2>Claims against contributions as of ${escapeHtml(result.asOf)}</h2>
<p class="lead">Folded from the events themselves (each validated), not from saved read models. Balance = contributions received − benefits disbursed; claims ratio = benefits approved / contributions received.${result.moneyEventsUnreadable.length > 0 ? ` ${result.moneyEventsUnreadable.length} money event(s) could not be read and are left out (see the anomalies).` : ''}</p>
${fundTable(result.balance)}</section>
<section id="history"><h2>Monthly balance per programme</h2>
<p class="lead">For each programme, the balance to date at each month’s end, one line per branch; the label at a line’s end gives the balance on ${escapeHtml(result.asOf)} (and the claims ratio, where anything was approved).</p>
<figure>${balanceCharts(result.history).join('\n')}<figcaption>Balance to date per branch, one chart per programme. Hover a point for its value.</figcaption></figure>
<details><summary>The numbers behind the charts</summary>${historyTable(result.history)}</details></section>
<section id="anomalies"><h2>Anomalies</h2>
<p class="lead">${escapeHtml(verdict)} ${result.eventsRead} events checked; ${result.eventsAfterAsOf} dated after ${escapeHtml(result.asOf)} left out. Each kind is defined in docs/audit.md.</p>
${countsTable(result)}
${findingsTable(result.findings)}</section>
<section id="disbursements"><h2>Disbursements</h2>
<p class="lead">${d.count} disbursements up to ${escapeHtml(result.asOf)}, ${escapeHtml(rupiah(d.amount))} in total. Why, by whom and under which law one was paid: <code>jamsos audit explain &lt;claimId&gt; &lt;reference&gt;</code>${d.example === undefined ? '' : `, e.g. <code>jamsos audit explain ${escapeHtml(d.example.claimId)} ${escapeHtml(d.example.reference)}</code>`}.</p></section>
<footer>Generated by jamsos at ${escapeHtml(context.generatedAt)} under policy <code>${escapeHtml(context.policy)}</code>. Amounts are whole rupiah. Tamper evidence: <code>jamsos audit verify</code>.</footer>`});
};
