// What-if replay throughput: replayLog over an in-memory demo log, once the facts are loaded.
// Run with `pnpm bench:what-if` (builds first) or `node bench/what-if-replay.mjs [--scales 1000000,10000000] [--runs 5] [--also-default-flags]`.
// Each scale runs in its own child process (its own heap, so peak RSS is per scale); the parent prints the table.
// The child runs on one core (see ONE_CORE below); --also-default-flags runs each scale a second time with
// Node's default flags, unpinned, for comparison.
// Method and results: docs/performance.md, "What-if replay".
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { createInMemoryEventStore, loadRecordedLog, prepareScenario, recordedLogOf, replayLog } from '../packages/core/dist/index.js';
import { appendDemo, generateDemo } from '../packages/cli/dist/demo/index.js';
import { baselinePolicy, encodeEvent } from '../packages/domain/dist/index.js';
import { coverageProjection, fundProjection } from '../packages/projections/dist/index.js';
import { onOneCore, pinnedCpu } from './lib/one-core.mjs';

const SEED = 1;
/** The demo's clock: after every simulated knowledge time of a demo ending 2025-06, so nothing is refused as recorded in the future. */
const NOW = '2030-01-01T00:00:00.000Z';
/** Events per demo participant (seed 1, 2022-01 to 2025-06): 525,280 events for 20,000 participants. */
const EVENTS_PER_PARTICIPANT = 26.264;
/** Up to this many events, the bench also replays the log as an array of objects, for comparison (about 1 KB of heap an event). */
const OBJECTS_UP_TO = 2_000_000;
const REFORM = { name: 'jkm-30m-2023', description: 'JKM lump sum Rp30,000,000 from 2023', patches: [{ path: 'jkm.benefit.lumpSum', start: '2023-01-01', value: 30_000_000 }] };

const argument = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const fail = (message) => {
  throw new Error(message);
};
/** The value of an fp-ts Either, or an error naming what failed. */
const right = (either, what) => (either._tag === 'Right' ? either.right : fail(`${what}: ${JSON.stringify(either.left)}`));

/**
 * The store's global log, streamed from the demo generator: what createInMemoryEventStore holds after
 * appendDemo (batches appended in the generator's order, encoded data, detached copies, positions
 * stepping by 2, each event's knowledge time), without holding the log twice. Event ids are left out:
 * loadRecordedLog does not keep them, and 10 million uuid v5 would only slow the setup.
 * loadRecordedLog keeps the log compactly (a RecordedLog: payments as columns, other events as objects).
 */
const streamingDemoStore = (participants) => ({
  async *readAll() {
    let index = 0;
    for (const batch of generateDemo({ participants, seed: SEED }, baselinePolicy)) {
      for (const [i, event] of batch.events.entries()) {
        const stored = encodeEvent(event);
        index++;
        // A generator without simulated knowledge times records every event at the clock's time.
        const metadata = { schemaVersion: stored.schemaVersion, recordedAt: batch.recordedAt?.[i] ?? NOW, correlationId: batch.businessKey };
        yield { id: '', type: stored.type, data: globalThis.structuredClone(stored.data), metadata, streamName: batch.streamName, revision: (batch.firstIndex ?? 0) + i, globalPosition: index * 2 };
      }
    }
  },
});

/** The demo history in memory, as the engine reads it (loadRecordedLog: decoded, trusted, a RecordedLog). */
const loadDemoLog = async (participants) => right(await loadRecordedLog(streamingDemoStore(participants))(), 'load');

/** The streamed log equals the one appendDemo writes to the in-memory store and loadRecordedLog reads back (checked on a small demo). */
const checkLogSource = async () => {
  const store = createInMemoryEventStore();
  await appendDemo(store, { participants: 300, seed: SEED }, baselinePolicy, () => NOW);
  const viaStore = right(await loadRecordedLog(store)(), 'load (store)');
  if (!isDeepStrictEqual([...viaStore], [...(await loadDemoLog(300))])) fail('the streamed demo log differs from appendDemo + the in-memory store');
  return viaStore.length;
};

/** A sink folding the fund and coverage projections, as the what-if report does for each side (core's foldIntoSide). */
const projectionsSink = () => {
  const fund = fundProjection.initial();
  const coverage = coverageProjection.initial();
  const fundTypes = new Set(fundProjection.eventTypes);
  const coverageTypes = new Set(coverageProjection.eventTypes);
  return (event, globalPosition, recordedAt) => {
    const position = { globalPosition, recordedAt };
    if (fundTypes.has(event.type)) fundProjection.apply(fund, event, position);
    if (coverageTypes.has(event.type)) coverageProjection.apply(coverage, event, position);
  };
};

const noop = () => {};
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const gc = () => globalThis.gc?.();

/**
 * After a forced collection, waits until the collector's background threads are idle (the process uses
 * next to no CPU while it sleeps), so their work (sweeping what the collection freed) is not billed to
 * the next timed run. The replay's own collections are billed in full: they happen inside the run.
 */
const settle = async () => {
  for (let i = 0; i < 200; i++) {
    const c0 = process.cpuUsage();
    await sleep(50);
    if (cpuMs(c0) < 5) return;
  }
};

/** Times one call of fn after a collection (so runs start alike): wall and CPU milliseconds. */
const timeOnce = async (fn) => {
  gc();
  await settle();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  return { wallMs: performance.now() - t0, cpuMs: cpuMs(c0), result };
};

/**
 * Runs every case `runs` times, interleaved run by run (so a burst of load from other processes hits
 * the cases alike): the median wall and CPU milliseconds of each, and the result of its last run.
 */
const timeInterleaved = async (runs, cases) => {
  const samples = cases.map(() => ({ wall: [], cpu: [], result: undefined }));
  for (let r = 0; r < runs; r++)
    for (const [i, { run }] of cases.entries()) {
      const { wallMs, cpuMs: cpu, result } = await timeOnce(run);
      samples[i].wall.push(wallMs);
      samples[i].cpu.push(cpu);
      samples[i].result = result;
    }
  return samples.map(({ wall, cpu, result }) => ({ wallMs: median(wall), cpuMs: median(cpu), result }));
};

/** A digest of every counterfactual event (type, data, position), computed in an untimed pass: equal digests, equal results. */
const digestOf = (log, policy) => {
  const hash = createHash('sha256');
  const outcome = right(replayLog(log, { policy }, (event, position) => hash.update(`${position} ${JSON.stringify(event)}\n`)), 'replay');
  hash.update(JSON.stringify(outcome.counts));
  return { digest: hash.digest('hex').slice(0, 16), counts: outcome.counts };
};

const child = async () => {
  const runs = Number(argument('runs', '5'));
  const target = Number(argument('events', '1000000'));
  const participants = Math.round(target / EVENTS_PER_PARTICIPANT);
  const t0 = performance.now();
  const log = await loadDemoLog(participants);
  const loadSeconds = (performance.now() - t0) / 1000;
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  // The log's columns are typed arrays, outside the JS heap: both count.
  const heapAfterLoadMb = (heapUsed + arrayBuffers) / 1e6;
  const reformed = right(prepareScenario({ baseline: baselinePolicy, reforms: [REFORM] }), 'reform').counterfactual;
  const policies = { baseline: baselinePolicy, [REFORM.name]: reformed };
  // Warm the JIT on the first 200,000 events, untimed.
  const head = [];
  for (const logged of log) {
    if (head.length === 200_000) break;
    head.push(logged);
  }
  for (const policy of Object.values(policies)) replayLog(recordedLogOf(head), { policy }, projectionsSink());
  const floor = () => {
    let sum = 0;
    const positions = log.positions;
    for (let i = 0; i < log.length; i++) sum += positions[i];
    return sum;
  };
  const sinks = [
    ['no-op', () => noop],
    ['fund + coverage', projectionsSink],
  ];
  const cases = [{ policy: '-', sink: 'floor: read one field', run: floor }];
  for (const [name, policy] of Object.entries(policies)) {
    const { digest, counts } = digestOf(log, policy);
    const refused = Object.values(counts.paymentsRefused).reduce((a, b) => a + b, 0);
    for (const [sink, makeSink] of sinks)
      cases.push({ policy: name, sink, digest, emitted: counts.eventsEmitted, refused, changed: counts.claimsDecisionChanged, run: () => right(replayLog(log, { policy }, makeSink()), 'replay').counts.eventsRead });
  }
  // For comparison, at small scales: the same events as an array of objects, which the engine replays
  // event by event through the deciders (no columns, no payments in place). Same digest expected.
  const objects = log.length <= OBJECTS_UP_TO ? [...log] : undefined;
  if (objects !== undefined) {
    const policy = policies[REFORM.name];
    const { digest, counts } = digestOf(objects, policy);
    cases.push({ policy: `${REFORM.name}, events as objects`, sink: 'no-op', digest, emitted: counts.eventsEmitted, refused: Object.values(counts.paymentsRefused).reduce((a, b) => a + b, 0), changed: counts.claimsDecisionChanged, run: () => right(replayLog(objects, { policy }, noop), 'replay').counts.eventsRead });
  }
  const loadBefore = loadavg()[0];
  const timed = await timeInterleaved(runs, cases);
  const load = [loadBefore, loadavg()[0]];
  const rows = cases.map(({ run: _run, ...row }, i) => {
    const { wallMs, cpuMs: cpu, result } = timed[i];
    if (row.digest !== undefined && result !== log.length) fail(`replayed ${result} of ${log.length} events`);
    return { ...row, wallMs, cpuMs: cpu };
  });
  let paid = log.payments.participant.length;
  for (const event of log.objects) if (event.type === 'ContributionPaid') paid++;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ events: log.length, participants, loadSeconds, heapAfterLoadMb, peakRssMb, load, paidShare: paid / log.length, columnShare: log.payments.participant.length / log.length, runs, rows }));
};

/**
 * "On one core", as the issue asks: the child process pinned to one CPU (`taskset`, where it exists) and
 * V8's collector on the main thread (`--single-threaded-gc`), so every thread's work is done by that
 * core and CPU time equals the core's busy time; with a young generation of 64 MB (V8's default is
 * 16 MB), the setting a process that replays long histories would run with (fewer scavenges, each
 * copying the same long-lived participant states). Without pinning, the collector's helper threads
 * run on other cores, and their CPU time is counted against the replay all the same.
 */
const ONE_CORE_FLAGS = ['--single-threaded-gc', '--max-semi-space-size=64'];
const childCommand = (oneCore, nodeArgs) => {
  if (!oneCore) return { file: process.execPath, args: nodeArgs, label: "Node's default flags, not pinned (the collector's helper threads on every core, their CPU time counted)" };
  const { file, args, pinned } = onOneCore(process.execPath, [...ONE_CORE_FLAGS, ...nodeArgs]);
  return { file, args, label: pinned ? `one core: pinned to CPU ${pinnedCpu} (taskset), ${ONE_CORE_FLAGS.join(' ')}` : `one core: ${ONE_CORE_FLAGS.join(' ')} (not pinned: taskset not found)` };
};

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const parent = async () => {
  const scales = argument('scales', '1000000,10000000').split(',').map(Number);
  const runs = argument('runs', '5');
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model;
  const configurations = process.argv.includes('--also-default-flags') ? [true, false] : [true];
  console.log(`What-if replay bench: Node ${process.version}, ${cpus().length} cores (${cpuModel}), demo seed ${SEED}, median of ${runs} runs`);
  console.log(`Log source check: the streamed demo log equals appendDemo + in-memory store + loadRecordedLog (${await checkLogSource()} events)\n`);
  for (const { events, oneCore } of scales.flatMap((events) => configurations.map((oneCore) => ({ events, oneCore })))) {
    // Heap for the loaded log (about 150 bytes an event as a RecordedLog, 1 KB as objects), the replay's
    // states and the projections' (the fund + coverage sink holds every member's payments).
    const heapMb = Math.max(4096, Math.ceil(events / 1e6) * 1000 + 2048);
    const command = childCommand(oneCore, [`--max-old-space-size=${heapMb}`, '--expose-gc', new URL(import.meta.url).pathname, '--child', '--events', String(events), '--runs', runs]);
    const run = spawnSync(command.file, command.args, {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (run.status !== 0) {
      console.log(`${fmt(events)} events: the child failed (status ${run.status}, signal ${run.signal})\n`);
      continue;
    }
    const r = JSON.parse(run.stdout);
    console.log(`process: ${command.label}`);
    console.log(
      `${fmt(r.events)} events (${fmt(r.participants)} participants, ${fmt(100 * r.paidShare, 1)}% ContributionPaid, ${fmt(100 * r.columnShare, 1)}% held as columns): generated and loaded in ${fmt(r.loadSeconds, 1)} s, heap after load ${fmt(r.heapAfterLoadMb)} MB (JS heap and typed arrays), peak RSS ${fmt(r.peakRssMb)} MB; load average ${fmt(r.load[0], 1)} before the timed runs, ${fmt(r.load[1], 1)} after`,
    );
    console.log('| policy | sink | wall s | CPU s | events/s (CPU) | events/s (wall) | emitted | refused payments | changed claims | digest |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const row of r.rows)
      console.log(
        `| ${row.policy} | ${row.sink} | ${fmt(row.wallMs / 1000, 3)} | ${fmt(row.cpuMs / 1000, 3)} | ${fmt(r.events / (row.cpuMs / 1000))} | ${fmt(r.events / (row.wallMs / 1000))} | ${row.emitted === undefined ? '' : fmt(row.emitted)} | ${row.refused ?? ''} | ${row.changed ?? ''} | ${row.digest ?? ''} |`,
      );
    // The issue's figure: the replay itself (every decision re-derived), no projection, by CPU time of
    // every thread of the process (the collector's helper threads included, when there are any).
    const replays = r.rows.filter((row) => row.sink === 'no-op' && !row.policy.includes('as objects'));
    const rates = replays.map((row) => r.events / (row.cpuMs / 1000));
    const slowest = Math.min(...rates);
    console.log(
      oneCore
        ? `target ≥ 1,000,000 events/s on one core (no-op sink, CPU time): ${replays.map((row, i) => `${row.policy} ${fmt(rates[i])}`).join(', ')} → ${slowest >= 1_000_000 ? 'MET' : 'NOT MET'}`
        : `for comparison, with Node's default flags (no-op sink, CPU time of every thread): ${replays.map((row, i) => `${row.policy} ${fmt(rates[i])}`).join(', ')}`,
    );
    console.log('');
  }
};

await (process.argv.includes('--child') ? child() : parent());
