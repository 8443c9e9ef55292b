import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodyC } from './contracts/answers.js';
import { call, startServiceProcess, storeHead, TOKENS, type Reply, type ServiceProcess } from './testing/service-process.js';
import { deathClaim, payment, paymentFile, workerBody } from './testing/fixtures.js';

// Bad input never gets a 500 and never writes: fast-check over the routes with random JSON bodies,
// mutated valid commands, bad query strings and path parameters, huge and deeply nested bodies, and
// wrong content types. After each rejected request the log is what it was.

let service: ServiceProcess;
let worker: string;
const head = () => storeHead(service.db as string);

beforeAll(async () => {
  service = await startServiceProcess();
  worker = (await call(service.url, '/participants', { token: TOKENS.clerkCilegon, body: workerBody(21) })).body.participantId;
  expect((await call(service.url, '/commands', { token: TOKENS.clerkCilegon, body: payment(worker, '2024-01') })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

/** The invariant: < 500, a machine-readable error on 4xx, and the log unchanged by a refusal. */
const checked = async (send: () => Promise<Reply>): Promise<Reply> => {
  const before = head();
  const reply = await send();
  expect(reply.status, `${reply.status} ${reply.text.slice(0, 300)}`).toBeLessThan(500);
  if (reply.status >= 400) {
    expect(E.isRight(ErrorBodyC.decode(reply.body)), reply.text.slice(0, 300)).toBe(true);
    expect(head()).toEqual(before);
  }
  return reply;
};

const WRITES = ['/participants', '/commands', '/payment-files', '/participants/lookup'] as const;

/** Valid bodies of each write route, to mutate. */
const validBodies = (): ReadonlyArray<readonly [string, unknown]> => [
  ['/participants', workerBody(22)],
  ['/commands', payment(worker, '2024-02')],
  ['/commands', deathClaim('KLM-3672-2024-000777', worker, '2024-01-20', '2024-01-25')],
  ['/commands', { type: 'DisburseBenefit', claimId: 'KLM-3672-2024-000777', payee: { kind: 'heir', heirId: 'h1' }, amount: 1_000, reference: 'TRF-FUZZ-0001', disbursedOn: '2024-02-01' }],
  ['/payment-files', paymentFile('FILE-FUZZ-1', [worker], ['2024-02', '2024-03'])],
  ['/participants/lookup', { nik: '3672011507850021' }],
];

type Path = ReadonlyArray<string | number>;

/** Every path into a JSON value (objects' keys and arrays' indexes), the root included. */
const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return [prefix];
};

/** A copy of a JSON value with the value at a path replaced (or removed, for `undefined`). */
const setAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  if (rest.length === 0 && replacement === undefined) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, replacement);
  return copy;
};

/** Values that break fields in interesting ways. */
const nasty = fc.oneof(
  fc.constantFrom('', ' ', '2024-02-30', '2024-13', '0000-00-00', '9999-12-31', '1', '-1', 'null', '__proto__', 'KC-CILEGON\u0000', '3672011507850003', 'x'.repeat(10_000), -1, 0, 0.5, 1e21, -0, 2 ** 53, null, true, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

describe('fuzzing the routes (the real service over HTTP)', () => {
  it('random JSON bodies to every write route: 4xx with an error body, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(TOKENS.clerkCilegon, TOKENS.dpo), async (path, body, token) => {
        const reply = await checked(() => call(service.url, path, { token, body }));
        expect(reply.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 120 },
    );
  });

  it('valid commands with one field removed or replaced: never a 500, never a write on refusal', async () => {
    const cases = validBodies().flatMap(([path, body]) => pathsOf(body).map((p) => ({ path, body, at: p })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), fc.option(nasty, { nil: undefined, freq: 4 }), async ({ path, body, at }, replacement) => {
        const reply = await checked(() => call(service.url, path, { token: TOKENS.clerkCilegon, body: setAt(body, at, replacement) }));
        if (reply.status === 400 && reply.body.error.code.startsWith('invalid-')) expect(reply.body.error.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 250 },
    );
  });

  it('bad query strings and path parameters: 400 naming the parameter (reads never write)', async () => {
    const routes = ['/coverage', '/fund', '/feed', `/participants/${worker}/protection`, '/participants/{id}/protection', '/participants/{id}/export', '/audit/disbursements/{claim}/{ref}'];
    const param = fc.constantFrom('asOf', 'asOf', 'asOf', 'region', 'branch', 'monthly', 'from', 'limit', 'asof', 'x', '__proto__', 'constructor');
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2024-02-30', '-1', '0', '10001', '1e3', '99999999999999999999', 'true', 'TRUE', '', '3672', 'KC-CILEGON', '%00', '..%2F..', '1900-01-01', '1970-01-01', '2100-12-31', '2024-02-29'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(fc.tuple(param, text), { maxLength: 3 }), text, text, fc.constantFrom(TOKENS.auditor, TOKENS.dpo), async (route, pairs, a, b, token) => {
        const path = route.replace('{id}', encodeURIComponent(a) || 'p').replace('{claim}', encodeURIComponent(a) || 'c').replace('{ref}', encodeURIComponent(b) || 'r');
        const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const before = head();
        const reply = await checked(() => call(service.url, `${path}${query === '' ? '' : `?${query}`}`, { token }));
        expect(head()).toEqual(before);
        if (reply.status === 400) expect(reply.body.error.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('wrong content types, bodies that are not JSON, huge and deeply nested bodies: 4xx, nothing written', async () => {
    const token = TOKENS.clerkCilegon;
    const valid = JSON.stringify(payment(worker, '2024-02'));
    const expectations: Array<[string, Record<string, string>, number]> = [
      [valid, { 'content-type': 'text/plain' }, 415],
      [valid, { 'content-type': 'application/xml' }, 415],
      [valid, { 'content-type': 'multipart/form-data; boundary=x' }, 415],
      [valid, { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['{"type": "PayContribution",', { 'content-type': 'application/json' }, 400],
      ['', { 'content-type': 'application/json' }, 400],
      ['{"__proto__": {"admin": true}}', { 'content-type': 'application/json' }, 400],
      [`{"type":"PayContribution","pad":"${'x'.repeat(5 * 1024 * 1024)}"}`, { 'content-type': 'application/json' }, 413],
      ['['.repeat(100_000) + ']'.repeat(100_000), { 'content-type': 'application/json' }, 400],
      [`{"payments": [${Array(20_000).fill('{}').join(',')}]}`, { 'content-type': 'application/json' }, 400],
    ];
    for (const path of WRITES)
      for (const [rawBody, headers, status] of expectations) {
        const reply = await checked(() => call(service.url, path, { token, rawBody, headers, method: 'POST' }));
        expect({ path, type: headers['content-type'], status: reply.status }).toEqual({ path, type: headers['content-type'], status });
      }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), fc.string({ maxLength: 200 }), fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'application/octet-stream'), async (path, rawBody, type) => {
        await checked(() => call(service.url, path, { token, rawBody, headers: { 'content-type': type }, method: 'POST' }));
      }),
      { numRuns: 80 },
    );
  });

  it('forgetting someone by a random path: 400 or 404, never a 500, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^p-[0-9a-f]{24}$/)), fc.jsonValue({ maxDepth: 2 }), async (id, body) => {
        const reply = await checked(() => call(service.url, `/participants/${encodeURIComponent(id) || 'x'}/forget`, { token: TOKENS.dpo, body }));
        expect([400, 404, 415]).toContain(reply.status);
      }),
      { numRuns: 60 },
    );
  });

  it('unknown routes and methods are a 404 with an error body', async () => {
    for (const [method, path] of [['GET', '/commands'], ['DELETE', '/participants'], ['PUT', '/feed'], ['GET', '/nope'], ['POST', '/coverage']] as const) {
      const reply = await checked(() => call(service.url, path, { token: TOKENS.auditor, method }));
      expect(reply.status).toBe(404);
    }
  });
});
