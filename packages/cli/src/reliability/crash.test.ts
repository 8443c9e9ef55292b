/**
 * Reliability, crashes: in each round a writer process (commands through the command service) and a
 * projection process (`runProjection` with a small `saveEvery`, and the live runner) work on one
 * SQLite file and are each killed with SIGKILL at a random moment; then the file is checked, and the
 * next round restarts both on it. At the end the read models are caught up once more and compared
 * with a rebuild. Child processes: command-writer.mjs and projector.mjs, on the built packages.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { createCommandService, createInMemoryEventStore, createInMemoryReadModelStore, runProjection, trustedDecode, type EventStore, type RecordedEvent } from '@jamsos/core';
import { collect, rightOf, sampleGemetSekulSponsor, sampleOpeningCommands } from '@jamsos/core/testing';
import { baselinePolicy, Period } from '@jamsos/domain';
import { coverageProjection, fundProjection, type FundState, type Projection } from '@jamsos/projections';
import { createSqliteEventStore, createSqliteReadModelStore, type SqliteEventStore } from '@jamsos/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 8;
const NEW_PER_ROUND = 30;
const SAVE_EVERY = 3;
const clock = () => '2025-01-01T00:00:00.000Z';

type Line = Record<string, unknown>;
type Entry = { readonly command: Record<string, unknown> } | { readonly sequence: ReadonlyArray<Record<string, unknown>> };

/** A child process running one of the scripts next to this file; its stdout lines parsed as they arrive. */
const child = (script: string, args: ReadonlyArray<string>) => {
  const process_ = spawn(process.execPath, [join(here, script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  let stderr = '';
  process_.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (buffer + chunk).split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) lines.push(JSON.parse(part) as Line);
    for (const listener of listeners) listener();
  });
  process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => process_.on('exit', (code, signal) => resolve({ code, signal })));
  /** Kills the child with SIGKILL once it has printed `count` lines (and a random 0-3 ms more), or lets it end first. */
  const killAfter = (count: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    const check = () => {
      if (lines.length < count) return;
      listeners.delete(check);
      setTimeout(() => process_.kill('SIGKILL'), Math.random() * 3);
    };
    listeners.add(check);
    check();
    return exited;
  };
  return { lines, exited, killAfter, stderr: () => stderr };
};

const pad = (n: number) => String(n).padStart(3, '0');

/** A new BPU participant sponsored by GEMET SEKUL, registered, enrolled and paid for January to March 2024 in advance: one append of several events. */
const newcomer = (id: string, serial: number): ReadonlyArray<Record<string, unknown>> => [
  { type: 'RegisterParticipant', participantId: id, nik: `367201150785${String(serial).padStart(4, '0')}`, name: 'x', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-02' },
  {
    type: 'EnrolParticipant', participantId: id, programmes: ['JKK', 'JKM'], terms: { segment: 'BPU', declaredIncome: 1_000_000 }, branchId: serial % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON',
    regionId: serial % 2 === 0 ? '3604' : '3672', category: 'fisher', enrolledOn: '2024-01-03', firstPeriod: '2024-01', sponsor: sampleGemetSekulSponsor,
  },
  ...[1, 2, 3].map((m) => ({
    type: 'PayContribution', participantId: id, period: Period.of(2024, m), total: 16_800, payer: sampleGemetSekulSponsor, paymentReference: `GS-${id}-${m}`, paidOn: '2024-01-10',
  })),
];

/**
 * Round r's commands: newcomers p-r<r>-<k> (one multi-event append each), PU payments of p-003 and
 * p-006 (the same list every round: what an earlier round stored is answered as a repeat), and the
 * death claim of the previous round's newcomer k, decided and paid in full.
 */
const roundEntries = (round: number): Entry[] => {
  const entries: Entry[] = [];
  for (let k = 0; k < NEW_PER_ROUND; k++) {
    entries.push({ sequence: newcomer(`p-r${round}-${pad(k)}`, round * 100 + k + 1) });
    for (const [p, first] of [[3, 4], [6, 3]] as const) {
      const period = Period.add(Period.of(2024, first), k);
      entries.push({ command: { type: 'PayContribution', participantId: `p-00${p}`, period, total: 312_000, payer: { type: 'self' }, paymentReference: `PU-${p}-${period}`, paidOn: Period.day(period, 10) } });
    }
    if (round > 0) {
      const claimId = `KLM-r${round - 1}-${pad(k)}`;
      const branch = (round - 1) * 100 + k + 1;
      entries.push(
        { command: { type: 'FileClaim', claimId, participantId: `p-r${round - 1}-${pad(k)}`, programme: 'JKM', incident: { type: 'death', date: '2024-03-20', cause: 'not-work-related' }, filedOn: '2024-03-25',
          branchId: branch % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: branch % 2 === 0 ? '3604' : '3672', claimantName: 'x', heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }] } },
        { command: { type: 'DecideClaim', claimId, decidedOn: '2024-04-01' } },
        { command: { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000, reference: `TRF-${claimId}`, disbursedOn: '2024-04-05' } },
      );
    }
  }
  return entries;
};

/**
 * A serialised read model with its maps in key order. A snapshot restores participants that were
 * only registered before the members, so a read model resumed from a snapshot may list members in
 * another order than a rebuild; every answer is the same, and the content must be identical.
 */
const canonical = (state: unknown): unknown => {
  const byKey = (a: unknown, b: unknown) => String((a as unknown[])[0]).localeCompare(String((b as unknown[])[0]));
  if (Array.isArray(state)) return [...(state as unknown[][])].map(([key, days]) => [key, [...(days as unknown[])].sort(byKey)]).sort(byKey); // fund
  const coverage = state as { registered: string[]; members: unknown[]; regions: unknown[] };
  return { ...coverage, registered: [...coverage.registered].sort(), members: [...coverage.members].sort(byKey), regions: [...coverage.regions].sort(byKey) };
};

/** Sums of money in a fund read model: received, approved, disbursed. */
const fundTotals = (state: FundState): [number, number, number] => {
  const totals: [number, number, number] = [0, 0, 0];
  for (const days of state.days.values())
    for (const [r, a, d] of days.values()) {
      totals[0] += r;
      totals[1] += a;
      totals[2] += d;
    }
  return totals;
};

/** The same sums straight from the log: each stored money event counted once. */
const logTotals = (events: ReadonlyArray<RecordedEvent>): [number, number, number] => {
  const totals: [number, number, number] = [0, 0, 0];
  for (const e of events) {
    const data = e.data as { lines?: ReadonlyArray<{ amount: number }>; total?: number; amount?: number };
    if (e.type === 'ContributionPaid') for (const line of data.lines ?? []) totals[0] += Math.max(0, line.amount);
    if (e.type === 'ClaimApproved') totals[1] += data.total ?? 0;
    if (e.type === 'BenefitDisbursed') totals[2] += data.amount ?? 0;
  }
  return totals;
};

/** A projection's state folded from the start of the log up to `position` inclusive, serialised. */
const foldUpTo = async (store: EventStore, projection: Projection<unknown>, position: number): Promise<unknown> => {
  let state = projection.initial();
  for await (const recorded of store.readAll({ filter: { eventTypes: projection.eventTypes } })) {
    if (recorded.globalPosition > position) break;
    const event = trustedDecode(recorded);
    if (E.isLeft(event)) throw new Error(`cannot decode position ${recorded.globalPosition}: ${event.left}`);
    state = projection.apply(state, event.right, { globalPosition: recorded.globalPosition, recordedAt: recorded.metadata.recordedAt });
  }
  return projection.serialize(state);
};

const projections = [coverageProjection, fundProjection] as ReadonlyArray<Projection<unknown>>;
const readModelNames = projections.flatMap((p) => [p.name, `live:${p.name}`]);

/** How many events a newcomer's sequence appends (decided on an empty store: its stream is new). */
const newcomerEvents = async (): Promise<number> => {
  const service = createCommandService({ store: createInMemoryEventStore(), clock, policy: baselinePolicy });
  return rightOf(await service.participantSequence(newcomer('p-x', 1) as never)()).events.length;
};

describe('reliability: writers and projection catch-up killed with SIGKILL at random moments, then restarted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jamsos-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    // The children import the built packages: build them (incremental, quick when up to date).
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', join(here, '../../../store-sqlite'), join(here, '../../../projections')], { stdio: 'inherit' });
  }, 180_000);

  it(`${ROUNDS} rounds of a command writer and a projector, each killed at a random moment: nothing half-written or lost, checkpoints agree with states, catch-up resumes where it stopped`, async () => {
    const path = join(dir, 'store.db');
    const setup = createSqliteEventStore({ path });
    for (const command of sampleOpeningCommands()) rightOf(await createCommandService({ store: setup, clock, policy: baselinePolicy }).execute(command)());
    await setup.close();
    const perNewcomer = await newcomerEvents();
    const acknowledged = new Map<string, { readonly type: string; readonly data: unknown }>();
    const checkpoints = new Map<string, number | null>(projections.map((p) => [p.name, null]));
    const figures = { writerKills: 0, inFlightCommitted: 0, inFlightAbsent: 0, projectorKills: 0, killedMidPass: 0, passesChecked: 0 };
    // The moments of the kills: after how many lines of output, the same for the same seed.
    const moments = fc.sample(fc.record({ writer: fc.integer({ min: 4, max: 160 }), projector: fc.integer({ min: 2, max: 400 }) }), { seed: 42, numRuns: ROUNDS });

    for (const [round, moment] of moments.entries()) {
      const entries = roundEntries(round);
      const file = join(dir, `round-${round}.json`);
      writeFileSync(file, JSON.stringify(entries));
      const writer = child('command-writer.mjs', [path, file, `r${round}`, ...(round % 2 === 1 ? ['--durability', 'full'] : [])]);
      const projector = child('projector.mjs', [path, '--save-every', String(SAVE_EVERY), '--live']);
      const [written, projected] = await Promise.all([writer.killAfter(moment.writer), projector.killAfter(moment.projector)]);
      expect(written.code ?? written.signal, writer.stderr()).not.toBe(1);
      expect(projected.code ?? projected.signal, projector.stderr()).not.toBe(1);
      if (written.signal === 'SIGKILL') figures.writerKills++;
      if (projected.signal === 'SIGKILL') figures.projectorKills++;

      const store: SqliteEventStore = createSqliteEventStore({ path });
      try {
        // Nothing half-written: the file is sound, streams are dense, ids unique.
        expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
        const events = await collect(store.readAll());
        const byId = new Map(events.map((e) => [e.id, e]));
        expect(byId.size).toBe(events.length);
        const byStream = new Map<string, RecordedEvent[]>();
        for (const e of events) byStream.set(e.streamName, [...(byStream.get(e.streamName) ?? []), e]);
        for (const stream of byStream.values()) expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));

        // Nothing acknowledged is lost, in this round or any before, and it is what the writer was told.
        for (const line of writer.lines) {
          if (!('ack' in line)) continue;
          const { ids, events: told } = line as unknown as { ids: ReadonlyArray<string>; events: ReadonlyArray<{ type: string; data: unknown }> };
          ids.forEach((id, k) => acknowledged.set(id, told[k] as { type: string; data: unknown }));
        }
        for (const [id, told] of acknowledged) expect(byId.get(id) && { type: byId.get(id)?.type, data: byId.get(id)?.data }, id).toEqual(told);

        // The command in flight when the writer died is all there or not at all (a newcomer's several events).
        const started = writer.lines.filter((l) => 'start' in l).at(-1)?.['start'] as number | undefined;
        const answered = writer.lines.some((l) => l['ack'] === started || l['rejected'] === started);
        const inFlight = started === undefined || answered ? undefined : entries[started];
        if (inFlight !== undefined && 'sequence' in inFlight) {
          const stored = byStream.get(`participant-${String(inFlight.sequence[0]?.['participantId'])}`)?.length ?? 0;
          expect([0, perNewcomer]).toContain(stored);
          if (stored === 0) figures.inFlightAbsent++;
          else figures.inFlightCommitted++;
        }

        // Each read model's checkpoint and state agree: the state is exactly the fold of the log up to the checkpoint.
        const readModels = createSqliteReadModelStore(store.database);
        for (const name of readModelNames) {
          const saved = await readModels.load(name);
          if (saved === undefined) continue;
          const projection = projections.find((p) => name.endsWith(p.name)) as Projection<unknown>;
          expect(canonical(saved.state), `${name} at ${saved.position}`).toEqual(canonical(await foldUpTo(store, projection, saved.position)));
        }

        // Catch-up resumed where the read model stopped, and folded every later event once, in order.
        for (const projection of projections) {
          const positions = events.filter((e) => (projection.eventTypes as ReadonlyArray<string>).includes(e.type)).map((e) => e.globalPosition);
          const next = (after: number | null) => positions.find((p) => after === null || p > after);
          let pass: { from: number | null; last: number | null } | undefined;
          let firstPass = true;
          for (const line of projector.lines) {
            if (line['start'] === projection.name) {
              pass = { from: line['from'] as number | null, last: line['from'] as number | null };
              if (firstPass) expect(pass.from, `${projection.name}: the restarted pass resumes from the saved checkpoint`).toBe(checkpoints.get(projection.name));
              firstPass = false;
              figures.passesChecked++;
            } else if (line['p'] === projection.name && pass !== undefined) {
              expect(line['at'], `${projection.name}: after ${pass.last}`).toBe(next(pass.last));
              pass.last = line['at'] as number;
            }
          }
          checkpoints.set(projection.name, (await readModels.load(projection.name))?.position ?? null);
        }
        const last = projector.lines.at(-1);
        if (projected.signal === 'SIGKILL' && last !== undefined && !('end' in last)) figures.killedMidPass++;
      } finally {
        await store.close();
      }
    }

    // Restarted once more and left to finish: the read models equal a rebuild and count every event once.
    const finish = child('projector.mjs', [path, '--save-every', String(SAVE_EVERY), '--live', '--once']);
    expect((await finish.exited).code, finish.stderr()).toBe(0);
    const store = createSqliteEventStore({ path });
    try {
      const events = await collect(store.readAll());
      const readModels = createSqliteReadModelStore(store.database);
      for (const projection of projections) {
        const rebuilt = rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection })());
        for (const name of [projection.name, `live:${projection.name}`]) {
          const saved = await readModels.load(name);
          expect(saved?.position, name).toBe(rebuilt.position);
          expect(canonical(saved?.state), name).toEqual(canonical(projection.serialize(rebuilt.state)));
        }
      }
      for (const name of ['fund', 'live:fund']) expect(fundTotals(fundProjection.deserialize((await readModels.load(name))?.state)), name).toEqual(logTotals(events));
      expect(figures.writerKills).toBeGreaterThan(ROUNDS / 2);
      expect(figures.projectorKills).toBeGreaterThan(ROUNDS / 2);
      expect(figures.killedMidPass).toBeGreaterThan(0);
      const kinds = new Set(events.map((e) => e.type));
      for (const kind of ['ContributionPaid', 'ClaimApproved', 'BenefitDisbursed']) expect(kinds).toContain(kind);
      console.info(`${ROUNDS} rounds, ${events.length} events, ${acknowledged.size} acknowledged events checked; ${JSON.stringify(figures)}`);
    } finally {
      await store.close();
    }
  }, 60_000);
});
