#!/usr/bin/env node
// @ts-check
// The domain package does no IO and stays deterministic: it may import only its own files, fp-ts and
// io-ts, and may not read the clock, draw random numbers, or touch process, console, timers or crypto.
// Usage: node scripts/check-domain-purity.mjs [dir]   (default: packages/domain/src; tests are skipped)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Module specifiers the domain may import. */
const ALLOWED = [/^\.\.?\//, /^fp-ts(\/|$)/, /^io-ts(\/|$)/];

/** Expressions that do IO or are non-deterministic. */
const FORBIDDEN = [
  [/\bDate\s*\.\s*now\b/, 'Date.now reads the clock: inject a clock'],
  [/\bnew\s+Date\b/, 'new Date reads or builds a clock value: use IsoDate'],
  [/\bMath\s*\.\s*random\b/, 'Math.random is not deterministic: inject randomness'],
  [/\bcrypto\s*\./, 'crypto is IO or randomness: keep it out of the domain'],
  [/\bprocess\s*\./, 'process is the environment: inject what you need'],
  [/\bconsole\s*\./, 'console is IO: return values instead'],
  [/\bperformance\s*\.\s*now\b/, 'performance.now reads the clock'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'timers are IO'],
  [/\brequire\s*\(/, 'require loads modules at run time'],
];

/**
 * Blanks comments and the contents of string and template literals with spaces, keeping every
 * character's position and line, so that the rules see only code and report the right lines.
 * Template expressions (`${...}`) are code and are kept.
 * @param {string} text
 */
const codeOnly = (text) => {
  const out = text.split('');
  const blank = (/** @type {number} */ from, /** @type {number} */ to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\') j += 2;
        else if (ch === '`' && text[j] === '$' && text[j + 1] === '{') {
          let depth = 0;
          while (j < text.length) {
            if (text[j] === '{') depth++;
            else if (text[j] === '}' && --depth === 0) break;
            j++;
          }
          j++;
        } else {
          out[j] = text[j] === '\n' ? '\n' : ' ';
          j++;
        }
      }
      i = j + 1;
    } else i++;
  }
  return out.join('');
};

/**
 * The problems in one source file: forbidden imports and forbidden expressions, with line numbers.
 * @param {string} text
 * @param {string} fileName
 * @returns {{ line: number, message: string }[]}
 */
export const checkSource = (text, fileName) => {
  /** @type {{ line: number, message: string }[]} */
  const problems = [];
  const lineOf = (/** @type {number} */ index) => text.slice(0, index).split('\n').length;
  const code = codeOnly(text);
  const importPattern = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)(['"])([^'"]+)\1/g;
  for (const match of text.matchAll(importPattern)) {
    const index = match.index ?? 0;
    if (code.slice(index, index + 6) !== text.slice(index, index + 6)) continue; // the keyword itself is inside a comment or a string
    const specifier = match[2] ?? '';
    if (!ALLOWED.some((allowed) => allowed.test(specifier))) problems.push({ line: lineOf(index), message: `${fileName} imports "${specifier}": the domain imports only its own files, fp-ts and io-ts` });
  }
  for (const [pattern, message] of FORBIDDEN) {
    const global = new RegExp(pattern.source, 'g');
    for (const match of code.matchAll(global)) problems.push({ line: lineOf(match.index ?? 0), message: `${fileName}: ${message}` });
  }
  return problems.sort((a, b) => a.line - b.line);
};

/**
 * Every TypeScript source file under a folder, tests and test support excluded.
 * @param {string} dir
 * @returns {string[]}
 */
export const domainSources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : domainSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? join(root, 'packages/domain/src');
  const files = domainSources(dir);
  const problems = files.flatMap((file) => checkSource(readFileSync(file, 'utf8'), relative(root, file)).map((p) => `${relative(root, file)}:${p.line}: ${p.message}`));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(`domain purity: ${files.length} files checked, no IO or non-determinism`);
}
