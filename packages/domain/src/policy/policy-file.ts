import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { oneOf } from '../shared/codec.js';
import { IsoDateC, type IsoDate } from '../values/calendar.js';
import { closedObject, listOf, nonBlank, nullable, optional, withCheck, type Decoder } from './codec-helpers.js';
import { PARAMETER_NAMES, ParameterCodecs, isParameterName } from './parameter-codecs.js';
import type { ParameterName, ParameterTypes } from './parameters.js';

/** Units a parameter's values are written in, as the policy file states them. */
export const PARAMETER_UNITS = ['rupiah', 'bp', 'months', 'years', 'day', 'count', 'table', 'rule'] as const;
/** The unit of a parameter's values. */
export type ParameterUnit = (typeof PARAMETER_UNITS)[number];

/** One dated value of a parameter: it holds from `from` until the next entry; a null value ends the parameter. */
export interface ParameterEntry<K extends ParameterName = ParameterName> {
  readonly from: IsoDate;
  readonly value: ParameterTypes[K] | null;
  readonly legalRef: string;
  readonly note?: string;
}

/** A parameter's dated history, sorted by `from`, with what it means and its unit. */
export interface ParameterHistory<K extends ParameterName = ParameterName> {
  readonly description: string;
  readonly unit: ParameterUnit;
  readonly values: ReadonlyArray<ParameterEntry<K>>;
}

/** Every parameter of the contract with its history. */
export type PolicyParameters = { readonly [K in ParameterName]: ParameterHistory<K> };

/** A policy as written in a data file: a name, a description and every parameter's history. */
export interface PolicyFile {
  readonly name: string;
  readonly description?: string;
  readonly parameters: PolicyParameters;
}

const UnitC = oneOf('unit', PARAMETER_UNITS);

/** Codec: one dated value of parameter K (its value checked by K's own codec; null ends the parameter). */
export const entryCodec = <K extends ParameterName>(name: K): Decoder<ParameterEntry<K>> =>
  closedObject(`value of ${name}`, {
    from: IsoDateC as Decoder<IsoDate>,
    value: nullable(ParameterCodecs[name] as Decoder<ParameterTypes[K]>),
    legalRef: nonBlank('a legal reference'),
    note: optional(t.string as Decoder<string>),
  }) as unknown as Decoder<ParameterEntry<K>>;

/** The first problem with the order of a history's dates, if any: each `from` must come after the one before. */
export const orderProblem = (values: ReadonlyArray<{ readonly from: string }>): string | undefined => {
  if (values.length === 0) return 'a parameter needs at least one value';
  for (let i = 1; i < values.length; i++) {
    const previous = (values[i - 1] as { from: string }).from;
    const current = (values[i] as { from: string }).from;
    if (current <= previous) return `values must be sorted by date, each after the one before: values[${i}].from ${current} is not after values[${i - 1}].from ${previous}`;
  }
  return undefined;
};

const historyCodec = <K extends ParameterName>(name: K): Decoder<ParameterHistory<K>> =>
  withCheck(
    closedObject(`history of ${name}`, {
      description: nonBlank('a description'),
      unit: UnitC as Decoder<ParameterUnit>,
      values: listOf(entryCodec(name)),
    }) as Decoder<ParameterHistory<K>>,
    `history of ${name}`,
    (h) => orderProblem(h.values),
  );

const histories: { readonly [K in ParameterName]: Decoder<ParameterHistory<K>> } = Object.fromEntries(
  PARAMETER_NAMES.map((name) => [name, historyCodec(name)]),
) as { readonly [K in ParameterName]: Decoder<ParameterHistory<K>> };

/** The message for a name that is not a parameter: it lists the valid ones. */
export const unknownParameterMessage = (name: string): string => `unknown parameter "${name}"; the parameters are: ${PARAMETER_NAMES.join(', ')}`;

/** Codec: an object with one history for every parameter of the contract, and no others. */
export const PolicyParametersC: Decoder<PolicyParameters> = new t.Type<PolicyParameters, unknown, unknown>(
  'parameters',
  (u): u is PolicyParameters => E.isRight(PolicyParametersC.validate(u, [])),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'parameters must be an object keyed by parameter name');
    const record = u as Record<string, unknown>;
    const errors: t.ValidationError[] = [];
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record))
      if (!isParameterName(key)) errors.push({ value: record[key], context: t.appendContext(c, key, t.unknown, record[key]), message: unknownParameterMessage(key) });
    for (const name of PARAMETER_NAMES) {
      const codec = histories[name] as Decoder<unknown>;
      const context = t.appendContext(c, name, codec, record[name]);
      if (record[name] === undefined) {
        errors.push({ value: undefined, context, message: `parameter ${name} is missing: every parameter needs a history` });
        continue;
      }
      const result = codec.validate(record[name], context);
      if (E.isLeft(result)) errors.push(...result.left);
      else out[name] = result.right;
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out as PolicyParameters);
  },
  (a) => a,
);

/** Codec: a policy file (name, optional description, every parameter's dated history). */
export const PolicyFileC: Decoder<PolicyFile> = closedObject('policy file', {
  name: nonBlank('a policy name'),
  description: optional(t.string as Decoder<string>),
  parameters: PolicyParametersC,
}) as Decoder<PolicyFile>;
