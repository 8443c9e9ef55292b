import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoverageAnswerC, EnrolAnswerC, ErrorBodyC, ExplanationAnswerC, FeedLineC, FeedPageC, FundAnswerC, LookupAnswerC, PaymentFileAnswerC, ProtectionAnswerC, WriteAnswerC } from './contracts/answers.js';
import { call, startServiceProcess, TOKENS, type Reply, type ServiceProcess } from './testing/service-process.js';
import { BPU_MONTHLY, deathClaim, monthsFrom2024, nikOf, paymentFile, workerBody } from './testing/fixtures.js';

// Queries over HTTP on a small history: a GEMET SEKUL fisher in Cilegon paid 15 months, died on
// 10 March 2025, his widow's JKM claim approved and paid; a Serang worker who paid nothing. Every
// answer is decoded with the codec the OpenAPI document is generated from.

let service: ServiceProcess;
let fisher: string;
let serang: string;
const claimId = 'KLM-3672-2025-000001';
const transfer = 'TRF-20250317-0001';

/** Decodes an answer with the codec its OpenAPI response is generated from. */
const shaped = <C extends t.Mixed>(codec: C, reply: Reply): t.TypeOf<C> => {
  const decoded = codec.decode(reply.body);
  if (E.isLeft(decoded)) throw new Error(`${reply.status} answer is not a ${codec.name}: ${reply.text.slice(0, 400)}`);
  return decoded.right;
};
const get = (path: string, token: string = TOKENS.auditor) => call(service.url, path, { token });
const post = (path: string, body: unknown, token: string = TOKENS.clerkCilegon) => call(service.url, path, { token, body });

beforeAll(async () => {
  service = await startServiceProcess();
  fisher = shaped(EnrolAnswerC, await post('/participants', workerBody(31))).participantId;
  serang = shaped(EnrolAnswerC, await post('/participants', workerBody(32, 'KC-SERANG'), TOKENS.clerkSerang)).participantId;
  expect(shaped(PaymentFileAnswerC, await post('/payment-files', paymentFile('GEMET-2024-2025', [fisher], monthsFrom2024(15)))).recorded).toBe(15);
  shaped(WriteAnswerC, await post('/commands', deathClaim(claimId, fisher, '2025-03-10', '2025-03-12')));
  shaped(WriteAnswerC, await post('/commands', { type: 'DecideClaim', claimId, decidedOn: '2025-03-14' }));
  shaped(WriteAnswerC, await post('/commands', { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000, reference: transfer, disbursedOn: '2025-03-17' }));
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

describe('a participant', () => {
  it('is protected by JKK and JKM on a date the month was paid, with the payment as evidence', async () => {
    const answer = shaped(ProtectionAnswerC, await get(`/participants/${fisher}/protection?asOf=2025-01-20`));
    expect(answer).toMatchObject({ status: 'enrolled', asOf: '2025-01-20', enrolment: { branchId: 'KC-CILEGON', segment: 'BPU', programmes: ['JKK', 'JKM'] } });
    expect(answer.protection).toEqual([
      { programme: 'JKK', protected: true, evidence: { membershipFrom: '2024-01', period: '2025-01', paymentReference: expect.stringMatching(/^F-/), paidOn: '2025-01-10' } },
      { programme: 'JKM', protected: true, evidence: expect.objectContaining({ period: '2025-01' }) },
    ]);
    expect(answer.sponsorships).toEqual([{ sponsor: expect.objectContaining({ programme: 'GEMET SEKUL' }), fromPeriod: '2024-01', lastPeriod: null }]);
  });

  it('is not protected once the months stop being paid, and the answer says why', async () => {
    const answer = shaped(ProtectionAnswerC, await get(`/participants/${fisher}/protection?asOf=2025-05-20`));
    expect(answer.protection[0]).toMatchObject({ protected: false, gap: { code: 'contribution-unpaid', period: '2025-05' } });
    const never = shaped(ProtectionAnswerC, await get(`/participants/${serang}/protection?asOf=2024-01-20`));
    expect(never.protection[1]).toMatchObject({ programme: 'JKM', protected: false, gap: { code: 'contribution-unpaid' }, explanation: expect.stringContaining('was not paid') });
  });

  it('unknown is 404; a malformed id or date is 400 naming the parameter', async () => {
    expect(shaped(ErrorBodyC, await get('/participants/p-abcdefabcdefabcdefabcdef/protection')).error.code).toBe('not-found');
    expect(shaped(ErrorBodyC, await get(`/participants/${fisher}/protection?asOf=2025-02-30`)).error.problems).toEqual([{ path: 'asOf', message: expect.stringContaining('2025-02-30') }]);
    expect((await get('/participants/not%20an%20id/protection')).body.error.problems[0].path).toBe('participantId');
  });

  it('lookup gives the participant id of a NIK (the body, never the URL)', async () => {
    expect(shaped(LookupAnswerC, await post('/participants/lookup', { nik: nikOf(31) }))).toEqual({ participantId: fisher, registered: true });
    expect(shaped(LookupAnswerC, await post('/participants/lookup', { nik: nikOf(39) }, TOKENS.dpo))).toMatchObject({ registered: false });
  });
});

describe('coverage and fund', () => {
  it('coverage as of a date counts the protected per region and branch', async () => {
    const answer = shaped(CoverageAnswerC, await get('/coverage?asOf=2025-01-20'));
    expect(answer.total).toEqual({ key: 'all', protected: 1, formal: 0, informal: 1, members: 2 });
    expect(answer.byBranch).toEqual([
      { key: 'KC-CILEGON', protected: 1, formal: 0, informal: 1, members: 1 },
      { key: 'KC-SERANG', protected: 0, formal: 0, informal: 0, members: 1 },
    ]);
    expect(shaped(CoverageAnswerC, await get('/coverage?asOf=2025-01-20&region=3604')).byRegion.map((r) => r.key)).toEqual(['3604']);
  });

  it('sees a write at once (the read models catch up before each query)', async () => {
    const before = shaped(CoverageAnswerC, await get('/coverage?asOf=2024-02-20')).total.protected;
    shaped(PaymentFileAnswerC, await post('/payment-files', paymentFile('SERANG-2024-02', [serang], ['2024-01', '2024-02'], 'KC-SERANG'), TOKENS.clerkSerang));
    expect(shaped(CoverageAnswerC, await get('/coverage?asOf=2024-02-20')).total.protected).toBe(before + 1);
  });

  it('fund per branch and programme: the contributions received and the benefit paid, in whole rupiah', async () => {
    const answer = shaped(FundAnswerC, await get('/fund?asOf=2025-03-31&branch=KC-CILEGON', TOKENS.analyst));
    if (!('rows' in answer)) throw new Error('expected a fund report');
    expect(answer.byBranch).toEqual([expect.objectContaining({ branchId: 'KC-CILEGON' })]);
    expect(answer.total).toMatchObject({ received: 15 * BPU_MONTHLY, approved: 42_000_000, disbursed: 42_000_000, approvedUnpaid: 0, balance: 15 * BPU_MONTHLY - 42_000_000 });
    const months = shaped(FundAnswerC, await get('/fund?asOf=2025-03-31&branch=KC-CILEGON&monthly=true', TOKENS.analyst));
    if (!('months' in months)) throw new Error('expected months');
    expect(months.months.filter((m) => m.period === '2025-03').reduce((sum, m) => sum + m.disbursed, 0)).toBe(42_000_000);
  });
});

describe('the audit explanation', () => {
  it('explains the disbursement: approval, parameters with legal references, recomputation, contribution record', async () => {
    const answer = shaped(ExplanationAnswerC, await get(`/audit/disbursements/${claimId}/${transfer}`));
    expect(answer.disbursement).toMatchObject({ reference: transfer, amount: 42_000_000, claimId });
    expect(answer.approval).toMatchObject({ total: 42_000_000, policyName: 'baseline' });
    expect(answer.recomputation).toEqual({ outcome: 'approved', total: 42_000_000, matchesRecorded: true });
    expect(answer.parameters.length).toBeGreaterThan(0);
    expect(answer.parameters.every((p) => typeof p['legalRef'] === 'string')).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('Siti Aminah');
    expect(shaped(ErrorBodyC, await get(`/audit/disbursements/${claimId}/TRF-NOPE-0001`)).error.code).toBe('not-found');
  });
});

describe('the feed', () => {
  /** Every line of an NDJSON answer, decoded. */
  const lines = (reply: Reply) => reply.text.trimEnd().split('\n').map((line) => shaped(FeedLineC, { ...reply, body: JSON.parse(line) }));

  it('streams NDJSON in global order, pages with a cursor, and the pages join into the whole log', async () => {
    const whole = await call(service.url, '/feed?limit=10000', { token: TOKENS.auditor });
    expect(whole.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const all = lines(whole);
    const events = all.slice(0, -1) as Array<{ position: number; type: string }>;
    expect(all.at(-1)).toEqual({ cursor: { next: events.at(-1)?.position, more: false, count: events.length } });
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
    const paged: number[] = [];
    let from = 0;
    for (let guard = 0; guard < 100; guard++) {
      const page = lines(await call(service.url, `/feed?from=${from}&limit=7`, { token: TOKENS.analyst }));
      const cursor = (page.at(-1) as { cursor: { next: number; more: boolean; count: number } }).cursor;
      paged.push(...(page.slice(0, -1) as Array<{ position: number }>).map((e) => e.position));
      expect(cursor.count).toBeLessThanOrEqual(7);
      from = cursor.next;
      if (!cursor.more) break;
    }
    expect(paged).toEqual(events.map((e) => e.position));
    const end = lines(await call(service.url, `/feed?from=${from}`, { token: TOKENS.analyst }));
    expect(end).toEqual([{ cursor: { next: from, more: false, count: 0 } }]);
  });

  it('gives the same page as one JSON document with Accept: application/json', async () => {
    const ndjson = lines(await call(service.url, '/feed?from=3&limit=5', { token: TOKENS.auditor }));
    const page = shaped(FeedPageC, await call(service.url, '/feed?from=3&limit=5', { token: TOKENS.auditor, headers: { accept: 'application/json' } }));
    expect([...page.events, { cursor: { next: page.next, more: page.more, count: page.count } }]).toEqual(ndjson);
  });

  it('refuses a limit out of range and unknown parameters', async () => {
    for (const query of ['limit=0', 'limit=10001', 'from=-1', 'from=abc', 'since=3'])
      expect(shaped(ErrorBodyC, await call(service.url, `/feed?${query}`, { token: TOKENS.auditor })).error.code).toBe('invalid-query');
  });
});
