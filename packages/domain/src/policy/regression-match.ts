/** One place where an actual result differs from what a regression case expects. */
export interface Mismatch {
  /** Where, e.g. "lines[1].amount" ("" for the whole result). */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);
const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * Where `actual` fails `expected`, read as a partial description: every field the expectation
 * names must match (fields it leaves out are not checked), lists must have the same length and
 * match element by element, and other values must be equal.
 */
export const mismatches = (expected: unknown, actual: unknown, path = ''): ReadonlyArray<Mismatch> => {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual }];
    return expected.flatMap((e, i) => mismatches(e, actual[i], `${path}[${i}]`));
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [{ path, expected, actual }];
    return Object.keys(expected).flatMap((key) => mismatches(expected[key], actual[key], join(path, key)));
  }
  return Object.is(expected, actual) ? [] : [{ path, expected, actual }];
};

/** Mismatches as one line each, for a test failure or a report. */
export const formatMismatches = (found: ReadonlyArray<Mismatch>): string =>
  found.map((m) => `${m.path === '' ? '(result)' : m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`).join('\n');
