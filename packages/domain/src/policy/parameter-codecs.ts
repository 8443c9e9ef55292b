import * as t from 'io-ts';
import { oneOf } from '../shared/codec.js';
import { MAX_AMOUNT } from '../values/rupiah.js';
import { closedObject, exactly, listOf, nullable, wholeNumber, withCheck, type Decoder } from './codec-helpers.js';
import type { HeirRelationship, IncomeBand, JakonTier, ParameterName, ParameterTypes, PmiPlacement } from './parameters.js';

/** The relationships an heir can have, in no particular order. */
export const HEIR_RELATIONSHIPS: ReadonlyArray<HeirRelationship> = ['spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'parent-in-law', 'will-designee'];
const HeirRelationshipValueC = oneOf('HeirRelationship', ['spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'parent-in-law', 'will-designee'] as const);

const rupiah = wholeNumber('an amount of rupiah', 0, MAX_AMOUNT);
const positiveRupiah = wholeNumber('an amount of rupiah', 1, MAX_AMOUNT);
const bp = wholeNumber('a rate in basis points (1% = 100)', 0, 10_000);
const dayOfMonth = wholeNumber('a day of the month', 1, 31);
const months = wholeNumber('a number of months', 0, 1200);
const years = wholeNumber('a number of years', 0, 100);
const count = wholeNumber('a count', 1, 10_000);

const sharesC = closedObject('employer and worker shares', { employer: bp, worker: bp });

const incomeBandsC = withCheck<ReadonlyArray<IncomeBand>>(
  listOf(closedObject('income band', { declaredIncome: positiveRupiah, upTo: nullable(positiveRupiah) })),
  'income bands',
  (bands) => {
    if (bands.length === 0) return 'there must be at least one income band';
    for (let i = 0; i < bands.length; i++) {
      const band = bands[i] as IncomeBand;
      const next = bands[i + 1];
      if (next === undefined) return band.upTo === null ? undefined : `the highest band ([${i}]) must have upTo null, got ${band.upTo}`;
      if (next.declaredIncome <= band.declaredIncome) return `bands must rise: [${i + 1}].declaredIncome ${next.declaredIncome} is not above [${i}].declaredIncome ${band.declaredIncome}`;
      if (band.upTo !== next.declaredIncome - 1) return `band [${i}].upTo must be one rupiah below the next band's declared income (${next.declaredIncome - 1}), got ${band.upTo}`;
    }
    return undefined;
  },
);

const jakonTiersC = withCheck<ReadonlyArray<JakonTier>>(
  listOf(closedObject('Jakon tier', { upTo: nullable(positiveRupiah), rateBp: bp })),
  'Jakon tiers',
  (tiers) => {
    if (tiers.length === 0) return 'there must be at least one tier';
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i] as JakonTier;
      const next = tiers[i + 1];
      if (next === undefined) return tier.upTo === null ? undefined : `the last tier ([${i}]) must have upTo null, got ${tier.upTo}`;
      if (tier.upTo === null) return `only the last tier may have upTo null; [${i}] has it`;
      if (next.upTo !== null && next.upTo <= tier.upTo) return `tiers must rise: [${i + 1}].upTo ${next.upTo} is not above [${i}].upTo ${tier.upTo}`;
    }
    return undefined;
  },
);

const placementsC = withCheck<ReadonlyArray<PmiPlacement>>(
  listOf(closedObject('PMI placement package', { months: count, amount: rupiah })),
  'PMI placement packages',
  (packages) => {
    if (packages.length === 0) return 'there must be at least one placement package';
    const seen = new Set<number>();
    for (const p of packages) {
      if (seen.has(p.months)) return `two packages are for ${p.months} months`;
      seen.add(p.months);
    }
    return undefined;
  },
);

const heirsOrderC = withCheck<ReadonlyArray<ReadonlyArray<HeirRelationship>>>(
  listOf(listOf(HeirRelationshipValueC, 'group of heirs')),
  'order of heirs',
  (groups) => {
    if (groups.length === 0) return 'there must be at least one group of heirs';
    const seen = new Set<string>();
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i] as ReadonlyArray<HeirRelationship>;
      if (group.length === 0) return `group [${i}] is empty`;
      for (const relationship of group) {
        if (seen.has(relationship)) return `"${relationship}" appears in more than one place`;
        seen.add(relationship);
      }
    }
    return undefined;
  },
);

const riskGroupRatesC = withCheck<ReadonlyArray<number>>(listOf(bp), 'JKK rates by risk group', (rates) =>
  rates.length === 5 ? undefined : `there must be one rate for each of the 5 risk groups, got ${rates.length}`,
);

const medicalCapC = new t.Type<number | 'none', unknown, unknown>(
  'an amount of rupiah or "none"',
  (u): u is number | 'none' => u === 'none' || rupiah.is(u),
  (u, c) => (u === 'none' ? t.success('none' as const) : rupiah.validate(u, c)),
  (a) => a,
);

/** One codec per parameter: what a value of that parameter must look like (money in whole rupiah, rates in bp). */
export const ParameterCodecs: { readonly [K in ParameterName]: Decoder<ParameterTypes[K]> } = {
  'bpu.contribution.dueDay': dayOfMonth,
  'bpu.contribution.maxMonthsInAdvance': months,
  'bpu.arrears.maxMonths': months,
  'bpu.jkk.incomeBands': incomeBandsC,
  'bpu.jkk.rateBp': bp,
  'bpu.jkm.contribution': rupiah,
  'bpu.jht.rateBp': bp,
  'bpu.jkm.minimumContributionMonths': months,
  'pu.contribution.dueDay': dayOfMonth,
  'pu.jkk.rateBpByRiskGroup': riskGroupRatesC,
  'pu.jkm.rateBp': bp,
  'pu.jht.rateBp': sharesC,
  'pu.jp.rateBp': sharesC,
  'pu.jp.wageCap': positiveRupiah,
  'pu.lateCharge.rateBpPerMonth': bp,
  'pu.arrears.maxMonths': months,
  'jkp.contribution.rateBp': bp,
  'jakon.contribution.tiers': jakonTiersC,
  'pmi.contribution.prePlacement': rupiah,
  'pmi.contribution.placement': placementsC,
  'pmi.contribution.extensionPerMonth': rupiah,
  'jkm.benefit.lumpSum': rupiah,
  'jkm.benefit.periodic': rupiah,
  'jkm.benefit.periodicInstallments': count,
  'jkm.benefit.funeral': rupiah,
  'jkk.death.wageMultiplier': months,
  'jkk.death.funeral': rupiah,
  'jkk.death.periodic': rupiah,
  'jkk.disability.wageMultiplier': months,
  'jkk.disability.totalBp': bp,
  'jkk.temporaryIncapacity.fullWageMonths': months,
  'jkk.temporaryIncapacity.afterBp': bp,
  'jkk.medicalCare.cap': medicalCapC,
  'jkk.homeCare.cap': rupiah,
  'jkk.claim.limitationYears': years,
  'heirs.order': heirsOrderC,
  'heirs.splitWithinGroup': exactly('equal'),
};

/** Every parameter name of the contract, in the order of parameters.ts. */
export const PARAMETER_NAMES: ReadonlyArray<ParameterName> = Object.keys(ParameterCodecs) as ParameterName[];

const names = new Set<string>(PARAMETER_NAMES);
/** True for a parameter name of the contract. */
export const isParameterName = (s: unknown): s is ParameterName => typeof s === 'string' && names.has(s);
