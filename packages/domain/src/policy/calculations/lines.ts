import type { Rupiah } from '../../values/rupiah.js';
import type { Programme } from '../../values/scheme.js';

/** One programme's contribution, with the legal reference of the rate or amount it came from. */
export interface ContributionAmountLine {
  readonly programme: Programme;
  readonly amount: Rupiah;
  readonly legalRef: string;
}

/** A wage earner's contribution to one programme, split into the employer's and the worker's shares (amount = employer + worker). */
export interface PuContributionAmountLine extends ContributionAmountLine {
  readonly employer: Rupiah;
  readonly worker: Rupiah;
}

/** One benefit a claim grants, named like "jkm.lumpSum", with the legal reference of the parameter it came from. */
export interface BenefitAmountLine {
  readonly benefit: string;
  readonly amount: Rupiah;
  readonly legalRef: string;
}

/** Benefit lines and their total. */
export interface BenefitBreakdown<L extends BenefitAmountLine = BenefitAmountLine> {
  readonly lines: ReadonlyArray<L>;
  readonly total: Rupiah;
}
