import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServiceProcess, storeHead, TOKENS, type ServiceProcess } from './testing/service-process.js';
import { deathClaim, monthsFrom2024, nikOf, paymentFile, workerBody } from './testing/fixtures.js';

// Data-subject requests over HTTP (the library's crypto-shredding, docs/privacy.md): the data protection
// officer exports everything held about a worker and forgets them; nobody else may; forgetting changes
// no count or amount.

let service: ServiceProcess;
let worker: string;
const claimId = 'KLM-3672-2025-000050';

beforeAll(async () => {
  service = await startServiceProcess();
  worker = (await call(service.url, '/participants', { token: TOKENS.clerkCilegon, body: workerBody(51) })).body.participantId;
  expect((await call(service.url, '/payment-files', { token: TOKENS.clerkCilegon, body: paymentFile('GEMET-PDP', [worker], monthsFrom2024(15)) })).body.recorded).toBe(15);
  expect((await call(service.url, '/commands', { token: TOKENS.clerkCilegon, body: deathClaim(claimId, worker, '2025-03-10', '2025-03-12') })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

describe('data-subject requests', () => {
  it('only the data protection officer may export or forget: 403 for every other role, and nothing changes', async () => {
    for (const token of [TOKENS.clerkCilegon, TOKENS.auditor, TOKENS.analyst]) {
      const before = storeHead(service.db as string);
      expect((await call(service.url, `/participants/${worker}/export`, { token })).body.error.code).toBe('forbidden');
      expect((await call(service.url, `/participants/${worker}/forget`, { token, method: 'POST' })).body.error.code).toBe('forbidden');
      expect(storeHead(service.db as string)).toEqual(before);
    }
    const exported = await call(service.url, `/participants/${worker}/export`, { token: TOKENS.dpo });
    expect(exported.body.key).toEqual({ state: 'active' });
  });

  it('exports everything held about the worker, decrypted: their stream and their claim, heirs included', async () => {
    const exported = await call(service.url, `/participants/${worker}/export`, { token: TOKENS.dpo });
    expect(exported.status).toBe(200);
    expect(exported.body.streams).toEqual([`participant-${worker}`, `claim-${claimId}`]);
    expect(exported.text).toContain(nikOf(51));
    expect(exported.text).toContain('Siti Aminah');
    expect((await call(service.url, '/participants/p-abcdefabcdefabcdefabcdef/export', { token: TOKENS.dpo })).status).toBe(404);
  });

  it('forgets the worker: personal data reads back redacted everywhere, every count and amount stays', async () => {
    const coverage = (await call(service.url, '/coverage?asOf=2025-01-20', { token: TOKENS.analyst })).body;
    const fund = (await call(service.url, '/fund?asOf=2025-03-31', { token: TOKENS.analyst })).body;
    const before = storeHead(service.db as string);
    const forgotten = await call(service.url, `/participants/${worker}/forget`, { token: TOKENS.dpo, method: 'POST' });
    expect(forgotten.status).toBe(200);
    expect(forgotten.body).toMatchObject({ outcome: 'forgotten', participantId: worker, keyDestroyed: true });
    expect(storeHead(service.db as string)).toEqual(before);
    const again = await call(service.url, `/participants/${worker}/forget`, { token: TOKENS.dpo, method: 'POST' });
    expect(again.body).toMatchObject({ outcome: 'already-forgotten', forgottenAt: forgotten.body.forgottenAt });
    const feed = await call(service.url, '/feed?limit=10000', { token: TOKENS.dpo });
    for (const secret of [nikOf(51), 'Pekerja 51', 'Siti Aminah']) expect(feed.text).not.toContain(secret);
    const exported = await call(service.url, `/participants/${worker}/export`, { token: TOKENS.dpo });
    expect(exported.body.key).toMatchObject({ state: 'forgotten' });
    expect(exported.text).not.toContain(nikOf(51));
    expect((await call(service.url, '/coverage?asOf=2025-01-20', { token: TOKENS.analyst })).body).toEqual(coverage);
    expect((await call(service.url, '/fund?asOf=2025-03-31', { token: TOKENS.analyst })).body).toEqual(fund);
    const protection = await call(service.url, `/participants/${worker}/protection?asOf=2025-01-20`, { token: TOKENS.clerkCilegon });
    expect(protection.body.protection.map((p: { protected: boolean }) => p.protected)).toEqual([true, true]);
    expect(protection.text).not.toContain(nikOf(51));
    expect((await call(service.url, '/commands', { token: TOKENS.clerkCilegon, body: { type: 'DecideClaim', claimId, decidedOn: '2025-03-14' } })).body.events[0].type).toBe('ClaimApproved');
  });
});
