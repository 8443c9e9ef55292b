import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { baselinePolicy } from './baseline.js';
import { PARAMETER_NAMES } from './parameter-codecs.js';
import type { ParameterName } from './parameters.js';
import { decodeRegressionCases, formatMismatches, recordingSnapshot, runCase, type RegressionCase } from './regression.js';
import data from './regression-cases.json' with { type: 'json' };

const decoded = decodeRegressionCases(data);
if (E.isLeft(decoded)) throw new Error(decoded.left.message);
const cases: ReadonlyArray<RegressionCase> = decoded.right;
const policies = { baseline: baselinePolicy };

describe('policy regression cases (regression-cases.json)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const outcome = runCase(policies, c);
    expect(outcome.pass, formatMismatches(outcome.mismatches)).toBe(true);
    expect(outcome.policyId).toBe(baselinePolicy.id);
  });

  it('reads every parameter of the baseline in at least one case', () => {
    const all = new Set<ParameterName>();
    for (const c of cases) runCase(policies, c, (s) => recordingSnapshot(s, all));
    expect(PARAMETER_NAMES.filter((name) => !all.has(name))).toEqual([]);
  });

  it('names every case once', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
});

describe('regression case files', () => {
  it('given an unknown input kind, when decoded, then the error lists the kinds', () => {
    const result = decodeRegressionCases([{ name: 'x', policy: 'baseline', date: '2024-07-01', input: { kind: 'bpu-contributon' }, expected: {} }]);
    expect(E.isLeft(result) && result.left.message).toMatch(/\[0\]\.input: input\.kind must be one of .*bpu-contribution/);
  });

  it('given a wrong field, when decoded, then the error has its path', () => {
    const result = decodeRegressionCases([{ name: 'x', policy: 'baseline', date: '2024-02-30', input: { kind: 'jkk-death-benefit', wage: 1.5 }, expected: {} }]);
    expect(E.isLeft(result) && result.left.message).toMatch(/\[0\]\.date: 2024-02-30 does not exist/);
    expect(E.isLeft(result) && result.left.message).toMatch(/\[0\]\.input\.wage: an amount of rupiah must be a whole number/);
  });

  it('given an unknown policy name, when run, then the case fails and says which policies exist', () => {
    const [first] = cases;
    const outcome = runCase(policies, { ...(first as RegressionCase), policy: 'nope' });
    expect(outcome.pass).toBe(false);
    expect(JSON.stringify(outcome.actual)).toContain('known: baseline');
  });

  it('given a wrong expectation, when run, then the mismatch names the path', () => {
    const c = cases.find((x) => x.input.kind === 'jkm-death-benefit') as RegressionCase;
    const outcome = runCase(policies, { ...c, expected: { total: 41_000_000 } });
    expect(formatMismatches(outcome.mismatches)).toBe('total: expected 41000000, got 42000000');
  });
});
