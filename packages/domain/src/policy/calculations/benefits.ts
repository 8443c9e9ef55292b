import { Rupiah } from '../../values/rupiah.js';
import type { ParameterName, PolicySnapshot } from '../parameters.js';
import type { BenefitAmountLine, BenefitBreakdown } from './lines.js';

const line = <B extends string>(s: PolicySnapshot, benefit: B, amount: Rupiah, from: ParameterName): BenefitAmountLine & { readonly benefit: B } => ({
  benefit,
  amount,
  legalRef: s.source(from).legalRef,
});
const total = (lines: ReadonlyArray<BenefitAmountLine>): Rupiah => Rupiah.sum(lines.map((l) => l.amount));

/** The JKM benefit lines. */
export type JkmBenefit = 'jkm.lumpSum' | 'jkm.periodic' | 'jkm.funeral';

/**
 * JKM, a death not caused by work: lump sum, periodic benefit and funeral costs (Rp42,000,000 since
 * PP 82/2019). `periodicInstallments` shows the periodic benefit as its monthly installments.
 */
export const jkmDeathBenefit = (s: PolicySnapshot): BenefitBreakdown<BenefitAmountLine & { readonly benefit: JkmBenefit }> & { readonly periodicInstallments: ReadonlyArray<Rupiah> } => {
  const periodic = Rupiah.of(s.get('jkm.benefit.periodic'));
  const lines = [
    line(s, 'jkm.lumpSum' as const, Rupiah.of(s.get('jkm.benefit.lumpSum')), 'jkm.benefit.lumpSum'),
    line(s, 'jkm.periodic' as const, periodic, 'jkm.benefit.periodic'),
    line(s, 'jkm.funeral' as const, Rupiah.of(s.get('jkm.benefit.funeral')), 'jkm.benefit.funeral'),
  ];
  return { lines, total: total(lines), periodicInstallments: Rupiah.split(periodic, s.get('jkm.benefit.periodicInstallments')) };
};

/** JKK death (a work or commuting accident): months of wage as a lump sum, plus the periodic benefit and funeral costs. */
export const jkkDeathBenefit = (s: PolicySnapshot, wage: Rupiah): BenefitBreakdown => {
  const lines = [
    line(s, 'jkk.death.lumpSum', Rupiah.times(wage, s.get('jkk.death.wageMultiplier')), 'jkk.death.wageMultiplier'),
    line(s, 'jkk.death.periodic', Rupiah.of(s.get('jkk.death.periodic')), 'jkk.death.periodic'),
    line(s, 'jkk.death.funeral', Rupiah.of(s.get('jkk.death.funeral')), 'jkk.death.funeral'),
  ];
  return { lines, total: total(lines) };
};

/** A permanent disability after a work accident: total, or partial with the doctor's percentage from the regulation's table (bp). */
export type PermanentDisability = { readonly kind: 'total' } | { readonly kind: 'partial'; readonly percentBp: number };

/**
 * JKK permanent disability lump sum: percentage x the wage multiplier (80) x monthly wage; total
 * disability uses the policy's percentage (70%). The periodic benefits of total disability are not modelled.
 */
export const jkkDisabilityBenefit = (s: PolicySnapshot, wage: Rupiah, disability: PermanentDisability): BenefitBreakdown => {
  const multiplier = s.get('jkk.disability.wageMultiplier');
  if (disability.kind === 'partial' && (!Number.isSafeInteger(disability.percentBp) || disability.percentBp < 0 || disability.percentBp > 10_000))
    throw new RangeError(`a partial disability is 0-10,000 bp, got ${disability.percentBp}`);
  const lines =
    disability.kind === 'total'
      ? [line(s, 'jkk.disability.total', Rupiah.fraction(wage, multiplier * s.get('jkk.disability.totalBp'), 10_000), 'jkk.disability.totalBp')]
      : [line(s, 'jkk.disability.partial', Rupiah.fraction(wage, multiplier * disability.percentBp, 10_000), 'jkk.disability.wageMultiplier')];
  return { lines, total: total(lines) };
};

/** Days in a month for STMB: the scheme counts a month as 30 days, so a day's wage is wage / 30. */
export const DAYS_PER_MONTH = 30;

/**
 * JKK temporary incapacity to work (STMB) for a number of days: the full wage for the first
 * fullWageMonths x 30 days, then `afterBp` of it. Each part is wage x days / 30 (x rate) computed
 * exactly and rounded half up once, so no per-day rounding accumulates.
 */
export const jkkTemporaryIncapacityBenefit = (s: PolicySnapshot, wage: Rupiah, days: number): BenefitBreakdown => {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`incapacity days must be a whole number >= 0, got ${days}`);
  const fullDays = s.get('jkk.temporaryIncapacity.fullWageMonths') * DAYS_PER_MONTH;
  const atFull = Math.min(days, fullDays);
  const after = days - atFull;
  const lines: BenefitAmountLine[] = [];
  if (atFull > 0) lines.push(line(s, 'jkk.temporaryIncapacity.fullWage', Rupiah.fraction(wage, atFull, DAYS_PER_MONTH), 'jkk.temporaryIncapacity.fullWageMonths'));
  if (after > 0)
    lines.push(
      line(s, 'jkk.temporaryIncapacity.reducedWage', Rupiah.fraction(wage, after * s.get('jkk.temporaryIncapacity.afterBp'), DAYS_PER_MONTH * 10_000), 'jkk.temporaryIncapacity.afterBp'),
    );
  return { lines, total: total(lines) };
};

/** JKK medical care (as needed, unless the policy sets a ceiling) and home care (capped). Both lines are always present, possibly 0. */
export const jkkMedicalCareBenefit = (s: PolicySnapshot, costs: { readonly medicalCosts: Rupiah; readonly homeCareCosts: Rupiah }): BenefitBreakdown => {
  const medicalCap = s.get('jkk.medicalCare.cap');
  const lines = [
    line(s, 'jkk.medicalCare', medicalCap === 'none' ? costs.medicalCosts : Rupiah.min(costs.medicalCosts, Rupiah.of(medicalCap)), 'jkk.medicalCare.cap'),
    line(s, 'jkk.homeCare', Rupiah.min(costs.homeCareCosts, Rupiah.of(s.get('jkk.homeCare.cap'))), 'jkk.homeCare.cap'),
  ];
  return { lines, total: total(lines) };
};
