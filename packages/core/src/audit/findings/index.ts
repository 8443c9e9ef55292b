export { auditAnomalies, type AnomalyAuditOptions, type AnomalyReport } from './anomalies.js';
export {
  balanceAsOf,
  balanceHistory,
  balanceRow,
  claimsRatioBp,
  foldFund,
  type BalanceFilter,
  type BalanceMonth,
  type BalanceReport,
  type BalanceRow,
  type FundFold,
} from './balance.js';
export type { ContributionRecord, PaidPeriod, ParticipantDecisions, RecordedDecision } from './contribution-record.js';
export { decodeRecorded, eventRef } from './event-ref.js';
export { explainDisbursement, type ExplainDependencies } from './explain.js';
export type {
  DisbursementExplanation,
  DisbursementTarget,
  ExplainedApproval,
  ExplainedClaim,
  ExplainedDisbursement,
  ExplainError,
  Recomputation,
} from './explanation.js';
export {
  findingConcernsBranch,
  type ApprovedWhileUnprotected,
  type AuditFinding,
  type AuditFindingTag,
  type ContributionAfterLapseWithoutReinstatement,
  type DisbursementWithoutApproval,
  type DuplicatePaymentReference,
  type EventRef,
  type LapseBehindContribution,
  type OverDisbursed,
  type UndecodableEvent,
  type UnfoldableEvent,
} from './findings.js';
export { recordingPolicy, type ParameterUsed, type RecordingPolicy } from './parameters-used.js';
export { policyResolver, referencePolicy, type PolicySources } from './policies.js';
