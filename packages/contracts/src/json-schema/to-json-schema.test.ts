import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { oneOf, personalData, refined } from '@jamsos/domain';
import { compile, newAjv } from '../testing/ajv.js';
import { toJsonSchema, UnsupportedCodecError } from './to-json-schema.js';

/** Asserts that io-ts and the generated schema give the same verdict on each value. */
const sameVerdicts = (codec: t.Mixed, values: ReadonlyArray<unknown>): void => {
  const validate = compile(toJsonSchema(codec));
  for (const value of values) expect(validate(value), `${codec.name} on ${JSON.stringify(value)}`).toBe(E.isRight(codec.decode(value)));
};

const Even = refined(t.number, 'Even', (n) => (Number.isInteger(n) && n % 2 === 0 ? undefined : 'odd'), { type: 'integer', multipleOf: 2 });

describe('toJsonSchema, kind by kind', () => {
  it('primitives, literals, keyof and the domain oneOf', () => {
    expect(toJsonSchema(t.string)).toEqual({ type: 'string' });
    expect(toJsonSchema(t.number)).toEqual({ type: 'number' });
    expect(toJsonSchema(t.boolean)).toEqual({ type: 'boolean' });
    expect(toJsonSchema(t.null)).toEqual({ type: 'null' });
    expect(toJsonSchema(t.unknown)).toEqual({});
    expect(toJsonSchema(t.literal('self'))).toEqual({ type: 'string', const: 'self' });
    expect(toJsonSchema(t.literal(3))).toEqual({ type: 'integer', const: 3 });
    expect(toJsonSchema(t.literal(1.5))).toEqual({ type: 'number', const: 1.5 });
    expect(toJsonSchema(t.literal(false))).toEqual({ type: 'boolean', const: false });
    expect(toJsonSchema(t.keyof({ a: null, b: null }))).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(toJsonSchema(oneOf('Colour', ['red', 'green'] as const))).toEqual({ title: 'Colour', type: 'string', enum: ['red', 'green'] });
    sameVerdicts(t.literal(3), [3, 3.0, '3', 4, null]);
  });

  it('type and partial: required unless the codec accepts undefined; extra properties are allowed, as io-ts allows them', () => {
    const codec = t.type({ a: t.string, b: t.union([t.number, t.undefined]) }, 'Thing');
    expect(toJsonSchema(codec)).toEqual({ title: 'Thing', type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] });
    expect(toJsonSchema(t.partial({ a: t.string }))).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
    sameVerdicts(codec, [{ a: 'x' }, { a: 'x', b: 1 }, { a: 'x', b: 'no' }, { b: 1 }, { a: 'x', z: true }, [], null, 'a']);
  });

  it('exact, strict and readonly say the same as what they wrap (io-ts drops unknown properties, it does not refuse them)', () => {
    const inner = t.type({ a: t.number });
    expect(toJsonSchema(t.exact(inner))).toEqual(toJsonSchema(inner));
    expect(toJsonSchema(t.strict({ a: t.number }))).toEqual(toJsonSchema(inner));
    expect(toJsonSchema(t.readonly(inner))).toEqual(toJsonSchema(inner));
    sameVerdicts(t.strict({ a: t.number }), [{ a: 1 }, { a: 1, b: 2 }, {}, []]);
  });

  it('arrays, readonly arrays and tuples (io-ts drops extra tuple items)', () => {
    expect(toJsonSchema(t.readonlyArray(t.string))).toEqual({ type: 'array', items: { type: 'string' } });
    expect(toJsonSchema(t.tuple([t.string, t.number]))).toEqual({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2 });
    sameVerdicts(t.tuple([t.string, t.number]), [['a', 1], ['a', 1, 'extra'], ['a'], [1, 'a'], {}]);
    sameVerdicts(t.array(t.number), [[], [1, 2], [1, 'x'], {}]);
  });

  it('records: a finite key set is required, a string or pattern domain constrains the keys it matches', () => {
    const Key = refined(t.string, 'Key', (s) => (/^k\d$/.test(s) ? undefined : 'no'), { pattern: '^k\\d$' });
    expect(toJsonSchema(t.record(t.string, t.number))).toEqual({ type: 'object', additionalProperties: { type: 'number' } });
    expect(toJsonSchema(t.record(t.keyof({ x: null, y: null }), t.number))).toEqual({ type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] });
    expect(toJsonSchema(t.record(Key, t.number))).toEqual({ type: 'object', patternProperties: { '^k\\d$': { type: 'number' } } });
    sameVerdicts(t.record(Key, t.number), [{}, { k1: 1 }, { k1: 'x' }, { other: 'x' }, { k1: 1, other: 'x' }]);
    sameVerdicts(t.record(t.keyof({ x: null, y: null }), t.number), [{ x: 1, y: 2 }, { x: 1 }, { x: 1, y: 2, z: 'x' }]);
  });

  it('unions are anyOf: io-ts takes the first member that validates, so overlapping members must not make a value invalid (oneOf would)', () => {
    const overlapping = t.union([t.type({ a: t.string }), t.type({ b: t.number })]);
    expect(toJsonSchema(overlapping)).toEqual({ anyOf: [toJsonSchema(t.type({ a: t.string })), toJsonSchema(t.type({ b: t.number }))] });
    sameVerdicts(overlapping, [{ a: 'x', b: 1 }, { a: 'x' }, { b: 1 }, {}, { a: 1 }]);
    expect(toJsonSchema(t.union([t.literal(1), t.literal(2), t.literal(3)]))).toEqual({ type: 'integer', enum: [1, 2, 3] });
    expect(toJsonSchema(t.union([t.literal('a'), t.null]))).toEqual({ anyOf: [{ type: 'string', const: 'a' }, { type: 'null' }] });
    expect(toJsonSchema(t.union([t.union([t.string, t.number]), t.boolean]))).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] });
  });

  it('intersections of plain objects merge; anything else stays allOf, so an additionalProperties rule never meets another member', () => {
    const merged = toJsonSchema(t.intersection([t.type({ type: t.literal('X'), a: t.string }), t.partial({ b: t.number })]));
    expect(merged).toEqual({ type: 'object', properties: { type: { type: 'string', const: 'X' }, a: { type: 'string' }, b: { type: 'number' } }, required: ['type', 'a'] });
    const shared = toJsonSchema(t.intersection([t.type({ n: t.number }), t.type({ n: Even })]));
    expect(shared.properties?.['n']).toEqual({ allOf: [{ type: 'number' }, { title: 'Even', type: 'integer', multipleOf: 2 }] });
    const closed = t.intersection([t.type({ a: t.string }), t.record(t.string, t.string)]);
    expect(toJsonSchema(closed).allOf).toHaveLength(2);
    sameVerdicts(closed, [{ a: 'x' }, { a: 'x', b: 'y' }, { a: 'x', b: 1 }, {}]);
    sameVerdicts(t.intersection([t.type({ n: t.number }), t.type({ n: Even })]), [{ n: 2 }, { n: 3 }, { n: 'x' }]);
  });

  it('refinements: the base with the keywords of the check (tighter bounds, integer over number), titled with the name', () => {
    expect(toJsonSchema(Even)).toEqual({ title: 'Even', type: 'integer', multipleOf: 2 });
    const Small = refined(Even, 'SmallEven', (n) => (n <= 10 ? undefined : 'big'), { maximum: 10 });
    expect(toJsonSchema(Small)).toEqual({ title: 'SmallEven', type: 'integer', multipleOf: 2, maximum: 10 });
    const Tighter = refined(Small, 'Tiny', (n) => (n <= 4 ? undefined : 'big'), { maximum: 4, minimum: 0 });
    expect(toJsonSchema(Tighter)).toMatchObject({ maximum: 4, minimum: 0 });
    const Clash = refined(t.string, 'Clash', () => undefined, { type: 'number' });
    expect(toJsonSchema(Clash)).toEqual({ title: 'Clash', allOf: [{ type: 'string' }, { type: 'number' }] });
    expect(toJsonSchema(t.Int)).toEqual({ title: 'Int', type: 'integer' });
    sameVerdicts(Small, [2, 4, 12, 3, 2.5, '2']);
  });

  it('marks personal data, whatever it wraps', () => {
    expect(toJsonSchema(t.type({ name: personalData(t.string) }))).toEqual({ type: 'object', properties: { name: { type: 'string', 'x-personal-data': true } }, required: ['name'] });
    expect(toJsonSchema(personalData(t.array(t.string)))).toEqual({ type: 'array', items: { type: 'string' }, 'x-personal-data': true });
  });
});

describe('toJsonSchema refuses what it cannot express, rather than write {}', () => {
  it.each([
    ['a plain t.Type', new t.Type<string>('Custom', (u): u is string => typeof u === 'string', (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)), t.identity)],
    ['a refined codec without a JSON Schema hint', refined(t.string, 'Mystery', () => undefined)],
    ['an io-ts refinement with a predicate only', t.refinement(t.number, (n) => n > 0, 'Positive')],
    ['a bigint', t.bigint],
    ['a function', t.Function],
    ['a recursive codec', t.recursion<{ children: number[] }>('Tree', () => t.type({ children: t.array(t.number) }))],
    ['a record keyed by numbers', t.record(t.refinement(t.string, (s) => s.length > 1, 'Long'), t.number)],
    ['a nested unsupported codec', t.type({ ok: t.string, bad: t.type({ deeper: t.bigint }) })],
  ])('%s', (_what, codec) => {
    expect(() => toJsonSchema(codec as t.Mixed)).toThrow(UnsupportedCodecError);
  });

  it('names where the problem is', () => {
    expect(() => toJsonSchema(t.type({ ok: t.string, bad: t.type({ deeper: t.bigint }) }, 'Outer'))).toThrow('Outer.bad.deeper: cannot express the codec bigint (BigIntType)');
  });
});

describe('every generated schema is a valid draft 2020-12 schema', () => {
  it('validates against the meta-schema', () => {
    const ajv = newAjv();
    const codecs = [t.type({ a: t.string }), t.union([t.literal(1), t.string]), t.intersection([t.type({ a: t.string }), t.partial({ b: Even })]), t.tuple([t.string]), t.record(t.string, t.number)];
    for (const codec of codecs) expect(ajv.validateSchema(toJsonSchema(codec) as object), JSON.stringify(ajv.errors)).toBe(true);
  });
});
