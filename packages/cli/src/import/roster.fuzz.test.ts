/**
 * Reliability, bad rosters: the sponsor-roster CSV import fuzzed at three depths. The parsing and row
 * checks (`parseCsv`, `readHeader`, `readRow`, what `jamsos import` runs) on any text and on mutated
 * rosters; `importCommand` itself, in this process, on a SQLite store (the store must be
 * byte-for-byte unchanged by rejected rows: a sha256 of every table, before and after); and the
 * built CLI in a subprocess for a few whole-file failures (`pnpm test` builds it first).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { collect } from '@jamsos/core/testing';
import { IsoDateC, NikC, PeriodC, PositiveRupiahC, WorkerCategoryC } from '@jamsos/domain';
import { createSqliteEventStore } from '@jamsos/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedArgs } from '../args.js';
import { importCommand } from '../commands/import.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { parseCsv } from './csv.js';
import { readHeader, readRow } from './roster.js';

/** sha256 of every table's rows, tables by name, rows in the order of their first column: the file's logical content. */
const digest = (db: Database.Database): string => {
  const hash = createHash('sha256');
  for (const name of db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()) {
    hash.update(`\u0000${name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
};
const digestOf = (path: string): string => {
  const store = createSqliteEventStore({ path });
  try {
    return digest(store.database);
  } finally {
    void store.close();
  }
};

const HEADER = ['nik', 'nama', 'kategori', 'sponsor', 'kantor_cabang', 'bulan_mulai'];
type Row = [nik: string, name: string, category: string, sponsor: string, branch: string, start: string];

/** A CSV field, quoted when it must be. */
const field = (text: string, separator: string): string => (/["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text);
const csv = (rows: ReadonlyArray<ReadonlyArray<string>>, separator = ',', newline = '\n'): string => rows.map((r) => r.map((f) => field(f, separator)).join(separator)).join(newline) + newline;

/** A valid roster row (its NIK's serial is 0001: give each row of a roster its own with `withSerial`). */
const goodRow: fc.Arbitrary<Row> = fc
  .record({
    region: fc.constantFrom('367201', '367202', '360401', '332401'),
    day: fc.integer({ min: 1, max: 28 }),
    woman: fc.boolean(),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 60, max: 99 }),
    name: fc.stringMatching(/^[A-Za-z][A-Za-z '",.-]{0,30}$/).filter((s) => s.trim() !== ''),
    category: fc.constantFrom('nelayan', 'ART', 'sopir', 'petani', 'pedagang pasar', 'takmir masjid', 'kader', 'linmas', 'Ketua RT/RW', 'ojek online'),
    sponsor: fc.constantFrom('GEMET SEKUL', 'MANDIRI', 'APBD:PROGRAM KOTA', ''),
    branch: fc.constantFrom('KC-CILEGON', 'KC-SERANG', 'KC-KENDAL', 'kc-cilegon'),
    start: fc.integer({ min: 1, max: 12 }),
    slash: fc.boolean(),
  })
  .map(({ region, day, woman, month, year, name, category, sponsor, branch, start, slash }): Row => {
    const two = (n: number) => String(n).padStart(2, '0');
    return [`${region}${two(day + (woman ? 40 : 0))}${two(month)}${two(year)}0001`, name, category, sponsor, branch, slash ? `${two(start)}/2025` : `2025-${two(start)}`];
  });
/** The row with another NIK serial (1-9999), so that the rows of a roster are distinct workers. */
const withSerial = (row: Row, serial: number): Row => [`${row[0].slice(0, 12)}${String(serial).padStart(4, '0')}`, ...row.slice(1)] as Row;
/** Rows with serials `from`, `from + 1`, ..., each possibly paired with damage. */
const rosterRows = <D>(rows: ReadonlyArray<readonly [Row, D]>, from = 1): Array<[Row, D]> => rows.map(([row, d], i) => [withSerial(row, from + i), d]);

/** One way to make a row invalid, and a word its rejection must contain. */
const damage: fc.Arbitrary<{ readonly kind: string; readonly apply: (row: Row) => string[]; readonly says: RegExp }> = fc.oneof(
  fc.constantFrom('367201150785000', '36720115078500011', '36720115078500x1', '3672013207850001', '3672011513850001', '3672011507850000', '0000001507850001').map((nik) => ({ kind: 'bad NIK', apply: (r: Row) => [nik, ...r.slice(1)], says: /NIK/ })),
  fc.constantFrom('pilot', 'astronot', 'nelayan!').map((c) => ({ kind: 'unknown category', apply: (r: Row) => [r[0], r[1], c, ...r.slice(3)], says: /category/ })),
  fc.constantFrom('PROGRAM X', 'ASN:', 'CSR: ', 'APBD:').map((s) => ({ kind: 'unknown sponsor', apply: (r: Row) => [...r.slice(0, 3), s, ...r.slice(4)], says: /sponsor/ })),
  fc.constantFrom('KC CILEGON', '-', 'K', 'KC_CILEGON').map((b) => ({ kind: 'bad branch', apply: (r: Row) => [...r.slice(0, 4), b, r[5]], says: /branch/ })),
  fc.constantFrom('2025-13', '13/2025', 'Januari 2025', '2025-00', '25-01').map((m) => ({ kind: 'bad month', apply: (r: Row) => [...r.slice(0, 5), m], says: /start month/ })),
  fc.constantFrom(0, 2, 4, 5).map((i) => ({ kind: 'empty required field', apply: (r: Row) => r.map((f, k) => (k === i ? '' : f)), says: /is empty/ })),
  fc.constant({ kind: 'missing fields', apply: (r: Row) => r.slice(0, 4), says: /is empty/ }),
);

/** The import's own check of a roster text: accepted rows by line, rejections by line. */
const check = (text: string) => {
  const { records, errors } = parseCsv(text);
  const [header, ...body] = records;
  if (header === undefined) return { header: E.left('empty') as E.Either<string, unknown>, accepted: new Map<number, unknown>(), rejected: new Map<number, ReadonlyArray<string>>(), errors };
  const columns = readHeader(header);
  const accepted = new Map<number, unknown>();
  const rejected = new Map<number, ReadonlyArray<string>>();
  if (E.isRight(columns))
    for (const record of body) {
      const row = readRow(record, columns.right);
      if (E.isRight(row)) accepted.set(record.line, row.right);
      else rejected.set(row.left.line, row.left.reasons);
    }
  return { header: columns as E.Either<string, unknown>, accepted, rejected, errors, records };
};

const figures: Record<string, number> = {};
const count = (label: string) => (figures[label] = (figures[label] ?? 0) + 1);
afterAll(() => console.info(`roster inputs tried: ${JSON.stringify(figures)}`));

describe('roster import fuzz: the parser and the row checks', () => {
  it('any text: parsing never throws; the header is accepted or refused with what it lacks; every row is a valid row or a rejection with its line and reasons', () => {
    const csvish = fc
      .array(fc.oneof(fc.constantFrom(',', ';', '"', '\n', '\r\n', '\r', '\t', '\uFEFF', '\u0000', 'nik', 'nama', 'kategori', 'sponsor', 'kantor_cabang', 'bulan_mulai', '3672011507850003', 'nelayan', 'GEMET SEKUL', 'KC-CILEGON', '2025-01'), fc.string({ maxLength: 8 })), { maxLength: 80 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(csvish, fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')), fc.string({ unit: 'grapheme', maxLength: 300 })), (text) => {
        count('any text');
        const lines = text.split(/\r\n|\r|\n/).length;
        const { header, accepted, rejected, errors } = check(text);
        for (const e of errors) expect(e.line >= 1 && e.line <= lines && e.reason.length > 0).toBe(true);
        if (E.isLeft(header) && header.left !== 'empty') expect(header.left).toMatch(/^the header lacks /);
        for (const [line, reasons] of rejected) {
          expect(line >= 2 && line <= lines).toBe(true);
          expect(reasons.length).toBeGreaterThan(0);
          for (const reason of reasons) expect(reason.trim().length).toBeGreaterThan(5);
        }
        for (const row of accepted.values()) {
          const r = row as { nik: unknown; birthDate: unknown; startMonth: unknown; declaredIncome: unknown; category: unknown; name: string };
          expect(NikC.is(r.nik) && IsoDateC.is(r.birthDate) && PeriodC.is(r.startMonth) && PositiveRupiahC.is(r.declaredIncome) && WorkerCategoryC.is(r.category) && r.name !== '').toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('a roster with damaged rows (bad NIKs, unknown categories and sponsors, bad branches and months, empty or missing fields): exactly the damaged lines are rejected, each with the reason; the others are accepted', () => {
    const roster = fc.record({
      rows: fc.array(fc.tuple(goodRow, fc.option(damage, { freq: 2 })), { minLength: 1, maxLength: 12 }).map((rows) => rosterRows(rows)),
      separator: fc.constantFrom(',', ';'),
      newline: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
    });
    fc.assert(
      fc.property(roster, ({ rows, separator, newline, bom }) => {
        const lines = rows.map(([row, d]) => (d === null ? row : d.apply(row)));
        const text = (bom ? '\uFEFF' : '') + csv([HEADER, ...lines], separator, newline);
        const { header, accepted, rejected, errors } = check(text);
        expect(E.isRight(header)).toBe(true);
        expect(errors).toEqual([]);
        rows.forEach(([, d], i) => {
          count(d === null ? 'good row' : d.kind);
          const line = i + 2; // names may hold quotes and commas but never newlines: one line per row
          if (d === null) expect(accepted.has(line), `line ${line}: ${JSON.stringify(rejected.get(line))}`).toBe(true);
          else expect((rejected.get(line) ?? []).join('; '), `line ${line} (${d.kind})`).toMatch(d.says);
        });
        expect(accepted.size + rejected.size).toBe(rows.length);
      }),
      { numRuns: 300 },
    );
  });

  it('whole-file damage: no header, wrong separators, an unclosed quote, a huge line, NUL bytes: refused with a clear message or the damaged line named', () => {
    fc.assert(
      fc.property(fc.array(goodRow, { minLength: 1, maxLength: 5 }), fc.constantFrom('no header', 'tab', 'pipe', 'unclosed quote', 'huge line', 'nul bytes'), (rows, kind) => {
        count(kind);
        const body = rows.map((r, i) => withSerial(r, i + 1));
        if (kind === 'no header' || kind === 'tab' || kind === 'pipe') {
          const text = kind === 'no header' ? csv(body) : csv([HEADER, ...body], kind === 'tab' ? '\t' : '|');
          const { header } = check(text);
          expect(E.isLeft(header) ? header.left : 'accepted').toMatch(/^the header lacks (nik|name|category)/);
        } else if (kind === 'unclosed quote') {
          // (no other quote in the file: the next quote would close it, as CSV reads it)
          const text = `${HEADER.join(',')}\n${body.map((r, i) => [r[0], i === 0 ? '"Ahmad Fauzi' : 'Budi', ...r.slice(2)].join(',')).join('\n')}\n`;
          const { errors, accepted } = check(text);
          expect(errors).toEqual([{ line: 2, reason: 'a quoted field is never closed' }]);
          expect(accepted.size).toBe(0);
        } else if (kind === 'huge line') {
          const text = `${HEADER.join(',')}\n${'9'.repeat(1_000_000)}\n${body.map((r) => r.map((f) => field(f, ',')).join(',')).join('\n')}\n`;
          const { rejected, accepted } = check(text);
          expect(rejected.get(2)?.join('; ')).toMatch(/NIK 9+: a NIK has 16 digits, got 1000000/);
          expect(accepted.size).toBe(body.length);
        } else {
          const text = csv([HEADER, ...body.map((r) => [`${r[0].slice(0, 5)}\u0000${r[0].slice(6)}`, ...r.slice(1)])]);
          const { rejected } = check(text);
          expect(rejected.size).toBe(body.length);
          for (const reasons of rejected.values()) expect(reasons.join('; ')).toMatch(/NIK/);
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('roster import fuzz: `jamsos import` in this process, on a SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jamsos-roster-fuzz-'));
  const db = join(dir, 'store.db');
  let files = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (content: string | Buffer) => {
    const file = join(dir, `roster-${++files}.csv`);
    writeFileSync(file, content);
    const out: string[] = [];
    const err: string[] = [];
    const args: ParsedArgs = { command: 'import', positional: [file], options: new Map([['db', db]]) };
    const code = await importCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n'), file };
  };
  const seed = fc.sample(goodRow, { seed: 3, numRuns: 8 }).map((row, i) => withSerial(row, 9000 + i));

  beforeAll(async () => {
    // A store that already holds eight workers (and its participant-id key).
    const first = await run(csv([HEADER, ...seed]));
    expect(first).toMatchObject({ code: 0, out: expect.stringContaining('8 workers imported') });
  });

  it('a roster whose every row is damaged, or that has no usable header, leaves the store byte-for-byte unchanged and says why, line by line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(goodRow, damage), { minLength: 1, maxLength: 6 }).map((rows) => rosterRows(rows)), fc.constantFrom('rows', 'no header', 'tab'), async (rows, kind) => {
        count(`import: ${kind}`);
        const before = digestOf(db);
        const lines = rows.map(([row, d]) => d.apply(row));
        const text = kind === 'rows' ? csv([HEADER, ...lines]) : kind === 'no header' ? csv(lines) : csv([HEADER, ...lines], '\t');
        const result = await run(text);
        expect(result.code).toBe(1);
        if (kind === 'rows') {
          expect(result.out).toContain(`${rows.length} rows; 0 workers imported, 0 already there, ${rows.length} rows rejected`);
          rows.forEach(([, d], i) => expect(result.err).toMatch(new RegExp(`line ${i + 2}: .*${d.says.source}`)));
        } else expect(result.err).toMatch(/, line 1: the header lacks /);
        expect(digestOf(db)).toBe(before);
      }),
      { numRuns: 30 },
    );
  });

  it('a roster mixing rows already imported with damaged rows changes nothing: the good rows are repeats, the bad ones are rejected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...seed), fc.option(damage, { freq: 2 })), { minLength: 1, maxLength: 8 }), async (rows) => {
        count('import: repeats and damaged rows');
        const before = digestOf(db);
        const result = await run(csv([HEADER, ...rows.map(([row, d]) => (d === null ? row : d.apply(row)))]));
        const bad = rows.filter(([, d]) => d !== null).length;
        expect(result.code).toBe(bad > 0 ? 1 : 0);
        expect(result.out).toContain(`0 workers imported, ${rows.length - bad} already there, ${bad} rows rejected`);
        expect(digestOf(db)).toBe(before);
      }),
      { numRuns: 20 },
    );
  });

  it('a roster mixing new good rows with damaged rows imports exactly the good ones', async () => {
    const rows = rosterRows(fc.sample(fc.tuple(goodRow, fc.option(damage, { freq: 2 })), { seed: 9, numRuns: 10 }), 5000);
    const good = rows.filter(([, d]) => d === null).map(([row]) => row[0]);
    const result = await run(csv([HEADER, ...rows.map(([row, d]) => (d === null ? row : d.apply(row)))]));
    expect(result.out).toContain(`${good.length} workers imported, 0 already there, ${rows.length - good.length} rows rejected`);
    // Through the CLI's own store: NIKs are stored encrypted (docs/privacy.md), the context decrypts them.
    const context = await openContext(storeTargetOf({ command: 'import', positional: [], options: new Map([['db', db]]) }), { create: false });
    try {
      const registered = (await collect(context.store.readAll({ filter: { eventTypes: ['ParticipantRegistered'] } }))).map((e) => (e.data as { nik: string }).nik);
      expect(registered.filter((nik) => /50\d\d$/.test(nik)).sort()).toEqual([...good].sort());
    } finally {
      await context.close();
    }
  });

  // Was FINDING 8, fixed (the roster is decoded as strict UTF-8) (cli commands/import.ts read the roster with readFileSync(file, 'utf8')): a roster that is
  // not UTF-8 (an office's Excel export in Windows-1252) is imported without a word, each invalid byte
  // turned into U+FFFD: "José" is registered as "Jos\uFFFD". docs/cli.md says rosters are UTF-8; the
  // brief asks for a typed error or a clear message for bad encodings. Input: a valid row whose name
  // holds é as the single byte 0xE9. Expected: exit 1 with a message about the encoding, nothing written.
  // Actual: exit 0, the worker registered with a mangled name.
  it('a roster that is not UTF-8 is refused with a message about its encoding, not imported with mangled names', async () => {
    const before = digestOf(db);
    const row = (seed[0] as Row).map((f, i) => (i === 0 ? `${f.slice(0, 12)}7777` : i === 1 ? 'Jos\u00e9 Rizal' : f));
    const result = await run(Buffer.from(csv([HEADER, row]), 'latin1'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/UTF-8|encoding/i);
    expect(digestOf(db)).toBe(before);
  });
});

describe('roster import fuzz: the built CLI in a subprocess', () => {
  const bin = fileURLToPath(new URL('../../bin/jamsos.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'jamsos-roster-cli-'));
  const db = join(dir, 'store.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const jamsos = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('whole files that cannot be a roster (missing, a folder, empty, UTF-16, binary) exit 1 with one clear line, no stack trace, and the store unchanged', () => {
    expect(existsSync(join(fileURLToPath(new URL('../../dist/main.js', import.meta.url)))), 'the CLI is built (pnpm build)').toBe(true);
    mkdirSync(join(dir, 'folder.csv'));
    writeFileSync(join(dir, 'seed.csv'), csv([HEADER, ['3672011507850003', 'Ahmad Fauzi', 'nelayan', 'GEMET SEKUL', 'KC-CILEGON', '2025-01']]));
    expect(jamsos('import', 'seed.csv', '--db', db).code).toBe(0);
    const before = digestOf(db);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([HEADER, ['3672015203900002', 'Siti', 'ART', 'GEMET SEKUL', 'KC-CILEGON', '2025-01']]), 'utf16le')]);
    const cases: Array<[string, string | Buffer | undefined, RegExp]> = [
      ['missing.csv', undefined, /cannot read missing\.csv/],
      ['folder.csv', undefined, /cannot read folder\.csv/],
      ['empty.csv', '', /empty: a roster needs a header line/],
      ['utf16.csv', utf16, /line 1: not UTF-8 text \(it looks like UTF-16\)/],
      ['binary.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not UTF-8 text/],
    ];
    for (const [name, content, message] of cases) {
      count(`cli: ${name}`);
      if (content !== undefined) writeFileSync(join(dir, name), content);
      const run = jamsos('import', name, '--db', db);
      expect(run.code, `${name}: ${run.err}`).toBe(1);
      expect(run.err, name).toMatch(message);
      expect(run.err, name).not.toMatch(/^\s+at /m);
      expect(digestOf(db), name).toBe(before);
    }
  }, 60_000);
});
