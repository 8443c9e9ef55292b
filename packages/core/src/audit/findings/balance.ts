import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { IsoDate, Period, Rupiah } from '@jamsos/domain';
import { fundAsOf, fundMonthly, fundProjection, type FundRow, type FundState } from '@jamsos/projections';
import { storeFailure, type StoreFailure } from '../../store/errors.js';
import type { EventStore, RecordedEvent } from '../../store/types.js';
import { decodeRecorded, type UndecodableEvent } from './event-ref.js';

/** Which part of the fund a balance covers. */
export interface BalanceFilter {
  readonly branchId?: string;
  /** A programme: JKK, JKM (claims and contributions), JHT, JP, JKP (contributions only). */
  readonly programme?: string;
}

/** Claims against contributions for one branch and programme (or a total: branch or programme "all"). */
export interface BalanceRow {
  readonly branchId: string;
  readonly programme: string;
  /** Contribution lines booked at the branch, by the day paid. */
  readonly received: Rupiah;
  /** Benefits approved, by the day decided. */
  readonly approved: Rupiah;
  /** Benefits paid out, by the day paid. */
  readonly disbursed: Rupiah;
  /** approved - disbursed. */
  readonly approvedUnpaid: Rupiah;
  /** received - disbursed. */
  readonly balance: Rupiah;
  /** approved / received in basis points (10,000 = 1.00x), rounded half up exactly; undefined when nothing was received. */
  readonly claimsRatioBp: number | undefined;
}

/** The balance as of a day (inclusive): per branch and programme, per branch, and in total. */
export interface BalanceReport {
  readonly asOf: IsoDate;
  readonly filter: BalanceFilter;
  readonly rows: ReadonlyArray<BalanceRow>;
  readonly byBranch: ReadonlyArray<BalanceRow>;
  readonly total: BalanceRow;
}

/** One month of one branch and programme: the month's flows and the position at its end. */
export interface BalanceMonth {
  readonly period: Period;
  readonly branchId: string;
  readonly programme: string;
  readonly month: { readonly received: Rupiah; readonly approved: Rupiah; readonly disbursed: Rupiah };
  /** The cumulative balance at the end of the month (or on `upTo` for its month). */
  readonly toDate: BalanceRow;
}

/** approved x 10,000 / received, rounded half up, exactly (bigint); undefined when received is not positive. */
export const claimsRatioBp = (approved: Rupiah, received: Rupiah): number | undefined => {
  if (received <= 0) return undefined;
  const numerator = BigInt(approved) * 10_000n;
  const d = BigInt(received);
  const quotient = numerator / d;
  return Number(quotient + ((numerator % d) * 2n >= d ? 1n : 0n));
};

/** A typed balance row from amounts. */
export const balanceRow = (branchId: string, programme: string, received: Rupiah, approved: Rupiah, disbursed: Rupiah): BalanceRow => ({
  branchId,
  programme,
  received,
  approved,
  disbursed,
  approvedUnpaid: Rupiah.sub(approved, disbursed),
  balance: Rupiah.sub(received, disbursed),
  claimsRatioBp: claimsRatioBp(approved, received),
});

const typed = (row: FundRow): BalanceRow => balanceRow(row.branchId, row.programme, Rupiah.of(row.received), Rupiah.of(row.approved), Rupiah.of(row.disbursed));

const sumRows = (branchId: string, programme: string, rows: ReadonlyArray<BalanceRow>): BalanceRow =>
  balanceRow(
    branchId,
    programme,
    Rupiah.sum(rows.map((r) => r.received)),
    Rupiah.sum(rows.map((r) => r.approved)),
    Rupiah.sum(rows.map((r) => r.disbursed)),
  );

/** The claims-vs-contributions balance as of a day (inclusive), from the fund read model, optionally for one branch or programme. */
export const balanceAsOf = (fund: FundState, asOf: IsoDate, filter: BalanceFilter = {}): BalanceReport => {
  const report = fundAsOf(fund, asOf, filter.branchId === undefined ? {} : { branchId: filter.branchId });
  const rows = report.rows.filter((r) => filter.programme === undefined || r.programme === filter.programme).map(typed);
  const branches = [...new Set(rows.map((r) => r.branchId))];
  return {
    asOf,
    filter,
    rows,
    byBranch: branches.map((b) => sumRows(b, 'all', rows.filter((r) => r.branchId === b))),
    total: sumRows(filter.branchId ?? 'all', filter.programme ?? 'all', rows),
  };
};

/**
 * The balance's history: for each branch and programme, every month from its first movement to the
 * month of `upTo` (months without movement included), with the month's flows and the position to date.
 */
export const balanceHistory = (fund: FundState, upTo: IsoDate, filter: BalanceFilter = {}): ReadonlyArray<BalanceMonth> => {
  const flows = fundMonthly(fund, upTo, filter.branchId === undefined ? {} : { branchId: filter.branchId }).filter(
    (m) => filter.programme === undefined || m.programme === filter.programme,
  );
  const byKey = new Map<string, Map<Period, (typeof flows)[number]>>();
  for (const m of flows) {
    const key = `${m.branchId}|${m.programme}`;
    const months = byKey.get(key) ?? new Map<Period, (typeof flows)[number]>();
    months.set(m.period, m);
    byKey.set(key, months);
  }
  const last = IsoDate.period(upTo);
  const series: BalanceMonth[] = [];
  for (const [key, months] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [branchId = '', programme = ''] = key.split('|');
    const first = [...months.keys()].sort()[0] ?? last;
    let received = Rupiah.zero;
    let approved = Rupiah.zero;
    let disbursed = Rupiah.zero;
    for (const period of Period.range(first, last)) {
      const m = months.get(period);
      const month = { received: Rupiah.of(m?.received ?? 0), approved: Rupiah.of(m?.approved ?? 0), disbursed: Rupiah.of(m?.disbursed ?? 0) };
      received = Rupiah.add(received, month.received);
      approved = Rupiah.add(approved, month.approved);
      disbursed = Rupiah.add(disbursed, month.disbursed);
      series.push({ period, branchId, programme, month, toDate: balanceRow(branchId, programme, received, approved, disbursed) });
    }
  }
  return series.sort((a, b) => (a.period !== b.period ? (a.period < b.period ? -1 : 1) : 0));
};

/** The fund read model folded from a store, with what could not be read. */
export interface FundFold {
  readonly fund: FundState;
  readonly eventsRead: number;
  /** Money events that could not be decoded: left out of every figure, and reported. */
  readonly undecodable: ReadonlyArray<UndecodableEvent>;
}

/** Folds the fund projection over the store's log in one streaming pass (validating each event), for a balance without a saved read model. */
export const foldFund =
  (store: EventStore): TE.TaskEither<StoreFailure, FundFold> =>
  async () => {
    let fund = fundProjection.initial();
    let eventsRead = 0;
    const undecodable: UndecodableEvent[] = [];
    const events = store.readAll({ filter: { eventTypes: fundProjection.eventTypes } })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<RecordedEvent>;
      try {
        next = await events.next();
      } catch (cause) {
        return E.left(storeFailure('could not read the log for the fund balance', cause));
      }
      if (next.done === true) break;
      eventsRead++;
      const decoded = decodeRecorded(next.value);
      if (E.isLeft(decoded)) undecodable.push(decoded.left);
      else fund = fundProjection.apply(fund, decoded.right, { globalPosition: next.value.globalPosition, recordedAt: next.value.metadata.recordedAt });
    }
    return E.right({ fund, eventsRead, undecodable });
  };
