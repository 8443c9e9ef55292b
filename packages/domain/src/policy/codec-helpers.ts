import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeValue } from '../shared/codec.js';

/** Any io-ts codec that decodes unknown input to A (the output type is irrelevant here). */
export type Decoder<A> = t.Type<A, unknown, unknown>;

/** A short rendering of any input for a message; never throws (a bigint or a cycle included). */
const show = (u: unknown): string => describeValue(u);

/**
 * Makes a wrapping codec look like the codec it wraps to describeErrors, which reads a parent's
 * `_tag` to write list indexes as "[1]" (the wrapped codec appends its children under the wrapper).
 */
const transparent = <W extends t.Mixed>(wrapper: W, base: t.Mixed): W => {
  const tag = (base as { readonly _tag?: unknown })._tag;
  if (typeof tag === 'string') Object.defineProperty(wrapper, '_tag', { value: tag, enumerable: false });
  return wrapper;
};

/** A codec that adds a check to another, failing with the check's message; the type stays unbranded. */
export const withCheck = <A>(base: Decoder<A>, name: string, check: (a: A) => string | undefined): Decoder<A> =>
  transparent(new t.Type<A, unknown, unknown>(
    name,
    (u): u is A => base.is(u) && check(u) === undefined,
    (u, c) => {
      const decoded = base.validate(u, c);
      if (E.isLeft(decoded)) return decoded;
      const problem = check(decoded.right);
      return problem === undefined ? t.success(decoded.right) : t.failure(u, c, problem);
    },
    (a) => a,
  ), base);

/** A codec for A or null; its errors are A's alone (no "expected null" noise). */
export const nullable = <A>(codec: Decoder<A>): Decoder<A | null> =>
  transparent(new t.Type<A | null, unknown, unknown>(
    `${codec.name} | null`,
    (u): u is A | null => u === null || codec.is(u),
    (u, c) => (u === null ? t.success(null) : codec.validate(u, c)),
    (a) => a,
  ), codec);

/** A codec for A or an absent field; its errors are A's alone. */
export const optional = <A>(codec: Decoder<A>): Decoder<A | undefined> =>
  transparent(new t.Type<A | undefined, unknown, unknown>(
    codec.name,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === undefined ? t.success(undefined) : codec.validate(u, c)),
    (a) => a,
  ), codec);

/** A codec for a whole number in [min, max], with a message that names what it is. */
export const wholeNumber = (what: string, min: number, max: number): Decoder<number> =>
  new t.Type<number, unknown, unknown>(
    what,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
    (u, c) =>
      typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c, `${what} must be a whole number from ${min} to ${max}, got ${show(u)}`),
    (a) => a,
  );

/** A codec for a string that is not blank. */
export const nonBlank = (what: string): Decoder<string> =>
  new t.Type<string, unknown, unknown>(
    what,
    (u): u is string => typeof u === 'string' && u.trim() !== '',
    (u, c) => (typeof u === 'string' && u.trim() !== '' ? t.success(u) : t.failure(u, c, `${what} must be a non-empty text, got ${show(u)}`)),
    (a) => a,
  );

/** A codec for one exact string. */
export const exactly = <L extends string>(literal: L): Decoder<L> =>
  new t.Type<L, unknown, unknown>(
    JSON.stringify(literal),
    (u): u is L => u === literal,
    (u, c) => (u === literal ? t.success(literal) : t.failure(u, c, `must be ${JSON.stringify(literal)}, got ${show(u)}`)),
    (a) => a,
  );

type Props = Record<string, t.Mixed>;
/** The object a set of property codecs decodes to (fields whose codec allows undefined become optional). */
export type ObjectOf<P extends Props> = {
  readonly [K in keyof P as undefined extends t.TypeOf<P[K]> ? never : K]: t.TypeOf<P[K]>;
} & {
  readonly [K in keyof P as undefined extends t.TypeOf<P[K]> ? K : never]?: t.TypeOf<P[K]>;
};

/**
 * A codec for an object with exactly these fields: a misspelt or unknown field is an error that
 * lists the allowed ones (policy files are written by hand). Absent optional fields stay absent.
 */
export const closedObject = <P extends Props>(name: string, props: P): Decoder<ObjectOf<P>> => {
  const keys = Object.keys(props);
  const allowed = new Set(keys);
  const validate = (u: unknown, c: t.Context): t.Validation<ObjectOf<P>> => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, `${name} must be an object with the fields ${keys.join(', ')}; got ${show(u)}`);
    const record = u as Record<string, unknown>;
    const errors: t.ValidationError[] = [];
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record))
      if (!allowed.has(key))
        errors.push({ value: record[key], context: t.appendContext(c, key, t.unknown, record[key]), message: `unknown field "${key}" (allowed: ${keys.join(', ')})` });
    for (const key of keys) {
      const codec = props[key] as t.Mixed;
      const result = codec.validate(record[key], t.appendContext(c, key, codec, record[key]));
      if (E.isLeft(result)) errors.push(...result.left);
      else if (result.right !== undefined) out[key] = result.right;
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out as ObjectOf<P>);
  };
  return new t.Type<ObjectOf<P>, unknown, unknown>(name, (u): u is ObjectOf<P> => E.isRight(validate(u, [])), validate, (a) => a);
};

/** A codec for a list of A, with index paths in its errors. */
export const listOf = <A>(codec: Decoder<A>, name = `list of ${codec.name}`): Decoder<ReadonlyArray<A>> =>
  t.readonlyArray(codec, name) as unknown as Decoder<ReadonlyArray<A>>;

/** A codec for a list with at least one element; an empty one is refused with a message saying so. */
export const nonEmptyListOf = <A>(codec: Decoder<A>, what: string): Decoder<ReadonlyArray<A>> => {
  const list = listOf(codec);
  return transparent(
    new t.Type<ReadonlyArray<A>, unknown, unknown>(
      `non-empty ${list.name}`,
      (u): u is ReadonlyArray<A> => list.is(u) && (u as ReadonlyArray<A>).length > 0,
      (u, c) => (Array.isArray(u) && u.length === 0 ? t.failure(u, c, `${what} must hold at least one entry, got an empty list`) : list.validate(u, c)),
      (a) => a,
    ),
    list,
  );
};
