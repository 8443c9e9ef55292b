import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteEventStore } from '@jamsos/store-sqlite';

// The real service as a user runs it: the built entry point (dist/serve.js) in a child process, on a
// free port, with a temporary SQLite store, called over HTTP with fetch.

/** The built entry point: `pnpm build` (or `pnpm test`, which builds first) makes it. */
export const SERVE_JS = fileURLToPath(new URL('../../dist/serve.js', import.meta.url));

/** The test tokens, one per role (and a second clerk, of another branch). */
export const TOKENS = {
  clerkCilegon: 'test-clerk-cilegon-aaaaaaaaaaaaaaaa',
  clerkSerang: 'test-clerk-serang-bbbbbbbbbbbbbbbbb',
  auditor: 'test-auditor-cccccccccccccccccccccc',
  analyst: 'test-analyst-dddddddddddddddddddddd',
  dpo: 'test-dpo-eeeeeeeeeeeeeeeeeeeeeeeeeeee',
} as const;

/** The configuration the tests run the service with. */
export const testConfig = {
  note: 'test tokens',
  tokens: [
    { name: 'clerk Cilegon', role: 'clerk', branchId: 'KC-CILEGON', token: TOKENS.clerkCilegon },
    { name: 'clerk Serang', role: 'clerk', branchId: 'KC-SERANG', token: TOKENS.clerkSerang },
    { name: 'auditor', role: 'auditor', token: TOKENS.auditor },
    { name: 'analyst', role: 'policy-analyst', token: TOKENS.analyst },
    { name: 'dpo', role: 'data-protection-officer', token: TOKENS.dpo },
  ],
};

/** A running service process. */
export interface ServiceProcess {
  readonly url: string;
  readonly dir: string;
  /** The SQLite store file (undefined when the service runs on EventStoreDB). */
  readonly db: string | undefined;
  readonly output: { out: string; err: string };
  readonly child: ChildProcessWithoutNullStreams;
  /** Stops it with SIGTERM and waits for the exit code; removes its directory. */
  readonly stop: () => Promise<number | null>;
}

/** Runs the service entry point with arguments to its end (for start-up errors). */
export const runService = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVE_JS, ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });

/**
 * Starts the service on a new SQLite store in a temporary directory (or on the store `storeArgs` name),
 * port 0, and waits for the URL it prints.
 */
export const startServiceProcess = async (options: { readonly storeArgs?: ReadonlyArray<string>; readonly env?: NodeJS.ProcessEnv; readonly config?: unknown } = {}): Promise<ServiceProcess> => {
  if (!existsSync(SERVE_JS)) throw new Error(`${SERVE_JS} is missing: run \`pnpm build\` first (the tests start the built service)`);
  const dir = mkdtempSync(join(tmpdir(), 'jamsos-http-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(options.config ?? testConfig));
  const db = options.storeArgs === undefined ? join(dir, 'store.db') : undefined;
  const storeArgs = options.storeArgs ?? ['--db', db as string, '--create'];
  const child = spawn(process.execPath, [SERVE_JS, '--config', configPath, '--port', '0', ...storeArgs], { cwd: dir, env: { ...process.env, ...options.env } });
  const output = { out: '', err: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const killer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  void exited.then(() => clearTimeout(killer));
  const url = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(output.out);
      if (match === null && child.exitCode === null && Date.now() - started < 30_000) return;
      clearInterval(poll);
      if (match !== null) resolve(match[1] as string);
      else reject(new Error(`the service did not start:\n${output.out}\n${output.err}`));
    }, 20);
  });
  return {
    url,
    dir,
    db,
    output,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
};

/** An HTTP answer, its body parsed as JSON when it is JSON. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test reads into answers freely
}

/**
 * A request over a plain socket: the answer is read even when the server answers before the whole
 * body is sent (413) and closes the connection, which fetch and node:http report as EPIPE instead.
 */
const rawRequest = (url: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: Headers; text: string }> =>
  new Promise((resolve, reject) => {
    const { hostname, port, pathname, search } = new URL(url);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET while the body is still being written: the answer is what counts
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(raw);
      if (match === null || split < 0) return reject(new Error(`no HTTP answer: ${raw.slice(0, 200)}`));
      const answerHeaders = new Headers();
      for (const line of raw.slice(0, split).split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) answerHeaders.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(match[1]), headers: answerHeaders, text: raw.slice(split + 4) });
    });
    const head = [`${method} ${pathname}${search} HTTP/1.1`, `host: ${hostname}:${port}`, 'connection: close', `content-length: ${Buffer.byteLength(body)}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
    socket.write(`${head}\r\n\r\n`);
    // A server that refuses by the headers alone (a content-length over its limit) answers at once; the
    // body is sent only if it did not, so the answer is not lost to a reset of the unread body.
    if (body.length < 1024 * 1024) socket.end(body);
    else setTimeout(() => (chunks.length === 0 ? socket.end(body) : socket.end()), 100);
  });

/** Calls the service. */
export const call = async (
  url: string,
  path: string,
  options: { readonly method?: string; readonly token?: string; readonly body?: unknown; readonly rawBody?: string; readonly headers?: Record<string, string> } = {},
): Promise<Reply> => {
  const headers: Record<string, string> = { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }), ...options.headers };
  if (options.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  const method = options.method ?? (options.body === undefined && options.rawBody === undefined ? 'GET' : 'POST');
  const response =
    options.rawBody !== undefined
      ? await rawRequest(`${url}${path}`, method, headers, options.rawBody)
      : await fetch(`${url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));
  const text = response.text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
};

/** The store's log head: how many events and the last position. Appends only grow it, so equal heads mean nothing was written. */
export const storeHead = (db: string): { readonly count: number; readonly last: number } => {
  const store = createSqliteEventStore({ path: db });
  try {
    return store.database.prepare('SELECT count(*) AS count, coalesce(max(global_position), 0) AS last FROM events').get() as { count: number; last: number };
  } finally {
    store.database.close();
  }
};
