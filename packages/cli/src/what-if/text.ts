/** The what-if's text tables and CSV. */
import type { ClaimOutcome, CoverageMonthComparison, FundFigures, ResolvedInjection, WhatIfResult } from '@jamsos/core';
import { percent, renderCsv, renderTable, rupiah, type Column } from '../format/table.js';
import type { InjectionFile, ReformFile } from './input.js';
import { byBranch, byProgramme, byYear, coverageAtEnd, eventsKnown, recordedHistoryCaveat, type FundTotal } from './summary.js';

/** What a what-if run was given besides its result: the files, and the store's synthetic-data note. */
export interface WhatIfContext {
  readonly reforms: ReadonlyArray<ReformFile>;
  readonly injections: InjectionFile | undefined;
  readonly note: string | undefined;
}

/** A signed difference: "+1.000", "-5.000", "0". */
export const signed = (n: number, format: (n: number) => string = rupiah): string => (n > 0 ? `+${format(n)}` : format(n));

/** A difference of basis points as percentage points: +1002 -> "+10.02 pp". */
export const pointsDiff = (bp: number | undefined): string => (bp === undefined ? '' : `${bp > 0 ? '+' : bp < 0 ? '-' : ''}${(Math.abs(bp) / 100).toFixed(2)} pp`);

/** A whole number with English thousands separators, for counts in sentences: 158396 -> "158,396". */
export const n = (value: number): string => value.toLocaleString('en');

/** A patch's value in a line: amounts as rupiah, strings as they are, tables as compact JSON cut at `max` characters. */
export const patchValue = (value: unknown, max = Infinity): string => {
  if (typeof value === 'number') return rupiah(value);
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return json.length <= max ? json : `${json.slice(0, max - 1)}…${Array.isArray(value) ? ` (${value.length} rows)` : ''}`;
};

/** A resolved injection in words; with a count taken from a target, how it was worked out and the UCJ it moves (given the labour force). */
export const describeInjection = (i: ResolvedInjection, labourForce?: number): string => {
  const sponsor = i.sponsor.type === 'regional-budget' ? `${i.sponsor.programme} (${i.sponsor.legalBasis})` : i.sponsor.type;
  const what = `region ${i.regionId} (${i.branchId}): ${n(i.count)} synthetic BPU workers (${i.category}) paid for by ${sponsor}, ${i.fromPeriod} to ${i.toPeriod}`;
  if (i.countFrom === undefined) return what;
  const f = i.countFrom;
  const ucj = (protectedCount: number): string => (labourForce === undefined || labourForce <= 0 ? '' : percent(Math.round((protectedCount * 10_000) / labourForce)));
  const move = labourForce === undefined ? '' : `; UCJ ${ucj(f.protected)} -> ${ucj(f.protected + i.count)} of a labour force of ${n(labourForce)}`;
  return `${what}; ${n(i.count)} = the ${f.remainingTargetOf} target ${n(f.target)} less ${n(f.protected)} protected on ${f.asOf}${move}`;
};

/** The labour force of a region reported for the month of a day (else the latest month before it, else the first reported). */
export const labourForceOf = (result: WhatIfResult, regionId: string, day?: string): number | undefined => {
  const rows = result.coverage.filter((r) => r.regionId === regionId && r.baseline.labourForce !== undefined);
  const month = day?.slice(0, 7);
  const upTo = month === undefined ? [] : rows.filter((r) => r.period <= month);
  return (upTo[upTo.length - 1] ?? rows[0])?.baseline.labourForce;
};

/** A claim outcome in brief: "approved 42.000.000", "rejected not-protected". */
export const outcomeText = (o: ClaimOutcome): string => (o.outcome === 'approved' ? `approved Rp${rupiah(o.total)}` : o.outcome === 'rejected' ? `rejected ${o.reason}` : `not decided (${o.refusal})`);

/** The scenario in lines: both policies, the reforms with their patches, the injections, the window and the knowledge time. */
export const scenarioLines = (result: WhatIfResult, context: WhatIfContext): string[] => {
  const lines = [`What-if replay${context.note === undefined ? '' : ` (${context.note})`}`, `  baseline        ${result.baselinePolicy.name} (${result.baselinePolicy.id})`, `  counterfactual  ${result.counterfactualPolicy.name} (${result.counterfactualPolicy.id})`];
  context.reforms.forEach(({ file, reform }, i) => {
    lines.push(`  reform ${i + 1}        ${reform.name} (${file})${reform.description === undefined ? '' : `: ${reform.description}`}`);
    for (const p of reform.patches) lines.push(`                    ${p.path} = ${patchValue(p.value, 90)} from ${p.start}${p.stop === undefined ? '' : ` until ${p.stop}`} (${p.legalRef ?? `reform ${reform.name}`})`);
  });
  result.injections.forEach((injection, i) => lines.push(`  injection ${i + 1}     ${describeInjection(injection, labourForceOf(result, injection.regionId, injection.countFrom?.asOf))}${context.injections === undefined ? '' : ` (${context.injections.file})`}`));
  lines.push(`  months          ${result.from} to ${result.to}`);
  const known = `${n(eventsKnown(result))} of ${n(result.replay.eventsRead)} recorded events`;
  lines.push(`  knowledge time  ${result.knowledgeTime === undefined ? `as known now (${known})` : `${result.knowledgeTime} (${known} known by then)`}`);
  return lines;
};

const FIGURES: ReadonlyArray<readonly [keyof FundFigures, string]> = [
  ['contributions', 'contributions'],
  ['benefitsApproved', 'approved'],
  ['benefitsDisbursed', 'disbursed'],
  ['fundBalance', 'balance'],
];

interface FigureRow {
  readonly key: string;
  readonly figure: string;
  readonly baseline: number;
  readonly counterfactual: number;
  readonly difference: number;
}

const figureRows = (totals: ReadonlyArray<FundTotal>): FigureRow[] =>
  totals.flatMap((t) => FIGURES.map(([field, figure], i) => ({ key: i === 0 ? t.key : '', figure, baseline: t.figures.baseline[field], counterfactual: t.figures.counterfactual[field], difference: t.figures.difference[field] })));

const figureColumns = (keyHeading: string): Column<FigureRow>[] => [
  { heading: keyHeading, value: (r) => r.key },
  { heading: 'figure', value: (r) => r.figure },
  { heading: 'baseline', value: (r) => rupiah(r.baseline), numeric: true },
  { heading: 'counterfactual', value: (r) => rupiah(r.counterfactual), numeric: true },
  { heading: 'difference', value: (r) => signed(r.difference), numeric: true },
];

const yearColumns: Column<FundTotal>[] = [
  { heading: 'year', value: (t) => t.key },
  { heading: 'months', value: (t) => t.months, numeric: true },
  { heading: 'contributions', value: (t) => signed(t.figures.difference.contributions), numeric: true },
  { heading: 'approved', value: (t) => signed(t.figures.difference.benefitsApproved), numeric: true },
  { heading: 'disbursed', value: (t) => signed(t.figures.difference.benefitsDisbursed), numeric: true },
  { heading: 'balance at year end', value: (t) => signed(t.figures.difference.fundBalance), numeric: true },
];

const coverageColumns: Column<CoverageMonthComparison>[] = [
  { heading: 'region', value: (r) => r.regionId },
  { heading: 'labour force', value: (r) => r.baseline.labourForce ?? r.counterfactual.labourForce, numeric: true },
  { heading: 'protected', value: (r) => r.baseline.protected, numeric: true },
  { heading: 'what-if', value: (r) => r.counterfactual.protected, numeric: true },
  { heading: 'difference', value: (r) => signed(r.difference.protected, String), numeric: true },
  { heading: 'UCJ', value: (r) => percent(r.baseline.ucjBp), numeric: true },
  { heading: 'what-if UCJ', value: (r) => percent(r.counterfactual.ucjBp), numeric: true },
  { heading: 'UCJ difference', value: (r) => pointsDiff(r.difference.ucjBp), numeric: true },
  { heading: 'members', value: (r) => r.baseline.members, numeric: true },
  { heading: 'what-if members', value: (r) => r.counterfactual.members, numeric: true },
];

const counts = (record: Readonly<Record<string, number>>): string => {
  const entries = Object.entries(record).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? 'none' : entries.map(([reason, count]) => `${reason} ${n(count)}`).join(', ');
};

/** The replay's counts in lines, with the first few changed decisions. */
export const replayLines = (result: WhatIfResult, examples = 5): string[] => {
  const r = result.replay;
  const lines = [
    `Replay: ${n(r.eventsRead)} recorded events read (${n(r.eventsAfterKnowledgeTime)} recorded after the knowledge time), ${n(r.commandsReplayed)} commands replayed (${n(r.injectedCommands)} injected), ${n(r.eventsEmitted)} events derived`,
    `  payments refused: ${counts(r.paymentsRefused)}`,
    `  other commands refused: ${counts(r.commandsRefused)}`,
    `  disbursements without a counterfactual approval: ${n(r.disbursementsWithoutApproval.count)} (Rp${rupiah(r.disbursementsWithoutApproval.recordedAmount)} recorded, not paid); zero tranches skipped: ${n(r.zeroTranchesSkipped)}`,
    `  claim decisions changed: ${n(r.claimsDecisionChanged)}`,
  ];
  for (const c of r.claimChangeExamples.slice(0, examples)) lines.push(`    ${c.claimId} (${c.participantId}, decided ${c.decidedOn}): ${outcomeText(c.baseline)} -> ${outcomeText(c.counterfactual)}`);
  const listed = r.claimChangeExamples.length === r.claimsDecisionChanged ? 'all' : `the first ${r.claimChangeExamples.length}`;
  if (r.claimsDecisionChanged > examples) lines.push(`    ... the first ${Math.min(examples, r.claimChangeExamples.length)} of ${n(r.claimsDecisionChanged)} (--json lists ${listed})`);
  return lines;
};

/** The whole text report: the scenario, fund totals per programme, branch and year, coverage at the last month-end, the replay. */
export const whatIfTables = (result: WhatIfResult, context: WhatIfContext): string => {
  const span = `${result.from} to ${result.to}`;
  const end = coverageAtEnd(result);
  const asOf = end[0]?.asOf ?? result.to;
  const all = result.totals.coverage;
  const parts = [
    ...scenarioLines(result, context),
    '',
    `Fund per programme, ${span}, in rupiah (flows summed over the months; balance = received - disbursed, cumulative, at the end of ${result.to})`,
    '',
    renderTable(figureRows(byProgramme(result)), figureColumns('programme')),
    '',
    `Fund per branch (all programmes), ${span}, in rupiah`,
    '',
    renderTable(figureRows(byBranch(result)), figureColumns('branch')),
    '',
    'Difference (what-if - baseline) per year, all branches and programmes, in rupiah',
    '',
    renderTable(byYear(result), yearColumns),
    '',
    `Coverage on ${asOf} (members protected for JKK under each side's policy; UCJ = protected / labour force)`,
    '',
    renderTable(end, coverageColumns),
    `all regions: protected ${n(all.baseline.protected)} -> ${n(all.counterfactual.protected)} (${signed(all.difference.protected, String)}), members ${n(all.baseline.members)} -> ${n(all.counterfactual.members)}`,
  ];
  const quiet = recordedHistoryCaveat(result);
  if (quiet !== undefined) parts.push(`note: ${quiet}`);
  parts.push('', ...replayLines(result));
  return parts.join('\n');
};

type CsvRow = WhatIfResult['fund'][number];

/** CSV: one row per month, branch and programme, with baseline, what-if and difference of each figure, in plain integers. */
export const whatIfCsv = (result: WhatIfResult): string => {
  const columns: (Column<CsvRow> & { raw?: (r: CsvRow) => number | string })[] = [
    { heading: 'month', value: (r) => r.period },
    { heading: 'branch', value: (r) => r.branchId },
    { heading: 'programme', value: (r) => r.programme },
    ...FIGURES.flatMap(([field, name]) =>
      (['baseline', 'counterfactual', 'difference'] as const).map((side) => ({ heading: `${name} ${side}`, value: (r: CsvRow) => r[side][field], numeric: true })),
    ),
  ];
  const rows = [...result.fund].sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : a.branchId !== b.branchId ? (a.branchId < b.branchId ? -1 : 1) : a.programme < b.programme ? -1 : 1));
  return renderCsv(rows, columns);
};
