import type { AuditFinding, BalanceMonth } from '@jamsos/core';
import { percent, renderCsv, renderTable, rupiah, type Column } from '../format/table.js';
import { fundColumns } from '../commands/tables.js';
import { FINDING_KINDS, FINDING_TAGS, findingLine, findingSentence, subjectOf } from './describe.js';
import type { AuditResult } from './run.js';

/** The programmes claims are paid from: the text report's monthly history shows these. */
export const CLAIM_PROGRAMMES: ReadonlyArray<string> = ['JKK', 'JKM'];

const historyColumns: Column<BalanceMonth>[] = [
  { heading: 'month', value: (m) => m.period },
  { heading: 'branch', value: (m) => m.branchId },
  { heading: 'programme', value: (m) => m.programme },
  { heading: 'received', value: (m) => rupiah(m.month.received), numeric: true },
  { heading: 'approved', value: (m) => rupiah(m.month.approved), numeric: true },
  { heading: 'disbursed', value: (m) => rupiah(m.month.disbursed), numeric: true },
  { heading: 'balance to date', value: (m) => rupiah(m.toDate.balance), numeric: true },
  { heading: 'unpaid to date', value: (m) => rupiah(m.toDate.approvedUnpaid), numeric: true },
  { heading: 'ratio to date', value: (m) => percent(m.toDate.claimsRatioBp), numeric: true },
];

/** "N findings (Kind n, ...)" or "no findings". */
export const findingsSummary = (result: AuditResult): string => {
  const total = result.findings.length;
  if (total === 0) return 'no findings';
  const kinds = FINDING_TAGS.filter((tag) => result.counts[tag] > 0).map((tag) => `${tag} ${result.counts[tag]}`);
  return `${total} finding${total === 1 ? '' : 's'} (${kinds.join(', ')})`;
};

/** The findings section: a count by kind, then one line per finding. */
const findingsText = (result: AuditResult): string[] => {
  const checked = `${result.eventsRead.toLocaleString('en')} events checked, ${result.eventsAfterAsOf.toLocaleString('en')} dated after ${result.asOf} left out`;
  if (result.findings.length === 0) return [`Anomalies: none (${checked}).`];
  const lines = [`Anomalies: ${findingsSummary(result)}; ${checked}.`, ''];
  for (const tag of FINDING_TAGS) if (result.counts[tag] > 0) lines.push(`  ${String(result.counts[tag]).padStart(5)}  ${tag} (${FINDING_KINDS[tag]})`);
  lines.push('');
  for (const finding of result.findings) lines.push(findingLine(finding));
  return lines;
};

/** The audit as aligned text: the balance as of the date, its monthly history (claim programmes), the anomalies, the disbursements to explain. */
export const renderAuditText = (result: AuditResult, heading: { readonly policy: string; readonly storeArgs: string }): string => {
  const scope = result.branchId === undefined ? 'all branches' : `branch ${result.branchId}`;
  const { balance, disbursements: d } = result;
  const history = result.history.filter((m) => CLAIM_PROGRAMMES.includes(m.programme));
  const unreadable = result.moneyEventsUnreadable.length;
  const lines = [
    `Claims against contributions as of ${result.asOf}, ${scope} (${heading.policy}), in rupiah; folded from the events, not from saved read models`,
    '',
    renderTable([...balance.rows, ...balance.byBranch, ...(balance.byBranch.length === 1 ? [] : [balance.total])], fundColumns),
    ...(unreadable > 0 ? ['', `${unreadable} money event(s) could not be read and are left out of these figures (see the findings).`] : []),
    '',
    `Monthly history up to ${result.asOf}, claim programmes (${CLAIM_PROGRAMMES.join(', ')}): each month's flows and the position at its end (every programme in --json and --html)`,
    '',
    history.length === 0 ? '(no movements)' : renderTable(history, historyColumns),
    '',
    ...findingsText(result),
    '',
    d.count === 0
      ? `Disbursements up to ${result.asOf}: none.`
      : `Disbursements up to ${result.asOf}: ${d.count.toLocaleString('en')} (Rp${rupiah(d.amount)}). Why, by whom and under which law one was paid: jamsos audit explain <claimId> <reference>${
          d.example === undefined ? '.' : `, e.g.\n  jamsos audit explain ${d.example.claimId} ${d.example.reference} ${heading.storeArgs}`
        }`,
    '',
    result.findings.length === 0 ? 'Result: no anomalies found (exit code 0).' : `Result: ${findingsSummary(result)} (exit code 1).`,
  ];
  return lines.join('\n');
};

const findingColumns: Column<AuditFinding>[] = [
  { heading: 'kind', value: (f) => f._tag },
  { heading: 'claim', value: (f) => subjectOf(f).claimId },
  { heading: 'participant', value: (f) => subjectOf(f).participantId },
  { heading: 'branch', value: (f) => subjectOf(f).branchId },
  { heading: 'stream', value: (f) => f.event.streamName },
  { heading: 'revision', value: (f) => f.event.revision },
  { heading: 'position', value: (f) => f.event.globalPosition },
  { heading: 'event id', value: (f) => f.event.eventId },
  { heading: 'event type', value: (f) => f.event.type },
  { heading: 'recorded at', value: (f) => f.event.recordedAt },
  { heading: 'what', value: (f) => findingSentence(f) },
];

/** The findings as CSV: one row per finding (a header row alone when there are none). */
export const renderFindingsCsv = (findings: ReadonlyArray<AuditFinding>): string => renderCsv(findings, findingColumns);
