/** Reading a what-if's scenario files: reforms and injections written by policy staff as JSON or YAML. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { decodeInjections, type ScenarioInjection } from '@jamsos/core';
import { decodeReform, type Reform, type ValidationProblem } from '@jamsos/domain';
import { UsageError } from '../args.js';

/** A reform as read from its file. */
export interface ReformFile {
  readonly file: string;
  readonly reform: Reform;
}

/** Injections as read from their file. */
export interface InjectionFile {
  readonly file: string;
  readonly injections: ReadonlyArray<ScenarioInjection>;
}

const FORMATS: Readonly<Record<string, 'json' | 'yaml'>> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

/** At most this many problems are listed for one file; the rest are counted. */
const MAX_PROBLEMS = 6;

/** A file's problems, one per line under its name: "reform file x.yaml: 2 problems\n  patches[0].value: ...". */
export const problemLines = (what: string, problems: ReadonlyArray<ValidationProblem>): string => {
  const lines = problems.slice(0, MAX_PROBLEMS).map((p) => `  ${p.path === '' ? '(the whole file)' : p.path}: ${p.message}`);
  if (problems.length > MAX_PROBLEMS) lines.push(`  ... and ${problems.length - MAX_PROBLEMS} more`);
  return `${what}: ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}\n${lines.join('\n')}`;
};

/** One line for a parse error: the file, the line and column when known, and the parser's reason. */
const parseFailure = (what: string, error: unknown): UsageError => {
  if (error instanceof YAMLParseError) {
    const at = error.linePos?.[0];
    const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'cannot parse';
    return new UsageError(`${what}: not valid YAML${at === undefined ? '' : ` at line ${at.line}, column ${at.col}`}: ${reason}`);
  }
  return new UsageError(`${what}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
};

/** Reads and parses a JSON or YAML file (by its extension); a usage error names the file and what is wrong. */
export const readDataFile = (file: string, what: string): unknown => {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) throw new UsageError(`${what} ${file}: give a .json, .yaml or .yml file`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${what} ${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unknown error')})`);
  }
  try {
    return format === 'json' ? (JSON.parse(text) as unknown) : (parseYaml(text, { prettyErrors: true, uniqueKeys: true }) as unknown);
  } catch (error) {
    throw parseFailure(`${what} ${file}`, error);
  }
};

/** Reads and validates reform files in the order given; the first bad one is a usage error naming it, the io-ts path and the reason. */
export const readReforms = (files: ReadonlyArray<string>): ReadonlyArray<ReformFile> =>
  files.map((file, index) => {
    const decoded = decodeReform(readDataFile(file, 'reform file'), index);
    if (E.isLeft(decoded)) throw new UsageError(problemLines(`reform file ${file}${decoded.left.reform === undefined ? '' : ` (reform "${decoded.left.reform}")`}`, decoded.left.problems));
    return { file, reform: decoded.right };
  });

/** Reads and validates an injection file: a list of injections as decodeInjections expects. */
export const readInjections = (file: string): InjectionFile => {
  const decoded = decodeInjections(readDataFile(file, 'injection file'));
  if (E.isLeft(decoded)) throw new UsageError(problemLines(`injection file ${file}`, decoded.left.problems));
  return { file, injections: decoded.right };
};
