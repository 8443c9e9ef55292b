import type { Rupiah } from '../values/rupiah.js';
import type { ClaimEventOf } from './events.js';

type Filed = ClaimEventOf<'ClaimFiled'>['data'];
type Approval = ClaimEventOf<'ClaimApproved'>['data'];
type Rejection = ClaimEventOf<'ClaimRejected'>['data'];

/** A disbursement as the claim remembers it. */
export interface DisbursementRecord {
  readonly payeeKey: string;
  readonly amount: Rupiah;
}

/** A claim's state, folded from its stream. */
export type ClaimState =
  | { readonly status: 'none' }
  | { readonly status: 'filed'; readonly filed: Filed }
  | { readonly status: 'rejected'; readonly filed: Filed; readonly rejection: Rejection }
  | {
      readonly status: 'approved';
      readonly filed: Filed;
      readonly approval: Approval;
      /** Amount approved per payee key. */
      readonly allocated: ReadonlyMap<string, Rupiah>;
      /** Amount disbursed so far per payee key. */
      readonly disbursed: ReadonlyMap<string, Rupiah>;
      /** Disbursements by transfer reference. */
      readonly references: ReadonlyMap<string, DisbursementRecord>;
    };

/** The state of a claim with no events. */
export const initialClaimState: ClaimState = { status: 'none' };
