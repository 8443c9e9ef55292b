import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callerOf, ConfigError, loadConfig, tokenDigest } from './auth/tokens.js';
import { runService, startServiceProcess, testConfig } from './testing/service-process.js';

// Starting and stopping the service: what an operator gets wrong is answered with a message and an
// exit code (2: usage or configuration, 1: the store), never a stack trace.

const dir = mkdtempSync(join(tmpdir(), 'jamsos-http-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configFile = (name: string, config: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
};

describe('starting the service', () => {
  it('--help says how, and exits 0', async () => {
    const run = await runService(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('--config FILE');
    expect(run.out).toContain('--store');
  });

  it('refuses to start without tokens, or with a configuration that cannot be right (exit 2, no stack trace)', async () => {
    const cases: Array<[ReadonlyArray<string>, string]> = [
      [[], 'give --config FILE'],
      [['--config', configFile('clerk.json', { tokens: [{ name: 'a', role: 'clerk', token: 'x'.repeat(20) }] })], 'a clerk needs the branchId'],
      [['--config', configFile('ok.json', testConfig), '--colour', 'red'], 'unknown option --colour'],
    ];
    for (const [args, message] of cases) {
      const run = await runService(args, { JAMSOS_HTTP_CONFIG: '' });
      expect({ args, code: run.code, err: run.err }).toEqual({ args, code: 2, err: expect.stringContaining(message) });
      expect(run.err).not.toMatch(/\n\s+at /);
    }
  });

  it('checks every token entry (in process: the same loadConfig)', () => {
    const cases: Array<[unknown, string]> = [
      [{ tokens: [] }, 'no tokens'],
      [{ tokens: [{ name: 'a', role: 'auditor', token: 'short' }] }, 'tokens[0].token'],
      [{ tokens: [{ name: 'a', role: 'admin', token: 'x'.repeat(20) }] }, 'Role must be one of clerk, auditor, policy-analyst, data-protection-officer'],
      [{ tokens: [{ name: 'a', role: 'auditor', branchId: 'KC-CILEGON', token: 'x'.repeat(20) }] }, 'only a clerk has a branchId'],
      [{ tokens: [{ name: 'a', role: 'auditor' }] }, 'give either token or tokenSha256'],
      [{ tokens: [{ name: 'a', role: 'auditor', token: 'x'.repeat(20) }, { name: 'b', role: 'auditor', token: 'x'.repeat(20) }] }, 'the same token is given twice'],
      [{ tokens: [{ name: 'a', role: 'auditor', token: 'x'.repeat(20) }, { name: 'a', role: 'auditor', token: 'y'.repeat(20) }] }, 'the name a is used twice'],
    ];
    for (const [config, message] of cases) expect(() => loadConfig(configFile('case.json', config))).toThrow(message);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(ConfigError);
    const callers = loadConfig(configFile('sha.json', { tokens: [{ name: 'hashed auditor', role: 'auditor', tokenSha256: tokenDigest('a-token-kept-only-as-its-hash') }] }));
    expect(callerOf(callers, 'Bearer a-token-kept-only-as-its-hash')).toEqual({ name: 'hashed auditor', role: 'auditor', branchId: undefined });
    expect(callerOf(callers, 'Basic a-token-kept-only-as-its-hash')).toBeUndefined();
  });

  it('refuses a store that does not exist unless told --create', async () => {
    const run = await runService(['--config', configFile('ok.json', testConfig), '--db', join(dir, 'none.db')]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('no jamsos store at');
  });

  it('prints its URL and the OpenAPI location, and stops cleanly on SIGTERM', async () => {
    const service = await startServiceProcess();
    expect(service.output.out).toMatch(/^jamsos http service listening on http:\/\/127\.0\.0\.1:\d+\n {2}OpenAPI document: http:\/\/127\.0\.0\.1:\d+\/openapi\.json/);
    const code = await service.stop();
    expect(code).toBe(0);
    expect(service.output.out).toContain('jamsos http service stopped');
    expect(service.output.err).toBe('');
  });
});
