import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leftOf, rightOf } from '../../testing/helpers.js';
import { GENESIS_HASH, canonicalJson, eventHash, linkOf, readChain } from './canonical.js';

describe('canonical JSON', () => {
  it('given objects with keys in any order, when canonicalised, then keys are sorted at every depth and there is no whitespace', () => {
    const text = rightOf(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } }));
    expect(text).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(rightOf(canonicalJson({ a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 }))).toBe(text);
  });

  it('given undefined object members, when canonicalised, then they are left out as JSON.stringify does', () => {
    expect(rightOf(canonicalJson({ a: undefined, b: 2 }))).toBe('{"b":2}');
  });

  it('given values that are not JSON, when canonicalised, then each is refused with where it was found', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cases: [unknown, string][] = [
      [{ a: [1, undefined] }, '/a/1'],
      [{ n: Number.NaN }, '/n'],
      [{ n: Number.POSITIVE_INFINITY }, '/n'],
      [{ amount: 1n }, '/amount'],
      [{ f: () => 1 }, '/f'],
      [{ s: Symbol('s') }, '/s'],
      [{ at: new Date(0) }, '/at'],
      [{ m: new Map() }, '/m'],
      [cyclic, '/self'],
      [undefined, '/'],
    ];
    for (const [value, path] of cases) expect(leftOf(canonicalJson(value))).toMatchObject({ _tag: 'NotJson', path });
  });

  it('given any string or number, including escapes and unpaired surrogates, when canonicalised, then it is written as JSON.stringify writes it', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udfff', '"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\u007f', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }), (text) => {
      expect(rightOf(canonicalJson({ [text]: text }))).toBe(JSON.stringify({ [text]: text }));
    }));
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      expect(rightOf(canonicalJson([n]))).toBe(JSON.stringify([n]));
    }));
  });

  it('given any JSON value, when it round-trips through JSON text (as a store does), then its canonical form is unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = rightOf(canonicalJson(value));
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(rightOf(canonicalJson(JSON.parse(JSON.stringify(value))))).toBe(canonical);
      }),
    );
  });
});

describe('the event hash', () => {
  const content = {
    streamName: 's',
    revision: 0,
    id: 'e-1',
    type: 'A',
    data: { b: 1, é: 'ü', a: [true, null] },
    metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z', chain: { v: 1, prev: GENESIS_HASH, hash: 'f'.repeat(64) } },
  };

  it('given an event, when hashed, then it is sha256hex(prev, newline, canonical JSON of its content without the chain key)', () => {
    // printf '%s\n%s' 000…0 '{"data":{"a":[true,null],"b":1,"é":"ü"},"id":"e-1","metadata":{"recordedAt":…,"schemaVersion":1},"revision":0,"streamName":"s","type":"A"}' | sha256sum
    expect(rightOf(eventHash(GENESIS_HASH, content))).toBe('77497d265071d807e35130d4b32109cb342f275dc49514e7ec44be531909086b');
  });

  it('given a change of any hashed field or of prev, when hashed, then the hash changes; the chain key does not count', () => {
    const base = rightOf(eventHash(GENESIS_HASH, content));
    const variants = [
      { ...content, streamName: 't' },
      { ...content, revision: 1 },
      { ...content, id: 'e-2' },
      { ...content, type: 'B' },
      { ...content, data: { ...content.data, b: 2 } },
      { ...content, metadata: { ...content.metadata, recordedAt: '2025-01-01T00:00:00.001Z' } },
    ];
    for (const variant of variants) expect(rightOf(eventHash(GENESIS_HASH, variant))).not.toBe(base);
    expect(rightOf(eventHash('1'.repeat(64), content))).not.toBe(base);
    expect(rightOf(eventHash(GENESIS_HASH, { ...content, metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z' } }))).toBe(base);
  });

  it('given metadata, when its chain entry is read, then a v1 link, nothing, or a malformed entry is told apart', () => {
    expect(readChain(content.metadata)).toEqual({ _tag: 'Chained', link: content.metadata.chain });
    expect(readChain({ schemaVersion: 1, recordedAt: 'x' })).toEqual({ _tag: 'Unchained' });
    for (const chain of [null, 'abc', { v: 2, prev: GENESIS_HASH, hash: GENESIS_HASH }, { v: 1, prev: 'zz', hash: GENESIS_HASH }, { v: 1, prev: GENESIS_HASH }])
      expect(readChain({ schemaVersion: 1, recordedAt: 'x', chain })._tag).toBe('Malformed');
  });

  it('given an event without a chain, when linked to, then its link is its own hash from genesis', () => {
    const legacy = { ...content, metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z' } };
    expect(rightOf(linkOf(legacy))).toBe(rightOf(eventHash(GENESIS_HASH, legacy)));
    expect(rightOf(linkOf(content))).toBe('f'.repeat(64));
  });
});
