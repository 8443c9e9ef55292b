import { existsSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { coverageAsOf, fundAsOf } from '@jamsos/projections';
import { appendDemo } from '../demo/index.js';
import { checkOptions, flagOf, optionOf, UsageError, type ParsedArgs } from '../args.js';
import { DEFAULT_DB, openContext } from '../context.js';
import { progressBar } from '../format/progress.js';
import { catchUp } from '../projections.js';
import { coverageTables, fundTables } from './tables.js';
import { asOfDate, type Output } from './shared.js';

/** What `jamsos demo --help` prints. */
export const demoHelp = `jamsos demo [--size N] [--seed N] [--db PATH] [--force]

Creates an embedded store and writes a deterministic, synthetic multi-year history for Cilegon,
Serang and Kendal (labour force and targets, PU, BPU, Jakon and PMI members, city- and civil-servant-
sponsored Rp16,800 contributions, arrears and lapses, JKK and JKM claims decided under the baseline
policy and paid to heirs), calibrated to public figures; rebuilds the read models; and prints coverage
and fund balance per branch. --size is the number of demo participants (default 6000); the same
--seed gives the same history. The store goes to --db (default ./${DEFAULT_DB}); --force replaces it.`;

/** `jamsos demo`: the main job. */
export const demoCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['size', 'seed', 'db', 'force']);
  const size = Number(optionOf(args, 'size') ?? 6000);
  const seed = Number(optionOf(args, 'seed') ?? 1);
  if (!Number.isInteger(size) || size < 10 || size > 2_000_000) throw new UsageError(`--size takes a whole number from 10 to 2,000,000 (got ${optionOf(args, 'size')})`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed takes a whole number (got ${optionOf(args, 'seed')})`);
  const path = resolve(optionOf(args, 'db') ?? DEFAULT_DB);
  if (existsSync(path)) {
    if (!flagOf(args, 'force')) throw new UsageError(`${path} already exists: give --force to replace it with a new demo, or --db another path`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
  const started = Date.now();
  const context = openContext(path, { create: true });
  try {
    context.markSynthetic(`Synthetic demo data (jamsos demo --size ${size} --seed ${seed}): not real participants or official figures.`);
    const progress = progressBar('writing demo history');
    const written = await appendDemo(context.store, { participants: size, seed, scaleDenominators: true }, context.policy, context.clock, (done: number, total: number) => progress.update(done, total));
    progress.finish();
    const models = await catchUp(context);
    const asOf = asOfDate(args, models.fund, context.clock());
    const coverage = coverageAsOf(models.coverage, asOf, context.policy.at(asOf));
    const fund = fundAsOf(models.fund, asOf);
    output.out(`Demo store ${path}: ${written.events.toLocaleString('en')} events for ${written.participants.toLocaleString('en')} synthetic participants (1 stands for about ${written.scale} workers; labour force and head-count targets are scaled by the same factor), written in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    output.out(coverageTables(coverage, context.policy));
    output.out('');
    output.out(fundTables(fund, context.policy));
    const db = relative(process.cwd(), path) || path;
    output.out(`\nNext (from the repository):\n  pnpm jamsos coverage --db ${db} --as-of 2024-12-31\n  pnpm jamsos fund --db ${db} --branch KC-CILEGON --monthly\n  pnpm jamsos report --db ${db} --html report.html`);
    return 0;
  } finally {
    await context.close();
  }
};
