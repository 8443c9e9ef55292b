import * as E from 'fp-ts/lib/Either.js';
import {
  auditAnomalies,
  balanceAsOf,
  balanceHistory,
  decodeRecorded,
  foldFund,
  type AuditFinding,
  type AuditFindingTag,
  type BalanceMonth,
  type BalanceReport,
  type EventStore,
  type RecordedEvent,
  type UndecodableEvent,
} from '@jamsos/core';
import type { IsoDate } from '@jamsos/domain';
import type { FundState } from '@jamsos/projections';
import { progressBar } from '../format/progress.js';
import { countFindings } from './describe.js';
import { AuditFailed, describeStoreFailure } from './errors.js';
import { tapFirstReadAll } from './tap.js';

/** One disbursement, enough to ask `jamsos audit explain` about it. */
export interface DisbursementPointer {
  readonly claimId: string;
  readonly reference: string;
  readonly amount: number;
  readonly disbursedOn: string;
  readonly branchId: string;
}

/** The disbursements up to the audit's date (in its branch): how many, how much, the first and the latest. */
export interface DisbursementSummary {
  readonly count: number;
  readonly amount: number;
  readonly first: DisbursementPointer | undefined;
  readonly latest: DisbursementPointer | undefined;
  /** One to try `jamsos audit explain` on: the latest, else the first, unless a finding says it has no approval. */
  readonly example?: DisbursementPointer;
}

/** The latest or else the first disbursement, unless paid without approval (`audit explain` refuses those). */
const exampleOf = (summary: DisbursementSummary, findings: ReadonlyArray<AuditFinding>): DisbursementPointer | undefined => {
  const unapproved = new Set(findings.flatMap((f) => (f._tag === 'DisbursementWithoutApproval' ? [`${f.claimId}|${f.reference}`] : [])));
  return [summary.latest, summary.first].find((p) => p !== undefined && !unapproved.has(`${p.claimId}|${p.reference}`));
};

/** Everything `jamsos audit` reports. */
export interface AuditResult {
  readonly asOf: IsoDate;
  readonly branchId: string | undefined;
  readonly balance: BalanceReport;
  readonly history: ReadonlyArray<BalanceMonth>;
  readonly findings: ReadonlyArray<AuditFinding>;
  readonly counts: Readonly<Record<AuditFindingTag, number>>;
  readonly disbursements: DisbursementSummary;
  /** Events read by the anomaly pass, and those it left out because they are dated after asOf. */
  readonly eventsRead: number;
  readonly eventsAfterAsOf: number;
  /** Money events the balance could not read (left out of every figure; also among the findings). */
  readonly moneyEventsUnreadable: ReadonlyArray<UndecodableEvent>;
}

/** Counts the disbursements dated up to asOf (of the branch), keeping the first and the latest as pointers. */
const disbursementCounter = (asOf: IsoDate, branchId: string | undefined) => {
  let summary: DisbursementSummary = { count: 0, amount: 0, first: undefined, latest: undefined };
  return {
    see: (recorded: RecordedEvent): void => {
      if (recorded.type !== 'BenefitDisbursed') return;
      const decoded = decodeRecorded(recorded);
      if (E.isLeft(decoded) || decoded.right.type !== 'BenefitDisbursed') return;
      const { claimId, reference, amount, disbursedOn, branchId: branch } = decoded.right.data;
      if (disbursedOn > asOf || (branchId !== undefined && branch !== branchId)) return;
      const pointer = { claimId, reference, amount, disbursedOn, branchId: branch };
      summary = {
        count: summary.count + 1,
        amount: summary.amount + amount,
        first: summary.first ?? pointer,
        latest: summary.latest === undefined || disbursedOn >= summary.latest.disbursedOn ? pointer : summary.latest,
      };
    },
    summary: (): DisbursementSummary => summary,
  };
};

/** The fund folded from the log (not from a saved read model: the audit trusts only the events). */
export const foldFundForAudit = async (store: EventStore): Promise<{ fund: FundState; unreadable: ReadonlyArray<UndecodableEvent> }> => {
  const progress = progressBar('audit: folding the fund from the log');
  let n = 0;
  const folded = await foldFund(tapFirstReadAll(store, () => progress.update(++n)))();
  progress.finish();
  if (E.isLeft(folded)) throw new AuditFailed(describeStoreFailure(folded.left));
  return { fund: folded.right.fund, unreadable: folded.right.undecodable };
};

/**
 * Runs the audit over a store: the claims-vs-contributions balance as of a day and its monthly
 * history (per branch and programme, from the fund folded off the log), the anomaly pass of
 * `auditAnomalies` (events dated after asOf ignored), and the disbursements to explain.
 */
export const runAudit = async (
  store: EventStore,
  folded: { readonly fund: FundState; readonly unreadable: ReadonlyArray<UndecodableEvent> },
  asOf: IsoDate,
  branchId: string | undefined,
): Promise<AuditResult> => {
  const filter = branchId === undefined ? {} : { branchId };
  const counter = disbursementCounter(asOf, branchId);
  const progress = progressBar('audit: checking every event');
  const report = await auditAnomalies(tapFirstReadAll(store, counter.see), { ...filter, asOf, progressEvery: 5_000, onProgress: (n) => progress.update(n) })();
  progress.finish();
  if (E.isLeft(report)) throw new AuditFailed(describeStoreFailure(report.left));
  const { findings, eventsRead, eventsAfterAsOf } = report.right;
  const moneyEventsUnreadable = folded.unreadable.filter((u) => branchId === undefined || u.branchId === undefined || u.branchId === branchId);
  return {
    asOf,
    branchId,
    balance: balanceAsOf(folded.fund, asOf, filter),
    history: balanceHistory(folded.fund, asOf, filter),
    findings,
    counts: countFindings(findings),
    disbursements: { ...counter.summary(), example: exampleOf(counter.summary(), findings) },
    eventsRead,
    eventsAfterAsOf,
    moneyEventsUnreadable,
  };
};
