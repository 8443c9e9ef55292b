import * as t from 'io-ts';
import { IsoDateC } from '../values/calendar.js';
import { ClaimIdC, PaymentReferenceC } from '../values/ids.js';
import { PositiveRupiahC } from '../values/rupiah.js';
import type { ParticipantState } from '../participant/state.js';
import { ClaimFiled, PayeeC } from './events.js';

/** File a JKK or JKM claim for an incident, naming the claimant and the heirs. Same fields as the event. */
export const FileClaimC = t.intersection([t.type({ type: t.literal('FileClaim') }), ClaimFiled.codec]);

/** Decide a filed claim on a date (the handler adds the participant's state; the decider checks protection under the policy). */
export const DecideClaimC = t.type({ type: t.literal('DecideClaim'), claimId: ClaimIdC, decidedOn: IsoDateC });

/** A verifier rejects a claim (e.g. incomplete documents), with a note. */
export const RejectClaimC = t.type({ type: t.literal('RejectClaim'), claimId: ClaimIdC, decidedOn: IsoDateC, note: t.string });

/** Record a payment of benefits to one payee, by transfer reference. */
export const DisburseBenefitC = t.type({
  type: t.literal('DisburseBenefit'),
  claimId: ClaimIdC,
  payee: PayeeC,
  amount: PositiveRupiahC,
  reference: PaymentReferenceC,
  disbursedOn: IsoDateC,
});

/** Any claim command as it arrives at the boundary. */
export const ClaimCommandC = t.union([FileClaimC, DecideClaimC, RejectClaimC, DisburseBenefitC]);
export type ClaimCommandInput = t.TypeOf<typeof ClaimCommandC>;

/** DecideClaim with the participant's state, folded from their stream by the application service. */
export type DecideClaimWithRecord = t.TypeOf<typeof DecideClaimC> & { readonly participant: ParticipantState };

/** A claim command as the decider takes it. */
export type ClaimCommand = Exclude<ClaimCommandInput, { type: 'DecideClaim' }> | DecideClaimWithRecord;
export type ClaimCommandOf<T extends ClaimCommand['type']> = Extract<ClaimCommand, { type: T }>;

/** The business key of a claim command: what makes a repeat recognisable. */
export const claimCommandKey = (command: ClaimCommand | ClaimCommandInput): string => {
  switch (command.type) {
    case 'FileClaim':
      return `file:${command.claimId}`;
    case 'DecideClaim':
    case 'RejectClaim':
      return `decide:${command.claimId}`;
    case 'DisburseBenefit':
      return `disburse:${command.reference}`;
  }
};
