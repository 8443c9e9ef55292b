import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@jamsos/store-eventstoredb/test-server';

// `jamsos follow` as a user runs it: the built binary in a subprocess, against the protocol test server
// (NOT EventStoreDB, running in this process) and against a SQLite file.
const bin = fileURLToPath(new URL('../bin/jamsos.js', import.meta.url));
const roster = fileURLToPath(new URL('../test-fixtures/roster-gemet-sekul.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jamsos-cli-follow-'));
const env = { ...process.env, JAMSOS_PARTICIPANT_ID_KEY: randomBytes(32).toString('hex') };

/** A running subprocess whose output the test can wait on. */
const launch = (args: ReadonlyArray<string>) => {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bin, ...args], { cwd: dir, env });
  const output = { out: '', err: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  void exited.then(() => clearTimeout(timer));
  /** Resolves once stderr matches, or rejects after `ms`. */
  const stderrMatches = (pattern: RegExp, ms = 30_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const matched = pattern.test(output.err);
        if (!matched && Date.now() - started <= ms) return;
        clearInterval(poll);
        if (matched) resolve();
        else reject(new Error(`stderr never matched ${pattern}:\n${output.err}`));
      }, 25);
    });
  return { child, output, exited, stderrMatches };
};

/** Runs a command to its end. */
const run = async (args: ReadonlyArray<string>) => {
  const process = launch(args);
  const code = await process.exited;
  return { code, ...process.output };
};

/** The number in "coverage: N events folded" of follow's summary. */
const folded = (out: string, name: string): number => Number((new RegExp(`${name}: ([\\d,]+) events folded`).exec(out)?.[1] ?? 'NaN').replace(/,/g, ''));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ port: 0 });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('jamsos follow', () => {
  it('on EventStoreDB: catches up, follows new events through a dropped connection, and commits what a rebuild gives', { timeout: 120_000 }, async () => {
    const store = ['--store', server.url];
    const readModels = join(dir, 'followed.db');
    expect((await run(['demo', '--size', '30', ...store, '--read-models', join(dir, 'demo-read-models.db')])).code).toBe(0);
    const follow = launch(['follow', ...store, '--read-models', readModels, '--stall-after', '5']);
    await follow.stderrMatches(/coverage: caught up/);
    await follow.stderrMatches(/fund: caught up/);
    await server.dropConnections();
    expect((await run(['import', roster, ...store, '--read-models', join(dir, 'import-read-models.db')])).code).toBe(1); // 5 bad rows on purpose
    await follow.stderrMatches(/coverage: disconnected/);
    await follow.stderrMatches(/coverage: caught up[\s\S]*coverage: caught up/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
    expect(follow.output.err).toContain('stopped (SIGINT)');
    expect(folded(follow.output.out, 'coverage')).toBeGreaterThan(0);
    // What follow committed answers as a rebuild from a fresh read-model file does.
    const followed = await run(['coverage', ...store, '--read-models', readModels, '--as-of', '2025-06-30', '--json']);
    const rebuilt = await run(['coverage', ...store, '--read-models', join(dir, 'rebuilt.db'), '--as-of', '2025-06-30', '--json']);
    expect(followed.code).toBe(0);
    expect(JSON.parse(followed.out)).toEqual(JSON.parse(rebuilt.out));
    expect(JSON.parse(followed.out).total.members).toBeGreaterThanOrEqual(35);
  });

  it('on SQLite: follows by polling, stops after --for seconds with a summary', { timeout: 120_000 }, async () => {
    const db = join(dir, 'follow.db');
    expect((await run(['demo', '--size', '30', '--db', db])).code).toBe(0);
    const follow = launch(['follow', '--db', db, '--for', '4']);
    await follow.stderrMatches(/coverage: caught up/);
    expect((await run(['import', roster, '--db', db])).code).toBe(1);
    expect(await follow.exited).toBe(0);
    expect(follow.output.err).toContain('stopped (4 s elapsed)');
    // The demo's events were folded by the demo's own catch-up; follow folded the imported workers.
    expect(folded(follow.output.out, 'coverage')).toBeGreaterThanOrEqual(10);
  });

  it('refuses a bad --for (exit 2)', async () => {
    expect(await run(['follow', '--for', '-1', '--db', join(dir, 'none.db')])).toMatchObject({ code: 2, err: expect.stringContaining('--for takes a number of seconds') });
  });
});
