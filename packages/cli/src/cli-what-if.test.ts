import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatIfResult } from '@jamsos/core';

// These tests run the real, built binary as a subprocess (`pnpm test` builds first).
const bin = fileURLToPath(new URL('../bin/jamsos.js', import.meta.url));
const example = (name: string): string => fileURLToPath(new URL(`../../../examples/what-if/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jamsos-what-if-'));
const db = join(dir, 'demo.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jamsos = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const whatIf = (...args: string[]): WhatIfResult => {
  const run = jamsos('what-if', '--db', db, '--json', ...args);
  if (run.code !== 0) throw new Error(`what-if exited ${run.code}: ${run.err}`);
  return JSON.parse(run.out) as WhatIfResult;
};
const programme = (result: WhatIfResult, name: string) => result.totals.fundByProgramme.find((p) => p.programme === name);
const ZERO = { contributions: 0, benefitsApproved: 0, benefitsDisbursed: 0, fundBalance: 0 };

// A JKM lump sum of Rp48,000,000 instead of Rp20,000,000 for every death in the demo's history (2022 on).
const jkmReform = file('jkm.json', JSON.stringify({ name: 'jkm-48m', patches: [{ path: 'jkm.benefit.lumpSum', start: '2020-01-01', value: 48_000_000, legalRef: 'test' }] }));
const jkmContribution = file('jkm-contribution.yaml', 'name: jkm-contribution-10k\npatches:\n  - path: bpu.jkm.contribution\n    start: "2024-01-01"\n    value: 10000\n');

beforeAll(() => {
  // Seed 3 of a 300-participant demo has four JKM deaths decided under the baseline.
  const demo = jamsos('demo', '--size', '300', '--seed', '3', '--db', db);
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.err}`);
}, 120_000);

describe('jamsos what-if with reforms', () => {
  it('has its own help', () => {
    expect(jamsos('what-if', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('jamsos what-if --reform FILE') });
  });

  it('given a higher JKM lump sum, then only JKM approved and disbursed change, by Rp28,000,000 per changed decision', () => {
    const result = whatIf('--reform', jkmReform);
    expect(result.counterfactualPolicy.name).toBe('baseline+jkm-48m');
    expect(result.counterfactualPolicy.id).not.toBe(result.baselinePolicy.id);
    const jkm = programme(result, 'JKM');
    expect(result.replay.claimsDecisionChanged).toBeGreaterThan(0);
    expect(jkm?.difference).toEqual({
      contributions: 0,
      benefitsApproved: 28_000_000 * result.replay.claimsDecisionChanged,
      benefitsDisbursed: 28_000_000 * result.replay.claimsDecisionChanged,
      fundBalance: -28_000_000 * result.replay.claimsDecisionChanged,
    });
    for (const other of result.totals.fundByProgramme.filter((p) => p.programme !== 'JKM')) expect(other.difference).toEqual(ZERO);
    expect(result.coverage.every((r) => r.difference.protected === 0 && r.difference.members === 0)).toBe(true);
  });

  it('reads a YAML reform and chains it after a JSON one, in the order given', () => {
    const result = whatIf('--reform', jkmReform, '--reform', jkmContribution);
    expect(result.reforms).toEqual(['jkm-48m', 'jkm-contribution-10k']);
    expect(result.counterfactualPolicy.name).toBe('baseline+jkm-48m+jkm-contribution-10k');
    const jkm = programme(result, 'JKM');
    expect(jkm?.difference.contributions).toBeGreaterThan(0);
    expect(jkm?.difference.benefitsApproved).toBe(28_000_000 * result.replay.claimsDecisionChanged);
    for (const name of ['JKK', 'JHT', 'JP']) expect(programme(result, name)?.difference.contributions).toBe(0);
  });

  it('prints aligned tables by default: per programme and branch, per year, coverage at the last month-end, and the replay', () => {
    const run = jamsos('what-if', '--db', db, '--reform', jkmReform);
    expect(run.code).toBe(0);
    for (const text of ['baseline+jkm-48m (policy:', 'Fund per programme, 2022-01 to 2025-06', 'Fund per branch', 'per year', 'Coverage on 2025-06-30', 'claim decisions changed: 4', 'approved Rp42.000.000 -> approved Rp70.000.000'])
      expect(run.out).toContain(text);
    expect(run.out).toMatch(/^JKM +contributions .*\n +approved .* \+112\.000\.000$/m);
  });

  it('runs the three examples in examples/what-if', () => {
    expect(jamsos('what-if', '--db', db, '--reform', example('jkm-benefit.json')).code).toBe(0);
    const bands = whatIf('--reform', example('bpu-bands.yaml'));
    expect(programme(bands, 'JKK')?.difference.contributions).toBeGreaterThan(0);
    const goal = JSON.parse(jamsos('coverage', '--db', db, '--as-of', '2025-06-30', '--region', '3672', '--json').out) as { byRegion: { target: { remaining: number } }[] };
    const remaining = goal.byRegion[0]?.target.remaining ?? -1;
    const sponsors = whatIf('--inject', example('city-sponsors.yaml'), '--from', '2025-07');
    expect(sponsors.injections[0]).toMatchObject({ regionId: '3672', count: remaining, countFrom: { remainingTargetOf: 2025, asOf: '2025-06-30' } });
    expect(sponsors.totals.fund.difference.contributions).toBe(remaining * 18 * 16_800);
  });
});

describe('jamsos what-if refuses what it cannot use, before reading the store', () => {
  it('a reform that does not decode: exit 2, the file, the path and the reason, nothing on stdout', () => {
    const bad = file('bad.json', JSON.stringify({ name: 'bad', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-02-30', value: 1 }, { path: 'jkm.benefit.funeral', start: '2025-01-01', value: -1 }] }));
    const run = jamsos('what-if', '--db', db, '--reform', jkmReform, '--reform', bad);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toContain(`reform file ${bad} (reform "bad")`);
    expect(run.err).toMatch(/patches\[0\]\.start: .*2025-02-30/);
    expect(run.err).toMatch(/patches\[1\]\.value: an amount of rupiah must be a whole number .* \(for jkm\.benefit\.funeral\)/);
    const unknown = file('unknown.yml', 'name: x\npatches:\n  - { path: jkm.benefit.lumpsum, start: "2025-01-01", value: 1 }\n');
    expect(jamsos('what-if', '--db', db, '--reform', unknown)).toMatchObject({ code: 2, err: expect.stringMatching(/patches\[0\]\.path: unknown parameter "jkm.benefit.lumpsum"/) });
  });

  it('a file that does not parse, is missing or has another extension: exit 2 naming it', () => {
    const broken = file('broken.yaml', 'name: x\npatches: [\n');
    expect(jamsos('what-if', '--db', db, '--reform', broken)).toMatchObject({ code: 2, err: expect.stringMatching(/reform file .*broken\.yaml: not valid YAML at line \d+/) });
    expect(jamsos('what-if', '--db', db, '--reform', file('broken.json', '{ "name": '))).toMatchObject({ code: 2, err: expect.stringMatching(/broken\.json: not valid JSON/) });
    expect(jamsos('what-if', '--db', db, '--reform', join(dir, 'missing.json'))).toMatchObject({ code: 2, err: expect.stringContaining('missing.json: cannot read it (no such file)') });
    expect(jamsos('what-if', '--db', db, '--reform', file('reform.txt', '{}'))).toMatchObject({ code: 2, err: expect.stringContaining('give a .json, .yaml or .yml file') });
    const injection = file('bad-inject.json', JSON.stringify([{ kind: 'sponsor-workers', regionId: '3672', count: 0, fromPeriod: '2025-07', toPeriod: '2025-12' }]));
    expect(jamsos('what-if', '--db', db, '--inject', injection)).toMatchObject({ code: 2, err: expect.stringMatching(/injection file .*bad-inject\.json: a problem\n {2}\[0\]\.count: count is a whole number of workers/) });
  });

  it('options: no scenario, months and knowledge times that do not exist, --to before --from', () => {
    expect(jamsos('what-if', '--db', db)).toMatchObject({ code: 2, err: expect.stringContaining('give at least one reform') });
    expect(jamsos('what-if', '--db', db, '--reform', jkmReform, '--from', '2025-13')).toMatchObject({ code: 2, err: expect.stringContaining('--from needs a month') });
    expect(jamsos('what-if', '--db', db, '--reform', jkmReform, '--from', '2025-06', '--to', '2025-01')).toMatchObject({ code: 2, err: expect.stringContaining('is before --from') });
    expect(jamsos('what-if', '--db', db, '--reform', jkmReform, '--knowledge-time', '2025-02-30')).toMatchObject({ code: 2, err: expect.stringContaining('--knowledge-time') });
    expect(jamsos('what-if', '--db', db, '--reform', jkmReform, '--json', '--csv')).toMatchObject({ code: 2 });
    expect(jamsos('what-if', '--db', join(dir, 'none.db'), '--reform', jkmReform)).toMatchObject({ code: 1, err: expect.stringContaining('no jamsos store') });
  });
});

describe('jamsos what-if outputs and levers', () => {
  it('--csv: one row per month, branch and programme with baseline, what-if and difference, in plain integers', () => {
    const run = jamsos('what-if', '--db', db, '--reform', jkmReform, '--csv', '--from', '2025-01', '--to', '2025-06');
    expect(run.code).toBe(0);
    const [header, ...rows] = run.out.trim().split('\n');
    expect(header).toBe(
      'month,branch,programme,contributions baseline,contributions counterfactual,contributions difference,approved baseline,approved counterfactual,approved difference,disbursed baseline,disbursed counterfactual,disbursed difference,balance baseline,balance counterfactual,balance difference',
    );
    const keys = new Set(rows.map((r) => r.split(',').slice(1, 3).join('|')));
    expect(rows).toHaveLength(6 * keys.size);
    for (const row of rows) {
      const cells = row.split(',');
      expect(cells).toHaveLength(15);
      expect(cells.slice(3).every((c) => /^-?\d+$/.test(c))).toBe(true);
      const [b, c, d] = cells.slice(12).map(Number) as [number, number, number];
      expect(d).toBe(c - b);
    }
    expect(rows[0]?.startsWith('2025-01,')).toBe(true);
  });

  it('--html writes one self-contained page with charts, both policies, the reforms with their patches and the synthetic-data note', () => {
    const page = join(dir, 'out', 'what-if.html');
    const run = jamsos('what-if', '--db', db, '--reform', jkmReform, '--reform', jkmContribution, '--html', page);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`wrote ${page}`);
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, 'utf8');
    const result = whatIf('--reform', jkmReform, '--reform', jkmContribution);
    for (const text of ['<svg', result.baselinePolicy.id, result.counterfactualPolicy.id, 'jkm.benefit.lumpSum', 'bpu.jkm.contribution', 'Synthetic data', 'Knowledge time']) expect(html).toContain(text);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toContain('<script');
  });

  it('--knowledge-time before the history: a clear message, or empty months when --from and --to are given', () => {
    expect(jamsos('what-if', '--db', db, '--reform', jkmReform, '--knowledge-time', '2021-12-31')).toMatchObject({ code: 1, err: expect.stringContaining('nothing in the store was recorded by the knowledge time 2021-12-31') });
    const empty = whatIf('--reform', jkmReform, '--knowledge-time', '2021-12-31', '--from', '2024-01', '--to', '2024-12');
    expect(empty.knowledgeTime).toBe('2021-12-31');
    expect(empty.replay.eventsAfterKnowledgeTime).toBe(empty.replay.eventsRead);
    expect(empty.totals.fund).toEqual({ baseline: ZERO, counterfactual: ZERO, difference: ZERO });
    expect(whatIf('--reform', jkmReform, '--knowledge-time', '2999-01-01').replay.eventsAfterKnowledgeTime).toBe(0);
  });

  it('an injection adds exactly count x months x Rp16,800 (JKK Rp10,000 + JKM Rp6,800), at the majority branch, and the protected workers', () => {
    const inject = file('inject.yaml', '- { kind: sponsor-workers, regionId: "3672", count: 5, fromPeriod: 2025-07, toPeriod: 2025-12 }\n');
    const result = whatIf('--inject', inject, '--from', '2025-07', '--to', '2025-12');
    expect(result.counterfactualPolicy.id).toBe(result.baselinePolicy.id);
    expect(result.totals.fund.difference).toEqual({ contributions: 5 * 6 * 16_800, benefitsApproved: 0, benefitsDisbursed: 0, fundBalance: 5 * 6 * 16_800 });
    expect(programme(result, 'JKK')?.difference.contributions).toBe(5 * 6 * 10_000);
    expect(programme(result, 'JKM')?.difference.contributions).toBe(5 * 6 * 6_800);
    expect(result.fund.filter((r) => r.difference.contributions !== 0).every((r) => r.branchId === 'KC-CILEGON')).toBe(true);
    expect(result.coverage.filter((r) => r.regionId === '3672').map((r) => r.difference.protected)).toEqual([5, 5, 5, 5, 5, 5]);
    const text = jamsos('what-if', '--db', db, '--inject', inject, '--from', '2025-07', '--to', '2025-12').out;
    expect(text).toMatch(/^2025 +6 +\+504\.000 +0 +0 +\+504\.000$/m);
  });
});
