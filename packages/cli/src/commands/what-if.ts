import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { parseKnowledgeTime, prepareScenario, runWhatIf, type WhatIfError, type WhatIfResult } from '@jamsos/core';
import { PeriodC } from '@jamsos/domain';
import { checkOptions, singleOptionOf, UsageError, valuesOf, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { progressBar } from '../format/progress.js';
import { renderWhatIfHtml } from '../what-if/html.js';
import { problemLines, readInjections, readReforms, type InjectionFile } from '../what-if/input.js';
import { whatIfCsv, whatIfTables, type WhatIfContext } from '../what-if/text.js';
import { formatOf, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos what-if --help` prints. */
export const whatIfHelp = `jamsos what-if --reform FILE [--reform FILE ...] [--inject FILE] [--from YYYY-MM] [--to YYYY-MM]
               [--knowledge-time DATE] [--json|--csv] [--html FILE] ${STORE_USAGE}

Replays the recorded history under a reformed policy, in memory (the store is never written): the
recorded facts (registrations, enrolments, payments, claims filed, disbursements) are run again as
commands, each payment at the amount due under the reform and each disbursement scaled to the new
allocation; the decisions (arrears, lapses, claim approvals) are derived again by the deciders. Then
it compares contributions, benefits approved and disbursed, fund balance per branch, programme and
month, and coverage (protected, UCJ) per region, baseline against the what-if.

  --reform FILE          a reform, JSON or YAML: { name, description?, patches: [{ path, start, stop?,
                         value, legalRef? }] } (parameter names as in baseline.json); repeat to chain
  --inject FILE          synthetic facts for the what-if only, JSON or YAML: a list such as
                         [{ kind: sponsor-workers, regionId: "3672", count: 177 (or { remainingTargetOf:
                         2025 }), fromPeriod: 2025-07, toPeriod: 2025-12 }]
  --from, --to           the months reported (default: the months the history spans)
  --knowledge-time DATE  only events recorded by then take part: a date (its end, UTC) or an instant
  --json                 the whole result;  --csv: one row per month, branch and programme
  --html FILE            also write one self-contained page with charts and the tables

At least one --reform or an --inject. Amounts are whole rupiah. See docs/what-if.md.

${STORE_HELP}`;

const month = (args: ParsedArgs, name: 'from' | 'to'): string | undefined => {
  const value = singleOptionOf(args, name);
  if (value !== undefined && !PeriodC.is(value)) throw new UsageError(`--${name} needs a month that exists, written YYYY-MM (got "${value}")`);
  return value;
};

/** Checks the options that need no file or store: the months, the knowledge time, the output. */
const readOptions = (args: ParsedArgs) => {
  const from = month(args, 'from');
  const to = month(args, 'to');
  if (from !== undefined && to !== undefined && to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  const knowledgeTime = singleOptionOf(args, 'knowledge-time');
  if (knowledgeTime !== undefined) {
    const k = parseKnowledgeTime(knowledgeTime);
    if (E.isLeft(k)) throw new UsageError(`--knowledge-time: ${k.left.message}`);
  }
  const html = singleOptionOf(args, 'html');
  if (html === '') throw new UsageError('--html needs a file name');
  return { window: { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), ...(knowledgeTime === undefined ? {} : { knowledgeTime }) }, format: formatOf(args), html };
};

/** A what-if error as an exit code and message: problems with the scenario or options are usage (2), the store's are failures (1). */
const failure = (error: WhatIfError, injections: InjectionFile | undefined, knowledgeTime: string | undefined): { code: 1 | 2; message: string } => {
  switch (error._tag) {
    case 'ReformError':
      return { code: 2, message: problemLines(`reform ${error.reform ?? `number ${error.index + 1}`}`, error.problems) };
    case 'InvalidInjection':
      return { code: 2, message: problemLines(`injection file ${injections?.file ?? ''}`.trim(), error.problems) };
    case 'InvalidWhatIfOption':
      if (knowledgeTime !== undefined && error.message.startsWith('the log holds no event'))
        return { code: 1, message: `nothing in the store was recorded by the knowledge time ${knowledgeTime}: give --from and --to to see the months empty, or a later --knowledge-time` };
      return { code: error.message.startsWith('the log holds no event') ? 1 : 2, message: `--${error.option === 'knowledgeTime' ? 'knowledge-time' : error.option}: ${error.message}` };
    case 'UndecodableEvent':
      return { code: 1, message: `the event at position ${error.globalPosition} (${error.type} in ${error.streamName}) cannot be read: ${error.reason}` };
    default:
      return { code: 1, message: `${error.message}${error.cause instanceof Error ? `: ${error.cause.message.replace(/\s+/g, ' ').trim()}` : ''}` };
  }
};

/** `jamsos what-if`: replays the history under reforms and injections and prints the difference. */
export const whatIfCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['reform', 'inject', 'from', 'to', 'knowledge-time', 'json', 'csv', 'html', ...STORE_OPTIONS]);
  if (args.positional.length > 0) throw new UsageError(`jamsos what-if takes no file without an option: give --reform ${args.positional[0] ?? ''} (or --inject)`);
  const options = readOptions(args);
  const reformFiles = valuesOf(args, 'reform');
  const injectFile = singleOptionOf(args, 'inject');
  if (reformFiles.length === 0 && injectFile === undefined) throw new UsageError('give at least one reform (--reform FILE) or an injection (--inject FILE)');
  const reforms = readReforms(reformFiles);
  const injections = injectFile === undefined ? undefined : readInjections(injectFile);
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const scenario = prepareScenario({ baseline: context.policy, reforms: reforms.map((r) => r.reform), ...(injections === undefined ? {} : { injections: injections.injections }) });
    if (E.isLeft(scenario)) throw new UsageError(failure(scenario.left, injections, undefined).message);
    const progress = progressBar('reading the log');
    // A replay reads no personal data (placeholders decide as the real values do): read redacted.
    const outcome = await runWhatIf(context.store.redacted, scenario.right, options.window, { onProgress: (n) => progress.update(n) })();
    progress.finish();
    if (E.isLeft(outcome)) {
      const { code, message } = failure(outcome.left, injections, options.window.knowledgeTime);
      if (code === 2) throw new UsageError(message);
      output.err(`jamsos: ${message}`);
      return 1;
    }
    const result: WhatIfResult = outcome.right;
    const shown: WhatIfContext = { reforms, injections, note: context.syntheticNote() };
    if (options.format === 'json') output.out(JSON.stringify(result, null, 2));
    else if (options.format === 'csv') output.out(whatIfCsv(result).trimEnd());
    else output.out(whatIfTables(result, shown));
    if (options.html !== undefined) {
      const html = renderWhatIfHtml(result, { ...shown, generatedAt: context.clock(), where: context.where });
      try {
        mkdirSync(dirname(options.html), { recursive: true });
        writeFileSync(options.html, html);
      } catch (error) {
        output.err(`jamsos: cannot write ${options.html}: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
      (options.format === 'table' ? output.out : output.err)(`${options.format === 'table' ? '\n' : ''}wrote ${options.html} (${Math.round(html.length / 1024)} KiB)`);
    }
    return 0;
  } finally {
    await context.close();
  }
};

