import type { IsoDate } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';

/** Why a claim command was refused (distinct from a claim being rejected, which is a decision event). */
export type ClaimCommandRejection =
  | { readonly _tag: 'ClaimAlreadyFiled' }
  | { readonly _tag: 'ClaimNotFiled' }
  | { readonly _tag: 'ClaimAlreadyDecided'; readonly status: string }
  | { readonly _tag: 'ProgrammeDoesNotMatchIncident'; readonly programme: string; readonly incident: string; readonly hint: string }
  | { readonly _tag: 'IncidentAfterFiling'; readonly incidentDate: IsoDate; readonly filedOn: IsoDate }
  | { readonly _tag: 'InvalidIncident'; readonly problem: string }
  | { readonly _tag: 'WrongParticipantRecord'; readonly expected: string }
  | { readonly _tag: 'DecisionBeforeFiling'; readonly filedOn: IsoDate }
  | { readonly _tag: 'ClaimNotApproved'; readonly status: string }
  | { readonly _tag: 'PayeeNotEntitled'; readonly payee: string }
  | { readonly _tag: 'ExceedsApprovedAmount'; readonly payee: string; readonly remaining: Rupiah; readonly requested: Rupiah }
  | { readonly _tag: 'DisbursementReferenceReused'; readonly reference: string }
  | { readonly _tag: 'DisbursementBeforeApproval'; readonly approvedOn: IsoDate };

/** One sentence a clerk can act on, for each claim command rejection. */
export const explainClaimCommandRejection = (r: ClaimCommandRejection): string => {
  switch (r._tag) {
    case 'ClaimAlreadyFiled':
      return 'a claim with this number is already filed with other details';
    case 'ClaimNotFiled':
      return 'no claim with this number has been filed';
    case 'ClaimAlreadyDecided':
      return `the claim is already ${r.status}`;
    case 'ProgrammeDoesNotMatchIncident':
      return `${r.programme} does not cover a ${r.incident}: ${r.hint}`;
    case 'IncidentAfterFiling':
      return `the incident date ${r.incidentDate} is after the filing date ${r.filedOn}`;
    case 'InvalidIncident':
      return r.problem;
    case 'WrongParticipantRecord':
      return `the participant record given is not that of ${r.expected}`;
    case 'DecisionBeforeFiling':
      return `a decision cannot precede the filing on ${r.filedOn}`;
    case 'ClaimNotApproved':
      return `benefits are paid only on an approved claim; this one is ${r.status}`;
    case 'PayeeNotEntitled':
      return `${r.payee} is not entitled to benefits on this claim (heirs are paid in legal order)`;
    case 'ExceedsApprovedAmount':
      return `${r.requested} is more than the ${r.remaining} still approved for ${r.payee}`;
    case 'DisbursementReferenceReused':
      return `transfer reference ${r.reference} was already used for another payment`;
    case 'DisbursementBeforeApproval':
      return `a disbursement cannot precede the approval on ${r.approvedOn}`;
  }
};
