import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeErrors, formatProblems, oneOf, type ValidationProblem } from '../shared/codec.js';
import { IsoDateC, type IsoDate } from '../values/calendar.js';
import { Rupiah } from '../values/rupiah.js';
import { PROGRAMMES, type Programme } from '../values/scheme.js';
import * as calc from './calculations/index.js';
import { closedObject, listOf, nonBlank, optional, wholeNumber, type Decoder } from './codec-helpers.js';
import { HEIR_RELATIONSHIPS } from './parameter-codecs.js';
import type { HeirRelationship, LegalSource, ParameterName, ParameterTypes, PolicySnapshot } from './parameters.js';
import { tryGet, type Policy, type ResolvedSnapshot } from './policy.js';
import { mismatches, type Mismatch } from './regression-match.js';
import { ParameterNameC } from './reform.js';

export { formatMismatches, mismatches, type Mismatch } from './regression-match.js';

const money = wholeNumber('an amount of rupiah', 0, 1_000_000_000_000_000);
const ProgrammesC = listOf(oneOf('Programme', PROGRAMMES) as Decoder<Programme>);
const RiskGroupC = wholeNumber('a risk group', 1, 5) as Decoder<calc.RiskGroup>;
const RelationshipC = oneOf('HeirRelationship', HEIR_RELATIONSHIPS as unknown as readonly [HeirRelationship, ...HeirRelationship[]]) as Decoder<HeirRelationship>;
const DisabilityC = new t.Type<calc.PermanentDisability, unknown, unknown>(
  'disability',
  (u): u is calc.PermanentDisability => E.isRight(DisabilityC.validate(u, [])),
  (u, c) =>
    (u as { kind?: unknown } | null)?.kind === 'total'
      ? closedObject('total disability', { kind: t.literal('total') }).validate(u, c)
      : closedObject('partial disability', { kind: t.literal('partial'), percentBp: wholeNumber('a percentage in bp', 0, 10_000) }).validate(u, c),
  (a) => a,
);

/** The fields of each kind of regression input: which calculation a case exercises, and on what. */
const INPUTS = {
  'bpu-income-band': { declaredIncome: money },
  'bpu-contribution': { declaredIncome: money, programmes: ProgrammesC },
  'pu-contribution': { wage: money, riskGroup: RiskGroupC, programmes: ProgrammesC },
  'pu-late-charge': { unpaid: money, monthsLate: wholeNumber('a number of months', 0, 1200) },
  'jakon-contribution': { contractValue: money },
  'pmi-contribution': { prePlacement: t.boolean, placementMonths: optional(wholeNumber('months', 1, 1200)), extensionMonths: optional(wholeNumber('months', 0, 1200)) },
  'jkm-death-benefit': {},
  'jkk-death-benefit': { wage: money },
  'jkk-disability-benefit': { wage: money, disability: DisabilityC },
  'jkk-temporary-incapacity-benefit': { wage: money, days: wholeNumber('a number of days', 0, 100_000) },
  'jkk-medical-care-benefit': { medicalCosts: money, homeCareCosts: money },
  heirs: { amount: money, heirs: listOf(closedObject('heir', { heirId: nonBlank('an heir id'), relationship: RelationshipC })) },
  parameter: { name: ParameterNameC },
} as const;

/** The kinds of regression input. */
export type CaseKind = keyof typeof INPUTS;
const KINDS = Object.keys(INPUTS) as CaseKind[];
type Decoded<C> = C extends t.Type<infer A, unknown, unknown> ? A : never;
type InputOf<K extends CaseKind> = { readonly kind: K } & { readonly [F in keyof (typeof INPUTS)[K]]: Decoded<(typeof INPUTS)[K][F]> };
/** A regression case's input: its kind and that kind's fields. */
export type CaseInput = { [K in CaseKind]: InputOf<K> }[CaseKind];

/** Codec: a case input, dispatched on `kind` (an unknown kind lists the known ones). */
export const CaseInputC: Decoder<CaseInput> = new t.Type<CaseInput, unknown, unknown>(
  'case input',
  (u): u is CaseInput => E.isRight(CaseInputC.validate(u, [])),
  (u, c) => {
    const kind = (u as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !(KINDS as string[]).includes(kind)) return t.failure(u, c, `input.kind must be one of ${KINDS.join(', ')}; got ${JSON.stringify(kind)}`);
    return closedObject(kind, { kind: t.literal(kind), ...INPUTS[kind as CaseKind] }).validate(u, c) as t.Validation<CaseInput>;
  },
  (a) => a,
);

/** A policy regression case as policy staff write it: under this policy, on this date, this input gives (at least) this result. */
export interface RegressionCase {
  readonly name: string;
  readonly policy: string;
  readonly date: IsoDate;
  readonly input: CaseInput;
  readonly expected: unknown;
  readonly note?: string;
}

/** Codec: a list of regression cases. */
export const RegressionCasesC: Decoder<ReadonlyArray<RegressionCase>> = listOf(
  closedObject('regression case', {
    name: nonBlank('a case name'),
    policy: nonBlank('a policy name'),
    date: IsoDateC as Decoder<IsoDate>,
    input: CaseInputC,
    expected: t.unknown,
    note: optional(t.string as Decoder<string>),
  }) as unknown as Decoder<RegressionCase>,
);

/** Why regression cases could not be read. */
export interface RegressionCasesError {
  readonly _tag: 'RegressionCasesError';
  readonly problems: ReadonlyArray<ValidationProblem>;
  readonly message: string;
}

/** Validates regression case data. */
export const decodeRegressionCases = (data: unknown): E.Either<RegressionCasesError, ReadonlyArray<RegressionCase>> =>
  E.mapLeft((errors: t.Errors) => {
    const problems = describeErrors(errors);
    return { _tag: 'RegressionCasesError' as const, problems, message: `invalid regression cases: ${formatProblems(problems)}` };
  })(RegressionCasesC.decode(data));

const rp = (n: number): Rupiah => Rupiah.of(n);
const source = (s: PolicySnapshot, name: ParameterName): LegalSource | undefined => (s as Partial<ResolvedSnapshot>).trySource?.(name) ?? (tryGet(s, name) === undefined ? undefined : s.source(name));

/** Runs the calculation a case input names on a snapshot; the result is plain JSON-like data to compare with `expected`. */
export const evaluateCase = (s: PolicySnapshot, input: CaseInput): unknown => {
  switch (input.kind) {
    case 'bpu-income-band':
      return calc.bpuIncomeBand(s, input.declaredIncome);
    case 'bpu-contribution':
      return calc.bpuMonthlyContribution(s, { declaredIncome: input.declaredIncome, programmes: input.programmes });
    case 'pu-contribution':
      return calc.puMonthlyContribution(s, { wage: rp(input.wage), riskGroup: input.riskGroup, programmes: input.programmes });
    case 'pu-late-charge':
      return calc.puLateCharge(s, { unpaid: rp(input.unpaid), monthsLate: input.monthsLate });
    case 'jakon-contribution':
      return calc.jakonContribution(s, rp(input.contractValue));
    case 'pmi-contribution': {
      const r = calc.pmiContribution(s, { prePlacement: input.prePlacement, placementMonths: input.placementMonths, extensionMonths: input.extensionMonths });
      return E.isLeft(r) ? { error: r.left } : r.right;
    }
    case 'jkm-death-benefit': {
      const b = calc.jkmDeathBenefit(s);
      const installments = b.periodicInstallments;
      return { lines: b.lines, total: b.total, periodicInstallments: { count: installments.length, smallest: Math.min(...installments), largest: Math.max(...installments) } };
    }
    case 'jkk-death-benefit':
      return calc.jkkDeathBenefit(s, rp(input.wage));
    case 'jkk-disability-benefit':
      return calc.jkkDisabilityBenefit(s, rp(input.wage), input.disability);
    case 'jkk-temporary-incapacity-benefit':
      return calc.jkkTemporaryIncapacityBenefit(s, rp(input.wage), input.days);
    case 'jkk-medical-care-benefit':
      return calc.jkkMedicalCareBenefit(s, { medicalCosts: rp(input.medicalCosts), homeCareCosts: rp(input.homeCareCosts) });
    case 'heirs': {
      const entitled = calc.entitledHeirs(s, input.heirs);
      return { entitled: entitled.map((h) => h.heirId), shares: calc.splitAmongHeirs(s, rp(input.amount), entitled) };
    }
    case 'parameter': {
      const value = tryGet(s, input.name);
      return { value: value ?? null, legalRef: source(s, input.name)?.legalRef ?? null };
    }
  }
};

/** The outcome of one regression case. */
export interface CaseOutcome {
  readonly name: string;
  readonly pass: boolean;
  readonly actual: unknown;
  readonly mismatches: ReadonlyArray<Mismatch>;
  /** The id of the policy the case ran under. */
  readonly policyId: string | undefined;
}

/** Runs one case under the named policy (an unknown policy name fails the case). */
export const runCase = (policies: Readonly<Record<string, Policy>>, c: RegressionCase, wrap: (s: PolicySnapshot) => PolicySnapshot = (s) => s): CaseOutcome => {
  const policy = Object.prototype.hasOwnProperty.call(policies, c.policy) ? policies[c.policy] : undefined;
  if (policy === undefined) {
    const actual = { error: `no policy named ${c.policy}; known: ${Object.keys(policies).join(', ')}` };
    return { name: c.name, pass: false, actual, mismatches: [{ path: '', expected: c.expected, actual }], policyId: undefined };
  }
  const actual = JSON.parse(JSON.stringify(evaluateCase(wrap(policy.at(c.date)), c.input))) as unknown;
  const found = mismatches(c.expected, actual);
  return { name: c.name, pass: found.length === 0, actual, mismatches: found, policyId: policy.id };
};

/** A snapshot that records which parameters are read through it (get, source, tryGet, trySource). */
export const recordingSnapshot = (inner: PolicySnapshot, read: Set<ParameterName>): ResolvedSnapshot => ({
  policyId: inner.policyId,
  at: inner.at,
  validFrom: (inner as Partial<ResolvedSnapshot>).validFrom ?? null,
  validUntil: (inner as Partial<ResolvedSnapshot>).validUntil ?? null,
  get: <K extends ParameterName>(name: K): ParameterTypes[K] => {
    read.add(name);
    return inner.get(name);
  },
  source: (name: ParameterName): LegalSource => {
    read.add(name);
    return inner.source(name);
  },
  tryGet: <K extends ParameterName>(name: K): ParameterTypes[K] | undefined => {
    read.add(name);
    return tryGet(inner, name);
  },
  trySource: (name: ParameterName): LegalSource | undefined => {
    read.add(name);
    return source(inner, name);
  },
});
