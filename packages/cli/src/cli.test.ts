import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// These tests run the real, built binary as a subprocess (`pnpm test` builds first).
const bin = fileURLToPath(new URL('../bin/jamsos.js', import.meta.url));
const roster = fileURLToPath(new URL('../test-fixtures/roster-gemet-sekul.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jamsos-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jamsos = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const json = <A>(text: string): A => JSON.parse(text) as A;

describe('jamsos --help', () => {
  it('lists the commands and exits 0; every command has its own help', () => {
    const main = jamsos('--help');
    expect(main.code).toBe(0);
    for (const command of ['demo', 'import', 'coverage', 'fund', 'report', 'follow']) {
      expect(main.out).toContain(command);
      const help = jamsos(command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(`jamsos ${command}`);
    }
  });
  it('refuses an unknown command or option with exit code 2 and a hint', () => {
    expect(jamsos('teleport')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "teleport"') });
    expect(jamsos('coverage', '--colour', 'red')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --colour') });
  });
});

describe('jamsos import', () => {
  const db = join(dir, 'roster.db');
  it('imports the good rows, reports each bad row by line with its reason, writes nothing of them, and exits 1', () => {
    const run = jamsos('import', roster, '--db', db);
    expect(run.code).toBe(1);
    expect(run.out).toContain('10 rows; 5 workers imported, 0 already there, 5 rows rejected');
    expect(run.err).toMatch(/line 5: NIK 367202010180001: a NIK has 16 digits, got 15/);
    expect(run.err).toMatch(/line 6: NIK 3672023102800001: the birth date in the NIK does not exist/);
    expect(run.err).toMatch(/line 8: category "pilot" is not known/);
    expect(run.err).toMatch(/line 9: sponsor "PROGRAM X" is not known/);
    expect(run.err).toMatch(/line 10: start month "2025-13" is not a month/);
    const coverage = json<{ total: { members: number } }>(jamsos('coverage', '--db', db, '--as-of', '2025-03-20', '--json').out);
    expect(coverage.total.members).toBe(5);
  });
  it('adds nothing when the same file is imported again', () => {
    const again = jamsos('import', roster, '--db', db);
    expect(again.out).toContain('0 workers imported, 5 already there, 5 rows rejected');
    expect(json<{ total: { members: number } }>(jamsos('coverage', '--db', db, '--as-of', '2025-03-20', '--json').out).total.members).toBe(5);
  });
  it('imports a clean file with exit code 0', () => {
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, 'NIK;Nama;Kategori;Sponsor;Kantor Cabang;Bulan Mulai\n3604015507850003;Tini;ART;MANDIRI;KC-SERANG;2025-04\n');
    expect(jamsos('import', clean, '--db', join(dir, 'clean.db'))).toMatchObject({ code: 0, out: expect.stringContaining('1 workers imported') });
  });
  it('says what is wrong with a file it cannot use', () => {
    expect(jamsos('import', join(dir, 'missing.csv'), '--db', db)).toMatchObject({ code: 1, err: expect.stringContaining('cannot read') });
    const headerless = join(dir, 'headerless.csv');
    writeFileSync(headerless, 'a,b\n1,2\n');
    expect(jamsos('import', headerless, '--db', db)).toMatchObject({ code: 1, err: expect.stringContaining('the header lacks nik, name, category, sponsor, branch, start_month') });
  });
});

describe('jamsos coverage and fund', () => {
  it('asks for a store that exists, and for dates that exist', () => {
    expect(jamsos('coverage', '--db', join(dir, 'nothing.db'))).toMatchObject({ code: 1, err: expect.stringContaining('no jamsos store') });
    expect(jamsos('fund', '--db', join(dir, 'roster.db'), '--as-of', '2025-02-30')).toMatchObject({ code: 2, err: expect.stringContaining('--as-of needs a date that exists') });
    expect(jamsos('fund', '--db', join(dir, 'roster.db'), '--json', '--csv')).toMatchObject({ code: 2 });
    expect(jamsos('coverage', '--db', join(dir, 'roster.db'), '--by', 'colour')).toMatchObject({ code: 2, err: expect.stringContaining('--by takes one of') });
    expect(jamsos('report', '--db', join(dir, 'roster.db'))).toMatchObject({ code: 2, err: expect.stringContaining('--html') });
    expect(jamsos('demo', '--size', 'many', '--db', join(dir, 'x.db'))).toMatchObject({ code: 2, err: expect.stringContaining('--size takes a whole number') });
    expect(jamsos('coverage', '--db')).toMatchObject({ code: 2, err: expect.stringContaining('--db needs a value') });
  });
});

describe('jamsos demo, then the reports', () => {
  const db = join(dir, 'demo.db');
  it('writes a history, rebuilds the read models and prints coverage and fund per branch', () => {
    const run = jamsos('demo', '--size', '300', '--db', db);
    expect(run.code).toBe(0);
    for (const text of ['Coverage as of', 'Fund balance as of', 'KC-CILEGON', 'KC-SERANG', 'KC-KENDAL', '3672', 'JKM']) expect(run.out).toContain(text);
    expect(jamsos('demo', '--size', '300', '--db', db)).toMatchObject({ code: 2, err: expect.stringContaining('already exists') });
  });
  it('prints tables, JSON and CSV', () => {
    expect(jamsos('coverage', '--db', db, '--as-of', '2024-12-31').out).toContain('UCJ');
    const fund = json<{ rows: { branchId: string; received: number }[] }>(jamsos('fund', '--db', db, '--json').out);
    expect(fund.rows.some((r) => r.branchId === 'KC-CILEGON' && r.received > 0)).toBe(true);
    const csv = jamsos('fund', '--db', db, '--csv', '--branch', 'KC-KENDAL').out.trim().split('\n');
    expect(csv[0]).toBe('branch,programme,received,approved,disbursed,approved unpaid,balance,claims/contrib.');
    expect(csv.slice(1).every((line) => line.startsWith('KC-KENDAL,'))).toBe(true);
    expect(jamsos('fund', '--db', db, '--monthly', '--csv').out.split('\n')[0]).toBe('month,branch,programme,received,approved,disbursed');
    expect(jamsos('coverage', '--db', db, '--csv', '--by', 'category').out.split('\n')[0]).toBe('category,protected,formal,informal,members');
  });
  it('writes a self-contained HTML report', () => {
    const page = join(dir, 'report.html');
    expect(jamsos('report', '--db', db, '--html', page).code).toBe(0);
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
