import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { describeErrors, formatProblems, oneOf, refined, type ValidationProblem } from './codec.js';

const problemsOf = (codec: t.Mixed, value: unknown): ReadonlyArray<ValidationProblem> => {
  const decoded = codec.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left) : [];
};

const Even = refined(t.number, 'Even', (n) => (n % 2 === 0 ? undefined : `an even number, not ${n}`));

describe('refined', () => {
  it('decodes, refuses with its own message, and agrees with is()', () => {
    expect(Even.decode(4)).toEqual(E.right(4));
    expect(problemsOf(Even, 3)).toEqual([{ path: '', message: 'an even number, not 3' }]);
    expect(problemsOf(Even, 'four')).toEqual([{ path: '', message: 'expected Even, got "four"' }]);
    expect(Even.is(4)).toBe(true);
    expect(Even.is(3)).toBe(false);
    expect(Even.is('4')).toBe(false);
    expect(Even.name).toBe('Even');
    expect(Even.encode(4 as never)).toBe(4);
  });

  it('stacks: the base refinement is checked first', () => {
    const Small = refined(Even, 'SmallEven', (n) => (n < 10 ? undefined : `below 10, not ${n}`));
    expect(problemsOf(Small, 3)).toEqual([{ path: '', message: 'an even number, not 3' }]);
    expect(problemsOf(Small, 12)).toEqual([{ path: '', message: 'below 10, not 12' }]);
    expect(E.isRight(Small.decode(8))).toBe(true);
  });
});

describe('oneOf', () => {
  const Colour = oneOf('Colour', ['red', 'green']);
  it('accepts the listed values and lists them when refusing', () => {
    expect(Colour.decode('red')).toEqual(E.right('red'));
    expect(Colour.is('green')).toBe(true);
    expect(Colour.is('blue')).toBe(false);
    expect(problemsOf(Colour, 'blue')).toEqual([{ path: '', message: 'Colour must be one of red, green; got "blue"' }]);
    expect(problemsOf(Colour, 3)).toEqual([{ path: '', message: 'Colour must be one of red, green; got 3' }]);
  });
  it('describes any input without throwing, bigints included', () => {
    expect(problemsOf(Colour, 3n)).toEqual([{ path: '', message: 'Colour must be one of red, green; got 3n' }]);
    expect(problemsOf(Colour, undefined)[0]?.message).toBe('Colour must be one of red, green; got undefined');
  });
});

describe('describeErrors: paths', () => {
  it('joins nested object keys with dots: a.b', () => {
    expect(problemsOf(t.type({ a: t.type({ b: t.string }) }), { a: { b: 1 } })).toEqual([{ path: 'a.b', message: 'expected string, got 1' }]);
    expect(problemsOf(t.type({ a: t.type({ b: t.type({ c: t.number }) }) }), { a: { b: { c: 'x' } } })[0]?.path).toBe('a.b.c');
  });

  it('indexes arrays with brackets: items[2].x', () => {
    const codec = t.type({ items: t.array(t.type({ x: t.number })) });
    expect(problemsOf(codec, { items: [{ x: 1 }, { x: 2 }, { x: 'three' }] })).toEqual([{ path: 'items[2].x', message: 'expected number, got "three"' }]);
    expect(problemsOf(t.readonlyArray(t.number), [1, 'b'])[0]?.path).toBe('[1]');
    expect(problemsOf(t.type({ m: t.array(t.array(t.number)) }), { m: [[1], [2, 'x']] })[0]?.path).toBe('m[1][1]');
  });

  it('indexes tuples with brackets too', () => {
    expect(problemsOf(t.type({ pair: t.tuple([t.string, t.number]) }), { pair: ['a', 'b'] })).toEqual([{ path: 'pair[1]', message: 'expected number, got "b"' }]);
  });

  it('does not show union or intersection members in the path', () => {
    const payee = t.union([t.type({ kind: t.literal('heir'), name: t.string }), t.type({ kind: t.literal('provider'), providerId: t.string })]);
    const paths = problemsOf(t.type({ payee }), { payee: { kind: 'heir', name: 7 } }).map((p) => p.path);
    expect(paths).toContain('payee.name');
    for (const path of paths) expect(path).not.toMatch(/\.\d|\[\d\]/);
    const both = t.intersection([t.type({ a: t.string }), t.partial({ b: t.number })]);
    expect(problemsOf(t.type({ x: both }), { x: { a: 'ok', b: 'no' } })).toEqual([{ path: 'x.b', message: 'expected number, got "no"' }]);
  });

  it('says a missing required field "is required", naming what is expected', () => {
    expect(problemsOf(t.type({ a: t.type({ b: t.string }) }), { a: {} })).toEqual([{ path: 'a.b', message: 'is required (string)' }]);
    expect(problemsOf(t.type({ items: t.array(t.type({ x: t.number })) }), { items: [{}] })).toEqual([{ path: 'items[0].x', message: 'is required (number)' }]);
    const named = t.union([t.type({ kind: t.literal('a') }), t.type({ kind: t.literal('b') })], 'Kind');
    expect(problemsOf(t.type({ k: named }), {})).toEqual([{ path: 'k', message: 'is required (Kind)' }]);
  });

  it('uses a refined codec’s own message and path', () => {
    expect(problemsOf(t.type({ n: t.array(Even) }), { n: [2, 5] })).toEqual([{ path: 'n[1]', message: 'an even number, not 5' }]);
  });

  it('reports each failing leaf once, and several leaves separately', () => {
    const problems = problemsOf(t.type({ a: t.string, b: t.number }), {});
    expect(problems).toEqual([
      { path: 'a', message: 'is required (string)' },
      { path: 'b', message: 'is required (number)' },
    ]);
  });

  it('describes values honestly, without throwing', () => {
    const codec = t.type({ s: t.string });
    expect(problemsOf(codec, { s: Number.NaN })[0]?.message).toBe('expected string, got NaN');
    expect(problemsOf(codec, { s: Number.POSITIVE_INFINITY })[0]?.message).toBe('expected string, got Infinity');
    expect(problemsOf(codec, { s: 12n })[0]?.message).toBe('expected string, got 12n');
    expect(problemsOf(codec, { s: null })[0]?.message).toBe('expected string, got null');
    expect(problemsOf(codec, { s: { big: 1n } })[0]?.message).toBe('expected string, got an object');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(problemsOf(codec, { s: cyclic })[0]?.message).toBe('expected string, got an object');
    expect(problemsOf(t.type({ n: t.number }), { n: 'x'.repeat(100) })[0]?.message).toMatch(/^expected number, got "x{56}\.\.\.$/);
  });
});

describe('formatProblems', () => {
  it('writes one "path: message" per problem, and a bare message at the root', () => {
    expect(formatProblems([{ path: 'a.b', message: 'is required (string)' }, { path: '', message: 'an even number, not 3' }])).toBe('a.b: is required (string); an even number, not 3');
    expect(formatProblems([])).toBe('');
  });
});
