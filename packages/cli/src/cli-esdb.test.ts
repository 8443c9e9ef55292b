import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventStoreDbStore } from '@jamsos/store-eventstoredb';
import { startTestServer, type TestServer } from '@jamsos/store-eventstoredb/test-server';

// The real, built binary (`pnpm test` builds first) against the protocol test server (NOT EventStoreDB),
// which runs in this process: the subprocesses are spawned asynchronously so that it can answer them.
const bin = fileURLToPath(new URL('../bin/jamsos.js', import.meta.url));
const roster = fileURLToPath(new URL('../test-fixtures/roster-gemet-sekul.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jamsos-cli-esdb-'));
const KEY_ENV = 'JAMSOS_PARTICIPANT_ID_KEY';

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/** Runs the CLI in a subprocess without blocking this process (the test server lives here). */
const jamsos = (args: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>> = {}): Promise<Run> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, [KEY_ENV]: undefined, ...env };
    for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - started });
    });
  });
const json = <A>(text: string): A => JSON.parse(text) as A;

let server: TestServer;
const readModels = join(dir, 'read-models.db');
const onServer = (): string[] => ['--store', server.url, '--read-models', readModels];

beforeAll(async () => {
  server = await startTestServer({ port: 0 });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('jamsos --help', () => {
  it('mentions --store and --read-models for every command', async () => {
    for (const command of ['demo', 'import', 'coverage', 'fund', 'report', 'follow']) {
      const help = await jamsos([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain('--store');
      expect(help.out).toContain('--read-models');
    }
    expect((await jamsos(['--help'])).out).toContain('--store');
  });
});

describe('jamsos on EventStoreDB (the protocol test server)', () => {
  const sqlite = join(dir, 'demo.db');
  const timings: Record<string, number> = {};
  afterAll(() => console.info(`demo --size 200: SQLite ${timings['sqlite']} ms, protocol test server ${timings['esdb']} ms (whole process)`));

  it('runs demo --size 200 and prints the same tables as on SQLite', { timeout: 120_000 }, async () => {
    const onSqlite = await jamsos(['demo', '--size', '200', '--db', sqlite]);
    expect(onSqlite.code).toBe(0);
    timings['sqlite'] = onSqlite.ms;
    const run = await jamsos(['demo', '--size', '200', ...onServer()]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    timings['esdb'] = run.ms;
    expect(run.out).toContain(`Demo history on EventStoreDB at ${server.url} (read models in ${readModels})`);
    for (const text of ['Coverage as of', 'Fund balance as of', 'KC-CILEGON', 'KC-SERANG', 'KC-KENDAL', 'JKM', `--store '${server.url}'`]) expect(run.out).toContain(text);
    const tables = (text: string) => text.slice(text.indexOf('Coverage as of'), text.indexOf('\nNext'));
    expect(tables(run.out)).toBe(tables(onSqlite.out));
    expect(existsSync(readModels)).toBe(true);
  });

  it('gives coverage and fund numbers equal to those of the same demo on SQLite', { timeout: 60_000 }, async () => {
    for (const command of [
      ['coverage', '--json'],
      ['coverage', '--as-of', '2024-12-31', '--json'],
      ['coverage', '--csv', '--by', 'category'],
      ['fund', '--json'],
      ['fund', '--monthly', '--csv', '--branch', 'KC-KENDAL'],
    ]) {
      const esdb = await jamsos([...command, ...onServer()]);
      const local = await jamsos([...command, '--db', sqlite]);
      expect(esdb.code).toBe(0);
      expect(esdb.out).toBe(local.out);
    }
    const coverage = json<{ total: { members: number; protected: number } }>((await jamsos(['coverage', '--json', ...onServer()])).out);
    expect(coverage.total.members).toBeGreaterThan(100);
  });

  it('writes the HTML report with the synthetic-data note kept in the read-model file', { timeout: 60_000 }, async () => {
    const page = join(dir, 'report.html');
    const run = await jamsos(['report', '--html', page, ...onServer()]);
    expect(run.code).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Synthetic demo data (jamsos demo --size 200 --seed 1)');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('refuses a second demo into a database that holds events, and --force', async () => {
    const again = await jamsos(['demo', '--size', '200', ...onServer()]);
    expect(again).toMatchObject({ code: 2, err: expect.stringContaining('already holds events') });
    expect(again.err).toContain('cannot delete');
    const forced = await jamsos(['demo', '--size', '200', '--force', ...onServer()]);
    expect(forced).toMatchObject({ code: 2, err: expect.stringContaining('--force does not apply to EventStoreDB') });
  });

  it('imports a roster only with the participant-id key from the environment, and never writes the key to the log', { timeout: 60_000 }, async () => {
    const without = await jamsos(['import', roster, ...onServer()]);
    expect(without.code).toBe(2);
    expect(without.err).toContain(`${KEY_ENV} is not set`);
    expect(without.err).toContain(`require('crypto').randomBytes(32).toString('hex')`);
    expect(await jamsos(['import', roster, ...onServer()], { [KEY_ENV]: 'abc123' })).toMatchObject({ code: 2, err: expect.stringContaining('must be 64 hex characters') });

    const key = randomBytes(32).toString('hex');
    const run = await jamsos(['import', roster, ...onServer()], { [KEY_ENV]: key });
    expect(run.code).toBe(1);
    expect(run.out).toContain('10 rows; 5 workers imported, 0 already there, 5 rows rejected');
    expect(run.err).toMatch(/line 5: NIK 367202010180001: a NIK has 16 digits, got 15/);
    expect(run.err).toMatch(/line 10: start month "2025-13" is not a month/);
    const again = await jamsos(['import', roster, ...onServer()], { [KEY_ENV]: key });
    expect(again.out).toContain('0 workers imported, 5 already there, 5 rows rejected');
    const otherKey = await jamsos(['import', roster, ...onServer()], { [KEY_ENV]: randomBytes(32).toString('hex') });
    expect(otherKey).toMatchObject({ code: 2, err: expect.stringContaining('not the key earlier imports into this database used') });

    // The participant id is the HMAC of the NIK under the key given; the key itself is nowhere in the log.
    const expectedId = `p-${createHmac('sha256', Buffer.from(key, 'hex')).update('3672011507850003').digest('hex').slice(0, 24)}`;
    const store = createEventStoreDbStore({ connectionString: server.url });
    const streams = new Set<string>();
    let everything = '';
    try {
      for await (const event of store.readAll()) {
        streams.add(event.streamName);
        everything += JSON.stringify(event);
      }
    } finally {
      await store.close();
    }
    expect(streams.has(`participant-${expectedId}`)).toBe(true);
    expect(everything).not.toContain(key);
  });

  it('rebuilds the read models when the read-model file was built from another log', { timeout: 60_000 }, async () => {
    const other = await startTestServer({ port: 0 });
    try {
      const moved = ['--store', other.url, '--read-models', readModels];
      expect((await jamsos(['coverage', ...moved])).code).toBe(1);
      expect((await jamsos(['import', roster, ...moved], { [KEY_ENV]: randomBytes(32).toString('hex') })).code).toBe(1);
      const coverage = json<{ total: { members: number } }>((await jamsos(['coverage', '--as-of', '2025-03-20', '--json', ...moved])).out);
      expect(coverage.total.members).toBe(5);
    } finally {
      await other.stop();
    }
  });
});

/** A port on 127.0.0.1 that nothing listens on. */
const closedPort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
};

describe('jamsos with an EventStoreDB it cannot use', () => {
  it('says in one line that a closed port cannot be reached, and exits 1 within the timeout', async () => {
    const url = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
    for (const command of [['coverage'], ['demo', '--size', '50']]) {
      const run = await jamsos([...command, '--store', url, '--read-models', join(dir, 'unused.db')]);
      expect(run.code).toBe(1);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toContain(`cannot read from EventStoreDB at ${url}`);
      expect(run.ms).toBeLessThan(5_000 + 3_000);
    }
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });

  it('gives up on a server that never answers after the bounded wait', { timeout: 30_000 }, async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const run = await jamsos(['fund', '--store', `esdb://127.0.0.1:${port}?tls=false`, '--read-models', join(dir, 'unused.db')], { JAMSOS_ESDB_TIMEOUT_MS: '1000' });
      expect(run.code).toBe(1);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toContain('no answer from EventStoreDB');
      expect(run.err).toContain('within 1.0 s');
      expect(run.ms).toBeLessThan(1_000 + 4_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reports a connection string the client refuses in one line, exit 1', async () => {
    const run = await jamsos(['coverage', '--store', 'esdb://127.0.0.1:2113?tls=maybe']);
    expect(run.code).toBe(1);
    expect(run.err.trim().split('\n')).toHaveLength(1);
    expect(run.err).toContain('the EventStoreDB client refuses the connection string');
  });

  it('refuses --db with --store, --read-models without EventStoreDB, and another scheme (exit 2)', async () => {
    expect(await jamsos(['coverage', '--db', join(dir, 'x.db'), '--store', 'esdb://127.0.0.1:2113?tls=false'])).toMatchObject({ code: 2, err: expect.stringContaining('not both') });
    expect(await jamsos(['demo', '--db', join(dir, 'x.db'), '--store', join(dir, 'y.db')])).toMatchObject({ code: 2, err: expect.stringContaining('not both') });
    expect(await jamsos(['fund', '--db', join(dir, 'x.db'), '--read-models', join(dir, 'r.db')])).toMatchObject({ code: 2, err: expect.stringContaining('--read-models goes with an EventStoreDB') });
    expect(await jamsos(['fund', '--store', 'http://127.0.0.1:2113'])).toMatchObject({ code: 2, err: expect.stringContaining('esdb://') });
  });

  it('takes a SQLite path in --store as --db does', { timeout: 60_000 }, async () => {
    const path = join(dir, 'via-store.db');
    expect((await jamsos(['demo', '--size', '50', '--store', path])).code).toBe(0);
    const viaStore = await jamsos(['fund', '--json', '--store', path]);
    const viaDb = await jamsos(['fund', '--json', '--db', path]);
    expect(viaStore.code).toBe(0);
    expect(viaStore.out).toBe(viaDb.out);
  });
});
