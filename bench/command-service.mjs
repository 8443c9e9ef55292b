// What one command costs through the command service (validation, the stream read and decided, the
// append with its expected revision), against the store's bare single-event append measured by
// `pnpm bench`. Run with `node bench/command-service.mjs [--participants 1000] [--months 3] [--runs 3]`
// after `pnpm build`. Method and results: docs/performance.md, "Appends: through the command service".
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCommandService, createInMemoryEventStore, loadRecordedLog, replayLog } from '../packages/core/dist/index.js';
import { appendDemo } from '../packages/cli/dist/demo/index.js';
import { baselinePolicy, contributionDue, IsoDate, Period } from '../packages/domain/dist/index.js';
import { createSqliteEventStore } from '../packages/store-sqlite/dist/index.js';
import { median } from './lib/measure.mjs';

const argument = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const participants = Number(argument('participants', '1000'));
const months = Number(argument('months', '3'));
const runs = Number(argument('runs', '3'));
/** After the demo's last month (2025-06): every command is stamped now. */
const NOW = '2025-12-31T00:00:00.000Z';
const right = (either, what) => {
  if (either._tag !== 'Right') throw new Error(`${what}: ${JSON.stringify(either.left)}`);
  return either.right;
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * The commands: for each enrolled, unlapsed demo member, its next `months` contributions in turn (month
 * 1 of every member, then month 2, ...), paid by the member on the 10th of the month, of the amount due
 * under the baseline policy: the ordinary work of a branch posting payments. The states come from a
 * replay of the demo history under the baseline policy (the recorded states).
 */
const paymentCommands = async (store) => {
  const log = right(await loadRecordedLog(store)(), 'load');
  const outcome = right(
    replayLog(log, { policy: baselinePolicy }, () => {}),
    'replay',
  );
  const commands = [];
  for (let k = 1; k <= months; k++)
    for (const [participantId, state] of outcome.participants) {
      if (state.status !== 'enrolled') continue;
      const period = Period.fromIndex(state.paidThroughIndex + k);
      const due = contributionDue(state, baselinePolicy.at(Period.firstDay(period)));
      if (due === undefined) continue;
      const paidOn = IsoDate.addDays(Period.firstDay(period), 9);
      commands.push({ type: 'PayContribution', participantId, period, total: due.total, payer: { type: 'self' }, paymentReference: `BENCH-${participantId}-${period}`, paidOn });
    }
  return commands;
};

/** Executes the commands (as untyped input: validated first) one at a time, or `inflight` at once, each lane owning its participants. */
const execute = async (service, commands, inflight) => {
  const answers = new Map();
  const one = async (command) => {
    const result = await service.execute(command)();
    const key = result._tag === 'Right' ? (result.right.appended ? 'appended' : 'unchanged') : result.left._tag;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  };
  if (inflight <= 1) for (const command of commands) await one(command);
  else {
    const lanes = Array.from({ length: inflight }, () => []);
    const laneOf = new Map();
    for (const command of commands) {
      if (!laneOf.has(command.participantId)) laneOf.set(command.participantId, laneOf.size % inflight);
      lanes[laneOf.get(command.participantId)].push(command);
    }
    await Promise.all(
      lanes.map(async (lane) => {
        for (const command of lane) await one(command);
      }),
    );
  }
  return Object.fromEntries(answers);
};

/** One measured run on a fresh store holding the demo history: wall and CPU ms for the commands. */
const measure = async (kind, inflight) => {
  const dir = mkdtempSync(join(tmpdir(), 'jamsos-commands-'));
  const store = kind === 'memory' ? createInMemoryEventStore() : createSqliteEventStore({ path: join(dir, 'bench.db'), durability: 'normal' });
  try {
    await appendDemo(store, { participants, seed: 1 }, baselinePolicy, () => NOW);
    const commands = await paymentCommands(store);
    const service = createCommandService({ store, clock: () => NOW, policy: baselinePolicy });
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const answers = await execute(service, commands, inflight);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    return { commands: commands.length, answers, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    store.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
};

console.log(`Command service bench: Node ${process.version}, ${cpus().length} cores, ${participants} demo participants (seed 1), ${months} months of PayContribution each, median of ${runs} runs; load average ${loadavg()[0].toFixed(1)}`);
console.log('| store | in flight | commands | answers | µs per command, wall (CPU) | commands/s, wall (CPU) |');
console.log('| --- | ---: | ---: | --- | ---: | ---: |');
for (const kind of ['memory', 'sqlite'])
  for (const inflight of [1, 16]) {
    const samples = [];
    for (let r = 0; r < runs; r++) samples.push(await measure(kind, inflight));
    const wall = median(samples.map((s) => s.wallMs));
    const cpu = median(samples.map((s) => s.cpuMs));
    const { commands, answers } = samples[0];
    console.log(
      `| ${kind === 'sqlite' ? 'SQLite (NORMAL)' : 'memory'} | ${inflight} | ${fmt(commands)} | ${JSON.stringify(answers)} | ${((1000 * wall) / commands).toFixed(0)} (${((1000 * cpu) / commands).toFixed(0)}) | ${fmt(commands / (wall / 1000))} (${fmt(commands / (cpu / 1000))}) |`,
    );
  }
console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
