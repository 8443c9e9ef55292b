import * as E from 'fp-ts/lib/Either.js';
import { explainDisbursement, storeFailure, type DisbursementExplanation, type EventRef, type EventStore, type ExplainError, type ParameterUsed } from '@jamsos/core';
import { claimStreamName, explainRejection, payeeKey, type Allocation, type Payee } from '@jamsos/domain';
import { renderTable, type Column } from '../format/table.js';
import { rupiah } from '../report/index.js';
import { AuditFailed, describeStoreFailure } from './errors.js';

const indent = (text: string): string => text.replace(/^/gm, '  ');

const at = (ref: EventRef): string => `[${ref.streamName}@${ref.revision}, position ${ref.globalPosition}, recorded ${ref.recordedAt}]`;

/** An explain error as one line a clerk can act on. */
const describeExplainError = (error: ExplainError, reference: string): string => {
  switch (error._tag) {
    case 'DisbursementNotFound':
      return `no disbursement with reference ${reference} on claim ${error.claimId}`;
    case 'NotADisbursement':
      return `${error.event.streamName}@${error.event.revision} is a ${error.event.type}, not a disbursement`;
    case 'ClaimNotFiled':
      return `the disbursement ${reference} is on claim ${error.claimId}, which was never filed: it is an anomaly (see jamsos audit)`;
    case 'DisbursementNotApproved':
      return `the disbursement ${error.reference} on claim ${error.claimId} has no approval behind it (the claim is ${error.claimStatus}): it is an anomaly (see jamsos audit)`;
    case 'UnknownPolicy':
      return `claim ${error.claimId} was approved under policy ${error.policyId}, which this jamsos does not know`;
    case 'UndecodableEvent':
      return `${error.event.streamName}@${error.event.revision} cannot be read: ${error.message}`;
    case 'UnfoldableEvent':
      return `${error.event.streamName}@${error.event.revision} cannot be applied to its stream: ${error.reason}`;
    case 'StoreFailure':
      return describeStoreFailure(error);
  }
};

/** Explains one disbursement by claim and transfer reference; an unknown claim or reference, or anything else in the way, is an AuditFailed. */
export const explainOne = async (store: EventStore, claimId: string, reference: string): Promise<DisbursementExplanation> => {
  const revision = await store.streamRevision(claimStreamName(claimId))();
  if (E.isLeft(revision)) throw new AuditFailed(describeStoreFailure(revision.left));
  if (revision.right === 'no_stream') throw new AuditFailed(`no claim ${claimId} in the store (claim ids look like KLM-3672-2024-000001)`);
  const explained = await explainDisbursement({ store }, { claimId, reference })();
  if (E.isRight(explained)) return explained.right;
  const why = describeExplainError(explained.left, reference);
  if (explained.left._tag !== 'DisbursementNotFound') throw new AuditFailed(why);
  const references = await referencesOn(store, claimId);
  throw new AuditFailed(`${why}: ${references.length === 0 ? 'the claim has no disbursement' : `its disbursements are ${references.join(', ')}`}`);
};

/** The transfer references of a claim's disbursements, as stored (at most 20). */
const referencesOn = async (store: EventStore, claimId: string): Promise<ReadonlyArray<string>> => {
  const references: string[] = [];
  try {
    for await (const recorded of store.readStream(claimStreamName(claimId))) {
      const reference = recorded.type === 'BenefitDisbursed' ? (recorded.data as { reference?: unknown } | null)?.reference : undefined;
      if (typeof reference === 'string') references.push(reference);
      if (references.length === 20) break;
    }
  } catch (cause) {
    throw new AuditFailed(describeStoreFailure(storeFailure(`could not read claim ${claimId}`, cause)));
  }
  return references;
};

const payeeText = (payee: Payee, heirs: DisbursementExplanation['claim']['heirs']): string => {
  if (payee.kind !== 'heir') return payee.kind === 'participant' ? 'the worker' : payee.kind;
  const relationship = heirs.find((h) => h.heirId === payee.heirId)?.relationship;
  return `heir ${payee.heirId}${relationship === undefined ? '' : ` (${relationship})`}`;
};

/** A parameter's value in a few words: numbers and strings as they are, anything larger as compact JSON, shortened. */
const valueText = (value: unknown): string => {
  if (value === undefined) return '(no value)';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 10_000 ? rupiah(value) : String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const parameterColumns: Column<ParameterUsed>[] = [
  { heading: 'parameter', value: (p) => p.name },
  { heading: 'value', value: (p) => valueText(p.value) },
  { heading: 'in force from', value: (p) => p.from ?? '' },
  { heading: 'legal reference', value: (p) => p.legalRef ?? '(none)' },
];

const allocationLine = (a: Allocation, x: DisbursementExplanation): string => `    ${payeeText(a.payee, x.claim.heirs).padEnd(22)} ${rupiah(a.amount).padStart(16)}${payeeKey(a.payee) === x.disbursement.payeeKey ? '   <- this payee' : ''}`;

const recomputationText = (x: DisbursementExplanation): string => {
  const r = x.recomputation;
  switch (r.outcome) {
    case 'approved':
      return `approved for ${rupiah(r.total)}: ${r.matchesRecorded ? 'the same lines, allocations and total as recorded' : 'NOT the approval recorded'}`;
    case 'rejected':
      return `REJECTED (${r.reason.code}): the record does not support the approval`;
    case 'refused':
      return `the decider refused the decision (${r.rejection})`;
    case 'failed':
      return `could not be recomputed: ${r.message}`;
  }
};

const incidentText = (x: DisbursementExplanation): string => {
  const i = x.claim.incident;
  const detail = i.type === 'injury' ? `, medical costs ${rupiah(i.medicalCosts)}, ${i.incapacityDays} days off work, disability ${i.disability.kind}` : '';
  return `${i.type} on ${i.date} (${i.cause}${detail})`;
};

const contributionText = (x: DisbursementExplanation): string[] => {
  const c = x.contributions;
  const e = c.enrolment;
  const protection = c.protection.protected
    ? `protected: yes in ${c.protection.evidence.period} (membership from ${c.protection.evidence.membershipFrom}); the month's contribution: ${
        c.protection.evidence.paidOn === null ? 'not required by the incident date' : `paid on ${c.protection.evidence.paidOn}${c.protection.evidence.paymentReference === null ? '' : ` (${c.protection.evidence.paymentReference})`}`
      }`
    : `protected: NO: ${explainRejection(c.protection.gap)}`;
  const rows = c.paidPeriods.map((p) => ({ ...p, amount: rupiah(p.total) }));
  return [
    `Contribution record at the incident date ${c.incidentDate}, as it stood when the approval was recorded`,
    `  ${c.participantId}: ${c.status}${e === undefined ? '' : `, ${e.segment} ${e.programmes.join('+')} at ${e.branchId} (region ${e.regionId}), enrolled ${e.enrolledOn}, first period ${e.firstPeriod}`}`,
    `  memberships: ${c.memberships.map((m) => `from ${m.from} (since ${m.since})${m.lapsedOn === null ? '' : `, lapsed ${m.lapsedOn}`}`).join('; ') || 'none'}`,
    `  ${protection}`,
    `  months paid by the incident date: ${c.monthsPaidByIncident}; due and unpaid on it: ${c.unpaidOnIncidentDate.join(', ') || 'none'}`,
    `  arrears recorded ${c.arrearsRecorded.length}, lapses ${c.lapses.map((l) => `${l.lapsedOn} ${at(l.event)}`).join('; ') || '0'}, reinstatements ${c.reinstatements.length}`,
    '',
    rows.length === 0
      ? '  (no contributions up to the incident month)'
      : indent(renderTable(rows, [
          { heading: 'period', value: (p) => p.period },
          { heading: 'paid on', value: (p) => p.paidOn },
          { heading: 'amount', value: (p) => p.amount, numeric: true },
          { heading: 'due', value: (p) => p.dueDate ?? '' },
          { heading: 'by due date', value: (p) => (p.paidByDueDate ? 'yes' : 'no') },
          { heading: 'by incident', value: (p) => (p.paidByIncidentDate ? 'yes' : 'no') },
          { heading: 'reference', value: (p) => p.paymentReference },
        ])),
  ];
};

/** One disbursement explained as text: the payment, the claim, the approval, the parameters with their legal references, the recomputation, the contribution record. */
export const renderExplanation = (x: DisbursementExplanation): string => {
  const d = x.disbursement;
  const a = x.approval;
  return [
    `Disbursement ${d.reference} on claim ${d.claimId}  ${at(d.event)}`,
    `  ${rupiah(d.amount)} to ${payeeText(d.payee, x.claim.heirs)} on ${d.disbursedOn}, branch ${d.branchId}`,
    `  allocated to this payee ${d.allocatedToPayee === undefined ? 'nothing' : rupiah(d.allocatedToPayee)}; paid to them before ${rupiah(d.paidToPayeeBefore)}; paid on the claim to date ${rupiah(d.paidOnClaimToDate)}`,
    '',
    `Claim  ${at(x.claim.event)}`,
    `  ${x.claim.programme} for participant ${x.claim.participantId}: ${incidentText(x)}; filed ${x.claim.filedOn} at ${x.claim.branchId} (region ${x.claim.regionId})`,
    `  heirs: ${x.claim.heirs.map((h) => `${h.heirId} ${h.relationship}`).join(', ') || 'none named'}`,
    '',
    `Approval  ${at(a.event)}`,
    `  decided ${a.decidedOn} under policy ${a.policyName} (${a.policyId}); wage basis ${rupiah(a.wageBasis)}; total ${rupiah(a.total)}`,
    '  benefits:',
    ...a.benefits.map((b) => `    ${b.benefit.padEnd(22)} ${rupiah(b.amount).padStart(16)}   ${b.legalRef}`),
    '  allocations:',
    ...a.allocations.map((al) => allocationLine(al, x)),
    '',
    `Parameters the decision read, at the incident date ${x.contributions.incidentDate} (values and sources from policy ${a.policyName})`,
    '',
    indent(renderTable(x.parameters, parameterColumns)),
    '',
    `Recomputed: the claim decider run again on the record under ${a.policyName}: ${recomputationText(x)}`,
    '',
    ...contributionText(x),
  ].join('\n');
};
