import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeErrors, describeValue, formatProblems, type ValidationProblem } from '../shared/codec.js';
import { IsoDateC, type IsoDate } from '../values/calendar.js';
import { closedObject, nonBlank, nonEmptyListOf, nullable, optional, type Decoder } from './codec-helpers.js';
import { ParameterCodecs, isParameterName } from './parameter-codecs.js';
import type { ParameterName } from './parameters.js';
import { policyFromFile, type Policy } from './policy.js';
import { unknownParameterMessage, type ParameterEntry, type PolicyParameters } from './policy-file.js';

/** One change to a parameter: `value` holds from `start` until `stop` (exclusive; for ever without one). null removes the parameter in that span. */
export interface ReformPatch {
  readonly path: ParameterName;
  readonly start: IsoDate;
  readonly stop?: IsoDate;
  readonly value: unknown;
  /** The legal basis of the change, if any (default: the reform's name). */
  readonly legalRef?: string;
  readonly note?: string;
}

/** A reform: named data patches to a policy's parameters, authored by policy staff as JSON. */
export interface Reform {
  readonly name: string;
  readonly description?: string;
  readonly patches: ReadonlyArray<ReformPatch>;
}

/** Why a reform cannot be applied: its problems, each with a path into the reform ("patches[0].value"). */
export interface ReformError {
  readonly _tag: 'ReformError';
  /** The reform's name, when it has one. */
  readonly reform: string | undefined;
  /** The reform's position in a chain (applyReforms), 0 for a single reform. */
  readonly index: number;
  readonly problems: ReadonlyArray<ValidationProblem>;
  readonly message: string;
}

/** Codec: a parameter name; an unknown one is an error that lists the valid names. */
export const ParameterNameC = new t.Type<ParameterName, unknown, unknown>(
  'parameter name',
  isParameterName,
  (u, c) => (isParameterName(u) ? t.success(u) : t.failure(u, c, typeof u === 'string' ? unknownParameterMessage(u) : `path must be a parameter name, got ${describeValue(u)}`)),
  (a) => a,
);

const shapeC = closedObject('patch', {
  path: ParameterNameC,
  start: IsoDateC as Decoder<IsoDate>,
  stop: optional(IsoDateC as Decoder<IsoDate>),
  value: t.unknown as Decoder<unknown>,
  legalRef: optional(nonBlank('a legal reference')),
  note: optional(t.string as Decoder<string>),
});

/** Codec: one patch, its value checked by the codec of the parameter it names, and `stop` after `start`. */
export const ReformPatchC: Decoder<ReformPatch> = new t.Type<ReformPatch, unknown, unknown>(
  'patch',
  (u): u is ReformPatch => E.isRight(ReformPatchC.validate(u, [])),
  (u, c) => {
    const shape = shapeC.validate(u, c);
    if (E.isLeft(shape)) return shape;
    const patch = shape.right as ReformPatch;
    const errors: t.ValidationError[] = [];
    const codec = nullable(ParameterCodecs[patch.path] as Decoder<unknown>);
    const value = codec.validate(patch.value, t.appendContext(c, 'value', codec, patch.value));
    if (E.isLeft(value))
      errors.push(...value.left.map((e) => (e.message === undefined ? e : { ...e, message: `${e.message} (for ${patch.path})` })));
    if (patch.stop !== undefined && patch.stop <= patch.start)
      errors.push({ value: patch.stop, context: t.appendContext(c, 'stop', t.unknown, patch.stop), message: `stop (${patch.stop}) must be after start (${patch.start})` });
    return errors.length > 0 ? t.failures(errors) : t.success(patch);
  },
  (a) => a,
);

/** Codec: a reform file (name, optional description, at least one patch). */
export const ReformC: Decoder<Reform> = closedObject('reform', {
  name: nonBlank('a reform name'),
  description: optional(t.string as Decoder<string>),
  patches: nonEmptyListOf(ReformPatchC, 'patches'),
}) as unknown as Decoder<Reform>;

/** Validates reform data: every patch names a parameter, has a value of that parameter's type, and stops after it starts. */
export const decodeReform = (data: unknown, index = 0): E.Either<ReformError, Reform> => {
  const decoded = ReformC.decode(data);
  if (E.isRight(decoded)) return decoded;
  const problems = describeErrors(decoded.left);
  const name = typeof data === 'object' && data !== null && typeof (data as { name?: unknown }).name === 'string' ? (data as { name: string }).name : undefined;
  return E.left({ _tag: 'ReformError', reform: name, index, problems, message: `invalid reform${name === undefined ? '' : ` ${name}`}: ${formatProblems(problems)}` });
};

const inForce = (values: ReadonlyArray<ParameterEntry>, date: IsoDate): ParameterEntry | undefined => {
  let found: ParameterEntry | undefined;
  for (const v of values) if (v.from <= date) found = v;
  return found;
};

/**
 * A parameter's history with a patch applied: `value` from start until stop; at stop the base's
 * value in force then resumes, followed by the base's later changes. Without stop, the patch
 * replaces everything from start on.
 */
export const patchHistory = (values: ReadonlyArray<ParameterEntry>, patch: ReformPatch, reformName: string): ReadonlyArray<ParameterEntry> => {
  const legalRef = patch.legalRef ?? `reform ${reformName}`;
  const inserted: ParameterEntry = patch.note === undefined ? { from: patch.start, value: patch.value as ParameterEntry['value'], legalRef } : { from: patch.start, value: patch.value as ParameterEntry['value'], legalRef, note: patch.note };
  const before = values.filter((v) => v.from < patch.start);
  if (patch.stop === undefined) return [...before, inserted];
  const stop = patch.stop;
  const after = values.filter((v) => v.from >= stop);
  if (after[0]?.from === stop) return [...before, inserted, ...after];
  const resumed = inForce(values, stop);
  const resume: ParameterEntry =
    resumed === undefined ? { from: stop, value: null, legalRef: `end of reform ${reformName}` } : { ...resumed, from: stop };
  return [...before, inserted, resume, ...after];
};

/** The name of a policy derived by reforms: "baseline+jkm-50m". */
export const derivedName = (base: string, reform: string): string => `${base}+${reform}`;

/**
 * Derives a new policy from a base and a reform, never touching the base (policies are deep-frozen;
 * the derived one is built from copies). Its name is "<base>+<reform>" and its id its own content hash.
 */
export const applyReform = (base: Policy, reform: Reform | unknown, index = 0): E.Either<ReformError, Policy> => {
  const decoded = decodeReform(reform, index);
  if (E.isLeft(decoded)) return decoded;
  const r = decoded.right;
  const parameters: Record<string, unknown> = { ...base.parameters };
  for (const patch of r.patches) {
    const history = parameters[patch.path] as PolicyParameters[ParameterName];
    parameters[patch.path] = { ...history, values: patchHistory(history.values as ReadonlyArray<ParameterEntry>, patch, r.name) };
  }
  const description = [base.description, r.description].filter((d): d is string => d !== undefined).join(' | ');
  const name = derivedName(base.name, r.name);
  const file = { name, parameters: parameters as unknown as PolicyParameters };
  return E.right(policyFromFile(description === '' ? file : { ...file, description }));
};

/** Applies reforms in order (each to the result of the ones before): "baseline+r1+r2". The first invalid one is reported with its index. */
export const applyReforms = (base: Policy, reforms: ReadonlyArray<Reform | unknown>): E.Either<ReformError, Policy> => {
  let policy = base;
  for (let i = 0; i < reforms.length; i++) {
    const next = applyReform(policy, reforms[i], i);
    if (E.isLeft(next)) return next;
    policy = next.right;
  }
  return E.right(policy);
};
