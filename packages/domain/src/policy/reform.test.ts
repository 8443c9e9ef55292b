import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { IsoDate } from '../values/calendar.js';
import { baselinePolicy } from './baseline.js';
import { canonicalJson } from './sha256.js';
import type { Policy } from './policy.js';
import { applyReform, applyReforms, decodeReform, type Reform } from './reform.js';

const d = (s: string): IsoDate => s as IsoDate;
const derive = (base: Policy, reform: unknown): Policy => {
  const result = applyReform(base, reform);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};
const reformError = (reform: unknown): string => {
  const result = decodeReform(reform);
  if (E.isRight(result)) throw new Error('expected a reform error');
  return result.left.message;
};

const jkm50m: Reform = {
  name: 'jkm-50m',
  description: 'JKM lump sum raised to Rp50,000,000 for 2025',
  patches: [{ path: 'jkm.benefit.lumpSum', start: d('2025-01-01'), stop: d('2026-01-01'), value: 50_000_000 }],
};

describe('applying a reform', () => {
  it('given a reform with start and stop, then its value holds from start until the day before stop', () => {
    const reformed = derive(baselinePolicy, jkm50m);
    expect(reformed.at(d('2024-12-31')).get('jkm.benefit.lumpSum')).toBe(20_000_000);
    expect(reformed.at(d('2025-01-01')).get('jkm.benefit.lumpSum')).toBe(50_000_000);
    expect(reformed.at(d('2025-12-31')).get('jkm.benefit.lumpSum')).toBe(50_000_000);
    expect(reformed.at(d('2026-01-01')).get('jkm.benefit.lumpSum')).toBe(20_000_000);
    expect(reformed.at(d('2025-06-01')).source('jkm.benefit.lumpSum')).toEqual({ from: '2025-01-01', legalRef: 'reform jkm-50m' });
    expect(reformed.at(d('2026-06-01')).source('jkm.benefit.lumpSum').legalRef).toBe('PP 82/2019 (amending PP 44/2015 art. 34)');
  });

  it('given a stop before a later base change, then after stop the base value resumes and the later change still applies', () => {
    const reformed = derive(baselinePolicy, { name: 'cap-freeze', patches: [{ path: 'pu.jp.wageCap', start: '2023-06-01', stop: '2024-06-01', value: 9_000_000 }] });
    expect(reformed.at(d('2023-05-31')).get('pu.jp.wageCap')).toBe(9_559_600);
    expect(reformed.at(d('2024-03-01')).get('pu.jp.wageCap')).toBe(9_000_000);
    expect(reformed.at(d('2024-06-01')).get('pu.jp.wageCap')).toBe(10_042_300);
    expect(reformed.at(d('2025-03-01')).get('pu.jp.wageCap')).toBe(10_547_400);
  });

  it('given no stop, then the value holds for ever and replaces later base changes', () => {
    const reformed = derive(baselinePolicy, { name: 'cap-10m', patches: [{ path: 'pu.jp.wageCap', start: '2024-01-01', value: 10_000_000 }] });
    expect(reformed.at(d('2025-03-01')).get('pu.jp.wageCap')).toBe(10_000_000);
    expect(reformed.at(d('2023-12-31')).get('pu.jp.wageCap')).toBe(9_559_600);
  });

  it('given a null value, then the parameter has no value in the span', () => {
    const reformed = derive(baselinePolicy, { name: 'no-jkp', patches: [{ path: 'jkp.contribution.rateBp', start: '2025-01-01', stop: '2025-07-01', value: null }] });
    expect(reformed.at(d('2025-03-01')).tryGet('jkp.contribution.rateBp')).toBeUndefined();
    expect(reformed.at(d('2025-07-01')).get('jkp.contribution.rateBp')).toBe(36);
  });

  it('given a table value, then it is checked and used', () => {
    const order = [['spouse', 'child', 'parent'], ['grandchild'], ['grandparent'], ['sibling'], ['parent-in-law'], ['will-designee']];
    const reformed = derive(baselinePolicy, { name: 'parents-first', patches: [{ path: 'heirs.order', start: '2025-01-01', value: order }] });
    expect(reformed.at(d('2025-01-01')).get('heirs.order')).toEqual(order);
  });

  it('names the derived policy after its base and gives it its own content id', () => {
    const reformed = derive(baselinePolicy, jkm50m);
    expect(reformed.name).toBe('baseline+jkm-50m');
    expect(reformed.id).toMatch(/^policy:[0-9a-f]{16}$/);
    expect(reformed.id).not.toBe(baselinePolicy.id);
    const cited = (name: string): Reform => ({ name, patches: jkm50m.patches.map((p) => ({ ...p, legalRef: 'Perpres 99/2024 (what-if)' })) });
    expect(derive(baselinePolicy, cited('one-name')).id).toBe(derive(baselinePolicy, cited('another-name')).id);
    expect(derive(baselinePolicy, cited('one-name')).id).not.toBe(reformed.id); // the default legal reference names the reform
  });

  it('never touches the base: its lookups, its data and its id are unchanged after deriving', () => {
    const before = { id: baselinePolicy.id, data: canonicalJson(baselinePolicy.parameters), lump: baselinePolicy.at(d('2025-06-01')).get('jkm.benefit.lumpSum') };
    const reformed = derive(baselinePolicy, jkm50m);
    expect(reformed.at(d('2025-06-01')).get('jkm.benefit.lumpSum')).toBe(50_000_000);
    expect(baselinePolicy.at(d('2025-06-01')).get('jkm.benefit.lumpSum')).toBe(before.lump);
    expect(baselinePolicy.at(d('2025-06-02')).get('jkm.benefit.lumpSum')).toBe(before.lump);
    expect(canonicalJson(baselinePolicy.parameters)).toBe(before.data);
    expect(baselinePolicy.id).toBe(before.id);
    expect(Object.isFrozen(reformed.parameters['jkm.benefit.lumpSum'].values)).toBe(true);
  });

  it('does not keep a reference to the reform\'s own values', () => {
    const order = [['spouse', 'child'], ['parent']];
    const reformed = derive(baselinePolicy, { name: 'x', patches: [{ path: 'heirs.order', start: '2025-01-01', value: order }] });
    (order[0] as string[]).push('sibling');
    expect(reformed.at(d('2025-01-01')).get('heirs.order')[0]).toEqual(['spouse', 'child']);
  });
});

describe('chaining reforms', () => {
  it('applies each to the result of the ones before', () => {
    const funeral = { name: 'funeral-15m', patches: [{ path: 'jkm.benefit.funeral', start: '2025-01-01', value: 15_000_000 }] };
    const lumpAgain = { name: 'jkm-60m-2025h2', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-07-01', stop: '2025-10-01', value: 60_000_000 }] };
    const result = applyReforms(baselinePolicy, [jkm50m, funeral, lumpAgain]);
    if (E.isLeft(result)) throw new Error(result.left.message);
    const p = result.right;
    expect(p.name).toBe('baseline+jkm-50m+funeral-15m+jkm-60m-2025h2');
    expect(p.at(d('2025-03-01')).get('jkm.benefit.lumpSum')).toBe(50_000_000);
    expect(p.at(d('2025-08-01')).get('jkm.benefit.lumpSum')).toBe(60_000_000);
    expect(p.at(d('2025-10-01')).get('jkm.benefit.lumpSum')).toBe(50_000_000);
    expect(p.at(d('2026-01-01')).get('jkm.benefit.lumpSum')).toBe(20_000_000);
    expect(p.at(d('2026-01-01')).get('jkm.benefit.funeral')).toBe(15_000_000);
  });

  it('reports the first invalid reform with its index', () => {
    const result = applyReforms(baselinePolicy, [jkm50m, { name: 'bad', patches: [{ path: 'nope', start: '2025-01-01', value: 1 }] }]);
    expect(E.isLeft(result) && [result.left.index, result.left.reform]).toEqual([1, 'bad']);
  });

  it('gives the same policy for the same chain (deterministic ids)', () => {
    const a = applyReforms(baselinePolicy, [jkm50m]);
    const b = applyReforms(baselinePolicy, [jkm50m]);
    expect(E.isRight(a) && E.isRight(b) && a.right.id === b.right.id).toBe(true);
  });
});

describe('reform errors', () => {
  it('given an unknown parameter, then the error lists the valid names', () => {
    const message = reformError({ name: 'x', patches: [{ path: 'jkm.lumpSum', start: '2025-01-01', value: 1 }] });
    expect(message).toContain('patches[0].path: unknown parameter "jkm.lumpSum"; the parameters are: bpu.contribution.dueDay,');
    expect(message).toContain('jkm.benefit.lumpSum');
  });

  it('given a value of the wrong type for the parameter, then the error says which type', () => {
    expect(reformError({ name: 'x', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-01-01', value: '50 juta' }] })).toBe(
      'invalid reform x: patches[0].value: an amount of rupiah must be a whole number from 0 to 1000000000000000, got "50 juta" (for jkm.benefit.lumpSum)',
    );
    expect(reformError({ name: 'x', patches: [{ path: 'heirs.order', start: '2025-01-01', value: [['spouse'], ['cousin']] }] })).toContain('patches[0].value[1][0]: HeirRelationship must be one of');
  });

  it('given a stop that is not after start, then it is refused', () => {
    expect(reformError({ name: 'x', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-01-01', stop: '2025-01-01', value: 1 }] })).toContain(
      'patches[0].stop: stop (2025-01-01) must be after start (2025-01-01)',
    );
  });

  it('given a misspelt field or a bad date, then each is reported', () => {
    const message = reformError({ name: 'x', patches: [{ path: 'jkm.benefit.lumpSum', start: '2025-13-01', value: 1, until: '2026-01-01' }] });
    expect(message).toContain('patches[0].until: unknown field "until"');
    expect(message).toContain('patches[0].start: 2025-13-01 has no month 13');
  });
});

describe('lookup speed of a reformed policy', () => {
  it('is of the same order as the baseline: cached snapshots per interval and per date', () => {
    const chained = applyReforms(baselinePolicy, [jkm50m, { name: 'cap', patches: [{ path: 'pu.jp.wageCap', start: '2020-01-01', stop: '2022-01-01', value: 9_000_000 }] }]);
    if (E.isLeft(chained)) throw new Error(chained.left.message);
    const days = Array.from({ length: 3_650 }, (_, i) => IsoDate.addDays('2016-01-01' as IsoDate, i));
    const time = (p: Policy): number => {
      const start = performance.now();
      for (let pass = 0; pass < 20; pass++) for (const day of days) p.at(day).get('pu.jp.wageCap');
      return performance.now() - start;
    };
    time(baselinePolicy);
    time(chained.right);
    const base = time(baselinePolicy);
    const reformed = time(chained.right);
    expect(reformed).toBeLessThan(base * 5 + 50);
    expect(chained.right.at(days[100] as IsoDate)).toBe(chained.right.at(days[100] as IsoDate));
  });
});
