// Where a single-event SQLite append's time goes: the same statements as the jamsos appender run
// bare on better-sqlite3, step by step, against jamsos's appendToStream, on the same events.
//   node bench/sqlite-append-floor.mjs [appends=5000] [runs=5]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuUsage } from 'node:process';
import { createSqliteEventStore } from '@jamsos/store-sqlite';
import { dataDir, ensureDataset, parseSize } from './lib/dataset.mjs';
import { appendWorkload } from './lib/append.mjs';
import { median } from './lib/measure.mjs';

const count = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 5);
const dataset = await ensureDataset(parseSize('1m'), 1, (line) => console.error(line));
const { items } = appendWorkload(dataset, 1000, count);
const path = join(dataDir, `append-floor-${process.pid}.db`);
const fresh = (durability = 'normal') => {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  return createSqliteEventStore({ path, durability });
};

const steps = {
  'BEGIN IMMEDIATE; COMMIT (no write)': (db) => {
    const [b, c] = [db.prepare('BEGIN IMMEDIATE'), db.prepare('COMMIT')];
    return () => (b.run(), c.run());
  },
  '+ INSERT of the row (table, 2 unique indexes, sqlite_sequence)': (db) => {
    const [b, c] = [db.prepare('BEGIN IMMEDIATE'), db.prepare('COMMIT')];
    const insert = db.prepare('INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    return (item) => (b.run(), insert.run(item.event.id, item.stream, item.revision, item.event.type, JSON.stringify(item.event.data), JSON.stringify(item.event.metadata)), c.run());
  },
  '+ the two lookups (stream revision, event id)': (db) => {
    const [b, c] = [db.prepare('BEGIN IMMEDIATE'), db.prepare('COMMIT')];
    const insert = db.prepare('INSERT INTO events (event_id, stream_name, stream_revision, event_type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    const last = db.prepare('SELECT stream_name, stream_revision, global_position FROM events WHERE stream_name = ? ORDER BY stream_revision DESC LIMIT 1');
    const byId = db.prepare('SELECT stream_name, stream_revision, global_position FROM events WHERE event_id = ?');
    return (item) => (b.run(), last.get(item.stream), byId.get(item.event.id), insert.run(item.event.id, item.stream, item.revision, item.event.type, JSON.stringify(item.event.data), JSON.stringify(item.event.metadata)), c.run());
  },
};

const time = async (fn) => {
  const c0 = cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, user: c.user / 1000 };
};

const rows = [];
for (const [name, make] of [...Object.entries(steps), ['jamsos appendToStream, awaited one at a time', null]]) {
  const samples = [];
  for (let run = 0; run <= runs; run++) {
    const store = fresh();
    store.database.pragma('wal_autocheckpoint = 0'); // keep every frame in the WAL, to count them
    const step = make === null ? undefined : make(store.database);
    const sample = await time(async () => {
      if (step !== undefined) for (const item of items) step(item);
      else for (const item of items) {
        const r = await store.appendToStream(item.stream, [item.event], { expectedRevision: item.revision === 0 ? 'no_stream' : item.revision - 1 })();
        if (r._tag === 'Left') throw new Error(JSON.stringify(r.left));
      }
    });
    const frames = store.database.pragma('wal_checkpoint(PASSIVE)')[0]; // { busy, log: frames in the WAL, checkpointed }
    await store.close();
    if (run > 0) samples.push({ ...sample, frames: frames.log });
  }
  const us = (k) => (median(samples.map((s) => s[k])) * 1000) / count;
  rows.push([name, us('wall').toFixed(1), us('cpu').toFixed(1), ((us('cpu') - us('user')) / us('cpu') * 100).toFixed(0), (1e6 / us('cpu')).toFixed(0), (median(samples.map((s) => s.frames)) / count).toFixed(2)]);
}
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
console.log(`${count} single-event appends (synchronous=NORMAL, fresh file), median of ${runs}:`);
console.log(['step', 'µs wall', 'µs CPU', '% system', 'appends per CPU-s', 'WAL frames per append'].join(' | '));
for (const r of rows) console.log(r.join(' | '));
