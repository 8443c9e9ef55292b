// Regression tests: describeErrors read only the direct parent's _tag, so a wrapper that validates
// with its child's context (t.readonly, t.exact, a refinement or brand, personalData) made array
// indexes look like keys ("items.1.x") and showed union and intersection members ("x.0.a").
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { personalData } from '../values/personal-data.js';
import { describeErrors, type ValidationProblem } from './codec.js';

const problemsOf = (codec: t.Mixed, value: unknown): ReadonlyArray<ValidationProblem> => {
  const decoded = codec.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left) : [];
};

const Item = t.type({ x: t.number });
const Pair = t.intersection([t.type({ a: t.string }), t.partial({ b: t.number })]);
const Payee = t.union([t.type({ kind: t.literal('heir'), name: t.string }), t.type({ kind: t.literal('provider'), providerId: t.string })]);
const NonEmpty = t.refinement(t.array(Item), (items) => items.length > 0, 'NonEmptyItems');

describe('describeErrors through wrappers', () => {
  it.each([
    ['t.readonly(t.array(...))', t.type({ items: t.readonly(t.array(Item)) }), { items: [{ x: 1 }, { x: 'a' }] }, 'items[1].x'],
    ['personalData(t.array(...))', t.type({ items: personalData(t.array(Item)) }), { items: [{ x: 1 }, { x: 'a' }] }, 'items[1].x'],
    ['a refinement of an array', t.type({ items: NonEmpty }), { items: [{ x: 1 }, { x: 'a' }] }, 'items[1].x'],
    ['t.readonly(personalData(t.readonlyArray(...)))', t.type({ items: t.readonly(personalData(t.readonlyArray(Item))) }), { items: [{ x: 'a' }] }, 'items[0].x'],
    ['t.exact(t.intersection(...))', t.type({ pair: t.exact(Pair) }), { pair: { a: 1 } }, 'pair.a'],
    ['t.readonly(t.intersection(...))', t.type({ pair: t.readonly(Pair) }), { pair: { a: 'ok', b: 'no' } }, 'pair.b'],
    ['personalData(t.union(...))', t.type({ payee: personalData(Payee) }), { payee: { kind: 'heir', name: 7 } }, 'payee.name'],
    ['t.readonly(t.tuple(...))', t.type({ pair: t.readonly(t.tuple([t.string, t.number])) }), { pair: ['a', 'b'] }, 'pair[1]'],
  ])('%s', (_what, codec, value, path) => {
    const paths = problemsOf(codec, value).map((p) => p.path);
    expect(paths).toContain(path);
    for (const p of paths) expect(p).not.toMatch(/\.\d/);
  });

  it('leaves plain codecs as they were', () => {
    expect(problemsOf(t.type({ items: t.array(Item) }), { items: [{ x: 1 }, { x: 'a' }] })).toEqual([{ path: 'items[1].x', message: 'expected number, got "a"' }]);
    expect(problemsOf(t.type({ a: t.type({ b: t.string }) }), { a: {} })).toEqual([{ path: 'a.b', message: 'is required (string)' }]);
  });
});
