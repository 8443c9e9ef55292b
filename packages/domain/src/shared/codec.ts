import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/**
 * JSON Schema keywords (draft 2020-12) that accept exactly what a codec's own check accepts, added to
 * its base codec's schema: how the published contracts (packages/contracts) learn the constraints of
 * a refined codec. Metadata only: validation never reads it.
 */
export type JsonSchemaHint = Readonly<Record<string, unknown>>;

/** A codec built by `refined`: its base codec and, when given, the JSON Schema keywords of its check. */
export class RefinedType<A, O> extends t.Type<A, O, unknown> {
  readonly _tag = 'JamsosRefinedType' as const;
  constructor(
    name: string,
    is: t.Is<A>,
    validate: t.Validate<unknown, A>,
    encode: t.Encode<A, O>,
    readonly base: t.Any,
    readonly jsonSchema: JsonSchemaHint | undefined,
  ) {
    super(name, is, validate, encode);
  }
}

/**
 * A named io-ts codec for a branded string or number, failing with a message that says what is wrong.
 * `jsonSchema` states the check as JSON Schema keywords for the published contracts (see JsonSchemaHint).
 */
export const refined = <A, O, B extends string>(
  base: t.Type<A, O, unknown>,
  name: B,
  check: (a: A) => string | undefined,
  jsonSchema?: JsonSchemaHint,
): t.Type<A & t.Brand<{ readonly [K in B]: symbol }>, O, unknown> =>
  new RefinedType<A & t.Brand<{ readonly [K in B]: symbol }>, O>(
    name,
    (u): u is A & t.Brand<{ readonly [K in B]: symbol }> => base.is(u) && check(u) === undefined,
    (u, c) => {
      const decoded = base.validate(u, c);
      if (E.isLeft(decoded)) return decoded;
      const problem = check(decoded.right);
      return problem === undefined
        ? t.success(decoded.right as A & t.Brand<{ readonly [K in B]: symbol }>)
        : t.failure(u, c, problem);
    },
    base.encode,
    base,
    jsonSchema,
  );

/**
 * A short, safe rendering of any input value for an error message. Never throws: JSON.stringify
 * throws on a bigint (what an int64 column may hold) or a cycle, and writes NaN and Infinity as "null".
 */
export const describeValue = (value: unknown): string => {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'symbol' || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'an array' : 'an object'; // a cycle, or a bigint inside
  }
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A codec built by `oneOf`: its allowed values, which the published contracts list as an enum. */
export class OneOfType<L extends string> extends t.Type<L, L, unknown> {
  readonly _tag = 'JamsosOneOfType' as const;
  constructor(name: string, is: t.Is<L>, validate: t.Validate<unknown, L>, encode: t.Encode<L, L>, readonly values: ReadonlyArray<L>) {
    super(name, is, validate, encode);
  }
}

/** A codec for one of a fixed set of string literals, whose error lists the allowed values. */
export const oneOf = <const L extends readonly [string, ...string[]]>(name: string, values: L): t.Type<L[number], L[number], unknown> => {
  const allowed = new Set<string>(values);
  return new OneOfType<L[number]>(
    name,
    (u): u is L[number] => typeof u === 'string' && allowed.has(u),
    (u, c) =>
      typeof u === 'string' && allowed.has(u)
        ? t.success(u as L[number])
        : t.failure(u, c, `${name} must be one of ${values.join(', ')}; got ${describeValue(u)}`),
    (a) => a,
    values,
  );
};

/** One validation problem, with the path into the input where it was found. */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

type Tagged = { readonly _tag?: string; readonly type?: unknown; readonly inner?: unknown } | undefined;

/**
 * The kind of container a parent codec is. Wrappers that validate with their child's context (readonly,
 * exact, refinements and brands, personal data) add no level of their own: `t.readonly(t.array(X))`
 * names its elements "[1]", and `t.exact(t.intersection([...]))` shows no member index.
 */
const containerTag = (type: unknown): string | undefined => {
  let codec = type as Tagged;
  for (let depth = 0; depth < 32; depth++) {
    const tag = codec?._tag;
    const inner = tag === 'ReadonlyType' || tag === 'ExactType' || tag === 'RefinementType' ? codec?.type : tag === 'PersonalDataType' ? codec?.inner : undefined;
    if (inner === undefined) return tag;
    codec = inner as Tagged;
  }
  return codec?._tag;
};

const pathOf = (context: t.Context): string => {
  let path = '';
  context.forEach((entry, index) => {
    if (entry.key === '') return;
    const parent = containerTag(context[index - 1]?.type);
    if (parent === 'UnionType' || parent === 'IntersectionType') return; // a member's index is no part of the path
    path += parent === 'ArrayType' || parent === 'ReadonlyArrayType' || parent === 'TupleType' ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`;
  });
  return path;
};

/** Turns io-ts errors into one problem per failing leaf, with a message a person can act on. */
export const describeErrors = (errors: t.Errors): ReadonlyArray<ValidationProblem> => {
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  for (const error of errors) {
    const path = pathOf(error.context);
    const leaf = error.context[error.context.length - 1];
    const message =
      error.message ??
      (error.value === undefined
        ? `is required (${leaf?.type.name ?? 'value'})`
        : `expected ${leaf?.type.name ?? 'a valid value'}, got ${describeValue(error.value)}`);
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ path, message });
    }
  }
  return problems;
};

/** Formats validation problems as one line each, "path: message". */
export const formatProblems = (problems: ReadonlyArray<ValidationProblem>): string =>
  problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ');
