import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@jamsos/store-eventstoredb/test-server';
import { call, runService, startServiceProcess, TOKENS, type ServiceProcess } from './testing/service-process.js';
import { monthsFrom2024, paymentFile, workerBody } from './testing/fixtures.js';

// `--store esdb://...`: the same service on EventStoreDB, here the in-repo protocol test server (NOT
// EventStoreDB; it runs in this process, and the service is a child process talking gRPC to it).

let server: TestServer;
let service: ServiceProcess;
const dir = mkdtempSync(join(tmpdir(), 'jamsos-http-esdb-'));
const key = randomBytes(32).toString('hex');
const demoConfig = fileURLToPath(new URL('../demo-config.json', import.meta.url));

beforeAll(async () => {
  server = await startTestServer({ port: 0 });
  service = await startServiceProcess({ storeArgs: ['--store', server.url, '--read-models', join(dir, 'read-models.db'), '--create'], env: { JAMSOS_PARTICIPANT_ID_KEY: key } });
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the service on EventStoreDB (the protocol test server)', () => {
  it('says where the events are', () => {
    expect(service.output.out).toMatch(/store: esdb:\/\/\S+ \(esdb\)/);
  });

  it('enrols, records a payment file idempotently, and answers coverage and the feed from the server', async () => {
    const enrolled = await call(service.url, '/participants', { token: TOKENS.clerkCilegon, body: workerBody(41) });
    expect(enrolled.status).toBe(201);
    const worker = enrolled.body.participantId as string;
    const file = paymentFile('GEMET-ESDB-1', [worker], monthsFrom2024(3));
    const first = await call(service.url, '/payment-files', { token: TOKENS.clerkCilegon, body: file });
    expect(first.body).toMatchObject({ recorded: 3, rejected: 0 });
    const again = await call(service.url, '/payment-files', { token: TOKENS.clerkCilegon, body: file });
    expect(again.text).toBe(first.text);
    const coverage = await call(service.url, '/coverage?asOf=2024-03-20', { token: TOKENS.analyst });
    expect(coverage.body.total).toMatchObject({ protected: 1, members: 1 });
    const feed = await call(service.url, '/feed', { token: TOKENS.auditor, headers: { accept: 'application/json' } });
    expect(feed.body.events.map((e: { type: string }) => e.type)).toEqual(['ParticipantRegistered', 'ParticipantEnrolled', 'SponsorshipStarted', 'ContributionPaid', 'ContributionPaid', 'ContributionPaid']);
    expect(feed.body.events[0].data.nik).toBeNull();
  });

  it('refuses to start without the participant-id key (it stays out of the log)', async () => {
    const run = await runService(['--config', demoConfig, '--port', '0', '--store', server.url], { JAMSOS_PARTICIPANT_ID_KEY: '' });
    expect(run.code).toBe(2);
    expect(run.err).toContain('JAMSOS_PARTICIPANT_ID_KEY');
  });
});
