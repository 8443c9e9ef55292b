import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyringFor } from './context/context.js';
import { metaOn } from './context/meta.js';

// These tests run the real, built binary as a subprocess (`pnpm test` builds first).
const bin = fileURLToPath(new URL('../bin/jamsos.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jamsos-privacy-'));
const demo = join(dir, 'demo.db');
const keys = join(dir, 'demo-keys.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jamsos = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = {}) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, JAMSOS_KEYS: '', ...env } });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const json = <A,>(text: string): A => JSON.parse(text) as A;

/** Runs SQL on a file directly. */
const onFile = <A,>(path: string, work: (db: Database.Database) => A): A => {
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
};

/** The bytes of a database with its WAL, as someone copying the files would get them. */
const fileBytes = (path: string): string => ['', '-wal'].filter((s) => existsSync(`${path}${s}`)).map((s) => readFileSync(`${path}${s}`).toString('latin1')).join('');

interface Exported {
  readonly participantId: string;
  readonly key: { readonly state: string; readonly forgottenAt?: string };
  readonly streams: ReadonlyArray<string>;
  readonly events: ReadonlyArray<{ readonly id: string; readonly type: string; readonly data: Record<string, unknown>; readonly personalData: Record<string, string> }>;
}

/** The participant of the demo's first claim, and another registered participant. */
const subjects = (): { readonly claimant: string; readonly other: string } =>
  onFile(demo, (db) => {
    const claimant = (db.prepare("SELECT json_extract(data, '$.participantId') AS id FROM events WHERE event_type = 'ClaimFiled' ORDER BY global_position LIMIT 1").get() as { id: string }).id;
    const other = (db.prepare("SELECT json_extract(data, '$.participantId') AS id FROM events WHERE event_type = 'ParticipantRegistered' AND json_extract(data, '$.participantId') <> ? LIMIT 1").get(claimant) as { id: string }).id;
    return { claimant, other };
  });

/** Every figure a forget must leave alone, read models rebuilt from the log first. */
const figures = () => {
  onFile(demo, (db) => db.exec('DELETE FROM read_models'));
  const run = (...args: string[]) => {
    const result = jamsos([...args, '--db', demo]);
    return { code: result.code, out: result.out.replace(/"store": "[^"]*"/, '') };
  };
  return {
    coverage: run('coverage', '--json', '--as-of', '2025-06-30'),
    fund: run('fund', '--json', '--as-of', '2025-06-30'),
    audit: run('audit', '--json', '--as-of', '2025-06-30'),
    verify: run('audit', 'verify', '--json'),
  };
};

// 100 participants: the smallest demo with a claim (50 has none), so a claim stream is forgotten too.
beforeAll(() => {
  const run = jamsos(['demo', '--size', '100', '--db', demo]);
  if (run.code !== 0) throw new Error(`demo failed: ${run.err}`);
}, 120_000);

describe('jamsos forget and export (UU PDP 27/2022)', () => {
  it('given the demo store, then the keys are in demo-keys.db beside it and the events file holds no name, NIK, birth date or claimant of anyone', () => {
    expect(existsSync(keys)).toBe(true);
    expect(onFile(keys, (db) => (db.prepare('SELECT count(*) AS n FROM participant_keys').get() as { n: number }).n)).toBeGreaterThanOrEqual(100);
    expect(onFile(demo, (db) => db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%key%' AND type = 'table'").all())).toEqual([]);
    const { claimant, other } = subjects();
    const secrets: string[] = [];
    for (const id of [claimant, other]) {
      const exported = jamsos(['export', id, '--db', demo]);
      expect(exported.code).toBe(0);
      const registered = json<Exported>(exported.out).events.find((e) => e.type === 'ParticipantRegistered');
      expect(registered?.personalData).toEqual({ birthDate: 'decrypted', name: 'decrypted', nik: 'decrypted' });
      secrets.push(String(registered?.data['nik']), String(registered?.data['name']));
      const filed = json<Exported>(exported.out).events.find((e) => e.type === 'ClaimFiled');
      if (filed !== undefined) secrets.push(String(filed.data['claimantName']));
      for (const heir of (filed?.data['heirs'] ?? []) as ReadonlyArray<{ name: string }>) secrets.push(heir.name);
    }
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const bytes = fileBytes(demo);
    for (const secret of secrets) expect(bytes.includes(secret), 'a personal value in the events file').toBe(false);
  });

  it('given a participant with a claim, when forgotten, then coverage, fund, audit and audit verify are unchanged (read models rebuilt), export reads redacted, and forget is idempotent', () => {
    const { claimant, other } = subjects();
    const before = figures();
    expect(before.verify.code).toBe(0);
    const exportedBefore = json<Exported>(jamsos(['export', claimant, '--db', demo]).out);
    expect(exportedBefore.key).toEqual({ state: 'active' });
    expect(exportedBefore.streams.some((s) => s.startsWith('claim-'))).toBe(true);

    const forgot = jamsos(['forget', claimant, '--db', demo]);
    expect(forgot.code).toBe(0);
    expect(forgot.out).toMatch(new RegExp(`^Forgot ${claimant} on .*their key was destroyed in .*demo-keys\\.db`));
    const again = jamsos(['forget', claimant, '--db', demo, '--json']);
    expect(again.code).toBe(0);
    expect(json<{ _tag: string }>(again.out)._tag).toBe('AlreadyForgotten');

    expect(figures()).toEqual(before);

    const after = json<Exported>(jamsos(['export', claimant, '--db', demo]).out);
    expect(after.key.state).toBe('forgotten');
    expect(after.events.map((e) => e.id)).toEqual(exportedBefore.events.map((e) => e.id));
    for (const event of after.events) for (const status of Object.values(event.personalData)) expect(status).toBe('redacted');
    const registered = after.events.find((e) => e.type === 'ParticipantRegistered');
    expect(registered?.data).toMatchObject({ nik: '[redacted]', name: '[redacted]', birthDate: '[redacted]', participantId: claimant });
    const before0 = JSON.stringify(exportedBefore.events.find((e) => e.type === 'ParticipantRegistered')?.data['name']);
    expect(JSON.stringify(after)).not.toContain(before0);
    expect(json<Exported>(jamsos(['export', other, '--db', demo]).out).key).toEqual({ state: 'active' });
  }, 120_000);

  it('given an unknown participant, then forget and export exit 1; given a NIK as operand, then a usage error that does not repeat it', () => {
    const unknownForget = jamsos(['forget', 'p-unknown-0001', '--db', demo]);
    expect(unknownForget.code).toBe(1);
    expect(unknownForget.err).toContain('no participant p-unknown-0001');
    expect(jamsos(['export', 'p-unknown-0001', '--db', demo]).code).toBe(1);
    const nik = jamsos(['forget', '3672011507850003', '--db', demo]);
    expect(nik.code).toBe(2);
    expect(nik.err + nik.out).not.toContain('3672011507850003');
  });

  it('given --out FILE, when exported, then the JSON is in a file readable by its owner only', () => {
    const { other } = subjects();
    const out = join(dir, 'export.json');
    const result = jamsos(['export', other, '--db', demo, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/exported \d+ events/);
    expect(json<Exported>(readFileSync(out, 'utf8')).participantId).toBe(other);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('given a copy of the events without the key file (e.g. for an auditor), then it reads redacted with the same figures, personal data is refused naming the file, and --keys or JAMSOS_KEYS bring it back', () => {
    const { other } = subjects();
    const moved = join(dir, 'moved');
    rmSync(moved, { recursive: true, force: true });
    mkdirSync(moved);
    const copy = join(moved, 'copy.db');
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${demo}${suffix}`)) copyFileSync(`${demo}${suffix}`, `${copy}${suffix}`);
    const audit = (path: string, ...more: string[]) => jamsos(['audit', '--json', '--as-of', '2025-06-30', '--db', path, ...more]).out.replace(/"store": "[^"]*"/, '');
    expect(audit(copy)).toBe(audit(demo));
    expect(jamsos(['audit', 'verify', '--db', copy]).code).toBe(0);
    for (const command of ['export', 'forget']) {
      const refused = jamsos([command, other, '--db', copy]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('copy-keys.db is not there');
    }
    expect(existsSync(join(moved, 'copy-keys.db'))).toBe(false);
    expect(jamsos(['fund', '--db', copy, '--keys', join(moved, 'nowhere.db')])).toMatchObject({ code: 1, err: expect.stringContaining('nowhere.db is not there') });
    expect(json<Exported>(jamsos(['export', other, '--db', copy, '--keys', keys]).out).key).toEqual({ state: 'active' });
    expect(json<Exported>(jamsos(['export', other, '--db', copy], { JAMSOS_KEYS: keys }).out).events[0]?.personalData).toMatchObject({ name: 'decrypted' });
    const foreign = join(moved, 'foreign.db');
    expect(jamsos(['demo', '--size', '10', '--db', foreign]).code).toBe(0);
    const refused = jamsos(['fund', '--db', copy, '--keys', join(moved, 'foreign-keys.db')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("is not this store's");
  }, 120_000);

  it('given a forgotten participant, when the demo is made again with --force, then its old key file is replaced with the store', () => {
    const path = join(dir, 'again.db');
    expect(jamsos(['demo', '--size', '10', '--db', path]).code).toBe(0);
    const id = onFile(path, (db) => (db.prepare("SELECT json_extract(data, '$.participantId') AS id FROM events WHERE event_type = 'ParticipantRegistered' LIMIT 1").get() as { id: string }).id);
    expect(jamsos(['forget', id, '--db', path]).code).toBe(0);
    expect(jamsos(['demo', '--size', '10', '--db', path, '--force']).code).toBe(0);
    expect(json<Exported>(jamsos(['export', id, '--db', path]).out).key).toEqual({ state: 'active' });
  }, 120_000);
});

describe('openKeyringFor: which key file a store gets', () => {
  /** A store's metadata in a fresh SQLite file, and a key file path beside it. */
  const fresh = (label: string) => {
    const db = new Database(join(dir, `${label}-meta.db`));
    return { meta: metaOn(db), keysPath: join(dir, `${label}-keys.db`), close: () => db.close() };
  };

  it('given an EventStoreDB log that holds events and no key file at the default path, then it opens without keys and makes no file', async () => {
    const { meta, keysPath, close } = fresh('esdb-none');
    const opened = openKeyringFor(meta, { path: keysPath, given: false }, { fresh: false, mayCreate: false });
    expect(opened.available).toBe(false);
    expect(existsSync(keysPath)).toBe(false);
    const lookup = await opened.keyring.lookup('p-0001')();
    expect(lookup).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreFailure', message: expect.stringContaining(`no key file at ${keysPath}`) } });
    close();
  });

  it('given a bound store, when its named key file is not there, then it is refused; when the key file is the events file, then it is refused', () => {
    const { meta, keysPath, close } = fresh('bound');
    const first = openKeyringFor(meta, { path: keysPath, given: false }, { fresh: false });
    expect(first.available).toBe(true);
    void first.keyring.close?.();
    rmSync(keysPath);
    expect(() => openKeyringFor(meta, { path: keysPath, given: true }, { fresh: false })).toThrow('is not there');
    expect(openKeyringFor(meta, { path: keysPath, given: false }, { fresh: false }).available).toBe(false);
    expect(() => openKeyringFor(meta, { path: join(dir, 'x.db'), given: true }, { fresh: false, eventsPath: join(dir, 'x.db') })).toThrow("cannot be the store's own file");
    close();
  });
});
