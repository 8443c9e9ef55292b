import { existsSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { coverageAsOf, fundAsOf } from '@jamsos/projections';
import { appendDemo } from '../demo/index.js';
import { checkOptions, flagOf, optionOf, UsageError, type ParsedArgs } from '../args.js';
import { openContext, redactConnectionString, storeTargetOf, type Context, type StoreTarget } from '../context/index.js';
import { progressBar } from '../format/progress.js';
import { catchUp } from '../projections.js';
import { coverageTables, fundTables } from './tables.js';
import { asOfDate, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos demo --help` prints. */
export const demoHelp = `jamsos demo [--size N] [--seed N] [--force] ${STORE_USAGE}

Writes a deterministic, synthetic multi-year history for Cilegon, Serang and Kendal (labour force and
targets, PU, BPU, Jakon and PMI members, city- and civil-servant-sponsored Rp16,800 contributions,
arrears and lapses, JKK and JKM claims decided under the baseline policy and paid to heirs),
calibrated to public figures; rebuilds the read models; and prints coverage and fund balance per
branch. --size is the number of demo participants (default 6000); the same --seed gives the same
history. A SQLite store is created; --force replaces an existing one. An EventStoreDB database must be
empty (jamsos never deletes a server's events, so --force does not apply there).

${STORE_HELP}`;

/** A path relative to the working directory when that is shorter to read. */
const shown = (path: string): string => relative(process.cwd(), path) || path;

/** The store options to repeat in the suggested next commands. */
const storeArgs = (target: StoreTarget): string =>
  target.kind === 'sqlite' ? `--db ${shown(target.path)}` : `--store '${redactConnectionString(target.connectionString).replace(/'/g, `'\\''`)}' --read-models ${shown(target.readModelsPath)}`;

/** Checks the target and, for SQLite, clears the way for a new file; EventStoreDB is checked for emptiness on opening. */
const prepare = (target: StoreTarget, force: boolean): void => {
  if (target.kind === 'esdb') {
    if (force) throw new UsageError('--force does not apply to EventStoreDB: jamsos never deletes events on a server; give --store an empty database (a new server or container) instead');
    return;
  }
  if (existsSync(target.path)) {
    if (!force) throw new UsageError(`${target.path} already exists: give --force to replace it with a new demo, or --db another path`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.path}${suffix}`, { force: true });
  }
};

/** The first line of the demo's output: what was written where. */
const describeStore = (context: Context): string =>
  context.backend === 'sqlite' ? `Demo store ${context.where}` : `Demo history on EventStoreDB at ${context.where} (read models in ${context.readModelsPath})`;

/** `jamsos demo`: the main job. */
export const demoCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['size', 'seed', 'force', ...STORE_OPTIONS]);
  const size = Number(optionOf(args, 'size') ?? 6000);
  const seed = Number(optionOf(args, 'seed') ?? 1);
  if (!Number.isInteger(size) || size < 10 || size > 2_000_000) throw new UsageError(`--size takes a whole number from 10 to 2,000,000 (got ${optionOf(args, 'size')})`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed takes a whole number (got ${optionOf(args, 'seed')})`);
  const target = storeTargetOf(args);
  prepare(target, flagOf(args, 'force'));
  const started = Date.now();
  const context = await openContext(target, { create: true, requireEmpty: true });
  try {
    context.markSynthetic(`Synthetic demo data (jamsos demo --size ${size} --seed ${seed}): not real participants or official figures.`);
    const progress = progressBar('writing demo history');
    const written = await appendDemo(context.store, { participants: size, seed, scaleDenominators: true }, context.policy, context.clock, (done: number, total: number) => progress.update(done, total));
    progress.finish();
    const models = await catchUp(context);
    const asOf = asOfDate(args, models.fund, context.clock());
    const coverage = coverageAsOf(models.coverage, asOf, context.policy.at(asOf));
    const fund = fundAsOf(models.fund, asOf);
    output.out(`${describeStore(context)}: ${written.events.toLocaleString('en')} events for ${written.participants.toLocaleString('en')} synthetic participants (1 stands for about ${written.scale} workers; labour force and head-count targets are scaled by the same factor), written in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    output.out(coverageTables(coverage, context.policy));
    output.out('');
    output.out(fundTables(fund, context.policy));
    const where = storeArgs(target);
    output.out(`\nNext (from the repository):\n  pnpm jamsos coverage ${where} --as-of 2024-12-31\n  pnpm jamsos fund ${where} --branch KC-CILEGON --monthly\n  pnpm jamsos report ${where} --html report.html`);
    return 0;
  } finally {
    await context.close();
  }
};
