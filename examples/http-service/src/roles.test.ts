import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServiceProcess, storeHead, TOKENS, type Reply, type ServiceProcess } from './testing/service-process.js';
import { deathClaim, monthsFrom2024, nikOf, payment, paymentFile, workerBody } from './testing/fixtures.js';

// Roles, checked on every route, against the real service over HTTP: each role is refused what it may
// not do with 403 (401 without a known token), and the log is the same after the refusal.

let service: ServiceProcess;
let cilegon: string;
let serang: string;
const claimId = 'KLM-3672-2025-000001';

const as = (token: string | undefined, path: string, body?: unknown, method?: string): Promise<Reply> => call(service.url, path, { ...(token === undefined ? {} : { token }), ...(body === undefined ? {} : { body }), ...(method === undefined ? {} : { method }) });

beforeAll(async () => {
  service = await startServiceProcess();
  cilegon = (await as(TOKENS.clerkCilegon, '/participants', workerBody(1, 'KC-CILEGON'))).body.participantId;
  serang = (await as(TOKENS.clerkSerang, '/participants', workerBody(2, 'KC-SERANG'))).body.participantId;
  expect((await as(TOKENS.clerkCilegon, '/payment-files', paymentFile('FILE-CLG-1', [cilegon], monthsFrom2024(15)))).body.recorded).toBe(15);
  expect((await as(TOKENS.clerkCilegon, '/commands', deathClaim(claimId, cilegon, '2025-03-10', '2025-03-12'))).status).toBe(201);
  expect((await as(TOKENS.clerkCilegon, '/commands', { type: 'DecideClaim', claimId, decidedOn: '2025-03-14' })).body.events[0].type).toBe('ClaimApproved');
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

/** Sends a request that must be refused, and checks that nothing was written. */
const refused = async (status: 401 | 403, token: string | undefined, path: string, body?: unknown, method?: string): Promise<Reply> => {
  const before = storeHead(service.db as string);
  const reply = await as(token, path, body, method);
  expect({ path, status: reply.status, code: reply.body?.error?.code }).toEqual({ path, status, code: status === 401 ? 'unauthorized' : 'forbidden' });
  expect(reply.body.error.problems).toEqual([]);
  expect(storeHead(service.db as string)).toEqual(before);
  return reply;
};

describe('without a known token', () => {
  it('every route but /health and /openapi.json answers 401, and nothing is written', async () => {
    for (const token of [undefined, 'not-a-token-the-service-knows-at-all']) {
      await refused(401, token, '/participants', workerBody(3));
      await refused(401, token, '/commands', payment(cilegon, '2025-04'));
      await refused(401, token, '/payment-files', paymentFile('FILE-X', [cilegon], ['2025-04']));
      await refused(401, token, '/participants/lookup', { nik: nikOf(1) });
      await refused(401, token, `/participants/${cilegon}/protection`);
      await refused(401, token, '/coverage');
      await refused(401, token, '/fund');
      await refused(401, token, '/feed');
      await refused(401, token, `/audit/disbursements/${claimId}/TRF-1`);
    }
    expect((await as(undefined, '/health')).status).toBe(200);
    expect((await as(undefined, '/openapi.json')).status).toBe(200);
  });
});

describe('an auditor, a policy analyst and a data protection officer', () => {
  it('may write nothing: 403 on every command route', async () => {
    for (const token of [TOKENS.auditor, TOKENS.analyst, TOKENS.dpo]) {
      await refused(403, token, '/participants', workerBody(3));
      await refused(403, token, '/commands', payment(cilegon, '2025-04'));
      await refused(403, token, '/commands', { type: 'DecideClaim', claimId, decidedOn: '2025-03-20' });
      await refused(403, token, '/payment-files', paymentFile('FILE-X', [cilegon], ['2025-04']));
    }
  });

  it('a policy analyst reads aggregates and the redacted feed, not a participant nor an audit explanation', async () => {
    await refused(403, TOKENS.analyst, `/participants/${cilegon}/protection`);
    await refused(403, TOKENS.analyst, '/participants/lookup', { nik: nikOf(1) });
    await refused(403, TOKENS.analyst, `/audit/disbursements/${claimId}/TRF-1`);
    expect((await as(TOKENS.analyst, '/coverage?asOf=2025-01-31')).status).toBe(200);
    expect((await as(TOKENS.analyst, '/fund')).status).toBe(200);
    const feed = await as(TOKENS.analyst, '/feed');
    expect(feed.status).toBe(200);
    expect(feed.text).not.toContain(nikOf(1));
  });

  it('an auditor reads participants without their identity, and may not look a NIK up', async () => {
    await refused(403, TOKENS.auditor, '/participants/lookup', { nik: nikOf(1) });
    const protection = await as(TOKENS.auditor, `/participants/${cilegon}/protection?asOf=2025-01-20`);
    expect(protection.status).toBe(200);
    expect(protection.body.identity).toEqual({ domicileRegionId: '3672', registeredOn: '2024-01-05' });
    expect(protection.text).not.toContain(nikOf(1));
  });
});

describe('personal data', () => {
  it('the feed redacts NIKs, names, birth dates and heirs for every role but the data protection officer', async () => {
    for (const token of [TOKENS.auditor, TOKENS.analyst]) {
      const feed = await call(service.url, '/feed', { token, headers: { accept: 'application/json' } });
      const registered = feed.body.events.find((e: { type: string }) => e.type === 'ParticipantRegistered');
      expect(registered.data).toMatchObject({ nik: null, name: null, birthDate: null, domicileRegionId: '3672' });
      expect(registered.redacted).toEqual(['birthDate', 'name', 'nik']);
      const filed = feed.body.events.find((e: { type: string }) => e.type === 'ClaimFiled');
      expect(filed.data).toMatchObject({ claimantName: null, heirs: [{ heirId: 'h1', name: null, nik: null, relationship: 'spouse' }] });
      for (const secret of [nikOf(1), 'Pekerja 1', '1985-07-15', 'Siti Aminah', '3672014112880001']) expect(feed.text).not.toContain(secret);
    }
    const full = await call(service.url, '/feed', { token: TOKENS.dpo, headers: { accept: 'application/json' } });
    expect(full.body.events.find((e: { type: string }) => e.type === 'ParticipantRegistered').data).toMatchObject({ nik: nikOf(1), name: 'Pekerja 1', birthDate: '1985-07-15' });
    expect(full.text).toContain('Siti Aminah');
  });

  it("a clerk sees the identity of their branch's workers; the data protection officer sees everyone's", async () => {
    expect((await as(TOKENS.clerkCilegon, `/participants/${cilegon}/protection?asOf=2025-01-20`)).body.identity).toMatchObject({ nik: nikOf(1), birthDate: '1985-07-15' });
    expect((await as(TOKENS.dpo, `/participants/${serang}/protection?asOf=2025-01-20`)).body.identity).toMatchObject({ nik: nikOf(2) });
  });

  it('write answers never echo personal data, not even to the clerk who sent it', async () => {
    const again = await as(TOKENS.clerkCilegon, '/participants', workerBody(1, 'KC-CILEGON'));
    expect(again.status).toBe(201);
    expect(again.text).not.toContain(nikOf(1));
    expect(again.text).not.toContain('Pekerja 1');
  });
});

describe('a clerk', () => {
  it('may not read the feed nor an audit explanation', async () => {
    await refused(403, TOKENS.clerkCilegon, '/feed');
    await refused(403, TOKENS.clerkCilegon, `/audit/disbursements/${claimId}/TRF-1`);
  });

  it('writes for their own branch only: every command that concerns another branch is 403 and writes nothing', async () => {
    const clerk = TOKENS.clerkSerang;
    await refused(403, clerk, '/participants', workerBody(4, 'KC-CILEGON'));
    await refused(403, clerk, '/commands', payment(cilegon, '2025-04'));
    await refused(403, clerk, '/commands', { type: 'StartSponsorship', participantId: cilegon, sponsor: { type: 'csr', sponsorId: 'CSR-KS-01' }, fromPeriod: '2025-04', startedOn: '2025-04-01' });
    await refused(403, clerk, '/commands', { type: 'EndSponsorship', participantId: cilegon, sponsor: { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' }, lastPeriod: '2025-06', endedOn: '2025-04-01' });
    await refused(403, clerk, '/commands', { type: 'AssessArrears', participantId: cilegon, assessedOn: '2025-06-01' });
    await refused(403, clerk, '/commands', { ...workerBody(1, 'KC-SERANG').enrolment, type: 'EnrolParticipant', participantId: cilegon });
    await refused(403, clerk, '/commands', deathClaim('KLM-3672-2025-000009', serang, '2025-03-10', '2025-03-12', 'KC-CILEGON'));
    await refused(403, clerk, '/commands', { type: 'DecideClaim', claimId, decidedOn: '2025-03-20' });
    await refused(403, clerk, '/commands', { type: 'RejectClaim', claimId, decidedOn: '2025-03-20', note: 'documents incomplete' });
    await refused(403, clerk, '/commands', { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000, reference: 'TRF-20250317-0001', disbursedOn: '2025-03-17' });
    await refused(403, clerk, `/participants/${cilegon}/protection`);
  });

  it('may not slip a worker of another branch into a payment file: the whole file is refused', async () => {
    const file = paymentFile('FILE-MIXED', [serang, cilegon], ['2024-01'], 'KC-SERANG');
    const reply = await refused(403, TOKENS.clerkSerang, '/payment-files', file);
    expect(reply.body.error.message).toContain(`${cilegon} (KC-CILEGON)`);
  });

  it("does what their own branch needs: enrols, records payments and claims, reads their workers", async () => {
    const before = storeHead(service.db as string);
    expect((await as(TOKENS.clerkSerang, '/commands', payment(serang, '2024-01', 'KC-SERANG'))).status).toBe(201);
    expect((await as(TOKENS.clerkSerang, `/participants/${serang}/protection?asOf=2024-01-20`)).body.protection).toEqual([
      expect.objectContaining({ programme: 'JKK', protected: true }),
      expect.objectContaining({ programme: 'JKM', protected: true }),
    ]);
    expect(storeHead(service.db as string).count).toBe(before.count + 1);
  });
});
