// Mutations of valid JSON values: wrong types, missing fields, negative and fractional amounts,
// near-miss strings (NIKs, periods, dates, ids one character off), unknown command or event types.
import fc from 'fast-check';

export type Path = ReadonlyArray<string | number>;

/** One change to a value, described for the failure message. */
export interface Mutation {
  readonly path: Path;
  readonly kind: string;
  readonly replacement?: unknown;
}

/** Every path in a JSON value (the root included), objects' keys and arrays' indexes. */
export const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
};

const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);

/** A deep copy with the value at a path replaced, or deleted (undefined: the key is removed, an array item too). */
const setAt = (value: unknown, path: Path, replacement: unknown, remove: boolean): unknown => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && remove) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, replacement, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && remove) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, replacement, remove);
  return copy;
};

const wrongTypes = fc.constantFrom<unknown>('x', '', 0, 7, -1, 1.5, true, false, null, [], {}, ['x'], { a: 1 });
const chars = fc.constantFrom(...'0123456789-_.:/ TZ+aAzZ'.split(''), 'é', '\n');

/** A string one edit away from the original: a character changed, removed, inserted or doubled. */
const nearMiss = (s: string): fc.Arbitrary<string> =>
  fc.tuple(fc.nat(Math.max(0, s.length)), chars, fc.constantFrom('change', 'remove', 'insert', 'double')).map(([i, c, edit]) => {
    const at = Math.min(i, s.length);
    if (edit === 'change') return s.slice(0, at) + c + s.slice(at + 1);
    if (edit === 'remove') return s.slice(0, at) + s.slice(at + 1);
    if (edit === 'insert') return s.slice(0, at) + c + s.slice(at);
    return s.slice(0, at) + s.slice(at, at + 1).repeat(2) + s.slice(at + 1);
  });

/** Strings shaped like the domain's values but possibly out of range: dates, periods, instants, NIKs, region codes. */
const shapedStrings = fc.oneof(
  fc.tuple(fc.integer({ min: 1890, max: 3010 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1890, max: 3010 }), fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.stringMatching(/^\d{16}$/),
  fc.stringMatching(/^[1-9]\d0[0-9](0[0-9]|[1-7]\d)(0[0-9]|1[0-3])\d{2}\d{4}$/),
  fc.stringMatching(/^\d{4}$/),
  fc.constantFrom('2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '2400-02-29', '2025-07-01T08:30:00Z', '2025-02-30T08:30:00Z', '2025-07-01T24:00:00Z'),
);

/** One mutation of a value at a random path. */
export const mutationOf = (value: unknown): fc.Arbitrary<Mutation> =>
  fc.constantFrom(...pathsOf(value)).chain((path): fc.Arbitrary<Mutation> => {
    const current = at(value, path);
    const options: fc.Arbitrary<Mutation>[] = [wrongTypes.map((replacement) => ({ path, kind: 'wrong type', replacement }))];
    if (path.length > 0) options.push(fc.constant({ path, kind: 'remove' }));
    if (typeof current === 'number')
      options.push(
        fc.constantFrom(-1, -current, 0 - Math.abs(current) - 1, current + 0.5, 0, 1e16, 2 ** 53, -(2 ** 53)).map((replacement) => ({ path, kind: 'amount', replacement })),
      );
    if (typeof current === 'string') {
      options.push(nearMiss(current).map((replacement) => ({ path, kind: 'near miss', replacement })));
      options.push(shapedStrings.map((replacement) => ({ path, kind: 'shaped string', replacement })));
      // 16 digits in a row inside the text: what an opaque id must never hold (it would look like a NIK).
      options.push(fc.stringMatching(/^\d{16}$/).map((digits) => ({ path, kind: 'digits inside', replacement: `${current.slice(0, 2)}${digits}` })));
    }
    if (path[path.length - 1] === 'type' && typeof current === 'string')
      options.push(fc.constantFrom(`${current}V2`, 'Unknown', current.toLowerCase(), '').map((replacement) => ({ path, kind: 'unknown type', replacement })));
    if (typeof current === 'object' && current !== null && !Array.isArray(current)) options.push(fc.constant({ path: [...path, 'extra'], kind: 'extra property', replacement: 1 }));
    return fc.oneof(...options);
  });

/** A value with a mutation applied. */
export const applyMutation = (value: unknown, mutation: Mutation): unknown => setAt(value, mutation.path, mutation.replacement, mutation.kind === 'remove');

/** A value and one to three mutations of it, applied in turn. */
export const mutatedArb = (value: unknown): fc.Arbitrary<{ readonly mutations: ReadonlyArray<Mutation>; readonly result: unknown }> => {
  const step = (v: unknown, left: number, done: ReadonlyArray<Mutation>): fc.Arbitrary<{ readonly mutations: ReadonlyArray<Mutation>; readonly result: unknown }> =>
    left === 0 ? fc.constant({ mutations: done, result: v }) : mutationOf(v).chain((m) => step(applyMutation(v, m), left - 1, [...done, m]));
  return fc.integer({ min: 1, max: 3 }).chain((n) => step(value, n, []));
};
