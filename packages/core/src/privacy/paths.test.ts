import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapAtPath, parsePath } from './paths.js';

const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

describe('field paths', () => {
  it('parses the paths personalDataPaths writes', () => {
    expect(parsePath('')).toEqual([]);
    expect(parsePath('nik')).toEqual([{ key: 'nik', arrays: 0 }]);
    expect(parsePath('identity.name')).toEqual([{ key: 'identity', arrays: 0 }, { key: 'name', arrays: 0 }]);
    expect(parsePath('heirs[].name')).toEqual([{ key: 'heirs', arrays: 1 }, { key: 'name', arrays: 0 }]);
    expect(parsePath('grid[][].nik')).toEqual([{ key: 'grid', arrays: 2 }, { key: 'nik', arrays: 0 }]);
    expect(parsePath('[]')).toEqual([{ key: '', arrays: 1 }]);
  });

  it('given a path through arrays, when mapped, then every element is rewritten with its concrete path', () => {
    const seen: string[] = [];
    const data = { claimId: 'K-1', heirs: [{ name: 'a', nik: '1' }, { name: 'b' }], grid: [[{ nik: 'x' }], [{ nik: 'y' }, {}]] };
    const out = mapAtPath(mapAtPath(data, parsePath('heirs[].name'), (v, p) => (seen.push(p), upper(v))), parsePath('grid[][].nik'), (v, p) => (seen.push(p), upper(v)));
    expect(out).toEqual({ claimId: 'K-1', heirs: [{ name: 'A', nik: '1' }, { name: 'B' }], grid: [[{ nik: 'X' }], [{ nik: 'Y' }, {}]] });
    expect(seen).toEqual(['heirs[0].name', 'heirs[1].name', 'grid[0][0].nik', 'grid[1][0].nik']);
  });

  it('given any JSON data, when mapped, then the input is never mutated and an unchanged input is returned as is', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('a', 'a.b', 'a[].b', 'a[][]', '[]', '[].a', ''), (data, path) => {
        const before = JSON.stringify(data);
        const same = mapAtPath(data, parsePath(path), (v) => v);
        expect(same).toBe(data);
        mapAtPath(data, parsePath(path), (v) => (typeof v === 'string' ? `${v}!` : v));
        expect(JSON.stringify(data)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('given a missing optional field or a non-array where an array is expected, then nothing is visited', () => {
    const seen: string[] = [];
    mapAtPath({ heirs: 'none', claimant: {} }, parsePath('heirs[].name'), (v, p) => (seen.push(p), v));
    mapAtPath({ claimant: {} }, parsePath('claimant.name'), (v, p) => (seen.push(p), v));
    expect(seen).toEqual([]);
  });
});
