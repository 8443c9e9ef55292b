import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServiceProcess, storeHead, TOKENS, type ServiceProcess } from './testing/service-process.js';
import { BPU_MONTHLY, payment, paymentFile, workerBody } from './testing/fixtures.js';

// Idempotency over HTTP: a business key (payment reference, claim number, transfer reference, the NIK
// behind a participant id) or an Idempotency-Key header; a repeat appends nothing and answers the
// first answer.

let service: ServiceProcess;
let worker: string;
let serial = 100;
const clerk = TOKENS.clerkCilegon;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(service.url, path, { token: clerk, body, headers });
const head = () => storeHead(service.db as string);
/** A new worker at KC Cilegon with nothing paid yet (BPU months must be paid in order, or protection lapses). */
const newWorker = async (): Promise<string> => (await post('/participants', workerBody(++serial))).body.participantId;

beforeAll(async () => {
  service = await startServiceProcess();
  worker = (await post('/participants', workerBody(11))).body.participantId;
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

describe('business keys', () => {
  it('enrolling the same worker again records nothing and answers the same (the participant id is the NIK under the store key)', async () => {
    const before = head();
    const again = await post('/participants', workerBody(11));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.participantId).toBe(worker);
    expect(again.body.events.map((e: { type: string; revision: number }) => [e.type, e.revision])).toEqual([
      ['ParticipantRegistered', 0],
      ['ParticipantEnrolled', 1],
      ['SponsorshipStarted', 2],
    ]);
    expect(head()).toEqual(before);
  });

  it('a repeated payment (same reference) answers the first answer, byte for byte, and appends nothing', async () => {
    const first = await post('/commands', payment(worker, '2024-01'));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const after = head();
    const second = await post('/commands', payment(worker, '2024-01'));
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.text).toBe(first.text);
    expect(head()).toEqual(after);
  });

  it('the same payment reference for another month is a 409 conflict, and nothing is written', async () => {
    const before = head();
    const reused = await post('/commands', { ...payment(worker, '2024-02'), paymentReference: payment(worker, '2024-01').paymentReference });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'payment-reference-reused', details: { paymentReference: payment(worker, '2024-01').paymentReference } });
    expect(head()).toEqual(before);
  });

  it('a payment file sent twice answers the same, line by line, and records each payment once', async () => {
    const file = paymentFile('FILE-GEMET-2024-Q1', [worker], ['2024-02', '2024-03']);
    const first = await post('/payment-files', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ fileReference: 'FILE-GEMET-2024-Q1', lines: 2, recorded: 2, rejected: 0 });
    const after = head();
    expect(after.count).toBeGreaterThan(0);
    const second = await post('/payment-files', file);
    expect(second.text).toBe(first.text);
    expect(head()).toEqual(after);
  });

  it('a bad line of a payment file is answered with its error; the good lines are recorded', async () => {
    const file = paymentFile('FILE-GEMET-2024-01', [await newWorker()], ['2024-01', '2024-02']);
    const bad = { ...file, payments: [file.payments[0], { ...file.payments[1], total: BPU_MONTHLY - 1 }] };
    const before = head();
    const reply = await post('/payment-files', bad);
    expect(reply.body).toMatchObject({ recorded: 1, rejected: 1, results: [{ line: 0, outcome: 'recorded' }, { line: 1, outcome: 'rejected', error: { code: 'amount-does-not-match-policy' } }] });
    expect(head().count).toBe(before.count + 1);
  });
});

describe('the Idempotency-Key header', () => {
  it('same key, same request: the first answer again, nothing appended', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000001';
    const fresh = await newWorker();
    const first = await post('/commands', payment(fresh, '2024-01'), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const after = head();
    const second = await post('/commands', payment(fresh, '2024-01'), { 'idempotency-key': key });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(head()).toEqual(after);
  });

  it('same key, a different request: 422 idempotency-key-reused, nothing written', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000002';
    const fresh = await newWorker();
    expect((await post('/commands', payment(fresh, '2024-01'), { 'idempotency-key': key })).status).toBe(201);
    const before = head();
    const other = await post('/commands', payment(fresh, '2024-02'), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency-key-reused');
    expect(head()).toEqual(before);
  });

  it('keeps a refusal too: the same refused request with the same key gets the same refusal', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000003';
    const wrong = { ...payment(worker, '2024-04'), total: 1_000 };
    const first = await post('/commands', wrong, { 'idempotency-key': key });
    expect(first.status).toBe(422);
    const second = await post('/commands', wrong, { 'idempotency-key': key });
    expect(second.status).toBe(422);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('is scoped to the caller: another clerk using the same key is not given this answer', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000004';
    expect((await post('/commands', payment(await newWorker(), '2024-01'), { 'idempotency-key': key })).status).toBe(201);
    const other = await call(service.url, '/commands', { token: TOKENS.clerkSerang, body: payment(worker, '2024-04'), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(403);
  });

  it('concurrent requests with one key append once and all get the same answer', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000005';
    const fresh = await newWorker();
    const before = head();
    const replies = await Promise.all(Array.from({ length: 8 }, () => post('/commands', payment(fresh, '2024-01'), { 'idempotency-key': key })));
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(head().count).toBe(before.count + 1);
  });

  it('concurrent repeats without a key still append once (deterministic event ids)', async () => {
    const fresh = await newWorker();
    const before = head();
    const replies = await Promise.all(Array.from({ length: 8 }, () => post('/commands', payment(fresh, '2024-01'))));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(head().count).toBe(before.count + 1);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const before = head();
    const reply = await post('/commands', payment(worker, '2024-04'), { 'idempotency-key': 'has spaces in it' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid-header', problems: [{ path: 'Idempotency-Key' }] });
    expect(head()).toEqual(before);
  });

  it('survives a restart: the answers are kept in the store file', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000006';
    const fresh = await newWorker();
    const first = await post('/commands', payment(fresh, '2024-01'), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const restarted = await startServiceProcess({ storeArgs: ['--db', service.db as string] });
    try {
      const again = await call(restarted.url, '/commands', { token: clerk, body: payment(fresh, '2024-01'), headers: { 'idempotency-key': key } });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    } finally {
      await restarted.stop();
    }
  });
});
