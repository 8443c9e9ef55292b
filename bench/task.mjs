// One measurement in its own process, so that its peak RSS is its own: `node bench/task.mjs '<json>'`.
// Prints one JSON line with the result. Started by bench/run.mjs; see bench/README.md.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInMemoryEventStore } from '@jamsos/core';
import { createSqliteEventStore } from '@jamsos/store-sqlite';
import { createEventStoreDbStore, startTestServer } from '@jamsos/store-eventstoredb';
import { EventStoreDBClient } from '@eventstore/db-client';
import { appendWorkload, emmettAppender, jamsosAppender, runBatches, runSingles } from './lib/append.mjs';
import { dataDir, loadIntoStore, streamBatches } from './lib/dataset.mjs';
import {
  emmettCoverage,
  emmettMemory,
  emmettMemoryFund,
  emmettSqlite,
  emmettSqliteFund,
  emmettStreamNames,
  loadIntoEmmett,
} from './lib/emmett.mjs';
import { measure, peakRssMb, rssMb, settle } from './lib/measure.mjs';
import { jamsosReadOnly, jamsosRebuild, memoryFloor, memoryFoldFloor, perProjection, sqliteFloor, sqliteFoldFloor } from './lib/rebuild.mjs';

const spec = JSON.parse(process.argv[2] ?? '{}');
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const removeDb = (path) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};
const scratch = (name) => {
  const dir = join(dataDir, 'scratch');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${process.pid}.db`);
  removeDb(path);
  return path;
};

/** Rebuild from SQLite, one variant per process. */
const rebuildSqlite = async () => {
  const rssBefore = rssMb();
  let result;
  if (spec.variant === 'floor' || spec.variant === 'floor-meta') {
    const floor = sqliteFloor(spec.dataset, { metadata: spec.variant === 'floor-meta' });
    result = await perProjection(floor.job, spec.projections);
    floor.close();
  } else if (spec.variant === 'floor-fold') {
    const floor = sqliteFoldFloor(spec.dataset);
    result = await perProjection(floor.job, spec.projections);
    floor.close();
  } else if (spec.variant === 'jamsos' || spec.variant === 'read') {
    const store = createSqliteEventStore({ path: spec.dataset });
    result = await perProjection(spec.variant === 'jamsos' ? jamsosRebuild(store) : jamsosReadOnly(store), spec.projections);
    await store.close();
  } else if (spec.variant === 'emmett') {
    const emmett = await emmettSqlite(spec.emmettFile);
    const names = await emmettStreamNames(emmett.connection);
    result = {};
    const jobs = [['coverage', () => emmettCoverage(emmett.store, names)], ['fund', () => emmettSqliteFund(emmett.connection)]];
    for (const [name, job] of jobs.filter(([n]) => (spec.projections ?? ['coverage', 'fund']).includes(n))) {
      const { wallMs, cpuMs, value } = await measure(job);
      result[name] = { wallMs, cpuMs, events: value.events, state: value.state };
    }
    const { fingerprint, PROJECTIONS } = await import('./lib/rebuild.mjs');
    const jobPeakRssMb = peakRssMb();
    for (const p of PROJECTIONS.filter((q) => q.name in result)) {
      result[p.name].jobPeakRssMb = jobPeakRssMb;
      result[p.name].fingerprint = fingerprint(p, result[p.name].state);
      delete result[p.name].state;
    }
    await emmett.close();
  } else throw new Error(`unknown variant ${spec.variant}`);
  // The peak of the job itself, before the bench's fingerprint of the read model (one job per process here).
  const jobPeaks = Object.values(result).map((r) => r.jobPeakRssMb).filter((x) => x !== undefined);
  say({ result, rssBeforeMb: rssBefore, peakRssMb: jobPeaks.length > 0 ? Math.max(...jobPeaks) : peakRssMb() });
};

/** Builds Emmett's SQLite copy of the dataset (cached by run.mjs). */
const buildEmmettSqlite = async () => {
  const partial = `${spec.file}.partial`;
  removeDb(partial);
  const emmett = await emmettSqlite(partial, 'NORMAL');
  const { wallMs, value } = await measure(() => loadIntoEmmett(emmett.store, streamBatches(spec.dataset)));
  await emmett.connection.command('PRAGMA wal_checkpoint(TRUNCATE)');
  await emmett.close();
  const { renameSync } = await import('node:fs');
  renameSync(partial, spec.file);
  removeDb(partial);
  say({ events: value.events, wallMs });
};

/** Rebuild from memory: jamsos's in-memory store, the floor and Emmett's in-memory store in one process, interleaved round by round. */
const rebuildMemory = async () => {
  const rss0 = rssMb();
  const store = createInMemoryEventStore();
  const loadJamsos = await measure(() => loadIntoStore(store, spec.dataset, spec.limitStreams));
  const rssJamsos = rssMb();
  const stored = [];
  for await (const event of store.readAll()) stored.push(event); // the store's own objects, by reference
  const withEmmett = (spec.variants ?? ['emmett']).includes('emmett');
  const emmett = emmettMemory();
  const loadEmmett = await measure(() => loadIntoEmmett(emmett, withEmmett ? streamBatches(spec.dataset, { limitStreams: spec.limitStreams }) : []));
  const rssBoth = rssMb();
  const names = loadEmmett.value.streams;
  const variants = {
    floor: () => perProjection(memoryFloor(stored)),
    'floor-fold': () => perProjection(memoryFoldFloor(stored)),
    jamsos: () => perProjection(jamsosRebuild(store)),
    read: () => perProjection(jamsosReadOnly(store)),
    emmett: async () => {
      const out = {};
      const { fingerprint, PROJECTIONS } = await import('./lib/rebuild.mjs');
      for (const [p, job] of [[PROJECTIONS[0], () => emmettCoverage(emmett, names)], [PROJECTIONS[1], () => emmettMemoryFund(emmett, names)]]) {
        const { wallMs, cpuMs, value } = await measure(job);
        out[p.name] = { wallMs, cpuMs, events: value.events, fingerprint: fingerprint(p, value.state) };
      }
      return out;
    },
  };
  const rounds = [];
  for (let round = 0; round < spec.runs + 1; round++) {
    const samples = {};
    for (const name of spec.variants ?? Object.keys(variants)) {
      await settle();
      samples[name] = await variants[name]();
    }
    rounds.push(samples);
  }
  say({
    rounds: rounds.slice(1),
    warmup: rounds[0],
    load: { jamsosMs: loadJamsos.wallMs, emmettMs: loadEmmett.wallMs, events: loadJamsos.value.events },
    rssMb: { start: rss0, jamsosStore: rssJamsos - rss0, emmettStore: rssBoth - rssJamsos },
    peakRssMb: peakRssMb(),
  });
};

/** The EventStoreDB protocol test server in this process, loaded with the dataset through the jamsos adapter when asked. */
const esdbServer = async () => {
  const server = await startTestServer();
  let load;
  if (spec.dataset !== undefined) {
    const store = createEventStoreDbStore({ connectionString: server.url });
    load = await measure(() => loadIntoStore(store, spec.dataset, spec.limitStreams));
    await store.close();
  }
  say({ url: server.url, loadMs: load?.wallMs, events: load?.value.events });
  process.stdin.resume();
  process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
};

/** Rebuild from the protocol test server (running in another process). */
const rebuildEsdb = async () => {
  const rssBefore = rssMb();
  let result;
  if (spec.variant === 'floor') {
    // The client's own read of $all (it parses the JSON), events of the projection's types counted and one field summed.
    const client = EventStoreDBClient.connectionString(spec.url);
    result = await perProjection(async (projection) => {
      const types = new Set(projection.eventTypes);
      let sum = 0;
      let events = 0;
      for await (const resolved of client.readAll({ maxCount: Number.MAX_SAFE_INTEGER })) {
        const event = resolved.event;
        if (event === undefined || !types.has(event.type)) continue;
        if (typeof event.data.total === 'number') sum += event.data.total;
        events++;
      }
      return { events, sum };
    });
    await client.dispose();
  } else {
    const store = createEventStoreDbStore({ connectionString: spec.url });
    result = await perProjection(spec.variant === 'jamsos' ? jamsosRebuild(store) : jamsosReadOnly(store), spec.projections);
    await store.close();
  }
  say({ result, rssBeforeMb: rssBefore, peakRssMb: peakRssMb() });
};

/** Append runs (one warm-up, then `runs`), each on a fresh store (or, on the test server, fresh streams). */
const append = async () => {
  const streams = spec.mode === 'batch' ? Math.ceil(spec.count / 20) : spec.streams;
  const workload = appendWorkload(spec.dataset, streams, spec.count);
  const samples = [];
  for (let run = 0; run <= spec.runs; run++) {
    // Fresh stream names per run, so the same server can take every run.
    const prefix = `${spec.mode}-r${run}-`;
    const items = workload.items.map((item) => ({ ...item, stream: prefix + item.stream }));
    const batches = workload.batches.map((batch) => ({ ...batch, streamName: prefix + batch.streamName }));
    let appender;
    let close = async () => {};
    let path;
    if (spec.store === 'memory') appender = jamsosAppender(createInMemoryEventStore());
    else if (spec.store === 'sqlite-normal' || spec.store === 'sqlite-full') {
      path = scratch(spec.store);
      const store = createSqliteEventStore({ path, durability: spec.store === 'sqlite-full' ? 'full' : 'normal' });
      appender = jamsosAppender(store);
      close = () => store.close();
    } else if (spec.store === 'esdb') {
      const store = createEventStoreDbStore({ connectionString: spec.url });
      appender = jamsosAppender(store);
      close = () => store.close();
    } else if (spec.store === 'emmett-memory') appender = emmettAppender(emmettMemory());
    else if (spec.store === 'emmett-sqlite-full' || spec.store === 'emmett-sqlite-normal') {
      path = scratch(spec.store);
      const emmett = await emmettSqlite(path, spec.store === 'emmett-sqlite-full' ? 'FULL' : 'NORMAL');
      appender = emmettAppender(emmett.store);
      close = emmett.close;
    } else throw new Error(`unknown store ${spec.store}`);
    await settle();
    const measured = await measure(() => (spec.mode === 'batch' ? runBatches(appender.batch, batches, spec.count) : runSingles(appender.one, items, spec.mode === 'inflight' ? spec.inflight : 1)));
    await close();
    if (path !== undefined) removeDb(path);
    samples.push({ wallMs: measured.wallMs, cpuMs: measured.cpuMs, events: measured.value });
  }
  say({ samples: samples.slice(1), warmup: samples[0], peakRssMb: peakRssMb() });
};

const tasks = { 'rebuild-sqlite': rebuildSqlite, 'build-emmett-sqlite': buildEmmettSqlite, 'rebuild-memory': rebuildMemory, 'esdb-server': esdbServer, 'rebuild-esdb': rebuildEsdb, append };
const task = tasks[spec.task];
if (task === undefined) {
  console.error(`unknown task ${spec.task}`);
  process.exit(2);
}
task().then(
  () => (spec.task === 'esdb-server' ? undefined : process.exit(0)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
