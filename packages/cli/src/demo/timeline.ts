import type { ClaimCommandOf, IsoDate, ParticipantCommand, Period, Sponsor } from '@jamsos/domain';

/** A claim as planned: filed on a date, decided and paid out later if those dates fall inside the demo. */
export interface PlannedClaim {
  readonly file: ClaimCommandOf<'FileClaim'>;
  readonly decideOn: IsoDate | undefined;
  readonly disburseOn: IsoDate | undefined;
  /** Set when a verifier rejects the claim by hand (e.g. documents missing) instead of the rules deciding it. */
  readonly verifierNote: string | undefined;
}

/** A contribution to pay: the amount is what the policy says is due, computed when it is paid. */
export interface PlannedPayment {
  readonly period: Period;
  readonly payer: Sponsor;
  readonly paymentReference: string;
}

/** One dated step of a participant's life: a command to their stream, a payment, or a claim decision point. */
export type Step =
  | { readonly date: IsoDate; readonly rank: number; readonly kind: 'command'; readonly command: ParticipantCommand }
  | { readonly date: IsoDate; readonly rank: number; readonly kind: 'pay'; readonly payment: PlannedPayment }
  | { readonly date: IsoDate; readonly rank: number; readonly kind: 'claim'; readonly claim: PlannedClaim };

/** The order of steps on the same day: enrolment, sponsorship, payment, arrears assessment, claim decision. */
export const RANK = { register: 0, enrol: 1, sponsorship: 2, pay: 3, assess: 4, claim: 5 } as const;

/** Steps in the order they happen: by date, then by rank, then as planned. */
export const inOrder = (steps: ReadonlyArray<Step>): ReadonlyArray<Step> =>
  steps
    .map((step, i) => [step, i] as const)
    .sort(([a, i], [b, j]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank || i - j))
    .map(([step]) => step);
