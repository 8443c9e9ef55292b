import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module without type declarations
import { checkSource, codeOnly, domainSources, leavesFolder } from './check-domain-purity.mjs';

type Problem = { line: number; message: string };
const check = checkSource as (text: string, file: string) => Problem[];

describe('the domain purity check', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import Database from 'better-sqlite3';", 'better-sqlite3'],
    ["import { EventStoreDBClient } from '@eventstore/db-client';", '@eventstore/db-client'],
    ["import { v4 } from 'uuid';", 'uuid'],
    ["export { x } from 'node:net';", 'node:net'],
    ["const net = await import('node:net');", 'node:net'],
    ['const now = Date.now();', 'Date.now'],
    ['const r = Math.random();', 'Math.random'],
    ['const d = new Date();', 'new Date'],
    ['const d = new Date(2024, 1, 1);', 'new Date'],
    ["console.log('x');", 'console'],
    ['const id = crypto.randomUUID();', 'crypto'],
    ['const home = process.env.HOME;', 'process'],
    ['setTimeout(() => 1, 10);', 'timers'],
    ['const today = Date();', 'Date()'],
    ["const rates = await fetch('https://example.org/rates');", 'fetch'],
    ['queueMicrotask(() => 1);', 'queueMicrotask'],
  ])('flags %s', (source, what) => {
    const problems = check(`// a file\n${source}\n`, 'x.ts');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(2);
    expect(problems.map((p) => p.message).join(' ')).toContain(what === 'timers' ? 'timers' : what.replace('new Date', 'new Date'));
  });

  it.each([
    "import * as E from 'fp-ts/lib/Either.js';",
    "import * as t from 'io-ts';",
    "import { x } from './x.js';",
    "import data from './baseline.json' with { type: 'json' };",
    '// Date.now() is not used here',
    "// import { readFileSync } from 'node:fs';",
    "const s = 'Math.random and console.log in a string';",
    '/* new Date() in a block comment */',
    'const text = `process.env in a template`;',
    'const d = IsoDate.of(2024, 1, 1); // no Date() here',
    'const m = cache.fetch(key);',
  ])('accepts %s', (source) => {
    expect(check(source, 'x.ts')).toEqual([]);
  });

  it('still reads code inside template expressions', () => {
    expect(check('const s = `${Date.now()}`;', 'x.ts')).toHaveLength(1);
  });

  it('finds nothing in the real domain package', () => {
    const dir = fileURLToPath(new URL('../packages/domain/src', import.meta.url));
    const files = (domainSources as (d: string) => string[])(dir);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(check(readFileSync(file, 'utf8'), file)).toEqual([]);
  });
});

describe('the domain purity check: imports', () => {
  it.each([
    ["import { $x } from 'node:fs';", 'node:fs'],
    ["import{readFileSync}from'node:fs';", 'node:fs'],
    ["import 'node:fs';", 'node:fs'],
    ["import type { Database } from 'better-sqlite3';", 'better-sqlite3'],
    ["import * as uuid from 'uuid';", 'uuid'],
    ["import x, { y } from 'uuid';", 'uuid'],
    ["import {\n  a,\n  b,\n} from \"node:fs\";", 'node:fs'],
    ["export * from 'node:fs';", 'node:fs'],
    ["export * as fs from 'node:fs';", 'node:fs'],
    ["export type { Stats } from 'node:fs';", 'node:fs'],
    ['const m = await import("node:net");', 'node:net'],
    ['const m = await import(`node:net`);', 'computed specifier'],
    ['const m = await import(name);', 'computed specifier'],
    ["const fs = require('node:fs');", 'node:fs'],
    ["const x = require('./x.js');", 'require'],
    ["import { client } from '@jamsos/store';", '@jamsos/store'],
    ["import * as O from 'fp-ts-std/Option';", 'fp-ts-std'],
  ])('flags %s', (source, what) => {
    const problems = check(source, 'x.ts');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join(' ')).toContain(what);
  });

  it.each([
    "import { pipe } from 'fp-ts/lib/function.js';",
    "import * as O from 'fp-ts/Option';",
    "import { PathReporter } from 'io-ts/lib/PathReporter.js';",
    "export * from './values/index.js';",
    "export { NikC } from '../values/nik.js';",
    "export type { Nik } from './nik.js';",
    "const m = await import('./lazy.js');",
    "const s = \"import x from 'node:fs'\";",
    "/* export * from 'node:fs'; */",
    'const meta = import.meta;',
    'const x = thing.import("node:fs");',
  ])('accepts %s', (source) => {
    expect(check(source, 'x.ts')).toEqual([]);
  });

  it('flags a relative import that leaves the package, and accepts one that stays inside', () => {
    const leaves = (leavesFolder as (file: string, root: string) => (s: string) => boolean)('/repo/packages/domain/src/claim/decide.ts', '/repo/packages/domain/src');
    const checkIn = checkSource as (text: string, file: string, leaves: (s: string) => boolean) => Problem[];
    expect(checkIn("import { x } from '../../../core/src/index.js';", 'decide.ts', leaves).map((p) => p.message).join(' ')).toContain('outside the domain package');
    expect(checkIn("export * from '../../projections/src/index.js';", 'decide.ts', leaves)).toHaveLength(1);
    expect(checkIn("import { y } from '../values/nik.js';", 'decide.ts', leaves)).toEqual([]);
    expect(checkIn("import { z } from './state.js';", 'decide.ts', leaves)).toEqual([]);
  });

  it('reports the line of each problem, counting lines inside comments and templates', () => {
    const source = ['/**', ' * A comment over', ' * three lines', ' */', 'const s = `a', 'b`;', "import { x } from 'uuid';", 'const n = Date.now();'].join('\n');
    expect(check(source, 'x.ts').map((p) => p.line)).toEqual([7, 8]);
  });
});

describe('the domain purity check: code, comments and literals', () => {
  it.each([
    ['const n = performance.now();', 'performance.now'],
    ['setInterval(tick, 1000);', 'timers'],
    ['setImmediate(tick);', 'timers'],
    ['const r = Math . random();', 'Math.random'],
    ['const n = globalThis.process.env.X;', 'process'],
    ['const q = /["\']/g; const n = Date.now(); const s = "a";', 'Date.now'],
    ['const s = `${f(\'}\')} ${Date.now()}`;', 'Date.now'],
    ['const s = `${`${Math.random()}`}`;', 'Math.random'],
  ])('flags %s', (source, what) => {
    expect(check(source, 'x.ts').map((p) => p.message).join(' ')).toContain(what);
  });

  it.each([
    "const s = 'Date.now()';",
    'const s = "new Date()";',
    'const s = `Math.random() ${x} console.log`;',
    "const s = `${'Date.now'}`;",
    'const r = /Date.now|process.env/;',
    'const half = a / 2; const s = "Date.now()"; const b = c / 3;',
    'const step = claim.process.step; const log = audit.console.lines;',
    '// console.log(process.env)\nconst x = 1;',
    '/**\n * new Date() would read the clock\n */',
    'const dates = updateDate.now;',
  ])('accepts %s', (source) => {
    expect(check(source, 'x.ts')).toEqual([]);
  });

  it('blanks comments and literals but keeps every position and line break', () => {
    const source = "const a = 'xy'; // note\n/* b\nc */ const t = `p${q}r`; const re = /s/g;";
    const code = (codeOnly as (s: string) => string)(source);
    expect(code).toHaveLength(source.length);
    expect(code.split('\n')).toHaveLength(source.split('\n').length);
    expect(code).toBe("const a = '  ';        \n    \n     const t = ` ${q} `; const re = / /g;");
  });
});

describe('the domain purity check: the command', () => {
  const script = fileURLToPath(new URL('./check-domain-purity.mjs', import.meta.url));

  it('passes the real domain package with one line', () => {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out).toMatch(/^domain purity: \d+ files checked, no IO or non-determinism\n$/);
  });

  it('fails with file:line: message for each problem, skipping tests and src/testing/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'purity-'));
    try {
      mkdirSync(join(dir, 'nested'));
      mkdirSync(join(dir, 'testing'));
      writeFileSync(join(dir, 'good.ts'), "import * as t from 'io-ts';\nexport const x = t.string;\n");
      writeFileSync(join(dir, 'nested', 'bad.ts'), "import { readFileSync } from 'node:fs';\n\nexport const now = () => Date.now();\n");
      writeFileSync(join(dir, 'bad.test.ts'), "import { readFileSync } from 'node:fs';\n");
      writeFileSync(join(dir, 'testing', 'clock.ts'), 'export const now = () => Date.now();\n');
      let status = 0;
      let stderr = '';
      try {
        execFileSync(process.execPath, [script, dir], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        status = (error as { status: number }).status;
        stderr = (error as { stderr: string }).stderr;
      }
      expect(status).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/nested\/bad\.ts:1: imports "node:fs"/);
      expect(lines[1]).toMatch(/nested\/bad\.ts:3: Date\.now reads the clock/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
