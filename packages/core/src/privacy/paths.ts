/**
 * Field paths as `personalDataPaths` writes them ("nik", "identity.name", "heirs[].name", "[]"):
 * parsed once, then used to rewrite the values at a path copy-on-write, with each value's concrete
 * path ("heirs[1].name") for the additional authenticated data of its ciphertext.
 */

/** One step of a path: a property (empty for the root) and how many array levels follow it. */
export interface PathSegment {
  readonly key: string;
  readonly arrays: number;
}

/** Parses a field path; the empty path is the value itself. */
export const parsePath = (path: string): ReadonlyArray<PathSegment> => {
  if (path === '') return [];
  return path.split('.').map((part, index) => {
    const match = /^(.*?)((?:\[\])*)$/.exec(part) as RegExpExecArray;
    const key = match[1] ?? '';
    if (key === '' && index > 0) throw new Error(`bug: the field path "${path}" has an empty step`);
    return { key, arrays: (match[2] ?? '').length / 2 };
  });
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A rewrite of one value found at a path, given its concrete path; returning the value itself changes nothing. */
export type FieldRewrite = (value: unknown, concretePath: string) => unknown;

const mapArrays = (value: unknown, depth: number, concrete: string, inner: FieldRewrite): unknown => {
  if (depth === 0) return inner(value, concrete);
  if (!Array.isArray(value)) return value;
  let changed = false;
  const out = value.map((element: unknown, k) => {
    const next = mapArrays(element, depth - 1, `${concrete}[${k}]`, inner);
    if (next !== element) changed = true;
    return next;
  });
  return changed ? out : value;
};

const mapFrom = (value: unknown, segments: ReadonlyArray<PathSegment>, i: number, concrete: string, rewrite: FieldRewrite): unknown => {
  const segment = segments[i];
  if (segment === undefined) return rewrite(value, concrete);
  const next: FieldRewrite = (v, c) => mapFrom(v, segments, i + 1, c, rewrite);
  if (segment.key === '') return mapArrays(value, segment.arrays, concrete, next);
  if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, segment.key)) return value;
  const child = value[segment.key];
  const mapped = mapArrays(child, segment.arrays, concrete === '' ? segment.key : `${concrete}.${segment.key}`, next);
  return mapped === child ? value : { ...value, [segment.key]: mapped };
};

/**
 * Rewrites every value at a path (each element where the path goes through arrays), copying only
 * what changes: the input is never mutated, and an unchanged input is returned as is. Values that
 * are missing (an optional field, an array that is not one) are skipped; `undefined` is passed
 * through the rewrite only when the key exists.
 */
export const mapAtPath = (data: unknown, segments: ReadonlyArray<PathSegment>, rewrite: FieldRewrite): unknown => mapFrom(data, segments, 0, '', rewrite);
