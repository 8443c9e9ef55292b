import type { IsoDate } from '../values/calendar.js';

/** Relationship of an heir (ahli waris) to the deceased worker. */
export type HeirRelationship =
  | 'spouse'
  | 'child'
  | 'parent'
  | 'grandchild'
  | 'grandparent'
  | 'sibling'
  | 'parent-in-law'
  | 'will-designee';

/** One band of declared BPU income and the JKK contribution it carries. */
export interface IncomeBand {
  /** The declared monthly income of the band, in rupiah (the wage basis for JKK benefits). */
  readonly declaredIncome: number;
  /** The band's upper bound of actual income, in rupiah; null for the highest band. */
  readonly upTo: number | null;
}

/** One tier of the Jakon progressive rate on contract value. */
export interface JakonTier {
  /** Upper bound of the tier's contract value, in rupiah; null for the last tier. */
  readonly upTo: number | null;
  /** Marginal rate on the part of the contract value inside this tier, in basis points (0.24% = 24). */
  readonly rateBp: number;
}

/** A PMI placement package: months abroad and its contribution. */
export interface PmiPlacement {
  readonly months: number;
  readonly amount: number;
}

/**
 * Every parameter of the scheme that the deciders and projections use, with the type of its value.
 * Money is whole rupiah; rates are basis points (1% = 100 bp). The baseline data file gives each a
 * dated history with legal references.
 */
export interface ParameterTypes {
  // BPU (non-wage earners)
  /** A month's BPU contribution is due by this day of that month (paid in advance). */
  readonly 'bpu.contribution.dueDay': number;
  /** How many months ahead of the payment date a BPU contribution may be paid. */
  readonly 'bpu.contribution.maxMonthsInAdvance': number;
  /** Unpaid months that may still be paid as arrears; beyond that, protection lapses until re-enrolment. */
  readonly 'bpu.arrears.maxMonths': number;
  /** Declared-income bands; JKK is a rate of the band's declared income. */
  readonly 'bpu.jkk.incomeBands': ReadonlyArray<IncomeBand>;
  /** JKK rate on the declared income band, in bp (1% = 100). */
  readonly 'bpu.jkk.rateBp': number;
  /** JKM flat monthly contribution, in rupiah. */
  readonly 'bpu.jkm.contribution': number;
  /** JHT rate on declared income, in bp (optional programme for BPU). */
  readonly 'bpu.jht.rateBp': number;
  /** Months of contributions a BPU participant needs before a JKM death benefit is payable. */
  readonly 'bpu.jkm.minimumContributionMonths': number;

  // PU (wage earners)
  /** A month's PU contribution is due by this day of the following month. */
  readonly 'pu.contribution.dueDay': number;
  /** JKK rate by the employer's risk group 1-5, in bp. */
  readonly 'pu.jkk.rateBpByRiskGroup': ReadonlyArray<number>;
  /** JKM rate on wage, in bp. */
  readonly 'pu.jkm.rateBp': number;
  /** JHT rates on wage, employer's and worker's shares, in bp. */
  readonly 'pu.jht.rateBp': { readonly employer: number; readonly worker: number };
  /** JP rates on wage up to the cap, employer's and worker's shares, in bp. */
  readonly 'pu.jp.rateBp': { readonly employer: number; readonly worker: number };
  /** The monthly wage above which no JP contribution is charged, in rupiah. */
  readonly 'pu.jp.wageCap': number;
  /** Late-payment charge per month late, in bp of the unpaid contribution. */
  readonly 'pu.lateCharge.rateBpPerMonth': number;
  /** Months an employer may be in arrears when an accident happens; beyond that the employer pays the JKK benefits first (BPJS reimburses once the arrears are paid). */
  readonly 'pu.arrears.maxMonths': number;
  /** JKP total contribution (government-funded and recomposed from JKK/JKM), in bp of wage; not charged to the employer. */
  readonly 'jkp.contribution.rateBp': number;

  // Jakon (construction) and PMI (migrant workers)
  /** Progressive Jakon JKK+JKM rates on contract value. */
  readonly 'jakon.contribution.tiers': ReadonlyArray<JakonTier>;
  /** PMI contribution before placement, in rupiah. */
  readonly 'pmi.contribution.prePlacement': number;
  /** PMI placement packages (months abroad and contribution). */
  readonly 'pmi.contribution.placement': ReadonlyArray<PmiPlacement>;
  /** PMI contribution per month of extension, in rupiah. */
  readonly 'pmi.contribution.extensionPerMonth': number;

  // JKM benefits (death not caused by work)
  readonly 'jkm.benefit.lumpSum': number;
  /** The periodic benefit's total (paid as installments, or at once). */
  readonly 'jkm.benefit.periodic': number;
  readonly 'jkm.benefit.periodicInstallments': number;
  readonly 'jkm.benefit.funeral': number;

  // JKK benefits (work accident, commuting included)
  /** JKK death lump sum, in months of (declared) wage. */
  readonly 'jkk.death.wageMultiplier': number;
  readonly 'jkk.death.funeral': number;
  readonly 'jkk.death.periodic': number;
  /** Permanent disability basis: this many months of wage, times the disability percentage. */
  readonly 'jkk.disability.wageMultiplier': number;
  /** Percentage for permanent total disability, in bp (70% = 7000). */
  readonly 'jkk.disability.totalBp': number;
  /** Temporary incapacity (STMB): months at full wage, then the share of wage paid after, in bp. */
  readonly 'jkk.temporaryIncapacity.fullWageMonths': number;
  readonly 'jkk.temporaryIncapacity.afterBp': number;
  /** Ceiling on JKK medical care and rehabilitation, in rupiah, or 'none' (the baseline: as medically needed). */
  readonly 'jkk.medicalCare.cap': number | 'none';
  /** Home care ceiling, in rupiah (medical care itself has no ceiling). */
  readonly 'jkk.homeCare.cap': number;
  /** Years after the accident after which the right to JKK benefits lapses. */
  readonly 'jkk.claim.limitationYears': number;

  // Heirs (ahli waris)
  /** Groups of heirs in legal order: a lower group is paid only when no one in a higher group exists. */
  readonly 'heirs.order': ReadonlyArray<ReadonlyArray<HeirRelationship>>;
  /** How an amount is split inside the entitled group. */
  readonly 'heirs.splitWithinGroup': 'equal';
}

/** The name of a policy parameter. */
export type ParameterName = keyof ParameterTypes;

/** Where a value comes from: the regulation and article, the date it took effect, and a confidence note. */
export interface LegalSource {
  readonly legalRef: string;
  readonly from: IsoDate;
  readonly note?: string;
}

/** The law in force at one instant: every parameter's value there, with its source. */
export interface PolicySnapshot {
  /** The id (content hash) of the policy this snapshot was taken from. */
  readonly policyId: string;
  /** The instant this snapshot describes. */
  readonly at: IsoDate;
  /** The value of a parameter at this instant. Throws only if the policy has no value then (a bug: policies are validated on load). */
  readonly get: <K extends ParameterName>(name: K) => ParameterTypes[K];
  /** The legal source of the value in force at this instant. */
  readonly source: (name: ParameterName) => LegalSource;
}
