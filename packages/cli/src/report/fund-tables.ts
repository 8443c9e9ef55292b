import type { FundMonth, FundReport, FundRow } from '@jamsos/projections';
import { escapeHtml, percentBp, rupiah } from './format.js';
import { htmlTable, type HtmlColumn, type HtmlRow } from './tables.js';

/** A rupiah cell; a negative amount is marked in red with a ▼ so it shows without colour too. */
export const moneyCell = (n: number, format: (n: number) => string = rupiah): string =>
  n < 0 ? `<span class="neg" title="Negative: more paid out than received">▼ ${escapeHtml(format(n))}</span>` : escapeHtml(format(n));

const ratioCell = (bp: number | undefined): string =>
  bp === undefined ? '<span class="na">–</span>' : bp > 10_000 ? `<span class="warn" title="More approved than received">${percentBp(bp)}</span>` : percentBp(bp);

const fundColumns: HtmlColumn<FundRow>[] = [
  { heading: 'Branch', cell: (r) => `<span class="key">${escapeHtml(r.branchId)}</span>` },
  { heading: 'Programme', cell: (r) => escapeHtml(r.programme) },
  { heading: 'Received', cell: (r) => moneyCell(r.received), numeric: true, hint: 'Contributions received' },
  { heading: 'Approved', cell: (r) => moneyCell(r.approved), numeric: true, hint: 'Benefits approved' },
  { heading: 'Disbursed', cell: (r) => moneyCell(r.disbursed), numeric: true, hint: 'Benefits paid out' },
  { heading: 'Approved, unpaid', cell: (r) => moneyCell(r.approvedUnpaid), numeric: true, hint: 'Approved but not yet paid out' },
  { heading: 'Balance', cell: (r) => moneyCell(r.balance), numeric: true, hint: 'Received minus disbursed' },
  { heading: 'Claims ratio', cell: (r) => ratioCell(r.claimsRatioBp), numeric: true, hint: 'Benefits approved / contributions received' },
];

/** The fund rows grouped by branch: each branch's programmes, then its total; the grand total last. */
export const fundRowsInOrder = (fund: FundReport): ReadonlyArray<HtmlRow<FundRow>> => {
  const branches = [...new Set([...fund.byBranch.map((b) => b.branchId), ...fund.rows.map((r) => r.branchId)])];
  const out: HtmlRow<FundRow>[] = [];
  for (const branch of branches) {
    for (const row of fund.rows.filter((r) => r.branchId === branch)) out.push({ row });
    const subtotal = fund.byBranch.find((b) => b.branchId === branch);
    if (subtotal !== undefined) out.push({ row: { ...subtotal, programme: 'all programmes' }, className: 'subtotal' });
  }
  if (out.length > 0) out.push({ row: { ...fund.total, branchId: 'All branches', programme: 'all programmes' }, className: 'total' });
  return out;
};

/** Fund balance per branch and programme with branch totals and the grand total. */
export const fundTable = (fund: FundReport): string =>
  htmlTable(`Fund balance per branch and programme as of ${fund.asOf}`, fundColumns, fundRowsInOrder(fund), 'No contributions or benefits recorded.');

/** A month of one branch, all programmes together. */
export interface BranchMonth {
  readonly period: string;
  readonly branchId: string;
  readonly received: number;
  readonly approved: number;
  readonly disbursed: number;
}

/** The monthly series summed over programmes, per branch (branches and months in ascending order). */
export const branchMonths = (months: ReadonlyArray<FundMonth>): ReadonlyMap<string, ReadonlyArray<BranchMonth>> => {
  const byBranch = new Map<string, Map<string, { period: string; branchId: string; received: number; approved: number; disbursed: number }>>();
  for (const m of months) {
    const branch = byBranch.get(m.branchId) ?? new Map();
    byBranch.set(m.branchId, branch);
    const row = branch.get(m.period) ?? { period: m.period, branchId: m.branchId, received: 0, approved: 0, disbursed: 0 };
    row.received += m.received;
    row.approved += m.approved;
    row.disbursed += m.disbursed;
    branch.set(m.period, row);
  }
  const sorted = [...byBranch].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(sorted.map(([id, rows]) => [id, [...rows.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))]));
};

/** Every month from the first to the last period (inclusive), so charts show quiet months too: "2024-01".."2024-03". */
export const periodRange = (first: string, last: string): ReadonlyArray<string> => {
  const index = (p: string): number => {
    const [y = '0', m = '1'] = p.split('-');
    return Number(y) * 12 + Number(m) - 1;
  };
  const out: string[] = [];
  for (let i = index(first); i <= index(last) && out.length < 1200; i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
};

/** The monthly contributions, approvals and disbursements per branch (the numbers behind chart 2). */
export const fundMonthlyTable = (months: ReadonlyArray<BranchMonth>): string =>
  htmlTable(
    'Contributions received, benefits approved and disbursed per branch and month (all programmes)',
    [
      { heading: 'Month', cell: (r) => escapeHtml(r.period) },
      { heading: 'Branch', cell: (r) => `<span class="key">${escapeHtml(r.branchId)}</span>` },
      { heading: 'Received', cell: (r) => moneyCell(r.received), numeric: true },
      { heading: 'Approved', cell: (r) => moneyCell(r.approved), numeric: true },
      { heading: 'Disbursed', cell: (r) => moneyCell(r.disbursed), numeric: true },
    ],
    months.map((row) => ({ row })),
    'No months.',
  );
