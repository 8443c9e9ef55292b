import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeErrors, describeValue, refined, RefinedType, type ValidationProblem } from '@jamsos/domain';
import { invalid, type Failure } from './errors.js';

/** Validates input with an io-ts codec (the validator of record); a 400 names each problem's path. */
export const decodeWith = <A>(codec: t.Decoder<unknown, A>, input: unknown, what: string): E.Either<Failure, A> => {
  const decoded = codec.decode(input);
  return E.isLeft(decoded) ? E.left(invalid(what, describeErrors(decoded.left))) : E.right(decoded.right);
};

/** The keys an object codec (type, partial, their intersections) knows. */
const knownKeys = (codec: t.Mixed): ReadonlySet<string> => {
  const c = codec as t.Mixed & { readonly props?: Record<string, unknown>; readonly types?: ReadonlyArray<t.Mixed>; readonly type?: t.Mixed };
  if (c.props !== undefined) return new Set(Object.keys(c.props));
  if (c.types !== undefined) return new Set(c.types.flatMap((member) => [...knownKeys(member)]));
  return c.type !== undefined ? knownKeys(c.type) : new Set();
};

/**
 * Validates a query string or path parameters: the codec's checks, and no parameter the codec does
 * not name (a misspelt `asof` is an error, not silently ignored).
 */
export const decodeStrict = <C extends t.Mixed>(codec: C, input: unknown, what: string): E.Either<Failure, t.TypeOf<C>> => {
  const known = knownKeys(codec);
  const unknown: ValidationProblem[] =
    typeof input === 'object' && input !== null ? Object.keys(input).filter((key) => !known.has(key)).map((key) => ({ path: key, message: `unknown ${what} parameter (known: ${[...known].join(', ') || 'none'})` })) : [];
  const decoded = codec.decode(input ?? {});
  const problems = [...unknown, ...(E.isLeft(decoded) ? describeErrors(decoded.left) : [])];
  return problems.length > 0 || E.isLeft(decoded) ? E.left(invalid(what, problems)) : E.right(decoded.right);
};

/**
 * A whole number written in a query string, within bounds. A RefinedType over string (what is on the
 * wire), so the published contracts describe it as a string of digits.
 */
export const intFromString = (name: string, min: number, max: number): t.Type<number, string, unknown> =>
  new RefinedType<number, string>(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^[0-9]{1,16}$/.test(u)) return t.failure(u, c, `${name} is a whole number ${min}-${max} written in digits; got ${describeValue(u)}`);
      const n = Number(u);
      return Number.isSafeInteger(n) && n >= min && n <= max ? t.success(n) : t.failure(u, c, `${name} is a whole number ${min}-${max}; got ${u}`);
    },
    String,
    t.string as t.Type<unknown, string, unknown>,
    { pattern: '^[0-9]{1,16}$', description: `a whole number ${min}-${max}` },
  );

/** "true" or "false" in a query string. */
export const booleanFromString: t.Type<boolean, string, unknown> = new RefinedType<boolean, string>(
  'BooleanFromString',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (u === 'true' ? t.success(true) : u === 'false' ? t.success(false) : t.failure(u, c, `write true or false; got ${describeValue(u)}`)),
  String,
  t.string as t.Type<unknown, string, unknown>,
  { enum: ['true', 'false'] },
);

/** A key an Idempotency-Key header may carry: 1-200 visible ASCII characters. */
export const IdempotencyKeyC = refined(t.string, 'IdempotencyKey', (s) => (/^[\x21-\x7e]{1,200}$/.test(s) ? undefined : 'an Idempotency-Key is 1-200 visible ASCII characters (a UUID is a good one)'), {
  pattern: '^[\\x21-\\x7e]{1,200}$',
});
