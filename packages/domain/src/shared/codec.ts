import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** A named io-ts codec for a branded string or number, failing with a message that says what is wrong. */
export const refined = <A, O, B extends string>(
  base: t.Type<A, O, unknown>,
  name: B,
  check: (a: A) => string | undefined,
): t.Type<A & t.Brand<{ readonly [K in B]: symbol }>, O, unknown> =>
  new t.Type<A & t.Brand<{ readonly [K in B]: symbol }>, O, unknown>(
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
  );

/** A codec for one of a fixed set of string literals, whose error lists the allowed values. */
export const oneOf = <const L extends readonly [string, ...string[]]>(name: string, values: L): t.Type<L[number], L[number], unknown> => {
  const allowed = new Set<string>(values);
  return new t.Type<L[number], L[number], unknown>(
    name,
    (u): u is L[number] => typeof u === 'string' && allowed.has(u),
    (u, c) =>
      typeof u === 'string' && allowed.has(u)
        ? t.success(u as L[number])
        : t.failure(u, c, `${name} must be one of ${values.join(', ')}; got ${JSON.stringify(u)}`),
    (a) => a,
  );
};

/** One validation problem, with the path into the input where it was found. */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

const pathOf = (context: t.Context): string => {
  let path = '';
  context.forEach((entry, index) => {
    if (entry.key === '') return;
    const parent = context[index - 1]?.type as { readonly _tag?: string } | undefined;
    if (parent?._tag === 'UnionType' || parent?._tag === 'IntersectionType') return; // a member's index is no part of the path
    path += parent?._tag === 'ArrayType' || parent?._tag === 'ReadonlyArrayType' ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`;
  });
  return path;
};

const describeValue = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
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
