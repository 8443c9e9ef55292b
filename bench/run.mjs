// pnpm bench: jamsos against the floor and against Emmett on the demo history. See bench/README.md.
//   node bench/run.mjs [--size 1m] [--small 250k] [--seed 1] [--runs 5] [--only appends,rebuild,memory,esdb,growth,whatif] [--breakdown] [--no-emmett] [--one-core]
// Every measurement runs in a child process (bench/task.mjs) so that its peak RSS is its own; the
// figures are medians of --runs runs after one warm-up, with CPU time (user + system, all threads of
// the process) next to wall time: other work on this machine slows wall time, not CPU time.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { basename, join } from 'node:path';
import { dataDir, describeDataset, ensureDataset, parseSize, sizeLabel, benchDir } from './lib/dataset.mjs';
import { median } from './lib/measure.mjs';
import { hasTaskset, onOneCore, pinnedCpu } from './lib/one-core.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const flag = (name) => args.includes(`--${name}`);
const size = parseSize(option('size', '1m'));
const small = parseSize(option('small', '250k'));
const seed = Number(option('seed', '1'));
const runs = Number(option('runs', '5'));
const only = option('only', 'appends,rebuild,memory,esdb,growth,whatif').split(',');
const breakdown = flag('breakdown');
/**
 * --one-core: every measuring process pinned to one CPU (taskset), so all of its threads (V8's
 * collector helpers, the sqlite3 driver's pool) share that core and its CPU time is one core's busy
 * time. Without it, helper threads on the other cores add their CPU time (see docs/performance.md).
 */
const oneCore = flag('one-core');
const INFLIGHT = 16;
/** The protocol test server reads a few thousand events a second through grpc-js: it gets the first streams of the dataset. */
const ESDB_STREAMS = 1_000;
const started = performance.now();
const log = (line) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/** Runs bench/task.mjs with a spec and answers its JSON line; a failed task is run once more (a dropped gRPC connection under load). */
const task = (spec) => taskOnce(spec).catch((error) => (log(`${error.message}: running it again`), taskOnce(spec)));
const taskOnce = (spec) =>
  new Promise((resolve, reject) => {
    const args = [join(benchDir, 'task.mjs'), JSON.stringify(spec)];
    const command = oneCore ? onOneCore(process.execPath, args) : { file: process.execPath, args };
    const child = spawn(command.file, command.args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`task ${spec.task} ${spec.variant ?? spec.store ?? ''} exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });

/** Starts the EventStoreDB protocol test server in its own process (loaded with the dataset if given). */
const esdbServer = (spec) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(benchDir, 'task.mjs'), JSON.stringify({ task: 'esdb-server', ...spec })], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ ...JSON.parse(out.split('\n')[0]), stop: () => new Promise((done) => (child.on('exit', done), child.stdin.end())) });
    });
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`test server exited ${code}`))));
  });

/** Reads a file once so that every variant starts with it in the page cache. */
const warmFile = (path) => new Promise((resolve, reject) => createReadStream(path, { highWaterMark: 1 << 20 }).on('data', () => {}).on('end', resolve).on('error', reject));

// ---------------------------------------------------------------------------------------------
// Formatting

const fmt = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const rate = (events, ms) => (events / ms) * 1000;
const pad = (text, width, left = false) => (left ? String(text).padEnd(width) : String(text).padStart(width));
const table = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => pad(c ?? '', widths[i], i === 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}`);

/** Median figures of samples [{wallMs, cpuMs, events}]: events/s by wall and by CPU, CPU share, spread. */
const summarise = (samples) => {
  const wall = samples.map((s) => rate(s.events, s.wallMs));
  const cpu = samples.map((s) => rate(s.events, s.cpuMs));
  const w = median(wall);
  return {
    events: samples[0]?.events,
    wallRate: w,
    cpuRate: median(cpu),
    cpuShare: median(samples.map((s) => s.cpuMs / s.wallMs)),
    spread: (Math.max(...wall) - Math.min(...wall)) / w,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
  };
};

const report = { started: new Date().toISOString(), machine: {}, datasets: {}, appends: [], rebuild: {}, growth: {} };
const printed = [];
const print = (text = '') => {
  printed.push(text);
  process.stdout.write(`${text}\n`);
};

// ---------------------------------------------------------------------------------------------

const main = async () => {
  const cpu = cpus();
  report.machine = { cores: cpu.length, cpu: cpu[0]?.model, node: process.version, loadAverageAtStart: loadavg() };
  mkdirSync(dataDir, { recursive: true });

  const path = await ensureDataset(size, seed, log);
  const dataset = describeDataset(path);
  report.datasets.main = { path, ...dataset };
  const smallPath = only.includes('growth') ? await ensureDataset(small, seed, log) : undefined;
  const smallDataset = smallPath === undefined ? undefined : describeDataset(smallPath);
  if (smallPath !== undefined) report.datasets.small = { path: smallPath, ...smallDataset };

  print(`jamsos bench · ${cpu.length} cores (${cpu[0]?.model}) · Node ${process.version} · load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (oneCore) print(hasTaskset() ? `--one-core: every measuring process pinned to CPU ${pinnedCpu} (taskset), all its threads on that core` : '--one-core: taskset not found, processes NOT pinned');
  print(
    `dataset: demo seed ${seed}, ${fmt(dataset.events)} events in ${fmt(dataset.streams)} streams (${fmt(dataset.participants)} participants); ` +
      `mean event ${dataset.meanDataBytes} B data + ${dataset.meanMetadataBytes} B metadata JSON`,
  );
  print(`median of ${runs} runs (appends, memory and the test server after 1 warm-up run; SQLite rebuilds: a fresh process per run); rates in events/s by wall time and by CPU time (user+system of the measuring process); CPU% = CPU time / wall time`);
  print();

  // --- Appends ---------------------------------------------------------------------------------
  if (only.includes('appends')) {
    const stores = [
      // [store, label, count for single appends, count for batches]
      ['memory', 'jamsos memory', 10_000, 20_000],
      ['emmett-memory', 'Emmett memory', 5_000, 10_000],
      ['sqlite-normal', 'jamsos SQLite NORMAL', 5_000, 20_000],
      ['emmett-sqlite-normal', 'Emmett SQLite NORMAL', 2_000, 10_000],
      ['sqlite-full', 'jamsos SQLite FULL', 300, 3_000],
      ['emmett-sqlite-full', 'Emmett SQLite FULL', 300, 3_000],
      ['esdb', 'jamsos ESDB test server', 1_000, 5_000],
    ];
    const rows = [];
    for (const [store, label, singles, batched] of stores) {
      const server = store === 'esdb' ? await esdbServer({}) : undefined;
      const row = { store, label };
      for (const mode of ['sequential', 'inflight', 'batch']) {
        log(`appends: ${label}, ${mode}`);
        const result = await task({ task: 'append', store, mode, inflight: INFLIGHT, streams: 1000, count: mode === 'batch' ? batched : singles, runs, dataset: path, url: server?.url });
        row[mode] = { ...summarise(result.samples), peakRssMb: result.peakRssMb };
      }
      if (server !== undefined) await server.stop();
      rows.push(row);
      report.appends.push(row);
    }
    const byStore = Object.fromEntries(rows.map((r) => [r.store, r]));
    print(`APPENDS: single-event appends with the exact expected revision (round robin over 1,000 demo participant streams), one at a time and ${INFLIGHT} in flight from one process; and one batch per stream (~26 events, expected no stream). events/s, wall (CPU)`);
    const cell = (f) => `${fmt(f.wallRate)} (${fmt(f.cpuRate)}) ${fmt(f.cpuShare * 100)}%`;
    const peer = { memory: 'emmett-memory', 'sqlite-normal': 'emmett-sqlite-normal', 'sqlite-full': 'emmett-sqlite-full' };
    print(
      table(
        ['store', 'sequential: wall (CPU) CPU%', `${INFLIGHT} in flight`, 'batches', 'jamsos/Emmett seq · in flight · batch (wall)'],
        rows.map((r) => [
          r.label,
          cell(r.sequential),
          cell(r.inflight),
          cell(r.batch),
          peer[r.store] === undefined ? '' : ['sequential', 'inflight', 'batch'].map((m) => ratio(r[m].wallRate, byStore[peer[r.store]][m].wallRate)).join(' · '),
        ]),
      ),
    );
    const target = byStore['sqlite-normal'];
    if (target !== undefined) {
      const best = Math.max(target.sequential.wallRate, target.inflight.wallRate);
      print(
        `target ≥ 20,000 single-event appends/s on SQLite (NORMAL): sequential ${fmt(target.sequential.wallRate)}/s wall, ${fmt(target.sequential.cpuRate)}/s CPU; ` +
          `${INFLIGHT} in flight ${fmt(target.inflight.wallRate)}/s wall, ${fmt(target.inflight.cpuRate)}/s CPU → ${best >= 20_000 ? 'MET' : target.inflight.cpuRate >= 20_000 ? 'met by CPU time only (wall time lost to other load)' : 'NOT MET'}`,
      );
    }
    print();
  }

  // --- Rebuild from SQLite ---------------------------------------------------------------------
  const emmettFile = join(dataDir, basename(path).replace(/^demo-/, 'emmett-'));
  if (only.includes('rebuild')) {
    const withEmmett = !flag('no-emmett');
    if (withEmmett && !existsSync(emmettFile)) {
      log(`building Emmett's SQLite copy of the dataset (${emmettFile}) ...`);
      const built = await task({ task: 'build-emmett-sqlite', dataset: path, file: emmettFile });
      log(`  ${fmt(built.events)} events in ${fmt(built.wallMs / 1000)} s`);
    }
    await warmFile(path);
    if (withEmmett) await warmFile(emmettFile);
    const variants = ['floor', 'jamsos', ...(withEmmett ? ['emmett'] : []), ...(breakdown ? ['floor-meta', 'floor-fold', 'read'] : [])];
    const samples = Object.fromEntries(variants.map((v) => [v, { coverage: [], fund: [], rss: { coverage: [], fund: [] } }]));
    const fingerprints = {};
    // Each run is a fresh process reading files already in the page cache: no warm-up round here
    // (the JIT warms up within the first few thousand of a million events).
    for (let round = 1; round <= runs; round++) {
      for (const variant of variants) {
        for (const projection of ['coverage', 'fund']) {
          log(`rebuild from SQLite: run ${round}/${runs}, ${variant}, ${projection}`);
          const result = await task({ task: 'rebuild-sqlite', variant, projections: [projection], dataset: path, emmettFile });
          const r = result.result[projection];
          if (r.fingerprint !== undefined) (fingerprints[projection] ??= {})[variant] = r.fingerprint;
          samples[variant][projection].push(r);
          samples[variant].rss[projection].push(result.peakRssMb);
        }
      }
    }
    report.rebuild.sqlite = { samples, fingerprints };
    printRebuild('REBUILD FROM SQLITE', samples, fingerprints, dataset.events, { floor: 'floor: better-sqlite3 iterate of the same rows, JSON.parse(data), sum data.total', emmett: 'Emmett: emmett-sqlite store (sqlite3 driver), readMessagesBatch (fund) and aggregateStream per stream (coverage)' });
  }

  // --- Rebuild from memory ---------------------------------------------------------------------
  if (only.includes('memory')) {
    if (size > 2_000_000) print(`REBUILD FROM MEMORY: skipped at ${sizeLabel(size)} (the whole log would be held in memory twice)\n`);
    else {
      log('rebuild from memory: jamsos and the floor on the whole dataset ...');
      const whole = await task({ task: 'rebuild-memory', dataset: path, runs, variants: ['floor', 'floor-fold', 'jamsos'] });
      // Emmett's in-memory store counts every stream's events for each event appended (getAllEventsCount),
      // so loading grows with events × streams: it gets a subset of 4,000 participant streams.
      log('rebuild from memory: jamsos, the floor and Emmett on the first 4,000 streams ...');
      const subset = await task({ task: 'rebuild-memory', dataset: path, runs, limitStreams: 4_000, variants: ['floor', 'floor-fold', 'jamsos', 'emmett'] });
      report.rebuild.memory = { whole, subset };
      for (const [label, result] of [[`REBUILD FROM MEMORY (${fmt(whole.load.events)} events)`, whole], [`REBUILD FROM MEMORY, SUBSET FOR EMMETT (${fmt(subset.load.events)} events, the first 4,000 streams)`, subset]]) {
        const samples = {};
        const fingerprints = {};
        for (const round of result.rounds)
          for (const [variant, byProjection] of Object.entries(round))
            for (const [projection, r] of Object.entries(byProjection)) {
              ((samples[variant] ??= { coverage: [], fund: [], rss: { coverage: [], fund: [] } })[projection]).push(r);
              if (r.fingerprint !== undefined) (fingerprints[projection] ??= {})[variant] = r.fingerprint;
            }
        printRebuild(label, samples, fingerprints, result.load.events, {
          floor: "floor: the store's own event objects in an array, filtered by type, sum data.total (nothing to parse); fold floor: the same objects folded by the projection's apply in a bare loop (no store, no runner, no checks)",
          foldFloor: 'fold floor: the same objects, folded in a bare loop',
          emmett: 'Emmett: getInMemoryEventStore, readStream per stream (it has no read of the whole log) and aggregateStream per stream',
          rss:
            `one process for all variants: peak RSS ${fmt(result.peakRssMb)} MB; the jamsos store added ${fmt(result.rssMb.jamsosStore)} MB of RSS (loaded in ${fmt(result.load.jamsosMs / 1000, 1)} s)` +
            (result === subset ? `, Emmett's ${fmt(result.rssMb.emmettStore)} MB (loaded in ${fmt(result.load.emmettMs / 1000, 1)} s)` : '') +
            '. The floor over objects already in memory parses nothing and folds nothing: from memory the fold is the job, so the fold floor is the one to compare with',
        });
      }
    }
  }

  // --- Rebuild from the EventStoreDB protocol test server -------------------------------------
  if (only.includes('esdb')) {
    log(`rebuild from the protocol test server: loading the first ${fmt(ESDB_STREAMS)} streams of the dataset ...`);
    const server = await esdbServer({ dataset: path, limitStreams: ESDB_STREAMS });
    log(`  loaded ${fmt(server.events)} events in ${fmt(server.loadMs / 1000, 1)} s`);
    const variants = ['floor', 'jamsos'];
    const samples = Object.fromEntries(variants.map((v) => [v, { coverage: [], fund: [], rss: { coverage: [], fund: [] } }]));
    const fingerprints = {};
    for (let round = 0; round <= runs; round++)
      for (const variant of variants) {
        log(`rebuild from the test server: round ${round}/${runs}, ${variant}`);
        const result = await task({ task: 'rebuild-esdb', variant, url: server.url });
        for (const projection of ['coverage', 'fund']) {
          const r = result.result[projection];
          if (r.fingerprint !== undefined) (fingerprints[projection] ??= {})[variant] = r.fingerprint;
          if (round === 0) continue;
          samples[variant][projection].push(r);
          samples[variant].rss[projection].push(result.peakRssMb);
        }
      }
    await server.stop();
    report.rebuild.esdb = { samples, fingerprints };
    printRebuild(`REBUILD FROM THE EVENTSTOREDB PROTOCOL TEST SERVER (${fmt(server.events)} events: the first ${fmt(ESDB_STREAMS)} streams; server in its own process, not EventStoreDB)`, samples, fingerprints, server.events, {
      floor: "floor: @eventstore/db-client's readAll of $all (the client parses the JSON), events of the projection's types, sum data.total",
      emmett: 'Emmett: none (the registry packages have no EventStoreDB store)',
    });
  }

  // --- Peak memory against history length ------------------------------------------------------
  if (only.includes('growth')) {
    const rows = [];
    for (const [label, p] of [[sizeLabel(small), smallPath], [sizeLabel(size), path]]) {
      const d = p === path ? dataset : smallDataset;
      const rss = { coverage: [], fund: [] };
      const measured = report.rebuild.sqlite?.samples.jamsos.rss;
      if (p === path && measured !== undefined) {
        // the rebuild runs above measured it already, one process per projection
        rows.push({ label, events: d.events, participants: d.participants, coverage: median(measured.coverage), fund: median(measured.fund) });
        continue;
      }
      for (let run = 0; run < runs; run++)
        for (const projection of ['coverage', 'fund']) {
          log(`peak memory: ${label}, ${projection}, run ${run + 1}/${runs}`);
          const result = await task({ task: 'rebuild-sqlite', variant: 'jamsos', projections: [projection], dataset: p });
          rss[projection].push(result.peakRssMb);
        }
      rows.push({ label, events: d.events, participants: d.participants, coverage: median(rss.coverage), fund: median(rss.fund) });
    }
    report.growth = rows;
    print('PEAK MEMORY OF A REBUILD FROM SQLITE AGAINST HISTORY LENGTH (peak RSS of the process once the rebuild is done, MB, median)');
    print(table(['dataset', 'events', 'participants', 'fund rebuild', 'coverage rebuild'], rows.map((r) => [r.label, fmt(r.events), fmt(r.participants), fmt(r.fund), fmt(r.coverage)])));
    if (rows.length === 2) {
      const [a, b] = rows;
      const growth = (x, y) => `${fmt(((y - x) / x) * 100)}%`;
      print(
        `history ${fmt(b.events / a.events, 1)}× longer: fund peak RSS ${growth(a.fund, b.fund)} (target: flat → ${b.fund / a.fund < 1.25 ? 'MET' : 'NOT MET'}); ` +
          `coverage peak RSS ${growth(a.coverage, b.coverage)} (its read model holds every participant: it grows with participants, ${fmt(b.participants / a.participants, 1)}× here, not with the log)`,
      );
    }
    print();
  }

  // --- What-if replay after load --------------------------------------------------------------
  if (only.includes('whatif')) {
    // bench/what-if-replay.mjs measures it (and is run alone by `pnpm bench:what-if`): the demo history of
    // the same generator and seed, of the same size, loaded into memory as the engine holds it, then
    // replayed under the baseline and a reform. Its seed is fixed at 1.
    log(`what-if replay: ${fmt(size)} events, ${runs} runs`);
    const child = spawnSync(process.execPath, [join(benchDir, 'what-if-replay.mjs'), '--scales', String(size), '--runs', String(runs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`bench/what-if-replay.mjs exited ${child.status}`);
    print('WHAT-IF REPLAY AFTER LOAD (bench/what-if-replay.mjs; target ≥ 1,000,000 events/s on one core, judged on the no-op sink)');
    for (const line of child.stdout.trimEnd().split('\n')) print(line);
    report.whatIf = child.stdout;
    print();
  }

  print(`total time ${fmt((performance.now() - started) / 1000)} s; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  report.finished = new Date().toISOString();
  report.printed = printed.join('\n');
  writeFileSync(join(dataDir, 'last-run.json'), JSON.stringify(report, null, 2));
  log(`results: ${join(dataDir, 'last-run.json')}`);
};

/** Prints one rebuild table: per projection and both, jamsos next to the floor and Emmett, with ratios and targets. */
function printRebuild(title, samples, fingerprints, logEvents, notes) {
  const variants = Object.keys(samples);
  const figures = {};
  // Rates per projection count the events jamsos's job reads (its type filter) for every variant, so
  // that a ratio of rates is a ratio of times: Emmett's read has no type filter and reads more rows.
  for (const part of ['coverage', 'fund']) {
    const size = samples.jamsos?.[part]?.[0]?.events;
    if (size !== undefined) for (const v of variants) samples[v][part] = samples[v][part].map((s) => ({ ...s, events: size }));
  }
  for (const v of variants) {
    const both = samples[v].coverage.map((c, i) => {
      const f = samples[v].fund[i];
      return { events: logEvents, wallMs: c.wallMs + f.wallMs, cpuMs: c.cpuMs + f.cpuMs };
    });
    figures[v] = {
      coverage: samples[v].coverage.length > 0 ? summarise(samples[v].coverage) : undefined,
      fund: samples[v].fund.length > 0 ? summarise(samples[v].fund) : undefined,
      both: both.length > 0 ? summarise(both) : undefined,
      rss: samples[v].rss?.coverage?.length > 0 ? { coverage: median(samples[v].rss.coverage), fund: median(samples[v].rss.fund) } : undefined,
    };
  }
  print(`${title}: events/s, wall (CPU)`);
  const cell = (f) => (f === undefined ? '–' : `${fmt(f.wallRate)} (${fmt(f.cpuRate)})`);
  const rows = [];
  for (const part of ['coverage', 'fund', 'both']) {
    const j = figures.jamsos?.[part];
    const fl = figures.floor?.[part];
    const em = figures.emmett?.[part];
    rows.push([
      part === 'both' ? 'coverage + fund' : part,
      part === 'both' ? fmt(logEvents) : fmt(j?.events),
      cell(j),
      cell(fl),
      cell(em),
      `${ratio(j?.wallRate, fl?.wallRate)} (${ratio(j?.cpuRate, fl?.cpuRate)})`,
      em === undefined ? '–' : `${ratio(j?.wallRate, em?.wallRate)} (${ratio(j?.cpuRate, em?.cpuRate)})`,
      j === undefined ? '' : `${fmt(j.spread * 100)}%`,
    ]);
  }
  // Steps between the floor and jamsos (ratios to the floor): see docs/performance.md.
  const steps = [
    ['floor-meta', 'floor + metadata parse'],
    ['read', 'jamsos read only (readAllToFold)'],
    ['floor-fold', notes.foldFloor ?? 'floor loop + the fold (apply), no runner'],
  ];
  for (const [variant, label] of steps)
    if (figures[variant] !== undefined)
      for (const part of notes.foldFloor === undefined ? ['coverage', 'fund'] : ['coverage', 'fund', 'both'])
        rows.push([`  ${variant === 'floor-fold' && notes.foldFloor !== undefined ? '' : 'breakdown '}${part === 'both' ? 'coverage + fund' : part}: ${label}`, '', cell(figures[variant][part]), '', '', `${ratio(figures[variant][part]?.wallRate, figures.floor[part]?.wallRate)} (${ratio(figures[variant][part]?.cpuRate, figures.floor[part]?.cpuRate)})`, '', '']);
  print(table(['projection', 'events read', 'jamsos', 'floor', 'Emmett', 'jamsos/floor', 'jamsos/Emmett', 'spread'], rows));
  if (figures.jamsos?.rss !== undefined)
    print(`peak RSS (MB, coverage / fund): jamsos ${fmt(figures.jamsos.rss.coverage)} / ${fmt(figures.jamsos.rss.fund)}` + (figures.floor?.rss ? `, floor ${fmt(figures.floor.rss.coverage)} / ${fmt(figures.floor.rss.fund)}` : '') + (figures.emmett?.rss ? `, Emmett ${fmt(figures.emmett.rss.coverage)} / ${fmt(figures.emmett.rss.fund)}` : ''));
  if (notes.rss !== undefined) print(notes.rss);
  const same = Object.entries(fingerprints).map(([projection, byVariant]) => `${projection} ${new Set(Object.values(byVariant)).size === 1 ? 'identical' : `DIFFERENT ${JSON.stringify(byVariant)}`}`);
  if (same.length > 0) print(`read models built by ${Object.keys(Object.values(fingerprints)[0] ?? {}).join(' and ')}: ${same.join(', ')}`);
  print(notes.floor);
  print(notes.emmett);
  const both = figures.jamsos?.both;
  if (figures['floor-fold']?.both !== undefined && both !== undefined)
    print(
      `jamsos / (floor loop + the same fold), CPU time: coverage ${ratio(figures.jamsos.coverage?.cpuRate, figures['floor-fold'].coverage?.cpuRate)}, ` +
        `fund ${ratio(figures.jamsos.fund?.cpuRate, figures['floor-fold'].fund?.cpuRate)}, coverage + fund ${ratio(both.cpuRate, figures['floor-fold'].both.cpuRate)}`,
    );
  if (both !== undefined && figures.floor?.both !== undefined) {
    const toFloor = both.cpuRate / figures.floor.both.cpuRate;
    const toFoldFloor = notes.foldFloor === undefined || figures['floor-fold']?.both === undefined ? undefined : both.cpuRate / figures['floor-fold'].both.cpuRate;
    const toEmmett = figures.emmett?.both === undefined ? undefined : both.cpuRate / figures.emmett.both.cpuRate;
    print(
      `targets (CPU time): rebuild ≥ 80% of the floor → ${fmt(toFloor * 100)}% ${toFloor >= 0.8 ? 'MET' : 'NOT MET'}` +
        (toFoldFloor === undefined ? '' : ` (of the fold floor: ${fmt(toFoldFloor * 100)}% ${toFoldFloor >= 0.8 ? 'MET' : 'NOT MET'})`) +
        (toEmmett === undefined ? '' : `; ≥ 3× Emmett → ${toEmmett.toFixed(2)}× ${toEmmett >= 3 ? 'MET' : 'NOT MET'}`),
    );
  }
  print();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
