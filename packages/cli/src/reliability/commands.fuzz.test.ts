/**
 * Reliability, bad commands: `execute(unknown)` of the command service (the boundary every caller
 * goes through) fed random values and mutated valid commands, on a SQLite store. Each answer must be
 * a typed error (InvalidCommand naming the field, or a decider's rejection), never a throw, and the
 * store byte-for-byte unchanged: a sha256 of every table's rows, before and after.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { createCommandService, decodeCommand, type CommandService } from '@jamsos/core';
import { sampleCommandArbitrary, sampleGemetSekulSponsor, sampleHistory, sampleOpeningCommands } from '@jamsos/core/testing';
import { baselinePolicy } from '@jamsos/domain';
import { createSqliteEventStore, type SqliteEventStore } from '@jamsos/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** sha256 of every table's rows, tables by name, rows in the order of their first column: the file's logical content. */
const digest = (db: Database.Database): string => {
  const hash = createHash('sha256');
  for (const name of db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()) {
    hash.update(`\u0000${name}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
};

const COMMAND_TYPES = [
  'RegisterParticipant', 'EnrolParticipant', 'StartSponsorship', 'EndSponsorship', 'PayContribution', 'AssessArrears',
  'FileClaim', 'DecideClaim', 'RejectClaim', 'DisburseBenefit', 'RecordLabourForce', 'SetCoverageTarget',
];
/** What a valid command may be answered with that is not a decider's rejection: none of these is expected here. */
const NOT_A_REJECTION = ['InvalidCommand', 'StoreFailure', 'DecodeFailure', 'InvalidAppend'];

/** Valid commands of every kind, to mutate: the opening, a sample history, and a verifier's rejection. */
const validCommands: ReadonlyArray<Record<string, unknown>> = [
  ...sampleOpeningCommands(),
  ...fc.sample(sampleCommandArbitrary, { seed: 5, numRuns: 40 }),
  { type: 'RejectClaim', claimId: 'KLM-2', decidedOn: '2025-08-01', note: 'documents incomplete' },
];

/** A leaf of a command: its path as InvalidCommand writes it ("incident.date", "heirs[0].name") and its value. */
interface Leaf {
  readonly path: ReadonlyArray<string | number>;
  readonly text: string;
  readonly value: unknown;
}
const leaves = (value: unknown, path: ReadonlyArray<string | number> = []): Leaf[] => {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return [{ path, text, value }];
};
const setAt = (value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown => {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
};

const DATE_KEYS = /(On|^date|birthDate)$/;
const PERIOD_KEYS = /^(period|firstPeriod|fromPeriod|lastPeriod)$/;
const badDates = fc.constantFrom<unknown>('2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '', 'yesterday', '2024-02-29T00:00', 20240101, '0000-01-01', '3000-01-01', '10/02/2024');
const badPeriods = fc.constantFrom<unknown>('2024-00', '2024-13', '24-01', '2024/01', '2024-1', 202401, '1899-12', '3000-01', '2024-01-01', '');
const badNiks = fc.oneof(
  fc.constantFrom<unknown>('367201150785000', '36720115078500011', '36720115078500x1', '3672013207850001', '3672011513850001', '0000001507850001', '3672011507850000', 3672011507850001, ''),
  fc.stringMatching(/^[0-9]{1,15}$/),
);
const badNumbers = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double({ min: 0.0001, max: 1e9, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom<unknown>(1e21, Number.MAX_SAFE_INTEGER + 2, Infinity, -Infinity, NaN, '16800', null, [], {}),
);
const wrongTypes = fc.constantFrom<unknown>(42, null, true, [], {}, [1, 2], { value: 'x' });
const unknownTypes = fc.oneof(fc.string().filter((s) => !COMMAND_TYPES.includes(s)), fc.constantFrom('payContribution', 'PAYCONTRIBUTION', ' PayContribution', 'toString', '__proto__', 'constructor'));

type Kind = 'missing field' | 'unknown type' | 'bad NIK' | 'bad date' | 'bad period' | 'bad number' | 'wrong type';
const kindOf = (leaf: Leaf): Kind => {
  const key = String(leaf.path[leaf.path.length - 1]);
  return leaf.text === 'type' ? 'unknown type' : key === 'nik' ? 'bad NIK' : DATE_KEYS.test(key) ? 'bad date' : PERIOD_KEYS.test(key) ? 'bad period' : typeof leaf.value === 'number' ? 'bad number' : 'wrong type';
};
const badValues: Record<Exclude<Kind, 'missing field'>, fc.Arbitrary<unknown>> = {
  'unknown type': unknownTypes, 'bad NIK': badNiks, 'bad date': badDates, 'bad period': badPeriods, 'bad number': badNumbers, 'wrong type': wrongTypes,
};
/** Every (command, leaf) of the valid commands, by the kind of damage that fits the leaf. */
const spots = new Map<Kind, Array<{ readonly base: Record<string, unknown>; readonly leaf: Leaf }>>();
for (const base of validCommands) {
  for (const leaf of leaves(base)) spots.set(kindOf(leaf), [...(spots.get(kindOf(leaf)) ?? []), { base, leaf }]);
  for (const field of Object.keys(base).filter((k) => !['type', 'sponsor', 'lines'].includes(k)))
    spots.set('missing field', [...(spots.get('missing field') ?? []), { base, leaf: { path: [field], text: field, value: undefined } }]);
}

/** A valid command with one field damaged (a kind of damage first, then a place it fits): the input, and the path the answer must name. */
const mutated = fc.constantFrom(...spots.keys()).chain((kind) =>
  fc.constantFrom(...(spots.get(kind) ?? [])).chain(({ base, leaf }): fc.Arbitrary<{ readonly input: unknown; readonly path: string; readonly kind: Kind }> => {
    if (kind === 'missing field') {
      const { [leaf.text]: _, ...rest } = base;
      return fc.constant({ input: rest as unknown, path: leaf.text, kind });
    }
    return badValues[kind].map((value) => ({ input: setAt(base, leaf.path, value), path: leaf.text, kind }));
  }),
);

/** Random inputs: any JS value, any JSON, objects with a command's type and random fields. */
const randomInput = fc.oneof(
  fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true }),
  fc.jsonValue(),
  fc.tuple(fc.constantFrom(...COMMAND_TYPES), fc.dictionary(fc.string(), fc.jsonValue())).map(([type, fields]) => ({ ...fields, type })),
  fc.record({ type: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constantFrom(...COMMAND_TYPES)) }, { requiredKeys: [] }),
);

/** Commands of a valid shape that the deciders must refuse whatever the store holds. */
const refused = fc.oneof(
  fc.record({ p: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 12 }), off: fc.integer({ min: 1, max: 5_000 }) }).map(({ p, m, off }) => ({
    type: 'PayContribution', participantId: `p-00${p}`, period: `2024-${String(m).padStart(2, '0')}`, total: 16_800 + off, payer: sampleGemetSekulSponsor, paymentReference: `ODD-${p}-${m}-${off}`, paidOn: `2024-${String(m).padStart(2, '0')}-10`,
  })),
  fc.integer({ min: 100, max: 999 }).map((p) => ({ type: 'AssessArrears', participantId: `p-${p}`, assessedOn: '2025-01-01' })),
  fc.integer({ min: 100, max: 999 }).map((c) => ({ type: 'DecideClaim', claimId: `KLM-NONE-${c}`, decidedOn: '2025-01-01' })),
  fc.integer({ min: 100, max: 999 }).map((c) => ({ type: 'DisburseBenefit', claimId: `KLM-NONE-${c}`, payee: { kind: 'heir', heirId: 'h1' }, amount: 1_000, reference: `TRF-NONE-${c}`, disbursedOn: '2025-01-01' })),
  fc.integer({ min: 1, max: 6 }).map((p) => ({ ...(sampleOpeningCommands()[1 + p * 2] as Record<string, unknown>), enrolledOn: '2024-06-03' })), // enrolled already
  fc.record({ p: fc.integer({ min: 1, max: 6 }), days: fc.integer({ min: 1, max: 28 }) }).map(({ p, days }) => ({
    type: 'FileClaim', claimId: `KLM-LATE-${p}-${days}`, participantId: `p-00${p}`, programme: 'JKM', incident: { type: 'death', date: `2025-02-${String(days).padStart(2, '0')}`, cause: 'not-work-related' },
    filedOn: '2025-01-31', branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'x', heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }],
  })),
);

describe('reliability: execute(unknown) on bad commands leaves the SQLite store byte-for-byte unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jamsos-commands-fuzz-'));
  let store: SqliteEventStore;
  let service: CommandService;
  let before: string;
  const figures: Record<string, number> = {};
  const count = (label: string) => (figures[label] = (figures[label] ?? 0) + 1);

  beforeAll(async () => {
    store = createSqliteEventStore({ path: join(dir, 'store.db') });
    service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
    for (const command of sampleHistory(3, 80)) await service.execute(command)();
    before = digest(store.database);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    console.info(`inputs tried: ${JSON.stringify(figures)}`);
  });

  /** Executes, requiring an answer (no throw, no rejected task) that is a typed Left, and the store unchanged. */
  const refusedWithoutTrace = async (input: unknown) => {
    const answer = await service.execute(input)();
    expect(E.isLeft(answer), JSON.stringify(answer)).toBe(true);
    const left = (answer as E.Left<{ _tag: string }>).left;
    expect(typeof left._tag).toBe('string');
    expect(digest(store.database)).toBe(before);
    return left;
  };

  it('random values and random objects are InvalidCommand with a message and problems naming fields', async () => {
    await fc.assert(
      fc.asyncProperty(randomInput, async (input) => {
        count('random');
        const left = await refusedWithoutTrace(input);
        expect(left._tag).toBe('InvalidCommand');
        const invalid = left as unknown as { message: string; problems: ReadonlyArray<{ path: string; message: string }> };
        expect(invalid.message.length).toBeGreaterThan(5);
        expect(invalid.problems.length).toBeGreaterThan(0);
        for (const problem of invalid.problems) expect(typeof problem.path === 'string' && problem.message.length > 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a valid command with one field made invalid (negative or huge amounts, bad NIKs, dates, periods, unknown types, wrong types, missing fields) is InvalidCommand naming that field', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async ({ input, path, kind }) => {
        count(kind);
        const left = await refusedWithoutTrace(input);
        expect(left._tag, `${kind} at ${path}`).toBe('InvalidCommand');
        const { problems } = left as unknown as { problems: ReadonlyArray<{ path: string; message: string }> };
        const field = (p: string) => p.split(/[.[]/)[0];
        expect(problems.map((p) => field(p.path)), `${kind} at ${path}: ${JSON.stringify(problems)}`).toContain(field(path));
      }),
      { numRuns: 600 },
    );
  });

  it('valid commands the deciders refuse (wrong amounts, unknown participants and claims, re-enrolment, incidents after filing) are typed rejections', async () => {
    await fc.assert(
      fc.asyncProperty(refused, async (input) => {
        count('refused by a decider');
        expect(E.isRight(decodeCommand(input))).toBe(true);
        const left = await refusedWithoutTrace(input);
        expect(NOT_A_REJECTION).not.toContain(left._tag);
      }),
      { numRuns: 150 },
    );
  });

  // Was FINDING 10, fixed (PersonNameC is refined) (domain participant/events.ts `PersonNameC`): documented as "A person's name: personal
  // data, 1-200 characters", it is `personalData(t.string)`, so the command boundary accepts an empty
  // name and a name of any length (and the roster import, which checks only that the name is not
  // empty, imports a 200,000-character name). Input: RegisterParticipant with name "" or 201 x "A".
  // Expected: InvalidCommand at "name". Actual: Right (the participant is registered).
  it('a RegisterParticipant with an empty name, or one over 200 characters, is InvalidCommand at "name"', async () => {
    const register = (name: string) => ({ ...(sampleOpeningCommands()[2] as Record<string, unknown>), participantId: 'p-name-0001', nik: '3672011507859001', name });
    for (const name of ['', 'A'.repeat(201)]) {
      count('name length');
      expect(E.isLeft(decodeCommand(register(name))), `name of ${name.length} characters`).toBe(true);
    }
  });

  // Was BUG 7, fixed (describeValue) (core services/command-service.ts `decodeCommand`): the message for an unknown command type
  // is built with JSON.stringify(type), which throws for a BigInt, so `execute` THROWS synchronously
  // (not even a rejected task) instead of answering. Input: { type: 10n } (not reachable from JSON
  // text, reachable from any JS caller of execute(unknown)). Expected: Left InvalidCommand
  // "type: unknown command 10n". Actual: TypeError: Do not know how to serialize a BigInt.
  it('a BigInt command type is InvalidCommand, not a throw', async () => {
    count('bigint type');
    await refusedWithoutTrace({ type: 10n });
  });
});
