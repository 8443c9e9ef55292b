import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module without type declarations
import { checkSource, domainSources } from './check-domain-purity.mjs';

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
