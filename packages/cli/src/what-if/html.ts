/** The what-if as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources. */
import type { WhatIfResult } from '@jamsos/core';
import { count, escapeHtml, rupiah, rupiahShort } from '../report/format.js';
import { htmlPage } from '../report/page.js';
import { htmlTable } from '../report/tables.js';
import { coverageChart, coverageTable, diffCell, differenceCharts, fundTables, replaySection } from './html-parts.js';
import { eventsKnown, recordedHistoryCaveat } from './summary.js';
import { describeInjection, labourForceOf, patchValue, type WhatIfContext } from './text.js';

/** What the page shows besides the result: the scenario files, the store's note, when and where. */
export interface WhatIfPageContext extends WhatIfContext {
  readonly generatedAt: string;
  /** Where the events are (a file or a connection string without its password). */
  readonly where: string;
}

const SYNTHETIC = /synthetic|sintetis|fictitious|fiktif/i;

const EXTRA_CSS = `
.scenario h3 code { font-size: 15px; }
.scenario td:nth-child(2), .scenario td:nth-child(3) { white-space: nowrap; }
tr.unchanged td { color: #777; }
.policy-ids code { font-size: 12px; }
`;

const title = (result: WhatIfResult): string => {
  const names = [...result.reforms, ...result.injections.map((i) => `${i.regionId} sponsors ${count(i.count)} workers`)];
  return `jamsos what-if: ${names.join(' + ') || 'baseline replay'}`;
};

const header = (result: WhatIfResult, page: WhatIfPageContext): string => {
  const known = `${count(eventsKnown(result))} of ${count(result.replay.eventsRead)} recorded events`;
  const meta: ReadonlyArray<readonly [string, string]> = [
    ['Baseline policy', `<code>${escapeHtml(`${result.baselinePolicy.name} ${result.baselinePolicy.id}`)}</code>`],
    ['What-if policy', `<code>${escapeHtml(`${result.counterfactualPolicy.name} ${result.counterfactualPolicy.id}`)}</code>`],
    ['Months', `${escapeHtml(result.from)} to ${escapeHtml(result.to)}`],
    ['Knowledge time', result.knowledgeTime === undefined ? `as known now (${known})` : `${escapeHtml(result.knowledgeTime)} (${known} known by then)`],
    ['Generated', escapeHtml(page.generatedAt)],
  ];
  const note =
    page.note !== undefined && SYNTHETIC.test(page.note)
      ? `<p class="note synthetic" role="note"><strong>Synthetic data: these are not real participants or official figures.</strong> ${escapeHtml(page.note)}</p>`
      : `<p class="note" role="note">Store ${escapeHtml(page.where)}${page.note === undefined ? '' : `: ${escapeHtml(page.note)}`}</p>`;
  return `<header><h1>${escapeHtml(title(result))}</h1><dl class="meta policy-ids">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>${note}
<p class="lead">The recorded facts were replayed under the what-if policy in memory (the store was not written): payments at the amount then due, decisions derived again, disbursements scaled to the new allocations. Every figure compares that replay with the recorded history; differences are what-if minus baseline.</p>
<nav aria-label="Contents"><ul><li><a href="#scenario">Scenario</a></li><li><a href="#differences">Monthly differences</a></li><li><a href="#coverage">Coverage</a></li><li><a href="#fund">Fund tables</a></li><li><a href="#replay">Replay</a></li></ul></nav></header>`;
};

const figure = (label: string, value: string, sub: string): string =>
  `<div class="figure"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;

const keyFigures = (result: WhatIfResult): string => {
  const f = result.totals.fund;
  const c = result.totals.coverage;
  const money = (label: string, field: keyof typeof f.difference) =>
    figure(label, diffCell(f.difference[field], rupiahShort), `${escapeHtml(rupiah(f.baseline[field]))} → ${escapeHtml(rupiah(f.counterfactual[field]))}`);
  return `<section class="figures" aria-label="Key figures">${[
    money('Contributions', 'contributions'),
    money('Benefits approved', 'benefitsApproved'),
    money('Benefits disbursed', 'benefitsDisbursed'),
    money(`Balance at the end of ${result.to}`, 'fundBalance'),
    figure(`Protected on the last month-end`, diffCell(c.difference.protected, count), `${count(c.baseline.protected)} → ${count(c.counterfactual.protected)}`),
    figure('Claim decisions changed', count(result.replay.claimsDecisionChanged), `payments refused: ${count(Object.values(result.replay.paymentsRefused).reduce((a, b) => a + b, 0))}`),
  ].join('')}</section>`;
};

const scenarioSection = (result: WhatIfResult, page: WhatIfPageContext): string => {
  const reforms = page.reforms.map(({ file, reform }, i) => {
    const patches = htmlTable(
      `Patches of ${reform.name}`,
      [
        { heading: 'Parameter', cell: (p) => `<code>${escapeHtml(p.path)}</code>` },
        { heading: 'From', cell: (p) => escapeHtml(p.start) },
        { heading: 'Until', cell: (p) => (p.stop === undefined ? '<span class="na">for good</span>' : escapeHtml(p.stop)) },
        { heading: 'Value', cell: (p) => `<code>${escapeHtml(patchValue(p.value))}</code>` },
        { heading: 'Legal reference', cell: (p) => escapeHtml(p.legalRef ?? `reform ${reform.name}`) },
        { heading: 'Note', cell: (p) => escapeHtml(p.note ?? '') },
      ],
      reform.patches.map((row) => ({ row })),
    );
    return `<h3>Reform ${i + 1}: <code>${escapeHtml(reform.name)}</code></h3><p>${reform.description === undefined ? '' : `${escapeHtml(reform.description)} `}<span class="source">(${escapeHtml(file)})</span></p>${patches}`;
  });
  const injections =
    result.injections.length === 0
      ? ''
      : `<h3>Injected facts (what-if only)</h3><ul>${result.injections.map((inj) => `<li>${escapeHtml(describeInjection(inj, labourForceOf(result, inj.regionId, inj.countFrom?.asOf)))}; each pays the BPU contribution due under the what-if policy on the due date of every month.</li>`).join('')}</ul>${page.injections === undefined ? '' : `<p class="source">(${escapeHtml(page.injections.file)})</p>`}`;
  const nothing = page.reforms.length === 0 ? '<p>No reform: the what-if policy is the baseline.</p>' : '';
  return `<section id="scenario" class="scenario"><h2>Scenario</h2>${nothing}${reforms.join('\n')}${injections}</section>`;
};

const differencesSection = (result: WhatIfResult): string => {
  const { svgs, unchanged } = differenceCharts(result);
  const none = unchanged.length === 0 ? '' : `<p class="lead">No difference in ${unchanged.map(escapeHtml).join(', ')}.</p>`;
  return `<section id="differences"><h2>Monthly differences per programme</h2>
<p class="lead">What-if minus baseline in each month, all branches together: contributions received, benefits approved and benefits disbursed. A bar below zero is a month in which the what-if has less. Hover a bar for the exact amount.</p>
<figure>${svgs.join('\n')}${svgs.length === 0 ? '<p class="empty">The what-if moves no money differently in any month.</p>' : ''}<figcaption>Monthly differences, one panel per programme that differs; each panel has its own scale.</figcaption></figure>${none}</section>`;
};

const coverageSection = (result: WhatIfResult): string => {
  const quiet = recordedHistoryCaveat(result);
  const caveat = quiet === undefined ? '' : ` <strong>Note:</strong> ${escapeHtml(quiet.charAt(0).toUpperCase() + quiet.slice(1))}`;
  return `<section id="coverage"><h2>Coverage, baseline and what-if</h2>
<p class="lead">Members protected (for JKK, by the same rule a claim is judged by, each side under its own policy) at each month end, per region; the end label gives the region's UCJ (protected / labour force) on the last month-end, baseline → what-if.${caveat}</p>
<figure>${coverageChart(result)}<figcaption>Protected workers per region: solid the what-if, dashed the baseline.</figcaption></figure>
${coverageTable(result)}</section>`;
};

/** The what-if page: the scenario, monthly difference charts per programme, the coverage comparison, the tables and the replay's counts. */
export const renderWhatIfHtml = (result: WhatIfResult, page: WhatIfPageContext): string => htmlPage({ title: title(result), generator: 'jamsos what-if', extraCss: EXTRA_CSS, main: `${header(result, page)}
${keyFigures(result)}
${scenarioSection(result, page)}
${differencesSection(result)}
${coverageSection(result)}
<section id="fund"><h2>Fund, baseline and what-if</h2>
<p class="lead">Whole rupiah. Flows are summed over the months; the balance (contributions received − benefits disbursed, from the start of the history) is taken at the end of the last month.</p>
${fundTables(result)}</section>
<section id="replay"><h2>What the replay did</h2>${replaySection(result)}</section>
<footer>Generated by jamsos what-if at ${escapeHtml(page.generatedAt)}: baseline <code>${escapeHtml(result.baselinePolicy.id)}</code>, what-if <code>${escapeHtml(result.counterfactualPolicy.id)}</code>. Amounts are whole rupiah. A what-if is computed in memory and never written to the store.</footer>`});
