// A projection process for the reliability suites (concurrency.test.ts, crash.test.ts). It uses the
// BUILT packages (their dist/), so the tests build them first. One JSON object per stdout line.
//
//   node projector.mjs <db> [--save-every N] [--once] [--live]
//
// Catches the coverage and fund read models up with `runProjection` (saving state and checkpoint
// every N events), again and again: for each pass it prints {start: name, from} (the checkpoint it
// resumes after), {p: name, at} for every event folded, and {end: name, position, processed}.
// --once: one pass of each, then exit. Otherwise it loops until a line arrives on stdin, then makes
// a last pass and exits (or until it is killed).
// --live: also runs both projections live (`startLiveProjection` on a polling subscription) into the
// read models "live:coverage" and "live:fund", stopped (and committed) before exiting.
import { setTimeout as sleep } from 'node:timers/promises';
import { pollingSubscription, runProjection, startLiveProjection } from '@jamsos/core';
import { coverageProjection, fundProjection } from '@jamsos/projections';
import { createSqliteEventStore, createSqliteReadModelStore } from '@jamsos/store-sqlite';

const [path, ...flags] = process.argv.slice(2);
const saveEvery = flags.includes('--save-every') ? Number(flags[flags.indexOf('--save-every') + 1]) : 3;
const once = flags.includes('--once');
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const store = createSqliteEventStore({ path });
const readModels = createSqliteReadModelStore(store.database);
const projections = [coverageProjection, fundProjection];

/** The read models of the live runs, under their own names in the same table. */
const prefixed = (prefix) => ({ load: (name) => readModels.load(prefix + name), save: (name, snapshot) => readModels.save(prefix + name, snapshot) });
const live = flags.includes('--live')
  ? projections.map((projection) =>
      startLiveProjection({
        subscribe: pollingSubscription(store, { intervalMs: 10 }),
        readModels: prefixed('live:'),
        projection,
        saveEvery,
        commitDelayMs: 5,
        backoff: { initialMs: 5, maxMs: 20, maxAttempts: 5 },
      }),
    )
  : [];

/** The last position each projection's runProjection pass reached. */
const reached = new Map();

const pass = async (projection) => {
  const from = (await readModels.load(projection.name))?.position ?? null;
  say({ start: projection.name, from });
  const result = await runProjection({ store, readModels, projection, saveEvery, progressEvery: 1, onProgress: (_, at) => say({ p: projection.name, at }) })();
  if (result._tag === 'Left') throw new Error(`${projection.name}: ${JSON.stringify(result.left)}`);
  reached.set(projection.name, result.right.position);
  say({ end: projection.name, position: result.right.position ?? null, processed: result.right.processed });
};

let stopping = once;
process.stdin.once('data', () => (stopping = true));

const main = async () => {
  for (;;) {
    const last = stopping;
    for (const projection of projections) await pass(projection);
    if (last) break;
    await sleep(2);
  }
  for (const [i, running] of live.entries()) {
    // Caught up with everything the last pass saw (the log no longer grows), then stopped.
    const at = reached.get(projections[i].name);
    if (at !== undefined) {
      const waited = await running.waitFor(at);
      if (waited._tag === 'Left') throw new Error(`live: ${JSON.stringify(waited.left)}`);
    }
    const stopped = await running.stop();
    if (stopped._tag === 'Left') throw new Error(`live: ${JSON.stringify(stopped.left)}`);
    say({ live: true, stats: stopped.right });
  }
  say({ done: true });
};

main()
  .then(() => store.close())
  .then(() => process.exit(0), (error) => (console.error(error), process.exit(1)));
