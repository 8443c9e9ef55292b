import * as E from 'fp-ts/lib/Either.js';
import { Rupiah } from '../../values/rupiah.js';
import type { Programme } from '../../values/scheme.js';
import type { IncomeBand, PolicySnapshot } from '../parameters.js';
import { tryGet } from '../policy.js';
import type { ContributionAmountLine, PuContributionAmountLine } from './lines.js';

/**
 * The BPU income band a declared income falls in: the band with the largest declared income not
 * above it, or the lowest band for an income below every band.
 */
export const bpuIncomeBand = (s: PolicySnapshot, declaredIncome: number): IncomeBand => {
  const bands = s.get('bpu.jkk.incomeBands');
  let chosen = bands[0] as IncomeBand;
  for (const band of bands) if (band.declaredIncome <= declaredIncome) chosen = band;
  return chosen;
};

/** A BPU participant's monthly contribution and the band it was computed on. */
export interface BpuContribution {
  readonly band: IncomeBand;
  readonly lines: ReadonlyArray<ContributionAmountLine>;
  readonly total: Rupiah;
}

/**
 * A BPU participant's monthly contribution: JKK = rate x the band's declared income; JKM flat;
 * JHT (optional) = rate x the band's declared income. Only the programmes listed are charged
 * (JP and JKP do not exist for BPU and are ignored).
 */
export const bpuMonthlyContribution = (s: PolicySnapshot, input: { readonly declaredIncome: number; readonly programmes: ReadonlyArray<Programme> }): BpuContribution => {
  const band = bpuIncomeBand(s, input.declaredIncome);
  const basis = Rupiah.of(band.declaredIncome);
  const lines: ContributionAmountLine[] = [];
  if (input.programmes.includes('JKK'))
    lines.push({ programme: 'JKK', amount: Rupiah.basisPoints(basis, s.get('bpu.jkk.rateBp')), legalRef: s.source('bpu.jkk.rateBp').legalRef });
  if (input.programmes.includes('JKM')) lines.push({ programme: 'JKM', amount: Rupiah.of(s.get('bpu.jkm.contribution')), legalRef: s.source('bpu.jkm.contribution').legalRef });
  if (input.programmes.includes('JHT'))
    lines.push({ programme: 'JHT', amount: Rupiah.basisPoints(basis, s.get('bpu.jht.rateBp')), legalRef: s.source('bpu.jht.rateBp').legalRef });
  return { band, lines, total: Rupiah.sum(lines.map((l) => l.amount)) };
};

/** An employer's risk group for JKK, from 1 (very low) to 5 (very high). */
export type RiskGroup = 1 | 2 | 3 | 4 | 5;

/** A wage earner's monthly contribution: the lines charged, their totals, and the JKP contribution funded elsewhere. */
export interface PuContribution {
  readonly lines: ReadonlyArray<PuContributionAmountLine>;
  readonly total: Rupiah;
  readonly employerTotal: Rupiah;
  readonly workerTotal: Rupiah;
  /** JKP, when listed and in force: funded by the government and recomposed JKK/JKM, so not in `lines` or `total`. */
  readonly jkp: { readonly amount: Rupiah; readonly legalRef: string } | undefined;
}

/**
 * A wage earner's monthly contribution on the reported wage. JKK (by risk group) and JKM are the
 * employer's; JHT and JP are shared; JP is charged on the wage up to the cap. Each share is
 * rounded half up to the rupiah on its own.
 */
export const puMonthlyContribution = (
  s: PolicySnapshot,
  input: { readonly wage: Rupiah; readonly riskGroup: RiskGroup; readonly programmes: ReadonlyArray<Programme> },
): PuContribution => {
  const { wage, programmes } = input;
  const lines: PuContributionAmountLine[] = [];
  const line = (programme: Programme, employer: Rupiah, worker: Rupiah, legalRef: string): void => {
    lines.push({ programme, employer, worker, amount: Rupiah.add(employer, worker), legalRef });
  };
  if (programmes.includes('JKK')) {
    const rate = s.get('pu.jkk.rateBpByRiskGroup')[input.riskGroup - 1];
    if (rate === undefined) throw new RangeError(`no JKK rate for risk group ${input.riskGroup}`);
    line('JKK', Rupiah.basisPoints(wage, rate), Rupiah.zero, s.source('pu.jkk.rateBpByRiskGroup').legalRef);
  }
  if (programmes.includes('JKM')) line('JKM', Rupiah.basisPoints(wage, s.get('pu.jkm.rateBp')), Rupiah.zero, s.source('pu.jkm.rateBp').legalRef);
  if (programmes.includes('JHT')) {
    const rate = s.get('pu.jht.rateBp');
    line('JHT', Rupiah.basisPoints(wage, rate.employer), Rupiah.basisPoints(wage, rate.worker), s.source('pu.jht.rateBp').legalRef);
  }
  if (programmes.includes('JP')) {
    const rate = s.get('pu.jp.rateBp');
    const basis = Rupiah.min(wage, Rupiah.of(s.get('pu.jp.wageCap')));
    line('JP', Rupiah.basisPoints(basis, rate.employer), Rupiah.basisPoints(basis, rate.worker), `${s.source('pu.jp.rateBp').legalRef}; cap: ${s.source('pu.jp.wageCap').legalRef}`);
  }
  const jkpRate = programmes.includes('JKP') ? tryGet(s, 'jkp.contribution.rateBp') : undefined;
  return {
    lines,
    total: Rupiah.sum(lines.map((l) => l.amount)),
    employerTotal: Rupiah.sum(lines.map((l) => l.employer)),
    workerTotal: Rupiah.sum(lines.map((l) => l.worker)),
    jkp: jkpRate === undefined ? undefined : { amount: Rupiah.basisPoints(wage, jkpRate), legalRef: s.source('jkp.contribution.rateBp').legalRef },
  };
};

/** One tier's part of a Jakon contribution. */
export interface JakonTierLine {
  readonly upTo: number | null;
  readonly rateBp: number;
  /** The part of the contract value inside this tier. */
  readonly base: Rupiah;
  readonly amount: Rupiah;
}

/**
 * The Jakon (construction) JKK+JKM contribution on a contract value, by progressive marginal
 * tiers: each tier's rate applies to the part of the value inside it (each part rounded half up).
 */
export const jakonContribution = (s: PolicySnapshot, contractValue: Rupiah): { readonly lines: ReadonlyArray<JakonTierLine>; readonly total: Rupiah; readonly legalRef: string } => {
  const lines: JakonTierLine[] = [];
  let lower = 0;
  for (const tier of s.get('jakon.contribution.tiers')) {
    if (contractValue <= lower) break;
    const upper = tier.upTo === null ? contractValue : Math.min(contractValue, tier.upTo);
    const base = Rupiah.of(upper - lower);
    lines.push({ upTo: tier.upTo, rateBp: tier.rateBp, base, amount: Rupiah.basisPoints(base, tier.rateBp) });
    if (tier.upTo === null) break;
    lower = tier.upTo;
  }
  return { lines, total: Rupiah.sum(lines.map((l) => l.amount)), legalRef: s.source('jakon.contribution.tiers').legalRef };
};

/** A PMI placement length for which the policy has no package. */
export interface NoSuchPlacementPackage {
  readonly _tag: 'NoSuchPlacementPackage';
  readonly months: number;
  readonly available: ReadonlyArray<number>;
}

/** One item of a PMI contribution. */
export interface PmiContributionLine {
  readonly item: 'prePlacement' | 'placement' | 'extension';
  readonly amount: Rupiah;
  readonly legalRef: string;
}

/** A PMI contribution: before placement, a placement package by its months, and months of extension. */
export const pmiContribution = (
  s: PolicySnapshot,
  input: { readonly prePlacement: boolean; readonly placementMonths?: number; readonly extensionMonths?: number },
): E.Either<NoSuchPlacementPackage, { readonly lines: ReadonlyArray<PmiContributionLine>; readonly total: Rupiah }> => {
  const lines: PmiContributionLine[] = [];
  if (input.prePlacement) lines.push({ item: 'prePlacement', amount: Rupiah.of(s.get('pmi.contribution.prePlacement')), legalRef: s.source('pmi.contribution.prePlacement').legalRef });
  if (input.placementMonths !== undefined) {
    const packages = s.get('pmi.contribution.placement');
    const chosen = packages.find((p) => p.months === input.placementMonths);
    if (chosen === undefined) return E.left({ _tag: 'NoSuchPlacementPackage', months: input.placementMonths, available: packages.map((p) => p.months) });
    lines.push({ item: 'placement', amount: Rupiah.of(chosen.amount), legalRef: s.source('pmi.contribution.placement').legalRef });
  }
  if (input.extensionMonths !== undefined && input.extensionMonths > 0)
    lines.push({
      item: 'extension',
      amount: Rupiah.times(Rupiah.of(s.get('pmi.contribution.extensionPerMonth')), input.extensionMonths),
      legalRef: s.source('pmi.contribution.extensionPerMonth').legalRef,
    });
  return E.right({ lines, total: Rupiah.sum(lines.map((l) => l.amount)) });
};

/** The late-payment charge on an unpaid PU contribution: rate per month x whole months late (not compounded), rounded half up. */
export const puLateCharge = (s: PolicySnapshot, input: { readonly unpaid: Rupiah; readonly monthsLate: number }): { readonly amount: Rupiah; readonly legalRef: string } => {
  if (!Number.isSafeInteger(input.monthsLate) || input.monthsLate < 0) throw new RangeError(`months late must be a whole number >= 0, got ${input.monthsLate}`);
  return {
    amount: Rupiah.fraction(input.unpaid, s.get('pu.lateCharge.rateBpPerMonth') * input.monthsLate, 10_000),
    legalRef: s.source('pu.lateCharge.rateBpPerMonth').legalRef,
  };
};
