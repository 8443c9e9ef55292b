#!/usr/bin/env node
// @ts-check
// The domain package does no IO and stays deterministic: it may import only its own files, fp-ts and
// io-ts, and may not read the clock, draw random numbers, or touch process, console, timers or crypto.
// Usage: node scripts/check-domain-purity.mjs [dir]   (default: packages/domain/src; tests and src/testing/ are skipped)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Module specifiers the domain may import: relative paths (./x.js, ../y.json), fp-ts and io-ts. */
const ALLOWED = [/^\.\.?\//, /^fp-ts(\/|$)/, /^io-ts(\/|$)/];

/**
 * Expressions that do IO or are non-deterministic. `global` marks a name that is a global object:
 * as a property of something else (claim.process.step) it is not the global, unless of globalThis.
 * @type {ReadonlyArray<{ pattern: RegExp, message: string, global?: boolean }>}
 */
const FORBIDDEN = [
  { pattern: /\bDate\s*\.\s*now\b/g, message: 'Date.now reads the clock: inject a clock', global: true },
  { pattern: /\bnew\s+Date\b/g, message: 'new Date reads or builds a clock value: use IsoDate' },
  { pattern: /(?<!\bnew\s*)\bDate\s*\(/g, message: 'Date() reads the clock: inject a clock', global: true },
  { pattern: /\bfetch\s*\(/g, message: 'fetch is IO: the domain takes what it needs as arguments', global: true },
  { pattern: /\bqueueMicrotask\s*\(/g, message: 'queueMicrotask schedules work: keep the domain synchronous', global: true },
  { pattern: /\bMath\s*\.\s*random\b/g, message: 'Math.random is not deterministic: inject randomness', global: true },
  { pattern: /\bcrypto\s*\./g, message: 'crypto is IO or randomness: keep it out of the domain', global: true },
  { pattern: /\bprocess\s*\./g, message: 'process is the environment: inject what you need', global: true },
  { pattern: /\bconsole\s*\./g, message: 'console is IO: return values instead', global: true },
  { pattern: /\bperformance\s*\.\s*now\b/g, message: 'performance.now reads the clock', global: true },
  { pattern: /\bset(?:Timeout|Interval|Immediate)\s*\(/g, message: 'timers are IO', global: true },
  { pattern: /\brequire\s*\(/g, message: 'require loads modules at run time', global: true },
];

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Blanks comments and the contents of string, template and regular-expression literals with spaces,
 * keeping every character's position and every line break, so that the rules see only code and
 * report the right lines. Quotes and slashes stay, so a string literal's place is still visible.
 * Template expressions (`${...}`) are code: they are kept, and literals inside them blanked in turn.
 * @param {string} text
 * @returns {string}
 */
export const codeOnly = (text) => {
  const out = text.split('');
  const blank = (/** @type {number} */ from, /** @type {number} */ to) => {
    for (let k = from; k < to && k < text.length; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  /** Open template expressions: for each, how many `{` are open inside it. */
  const templates = /** @type {number[]} */ ([]);
  /** The last significant code character or word, to tell a regular expression from a division. */
  let previous = '';
  let i = 0;

  /** Scans template text from i (just after ` or }) to its end or to a `${`; returns where code resumes. */
  const templateText = () => {
    const start = i;
    while (i < text.length) {
      if (text[i] === '\\') i += 2;
      else if (text[i] === '`') {
        blank(start, i);
        i++;
        previous = ')';
        return;
      } else if (text[i] === '$' && text[i + 1] === '{') {
        blank(start, i);
        i += 2;
        templates.push(0);
        previous = '{';
        return;
      } else i++;
    }
    blank(start, text.length);
  };

  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      previous = ')';
    } else if (ch === '`') {
      i++;
      templateText();
    } else if (ch === '/' && (previous === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(previous) || BEFORE_REGEX.has(previous))) {
      // A regular expression literal: up to the closing / outside a character class.
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n') {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        else if (text[j] === '/' && !inClass) break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      previous = ')';
    } else if (ch === '{' && templates.length > 0) {
      templates[templates.length - 1]++;
      previous = '{';
      i++;
    } else if (ch === '}' && templates.length > 0 && templates[templates.length - 1] === 0) {
      templates.pop();
      i++;
      templateText();
    } else if (ch === '}' && templates.length > 0) {
      templates[templates.length - 1]--;
      previous = '}';
      i++;
    } else if (/[\w$]/.test(ch)) {
      let j = i;
      while (j < text.length && /[\w$]/.test(text[j] ?? '')) j++;
      previous = text.slice(i, j);
      i = j;
    } else {
      if (!/\s/.test(ch)) previous = ch;
      i++;
    }
  }
  return out.join('');
};

/**
 * What is wrong with importing a specifier, or undefined when the domain may import it. `leaves` tells
 * whether a relative specifier resolves outside the package's source folder.
 */
const importProblem = (/** @type {string} */ specifier, /** @type {(specifier: string) => boolean} */ leaves) => {
  if (!ALLOWED.some((allowed) => allowed.test(specifier))) return `imports "${specifier}": the domain imports only its own files, fp-ts and io-ts`;
  if (/^\.\.?\//.test(specifier) && leaves(specifier)) return `imports "${specifier}", outside the domain package: the domain imports only its own files, fp-ts and io-ts`;
  return undefined;
};

/**
 * For a source file under a package's source folder: whether a relative specifier resolves outside that folder.
 * @param {string} file
 * @param {string} sourceRoot
 * @returns {(specifier: string) => boolean}
 */
export const leavesFolder = (file, sourceRoot) => (specifier) => {
  const target = resolve(dirname(file), specifier);
  const root = resolve(sourceRoot);
  return target !== root && !target.startsWith(root + sep);
};

/**
 * The problems in one source file: imports from outside the whitelist (static, dynamic, `export ... from`,
 * require) and forbidden expressions in code (comments and literals do not count), with line numbers.
 * @param {string} text the file's source
 * @param {string} _fileName the file's name (the CLI prefixes it to each problem)
 * @param {(specifier: string) => boolean} [leaves] whether a relative specifier leaves the package (default: never)
 * @returns {{ line: number, message: string }[]}
 */
export const checkSource = (text, _fileName, leaves = () => false) => {
  /** @type {{ line: number, message: string }[]} */
  const problems = [];
  const lineOf = (/** @type {number} */ index) => text.slice(0, index).split('\n').length;
  const code = codeOnly(text);
  /** The string literal whose opening quote is at `quote`, read from the original text. */
  const literalAt = (/** @type {number} */ quote) => {
    const end = code.indexOf(code[quote] ?? '', quote + 1);
    return text.slice(quote + 1, end < 0 ? undefined : end);
  };

  // Static imports (import x from '...', import '...', import type {...} from '...') and re-exports.
  // The pattern runs over code, where literals are blank but their quotes remain.
  const staticImport = /(?<![\w$.])import\s*(?:type\s+)?(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+\s*|\{[^}]*\}\s*)?(?:from\s*)?(['"])/g;
  const reExport = /(?<![\w$.])export\s*(?:type\s+)?(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])/g;
  for (const pattern of [staticImport, reExport]) {
    for (const match of code.matchAll(pattern)) {
      const quote = (match.index ?? 0) + match[0].length - 1;
      const problem = importProblem(literalAt(quote), leaves);
      if (problem !== undefined) problems.push({ line: lineOf(match.index ?? 0), message: problem });
    }
  }
  // Dynamic imports and require: the specifier must be a plain string literal, and an allowed one.
  for (const match of code.matchAll(/(?<![\w$.])(import|require)\s*\(\s*/g)) {
    const at = (match.index ?? 0) + match[0].length;
    const quote = code[at];
    const problem =
      quote === "'" || quote === '"'
        ? importProblem(literalAt(at), leaves)
        : `${match[1]}() of a computed specifier: the domain imports only its own files, fp-ts and io-ts, by name`;
    if (problem !== undefined) problems.push({ line: lineOf(match.index ?? 0), message: problem });
  }
  for (const { pattern, message, global } of FORBIDDEN) {
    for (const match of code.matchAll(pattern)) {
      const index = match.index ?? 0;
      const before = code.slice(Math.max(0, index - 40), index);
      if (global === true && /\.\s*$/.test(before) && !/\bglobalThis\s*\.\s*$/.test(before)) continue; // a property of something else
      problems.push({ line: lineOf(index), message });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
};

/**
 * Every TypeScript source file under a folder, tests (*.test.ts) and test support (testing/) excluded.
 * @param {string} dir
 * @returns {string[]}
 */
export const domainSources = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'node_modules' ? [] : domainSources(path);
      return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    });

/**
 * Checks every domain source under a folder; returns the problems as "file:line: message" lines.
 * @param {string} dir
 * @param {string} root the folder file names are written relative to
 * @returns {{ files: number, problems: string[] }}
 */
export const checkDirectory = (dir, root) => {
  const files = domainSources(dir);
  const problems = files.flatMap((file) => {
    const name = relative(root, file);
    return checkSource(readFileSync(file, 'utf8'), name, leavesFolder(file, dir)).map((p) => `${name}:${p.line}: ${p.message}`);
  });
  return { files: files.length, problems };
};

const main = () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { files, problems } = checkDirectory(process.argv[2] ?? join(root, 'packages/domain/src'), root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(`domain purity: ${files} files checked, no IO or non-determinism`);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
