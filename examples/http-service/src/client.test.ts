import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServiceProcess, storeHead, TOKENS, type ServiceProcess } from './testing/service-process.js';

// The second-language client (Python 3, standard library only) against the real service: it enrols a
// worker and reads coverage using only the published contracts.

const client = fileURLToPath(new URL('../client/enrol_and_read.py', import.meta.url));

/** Runs the Python client to its end. */
const python = (env: NodeJS.ProcessEnv, args: ReadonlyArray<string> = []): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('python3', [client, ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });

let service: ServiceProcess;
beforeAll(async () => {
  service = await startServiceProcess();
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

describe('the Python client (client/enrol_and_read.py)', () => {
  it('enrols a worker, pays the first month, and reads protection and coverage', async () => {
    const run = await python({ JAMSOS_URL: service.url, JAMSOS_TOKEN: TOKENS.clerkCilegon });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^enrolled: p-[0-9a-f]{24} \(3 events: ParticipantRegistered, ParticipantEnrolled, SponsorshipStarted\)$/m);
    expect(run.out).toContain('protection on 2024-01-20: JKK protected, JKM protected');
    expect(run.out).toContain('coverage on 2024-01-20, region 3672: 1 protected of 1 members');
  });

  it('run again, records nothing twice and prints the same', async () => {
    const before = storeHead(service.db as string);
    const first = await python({ JAMSOS_URL: service.url, JAMSOS_TOKEN: TOKENS.clerkCilegon });
    expect(first.code).toBe(0);
    expect(storeHead(service.db as string)).toEqual(before);
    const lookup = await call(service.url, '/participants/lookup', { token: TOKENS.clerkCilegon, body: { nik: '3672011507850003' } });
    expect(first.out).toContain(`enrolled: ${lookup.body.participantId}`);
  });

  it("prints the service's machine-readable refusal and exits 1: a clerk of another branch", async () => {
    const run = await python({ JAMSOS_URL: service.url, JAMSOS_TOKEN: TOKENS.clerkSerang }, ['3672014508900007']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^jamsos refused: HTTP 403 forbidden: clerk Serang writes for KC-SERANG only/);
  });

  it('names a bad field by its path', async () => {
    const run = await python({ JAMSOS_URL: service.url, JAMSOS_TOKEN: TOKENS.clerkCilegon }, ['367201150785000']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('HTTP 400 invalid-body');
    expect(run.err).toContain('[nik: ');
  });
});
