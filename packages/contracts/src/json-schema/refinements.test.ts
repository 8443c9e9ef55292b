// Each refined codec's JSON Schema (its base's schema plus the keywords of its hint) accepts exactly
// what the codec's own check accepts: exhaustively where the space is small (dates, periods, a NIK's
// birth date), by property elsewhere.
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { eventDefinitions, IsoDateTimeC, MAX_AMOUNT } from '@jamsos/domain';
import { commandCodecs } from '../catalogue/commands.js';
import { compile } from '../testing/ajv.js';
import { explainedBy } from '../testing/known-limits.js';
import { toJsonSchema } from './to-json-schema.js';

interface AnyCodec extends t.Mixed {
  readonly _tag?: string;
  readonly type?: AnyCodec;
  readonly types?: ReadonlyArray<AnyCodec>;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly inner?: AnyCodec;
  readonly base?: AnyCodec;
}

/** Every refinement and every oneOf reachable from the event and command codecs, by name. */
const namedCodecs = (): Map<string, AnyCodec> => {
  const found = new Map<string, AnyCodec>();
  const walk = (c: AnyCodec): void => {
    if (c._tag === 'JamsosRefinedType' || c._tag === 'RefinementType' || c._tag === 'JamsosOneOfType') {
      if (!found.has(c.name)) found.set(c.name, c);
    }
    for (const next of [c.type, c.inner, c.base, ...(c.types ?? []), ...Object.values(c.props ?? {})]) if (next !== undefined) walk(next);
  };
  for (const d of eventDefinitions) walk(d.codec as AnyCodec);
  for (const c of commandCodecs()) walk(c.codec as AnyCodec);
  return found;
};

const codecs = namedCodecs();
/** Refined codecs the catalogue does not use (yet) but publishes hints for. */
const others = new Map<string, AnyCodec>([['IsoDateTime', IsoDateTimeC as AnyCodec]]);
const codec = (name: string): AnyCodec => {
  const c = codecs.get(name) ?? others.get(name);
  if (c === undefined) throw new Error(`no codec named ${name} in the catalogue`);
  return c;
};

const validators = new Map<string, ReturnType<typeof compile>>();
/** The compiled schema of a codec, compiled once. */
const validatorFor = (name: string, c: AnyCodec): ReturnType<typeof compile> => {
  const known = validators.get(name);
  if (known !== undefined) return known;
  const validate = compile(toJsonSchema(c));
  validators.set(name, validate);
  return validate;
};

/** The codec's verdict and the schema's on each value; disagreements only where a known limit explains them. */
const expectSameVerdicts = (name: string, values: Iterable<unknown>): number => {
  const c = codec(name);
  const validate = validatorFor(name, c);
  let checked = 0;
  for (const value of values) {
    const codecAccepts = c.is(value);
    const schemaAccepts = validate(value);
    if (codecAccepts !== schemaAccepts && explainedBy(value, codecAccepts, schemaAccepts) === undefined)
      expect.fail(`${name}: io-ts ${codecAccepts ? 'accepts' : 'refuses'} ${JSON.stringify(value)} but the schema ${schemaAccepts ? 'accepts' : 'refuses'} it`);
    checked++;
  }
  return checked;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
function* range(from: number, to: number): Generator<number> {
  for (let i = from; i <= to; i++) yield i;
}

const REFINEMENTS_TESTED = [
  'IsoDate', 'Period', 'IsoDateTime', 'NIK', 'ParticipantId', 'ClaimId', 'EmployerId', 'SponsorId', 'ProjectId', 'PaymentReference', 'BranchId', 'RegionId',
  'PersonName', 'Rupiah', 'NonNegativeRupiah', 'PositiveRupiah', 'HeadCount', 'Year', 'Bp',
];

describe('refined codecs and their JSON Schemas', () => {
  it('tests every refinement the catalogue uses (a new one needs a test here)', () => {
    const refinements = [...codecs.values()].filter((c) => c._tag !== 'JamsosOneOfType').map((c) => c.name);
    expect([...refinements, ...others.keys()].sort()).toEqual([...REFINEMENTS_TESTED].sort());
  });

  it('IsoDate: every YYYY-MM-DD with years 1899-3000, months 00-13, days 00-32 (leap days included)', () => {
    function* dates(): Generator<string> {
      for (const y of range(1899, 3000)) for (const m of range(0, 13)) for (const d of range(0, 32)) yield `${y}-${pad(m)}-${pad(d)}`;
    }
    expect(expectSameVerdicts('IsoDate', dates())).toBe(1102 * 14 * 33);
    expect(expectSameVerdicts('IsoDate', ['2024-1-01', '02024-01-01', '2024-01-01\n', ' 2024-01-01', '2024/01/01', '２０２４-01-01', 20240101, null])).toBe(8);
  });

  it('Period: every YYYY-MM with years 1899-3000 and months 00-13', () => {
    function* periods(): Generator<string> {
      for (const y of range(1899, 3000)) for (const m of range(0, 13)) yield `${y}-${pad(m)}`;
    }
    expect(expectSameVerdicts('Period', periods())).toBe(1102 * 14);
    expect(expectSameVerdicts('Period', ['2024-1', '2024-01-01', '2024-01\n', 202401])).toBe(4);
  });

  it('NIK: every birth-date part DDMMYY (days 00-99, months 00-19), every province code, city, district and serial edge', () => {
    function* niks(): Generator<string> {
      for (const dd of range(0, 99)) for (const mm of range(0, 19)) for (const yy of range(0, 99)) yield `367201${pad(dd)}${pad(mm)}${pad(yy)}0001`;
      for (const pp of range(0, 99)) yield `${pad(pp)}7201150785${'0001'}`;
      for (const code of ['00', '01', '99']) {
        yield `36${code}01150785 0001`.replace(' ', '');
        yield `3672${code}150785 0001`.replace(' ', '');
      }
      for (const serial of ['0000', '0001', '0010', '0100', '1000', '9999']) yield `367201150785${serial}`;
      yield* ['367201150785000', '36720115078500011', '367201150785000a', '3672011507850001\n', ' 367201150785001'];
    }
    expect(expectSameVerdicts('NIK', niks())).toBeGreaterThan(100 * 20 * 100);
  });

  it('IsoDateTime: random instants and near misses', () => {
    const part = (max: number) => fc.integer({ min: 0, max }).map((n) => pad(n));
    const instants = fc
      .tuple(fc.integer({ min: 1899, max: 3000 }), part(13), part(32), part(25), part(61), part(61), fc.constantFrom('', '.0', '.123', '.123456789', '.1234567890', '.'), fc.constantFrom('Z', 'z', '+07:00', '-03:30', '+24:00', '+07:60', '+0700', ''))
      .map(([y, mo, d, h, mi, s, frac, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`);
    fc.assert(fc.property(instants, (s) => expectSameVerdicts('IsoDateTime', [s, s.replace('T', ' '), `${s}\n`]) === 3), { numRuns: 20_000 });
  });

  it.each(['ParticipantId', 'ClaimId', 'EmployerId', 'SponsorId', 'ProjectId', 'PaymentReference', 'BranchId', 'RegionId'])('%s: random strings over its alphabet, of every length around its bounds', (name) => {
    const alphabet = fc.constantFrom(...'aZ09-_.:/ é\n'.split(''), '1', '2', '3');
    const strings = fc.oneof(
      fc.array(alphabet, { maxLength: 84 }).map((cs) => cs.join('')),
      fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{0,8}$/), fc.stringMatching(/^\d{14,18}$/), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/)).map((p) => p.join('')),
      fc.stringMatching(/^\d{3,5}$/),
      fc.stringMatching(/^[A-Z0-9-]{0,42}$/),
    );
    fc.assert(fc.property(strings, (s) => expectSameVerdicts(name, [s]) === 1), { numRuns: 5_000 });
  });

  it('PersonName: blank in every JavaScript sense, lengths around 200, any Unicode (the UTF-16 limit aside)', () => {
    const spaces = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u180e'];
    expect(expectSameVerdicts('PersonName', [...spaces, ...spaces.map((s) => `${s}${s}`), ...spaces.map((s) => `${s}a${s}`), '', 'a'.repeat(200), 'a'.repeat(201), '😀'.repeat(100), '😀'.repeat(101)])).toBe(3 * spaces.length + 5);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 210 }), (s) => expectSameVerdicts('PersonName', [s]) === 1), { numRuns: 5_000 });
  });

  it.each([
    ['Rupiah', -MAX_AMOUNT, MAX_AMOUNT],
    ['NonNegativeRupiah', 0, MAX_AMOUNT],
    ['PositiveRupiah', 1, MAX_AMOUNT],
    ['HeadCount', 0, Number.MAX_SAFE_INTEGER],
    ['Year', 2000, 2100],
    ['Bp', 1, 10_000],
  ] as const)('%s: integers and fractions at and around %d..%d, and anything else', (name, min, max) => {
    const edges = [min - 1, min, min + 1, max - 1, max, max + 1, 0, -0, 0.5, -0.5, min + 0.5, max - 0.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e300, '1', null, true];
    expect(expectSameVerdicts(name, edges)).toBe(edges.length);
    const numbers = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -50, max: 50 }).map((d) => max + d), fc.integer({ min: -50, max: 50 }).map((d) => min + d));
    fc.assert(fc.property(numbers, (n) => expectSameVerdicts(name, [n]) === 1), { numRuns: 5_000 });
  });
});
