import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceProcess, storeHead, type ServiceProcess } from './testing/service-process.js';

// Every `sh` block of docs/embedding.md, run in order with bash and curl against the real service
// (the demo tokens, a new store), so the page's examples work as written. A block whose first line is
// `# refused: <code>` must be refused with that error code; every other block must succeed (no answer
// it prints is an error body).

const page = readFileSync(fileURLToPath(new URL('../../../docs/embedding.md', import.meta.url)), 'utf8');
const demoConfig = JSON.parse(readFileSync(fileURLToPath(new URL('../demo-config.json', import.meta.url)), 'utf8')) as { tokens: Array<{ role: string; branchId?: string; token: string }> };
const tokenOf = (role: string, branchId?: string): string => demoConfig.tokens.find((t) => t.role === role && (branchId === undefined || t.branchId === branchId))?.token as string;
const blocks = [...page.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);

let service: ServiceProcess;
beforeAll(async () => {
  service = await startServiceProcess({ config: demoConfig });
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

/** Runs a bash script to its end. */
const bash = (script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });

describe('the examples of docs/embedding.md', () => {
  it('has runnable examples for every kind of request', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
    for (const route of ['/participants ', '/participants/lookup', '/commands', '/payment-files', '/protection', '/coverage', '/fund', '/audit/disbursements', '/feed', 'Idempotency-Key']) expect(blocks.join('\n')).toContain(route);
  });

  it('work as written against the service', async () => {
    const env = {
      JAMSOS: service.url,
      CLERK: tokenOf('clerk', 'KC-CILEGON'),
      SERANG_CLERK: tokenOf('clerk', 'KC-SERANG'),
      AUDITOR: tokenOf('auditor'),
      ANALYST: tokenOf('policy-analyst'),
      DPO: tokenOf('data-protection-officer'),
    };
    // One script, so that variables set by a block (ID) reach the next; a marker line separates the blocks' output.
    const script = ['set -euo pipefail', ...blocks.flatMap((block, i) => [`echo; echo "@@block ${i}"`, block])].join('\n');
    const before = storeHead(service.db as string);
    const run = await bash(script, env);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const outputs = run.out.split(/\n@@block \d+\n/).slice(1);
    expect(outputs).toHaveLength(blocks.length);
    blocks.forEach((block, i) => {
      const output = outputs[i] as string;
      const refused = /^# refused: ([a-z-]+)/.exec(block);
      if (refused === null) expect({ block: block.slice(0, 120), failed: /(^|\n)\{"error":/.test(output), output }).toMatchObject({ failed: false });
      else expect({ block: block.slice(0, 120), output }).toEqual({ block: block.slice(0, 120), output: expect.stringContaining(`"code":"${refused[1]}"`) });
    });
    expect(run.out).toMatch(/\np-[0-9a-f]{24}\n/);
    expect(run.out).toContain('"type":"ClaimApproved"');
    expect(run.out).toContain('"recomputation":{"outcome":"approved"');
    expect(storeHead(service.db as string).count).toBeGreaterThan(before.count);
  });
});
