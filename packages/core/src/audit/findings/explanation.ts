import type { Allocation, BenefitLine, ClaimRejectionReason, Heir, Incident, IsoDate, Payee, Rupiah } from '@jamsos/domain';
import type { StoreFailure } from '../../store/errors.js';
import type { RecordedEvent } from '../../store/types.js';
import type { ContributionRecord } from './contribution-record.js';
import type { EventRef, UndecodableEvent, UnfoldableEvent } from './findings.js';
import type { ParameterUsed } from './parameters-used.js';

/** The disbursement being explained, and where it stands against the approval. */
export interface ExplainedDisbursement {
  readonly event: EventRef;
  readonly claimId: string;
  readonly payee: Payee;
  readonly payeeKey: string;
  readonly amount: Rupiah;
  readonly reference: string;
  readonly disbursedOn: IsoDate;
  readonly branchId: string;
  /** What the approval allocated to this payee (undefined: nothing). */
  readonly allocatedToPayee: Rupiah | undefined;
  /** Paid to this payee by earlier disbursements of the claim. */
  readonly paidToPayeeBefore: Rupiah;
  /** Paid on the whole claim, this disbursement included. */
  readonly paidOnClaimToDate: Rupiah;
}

/** The claim as filed, with the heirs reduced to their claim-local id and relationship (no names, NIKs or accounts). */
export interface ExplainedClaim {
  readonly event: EventRef;
  readonly claimId: string;
  readonly participantId: string;
  readonly programme: 'JKK' | 'JKM';
  readonly incident: Incident;
  readonly filedOn: IsoDate;
  readonly branchId: string;
  readonly regionId: string;
  readonly heirs: ReadonlyArray<{ readonly heirId: string; readonly relationship: Heir['relationship'] }>;
}

/** The approval the disbursement rests on. */
export interface ExplainedApproval {
  readonly event: EventRef;
  readonly decidedOn: IsoDate;
  readonly policyId: string;
  readonly policyName: string;
  readonly wageBasis: Rupiah;
  readonly benefits: ReadonlyArray<BenefitLine>;
  readonly allocations: ReadonlyArray<Allocation>;
  readonly total: Rupiah;
}

/** The claim decider run again on the same record under the approval's policy: does it reach the recorded approval? */
export type Recomputation =
  | { readonly outcome: 'approved'; readonly total: Rupiah; readonly matchesRecorded: boolean }
  | { readonly outcome: 'rejected'; readonly reason: ClaimRejectionReason }
  | { readonly outcome: 'refused'; readonly rejection: string }
  | { readonly outcome: 'failed'; readonly message: string };

/** Why, by whom and under which law a disbursement was paid. */
export interface DisbursementExplanation {
  readonly disbursement: ExplainedDisbursement;
  readonly claim: ExplainedClaim;
  readonly approval: ExplainedApproval;
  /** The parameters the decision read, at the incident date, with values and legal references, in the order read. */
  readonly parameters: ReadonlyArray<ParameterUsed>;
  readonly recomputation: Recomputation;
  /** The participant's record at the incident date, as it stood when the approval was recorded. */
  readonly contributions: ContributionRecord;
}

/** Which disbursement to explain: by claim and transfer reference, or the stored event itself. */
export type DisbursementTarget = { readonly claimId: string; readonly reference: string } | { readonly event: RecordedEvent };

/** Why a disbursement could not be explained. */
export type ExplainError =
  | { readonly _tag: 'DisbursementNotFound'; readonly claimId: string; readonly reference: string | undefined }
  | { readonly _tag: 'NotADisbursement'; readonly event: EventRef }
  | { readonly _tag: 'ClaimNotFiled'; readonly claimId: string }
  | { readonly _tag: 'DisbursementNotApproved'; readonly claimId: string; readonly reference: string; readonly claimStatus: 'filed' | 'rejected' }
  | { readonly _tag: 'UnknownPolicy'; readonly claimId: string; readonly policyId: string }
  | UndecodableEvent
  | UnfoldableEvent
  | StoreFailure;
