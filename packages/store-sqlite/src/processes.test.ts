import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect } from '@jamsos/core/testing';
import type { RecordedEvent } from '@jamsos/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(packageDir, 'test-fixtures', 'writer.mjs');

/** A child running the fixture: its parsed stdout lines as they arrive, and its exit. */
const run = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [fixture, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  const listeners: Array<() => void> = [];
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const complete = buffer.split('\n');
    buffer = complete.pop() ?? '';
    for (const line of complete) lines.push(JSON.parse(line) as Record<string, unknown>);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  /** Resolves once `count` lines have arrived; rejects if the child exits first. */
  const linesReached = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => lines.length >= count && resolve();
      listeners.push(check);
      check();
      void exited.then(({ code }) => (lines.length >= count ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
    });
  return { child, lines, exited, linesReached, stderr: () => stderr };
};

/** Every stream's revisions are 0..n-1 in order, each event once. */
const expectDenseStreams = (events: ReadonlyArray<RecordedEvent>) => {
  const byStream = new Map<string, number[]>();
  for (const e of events) byStream.set(e.streamName, [...(byStream.get(e.streamName) ?? []), e.revision]);
  for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
};

describe('SQLite store: several processes on one file', () => {
  const paths: string[] = [];
  beforeAll(() => {
    // The children import the built package: build it (incremental, quick when up to date).
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', packageDir], { stdio: 'inherit' });
  }, 180_000);
  afterAll(() => paths.forEach(removeDatabase));

  it('4 processes appending to the same streams with exact revisions: every acknowledged event once, dense revisions, no lost conflict', async () => {
    const path = tempDatabasePath('contend');
    paths.push(path);
    await createSqliteEventStore({ path }).close();
    const perWriter = 150;
    const writers = Array.from({ length: 4 }, (_, w) => run(['contend', path, '3', String(perWriter), `w${w}`]));
    await Promise.all(writers.map((w) => w.linesReached(1)));
    for (const w of writers) w.child.stdin.end('go\n');
    const exits = await Promise.all(writers.map((w) => w.exited));
    expect(exits.map((e) => e.code), writers.map((w) => w.stderr()).join('\n')).toEqual([0, 0, 0, 0]);

    const acks = writers.flatMap((w) => w.lines.filter((l) => 'ack' in l)) as Array<{ ack: string; stream: string; expected: number | 'no_stream'; revision: number }>;
    const done = writers.map((w) => w.lines.find((l) => 'done' in l) as { conflicts: number; failures: number });
    expect(acks).toHaveLength(4 * perWriter);
    const store = createSqliteEventStore({ path });
    try {
      const events = await collect(store.readAll());
      expect(events).toHaveLength(acks.length);
      expectDenseStreams(events);
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const ack of acks) {
        // Each success landed exactly on top of the revision it expected: no conflict was overwritten.
        expect(ack.revision).toBe(ack.expected === 'no_stream' ? 0 : ack.expected + 1);
        expect(byId.get(ack.ack)).toMatchObject({ streamName: ack.stream, revision: ack.revision });
      }
      const conflicts = done.reduce((sum, d) => sum + d.conflicts, 0);
      expect(conflicts).toBeGreaterThan(0);
      console.info(`4 writers, ${acks.length} appends, ${conflicts} conflicts retried, ${done.reduce((s, d) => s + d.failures, 0)} busy failures retried`);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a writer killed at random moments leaves every acknowledged batch whole and no partial batch', async () => {
    const path = tempDatabasePath('crash');
    paths.push(path);
    const size = 50;
    const acknowledged: Array<{ batch: string; stream: string; first: number; ids: string[] }> = [];
    for (let round = 0; round < 5; round++) {
      const writer = run(['batches', path, '3', String(size), `r${round}`]);
      await writer.linesReached(3 + Math.floor(Math.random() * 25));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      writer.child.kill('SIGKILL');
      expect((await writer.exited).signal).toBe('SIGKILL');
      acknowledged.push(...(writer.lines as typeof acknowledged));

      const store = createSqliteEventStore({ path });
      try {
        expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
        const events = await collect(store.readAll());
        expectDenseStreams(events);
        const batches = new Map<string, RecordedEvent[]>();
        for (const e of events) {
          const { batch } = e.data as { batch: string };
          batches.set(batch, [...(batches.get(batch) ?? []), e]);
        }
        for (const batch of batches.values()) {
          expect(batch.map((e) => (e.data as { k: number }).k)).toEqual(Array.from({ length: size }, (_, k) => k));
          expect(batch.map((e) => e.revision)).toEqual(batch.map((_, k) => (batch[0] as RecordedEvent).revision + k));
          expect(new Set(batch.map((e) => e.streamName)).size).toBe(1);
        }
        for (const ack of acknowledged) expect(batches.get(ack.batch)?.map((e) => e.id)).toEqual(ack.ids);
        expect(events.length % size).toBe(0);
        expect(batches.size).toBeGreaterThanOrEqual(acknowledged.length);
        console.info(`round ${round}: killed after ${acknowledged.length} acknowledged batches in all; ${batches.size} batches stored, all whole`);
      } finally {
        await store.close();
      }
    }
  }, 60_000);
});
