import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEventId, withHashChain } from '@jamsos/core';
import { claimStreamName, decodeEvent, encodeEvent } from '@jamsos/domain';
import { openSqliteEventStore } from '@jamsos/store-sqlite';

// These tests run the real, built binary as a subprocess (`pnpm test` builds first).
const bin = fileURLToPath(new URL('../bin/jamsos.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jamsos-audit-'));
const demo = join(dir, 'demo.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jamsos = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
};
const json = <A>(text: string): A => JSON.parse(text) as A;

/** A copy of the demo store to tamper with (the CLI has closed it, so the WAL is folded in; copied too if not). */
const copyOfDemo = (name: string): string => {
  const path = join(dir, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${demo}${suffix}`)) copyFileSync(`${demo}${suffix}`, `${path}${suffix}`);
  return path;
};

/** Runs SQL on a store file directly, as someone with write access to the table would. */
const tamper = <A>(path: string, work: (db: Database.Database) => A): A => {
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
};

interface Row {
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: number;
  readonly global_position: number;
}

/** A row with a successor in its stream (so removing it leaves a gap the chain shows). */
const middleRow = (db: Database.Database, type: string, offset: number): Row =>
  db
    .prepare<[string, number], Row>(
      `SELECT event_id, stream_name, stream_revision, global_position FROM events e WHERE event_type = ? AND stream_revision > 0
       AND EXISTS (SELECT 1 FROM events f WHERE f.stream_name = e.stream_name AND f.stream_revision = e.stream_revision + 1) ORDER BY global_position LIMIT 1 OFFSET ?`,
    )
    .get(type, offset) as Row;

interface BalanceTotals {
  readonly received: number;
  readonly approved: number;
  readonly disbursed: number;
  readonly approvedUnpaid: number;
  readonly balance: number;
  readonly claimsRatioBp?: number;
}

beforeAll(() => {
  const run = jamsos('demo', '--size', '300', '--db', demo);
  if (run.code !== 0) throw new Error(`demo failed: ${run.err}`);
}, 120_000);

describe('jamsos audit on a fresh demo', () => {
  it('exits 0 with no findings, and its balance equals what jamsos fund reports, in total and per branch and programme', () => {
    const text = jamsos('audit', '--db', demo);
    expect(text.code).toBe(0);
    for (const words of ['Claims against contributions as of', 'Monthly history', 'Anomalies: none', 'jamsos audit explain', 'Result: no anomalies found']) expect(text.out).toContain(words);
    const audit = json<{ asOf: string; balance: { rows: BalanceTotals[]; total: BalanceTotals }; findings: unknown[]; history: unknown[]; syntheticNote: string }>(jamsos('audit', '--db', demo, '--json').out);
    const fund = json<{ asOf: string; rows: BalanceTotals[]; total: BalanceTotals }>(jamsos('fund', '--db', demo, '--json').out);
    expect(audit.asOf).toBe(fund.asOf);
    expect(audit.findings).toEqual([]);
    expect(audit.history.length).toBeGreaterThan(0);
    expect(audit.syntheticNote).toMatch(/Synthetic demo data/);
    expect(audit.balance.total).toMatchObject({ received: fund.total.received, approved: fund.total.approved, disbursed: fund.total.disbursed, approvedUnpaid: fund.total.approvedUnpaid, balance: fund.total.balance });
    expect(audit.balance.total.received).toBeGreaterThan(0);
    expect(audit.balance.rows).toEqual(fund.rows);
    const serang = json<{ balance: { total: BalanceTotals } }>(jamsos('audit', '--db', demo, '--json', '--branch', 'KC-SERANG').out);
    expect(serang.balance.total).toMatchObject({ balance: json<{ total: BalanceTotals }>(jamsos('fund', '--db', demo, '--json', '--branch', 'KC-SERANG').out).total.balance });
    expect(jamsos('audit', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('Exit code 0 when there are no findings, 1 when there are') });
  }, 90_000);

  it('explains a real disbursement of the demo: the claim, the approval and every parameter with its value and legal reference', () => {
    const audit = json<{ disbursements: { count: number; example: { claimId: string; reference: string } } }>(jamsos('audit', '--db', demo, '--json').out);
    expect(audit.disbursements.count).toBeGreaterThan(0);
    const { claimId, reference } = audit.disbursements.example;
    const text = jamsos('audit', 'explain', claimId, reference, '--db', demo);
    expect(text.code).toBe(0);
    for (const words of [`Disbursement ${reference} on claim ${claimId}`, 'Approval', 'legal reference', 'Contribution record at the incident date', 'Recomputed']) expect(text.out).toContain(words);
    expect(text.out).toMatch(/PP (44\/2015|82\/2019)/);
    const x = json<{ parameters: { name: string; legalRef: string; value: unknown }[]; approval: { total: number }; recomputation: { outcome: string; matchesRecorded: boolean } }>(
      jamsos('audit', 'explain', claimId, reference, '--db', demo, '--json').out,
    );
    expect(x.parameters.length).toBeGreaterThan(0);
    expect(x.parameters.every((p) => typeof p.legalRef === 'string' && p.legalRef.length > 0)).toBe(true);
    expect(x.recomputation).toMatchObject({ outcome: 'approved', matchesRecorded: true });
    expect(jamsos('audit', 'explain', claimId, 'TRF-NOPE', '--db', demo)).toMatchObject({ code: 1, err: expect.stringContaining(`no disbursement with reference TRF-NOPE on claim ${claimId}: its disbursements are`) });
    expect(jamsos('audit', 'explain', 'KLM-0000-2025-000000', reference, '--db', demo)).toMatchObject({ code: 1, err: expect.stringContaining('no claim KLM-0000-2025-000000 in the store') });
    expect(jamsos('audit', 'explain', claimId, '--db', demo)).toMatchObject({ code: 2 });
  }, 90_000);

  it('verifies the hash chain of every stream the demo wrote', () => {
    const run = jamsos('audit', 'verify', '--db', demo);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^\d+ streams, [\d,]+ events: chain intact$/m);
  });
});

describe('jamsos audit verify on a SQLite file tampered with directly', () => {
  it("names an event whose data was edited as altered", () => {
    const path = copyOfDemo('altered');
    const target = tamper(path, (db) => {
      const row = middleRow(db, 'ContributionPaid', 40);
      db.prepare("UPDATE events SET data = json_set(data, '$.total', 1) WHERE event_id = ?").run(row.event_id);
      return row;
    });
    const run = jamsos('audit', 'verify', '--db', path);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`EventAltered: ${target.stream_name}@${target.stream_revision} (event ${target.event_id}, position ${target.global_position}) was altered`);
    expect(run.out).toMatch(/1 finding \(EventAltered 1\).*the chain is broken/);
  });

  it('names a deleted row as removed, with the event that links to it', () => {
    const path = copyOfDemo('removed');
    const target = tamper(path, (db) => {
      const row = middleRow(db, 'ContributionPaid', 80);
      db.prepare('DELETE FROM events WHERE event_id = ?').run(row.event_id);
      return row;
    });
    const run = jamsos('audit', 'verify', '--db', path, '--json');
    expect(run.code).toBe(1);
    const report = json<{ intact: boolean; findings: { _tag: string; streamName: string; revision: number; text: string }[] }>(run.out);
    expect(report.intact).toBe(false);
    expect(report.findings).toMatchObject([{ _tag: 'EventRemoved', streamName: target.stream_name, revision: target.stream_revision }]);
    expect(report.findings[0]?.text).toContain(`revision ${target.stream_revision} of ${target.stream_name} were removed`);
  });

  it("names two rows whose revisions were swapped as reordered", () => {
    const path = copyOfDemo('reordered');
    const [x, y] = tamper(path, (db) => {
      const first = middleRow(db, 'ContributionPaid', 120);
      const second = db.prepare<[string, number], Row>('SELECT event_id, stream_name, stream_revision, global_position FROM events WHERE stream_name = ? AND stream_revision = ?').get(first.stream_name, first.stream_revision + 1) as Row;
      db.transaction(() => {
        db.prepare('UPDATE events SET stream_revision = -1 WHERE event_id = ?').run(first.event_id);
        db.prepare('UPDATE events SET stream_revision = ? WHERE event_id = ?').run(first.stream_revision, second.event_id);
        db.prepare('UPDATE events SET stream_revision = ? WHERE event_id = ?').run(second.stream_revision, first.event_id);
      })();
      return [first, second];
    });
    const run = jamsos('audit', 'verify', '--db', path);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`EventsReordered: ${x?.stream_name}@${y?.stream_revision} (event ${x?.event_id}, position ${x?.global_position}) is stored as revision ${y?.stream_revision} but was hashed as revision ${x?.stream_revision}`);
    expect(run.out).toContain(`(event ${y?.event_id}, position ${y?.global_position}) is stored as revision ${x?.stream_revision}`);
  });

  it("catches a stream's last event deleted only against heads saved earlier", () => {
    const path = copyOfDemo('cut');
    const heads = join(dir, 'heads.json');
    const saved = jamsos('audit', 'verify', '--db', path, '--save-heads', heads);
    expect(saved).toMatchObject({ code: 0, err: expect.stringContaining('saved') });
    const target = tamper(path, (db) => {
      const row = db.prepare<[], Row>("SELECT event_id, stream_name, stream_revision, global_position FROM events WHERE stream_name LIKE 'participant-%' ORDER BY global_position DESC LIMIT 1").get() as Row;
      db.prepare('DELETE FROM events WHERE event_id = ?').run(row.event_id);
      return row;
    });
    expect(jamsos('audit', 'verify', '--db', path)).toMatchObject({ code: 0, out: expect.stringContaining('chain intact') });
    const run = jamsos('audit', 'verify', '--db', path, '--heads', heads);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`EventRemoved: revision ${target.stream_revision} of ${target.stream_name} were removed from the stream's end`);
    expect(jamsos('audit', 'verify', '--db', path, '--heads', join(dir, 'missing.json'))).toMatchObject({ code: 1, err: expect.stringContaining('cannot read the heads file') });
  }, 60_000);
});

describe('jamsos audit on an anomaly written around the deciders', () => {
  it('exits 1 and names a disbursement appended without approval; the chain stays intact, since the writer chained it', async () => {
    const path = copyOfDemo('raw');
    const claimId = 'KLM-3672-2025-999999';
    const raw = [
      { type: 'ClaimFiled', data: { claimId, participantId: 'p-3672-000001', programme: 'JKM', incident: { type: 'death', date: '2025-05-02', cause: 'not-work-related' }, filedOn: '2025-05-06', branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'Siti Aminah', heirs: [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse' }] } },
      { type: 'BenefitDisbursed', data: { claimId, participantId: 'p-3672-000001', programme: 'JKM', payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000, reference: 'TRF-ROGUE-0001', disbursedOn: '2025-05-09', branchId: 'KC-CILEGON' } },
    ];
    const events = raw.map((r, index) => {
      const event = decodeEvent({ type: r.type, schemaVersion: 1, data: r.data });
      if (E.isLeft(event)) throw new Error(`fixture ${r.type} does not decode`);
      const stored = encodeEvent(event.right);
      return { id: deterministicEventId(claimStreamName(claimId), 'rogue', index), type: stored.type, data: stored.data, metadata: { schemaVersion: stored.schemaVersion, recordedAt: '2025-05-09T10:00:00.000Z' } };
    });
    const opened = openSqliteEventStore({ path });
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const appended = await withHashChain(opened.right).appendToStream(claimStreamName(claimId), events, { expectedRevision: 'no_stream' })();
    await opened.right.close();
    expect(E.isRight(appended)).toBe(true);

    const run = jamsos('audit', '--db', path);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(new RegExp(`DisbursementWithoutApproval: claim ${claimId} \\(participant p-3672-000001, KC-CILEGON\\): Rp42\\.000\\.000 paid to heir h1 on 2025-05-09 \\(reference TRF-ROGUE-0001\\), but the claim was filed and never decided \\[claim-${claimId}@1, position \\d+\\]`));
    expect(run.out).toContain('Result: 1 finding (DisbursementWithoutApproval 1) (exit code 1)');
    const csv = jamsos('audit', '--db', path, '--csv').out.trim().split('\n');
    expect(csv[0]).toBe('kind,claim,participant,branch,stream,revision,position,event id,event type,recorded at,what');
    expect(csv.slice(1)).toEqual([expect.stringMatching(new RegExp(`^DisbursementWithoutApproval,${claimId},p-3672-000001,KC-CILEGON,claim-${claimId},1,`))]);
    const page = join(dir, 'audit.html');
    const html = jamsos('audit', '--db', path, '--html', page);
    expect(html.code).toBe(1);
    const text = readFileSync(page, 'utf8');
    for (const words of ['<svg', 'DisbursementWithoutApproval', 'TRF-ROGUE-0001', 'Synthetic data']) expect(text).toContain(words);
    expect(text).not.toMatch(/(src|href)="https?:/);
    expect(jamsos('audit', 'explain', claimId, 'TRF-ROGUE-0001', '--db', path)).toMatchObject({ code: 1, err: expect.stringContaining('has no approval behind it') });
    expect(jamsos('audit', 'verify', '--db', path)).toMatchObject({ code: 0, out: expect.stringContaining('chain intact') });
  }, 90_000);
});
