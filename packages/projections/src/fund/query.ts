import { IsoDate, type Period } from '@jamsos/domain';
import type { FundState } from './state.js';

/** One branch and programme's money as of a date. All amounts are whole rupiah. */
export interface FundRow {
  readonly branchId: string;
  readonly programme: string;
  readonly received: number;
  readonly approved: number;
  readonly disbursed: number;
  /** Approved but not yet paid out. */
  readonly approvedUnpaid: number;
  /** Contributions received minus benefits disbursed: the operational indicator the monev compares. */
  readonly balance: number;
  /** Benefits approved per contribution received, in basis points (12000 = 1.2x); undefined with nothing received. */
  readonly claimsRatioBp: number | undefined;
}

/** One month of one branch and programme. */
export interface FundMonth {
  readonly period: Period;
  readonly branchId: string;
  readonly programme: string;
  readonly received: number;
  readonly approved: number;
  readonly disbursed: number;
}

/** Fund balance per branch and programme, and the branch totals, as of a date. */
export interface FundReport {
  readonly asOf: IsoDate;
  readonly rows: ReadonlyArray<FundRow>;
  readonly byBranch: ReadonlyArray<FundRow>;
  readonly total: FundRow;
}

const row = (branchId: string, programme: string, received: number, approved: number, disbursed: number): FundRow => ({
  branchId,
  programme,
  received,
  approved,
  disbursed,
  approvedUnpaid: approved - disbursed,
  balance: received - disbursed,
  claimsRatioBp: received > 0 ? Math.round((approved * 10_000) / received) : undefined,
});

const sumRows = (branchId: string, programme: string, rows: ReadonlyArray<FundRow>): FundRow =>
  row(
    branchId,
    programme,
    rows.reduce((s, r) => s + r.received, 0),
    rows.reduce((s, r) => s + r.approved, 0),
    rows.reduce((s, r) => s + r.disbursed, 0),
  );

/** The fund balance as of a date (inclusive), optionally for one branch. */
export const fundAsOf = (state: FundState, asOf: IsoDate, filter: { readonly branchId?: string } = {}): FundReport => {
  const last = IsoDate.toDayNumber(asOf);
  const rows: FundRow[] = [];
  for (const [key, days] of [...state.days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [branchId = '', programme = ''] = key.split('|');
    if (filter.branchId !== undefined && branchId !== filter.branchId) continue;
    let received = 0;
    let approved = 0;
    let disbursed = 0;
    for (const [day, amounts] of days)
      if (day <= last) {
        received += amounts[0];
        approved += amounts[1];
        disbursed += amounts[2];
      }
    rows.push(row(branchId, programme, received, approved, disbursed));
  }
  const branches = [...new Set(rows.map((r) => r.branchId))];
  return {
    asOf,
    rows,
    byBranch: branches.map((b) => sumRows(b, 'all', rows.filter((r) => r.branchId === b))),
    total: sumRows('all', 'all', rows),
  };
};

/** The month-by-month series per branch and programme, up to a date. */
export const fundMonthly = (state: FundState, upTo: IsoDate, filter: { readonly branchId?: string } = {}): ReadonlyArray<FundMonth> => {
  const last = IsoDate.toDayNumber(upTo);
  const months = new Map<string, FundMonth & { received: number; approved: number; disbursed: number }>();
  for (const [key, days] of state.days) {
    const [branchId = '', programme = ''] = key.split('|');
    if (filter.branchId !== undefined && branchId !== filter.branchId) continue;
    for (const [day, amounts] of days) {
      if (day > last) continue;
      const period = IsoDate.period(IsoDate.fromDayNumber(day));
      const id = `${period}|${key}`;
      const m = months.get(id) ?? { period, branchId, programme, received: 0, approved: 0, disbursed: 0 };
      m.received += amounts[0];
      m.approved += amounts[1];
      m.disbursed += amounts[2];
      months.set(id, m);
    }
  }
  return [...months.values()].sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : a.branchId !== b.branchId ? (a.branchId < b.branchId ? -1 : 1) : a.programme < b.programme ? -1 : 1));
};
