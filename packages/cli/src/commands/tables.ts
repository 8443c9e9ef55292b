import type { Policy } from '@jamsos/domain';
import type { CoverageCount, CoverageReport, FundMonth, FundReport, FundRow, RegionCoverage } from '@jamsos/projections';
import { percent, renderTable, rupiah, type Column } from '../format/table.js';

/** Columns of a coverage count table, with the key column's heading. */
export const countColumns = (keyHeading: string): Column<CoverageCount>[] => [
  { heading: keyHeading, value: (r) => r.key },
  { heading: 'protected', value: (r) => r.protected, numeric: true },
  { heading: 'formal', value: (r) => r.formal, numeric: true },
  { heading: 'informal', value: (r) => r.informal, numeric: true },
  { heading: 'members', value: (r) => r.members, numeric: true },
];

/** Columns of the per-region coverage table; `raw` gives CSV the unformatted numbers. */
export const regionColumns: (Column<RegionCoverage> & { raw?: (r: RegionCoverage) => number | string | undefined })[] = [
  ...(countColumns('region') as Column<RegionCoverage>[]),
  { heading: 'labour force', value: (r) => r.labourForce?.labourForce, numeric: true },
  { heading: 'year', value: (r) => r.labourForce?.year, numeric: true },
  { heading: 'UCJ', value: (r) => percent(r.ucjBp), raw: (r) => r.ucjBp, numeric: true },
  { heading: 'informal cov.', value: (r) => percent(r.informalCoverageBp), raw: (r) => r.informalCoverageBp, numeric: true },
  { heading: 'target', value: (r) => r.target?.workers, numeric: true },
  { heading: 'progress', value: (r) => percent(r.target?.progressBp), raw: (r) => r.target?.progressBp, numeric: true },
  { heading: 'to go', value: (r) => r.target?.remaining, numeric: true },
];

/** Columns of the fund table; `raw` gives CSV plain integers. */
export const fundColumns: (Column<FundRow> & { raw?: (r: FundRow) => number | string | undefined })[] = [
  { heading: 'branch', value: (r) => r.branchId },
  { heading: 'programme', value: (r) => r.programme },
  { heading: 'received', value: (r) => rupiah(r.received), raw: (r) => r.received, numeric: true },
  { heading: 'approved', value: (r) => rupiah(r.approved), raw: (r) => r.approved, numeric: true },
  { heading: 'disbursed', value: (r) => rupiah(r.disbursed), raw: (r) => r.disbursed, numeric: true },
  { heading: 'approved unpaid', value: (r) => rupiah(r.approvedUnpaid), raw: (r) => r.approvedUnpaid, numeric: true },
  { heading: 'balance', value: (r) => rupiah(r.balance), raw: (r) => r.balance, numeric: true },
  { heading: 'claims/contrib.', value: (r) => percent(r.claimsRatioBp), raw: (r) => r.claimsRatioBp, numeric: true },
];

/** Columns of the monthly fund series. */
export const monthColumns: Column<FundMonth>[] = [
  { heading: 'month', value: (m) => m.period },
  { heading: 'branch', value: (m) => m.branchId },
  { heading: 'programme', value: (m) => m.programme },
  { heading: 'received', value: (m) => m.received, numeric: true },
  { heading: 'approved', value: (m) => m.approved, numeric: true },
  { heading: 'disbursed', value: (m) => m.disbursed, numeric: true },
];

/** The policy's name and id, for the heading of every report. */
export const policyLine = (policy: Policy): string => `policy ${policy.name} (${policy.id})`;

/** Coverage per region and per branch as aligned tables, with a total line. */
export const coverageTables = (report: CoverageReport, policy: Policy): string =>
  [
    `Coverage as of ${report.asOf} (${policyLine(policy)})`,
    '',
    renderTable(report.byRegion, regionColumns),
    '',
    renderTable(report.byBranch, countColumns('branch')),
    '',
    `protected ${report.total.protected} of ${report.total.members} members (formal ${report.total.formal}, informal ${report.total.informal})`,
  ].join('\n');

/** Fund balance per branch and programme, branch totals and the grand total, as an aligned table. */
export const fundTables = (report: FundReport, policy: Policy): string =>
  [`Fund balance as of ${report.asOf} (${policyLine(policy)}), in rupiah`, '', renderTable([...report.rows, ...report.byBranch, report.total], fundColumns)].join('\n');
