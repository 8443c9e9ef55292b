import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../values/calendar.js';
import { Rupiah } from '../../values/rupiah.js';
import { baselinePolicy } from '../baseline.js';
import { HEIR_RELATIONSHIPS } from '../parameter-codecs.js';
import type { HeirRelationship } from '../parameters.js';
import { entitledHeirs, splitAmongHeirs, type HeirCandidate } from './heirs.js';

const s = baselinePolicy.at('2024-07-01' as IsoDate);
const order = s.get('heirs.order');
const rank = (r: HeirRelationship): number => order.findIndex((group) => group.includes(r));
const heirs = fc
  .array(fc.constantFrom(...HEIR_RELATIONSHIPS), { maxLength: 12 })
  .map((relationships): HeirCandidate[] => relationships.map((relationship, i) => ({ heirId: `h${i}`, relationship })));

describe('entitled heirs', () => {
  it('given a widow, a child and a parent, then the widow and the child', () => {
    const family: HeirCandidate[] = [
      { heirId: 'p', relationship: 'parent' },
      { heirId: 'w', relationship: 'spouse' },
      { heirId: 'c', relationship: 'child' },
    ];
    expect(entitledHeirs(s, family).map((h) => h.heirId)).toEqual(['w', 'c']);
  });

  it('are exactly everyone of the highest group that has anyone, in the order given (property)', () => {
    fc.assert(
      fc.property(heirs, (all) => {
        const entitled = entitledHeirs(s, all);
        const best = Math.min(...all.map((h) => rank(h.relationship)));
        expect(entitled).toEqual(all.filter((h) => rank(h.relationship) === best));
      }),
    );
  });
});

describe('splitting among heirs', () => {
  it('gives the remainder rupiah one each to the first heirs', () => {
    const three: HeirCandidate[] = ['a', 'b', 'c'].map((heirId) => ({ heirId, relationship: 'child' }));
    expect(splitAmongHeirs(s, Rupiah.of(100), three).map((x) => x.amount)).toEqual([34, 33, 33]);
  });

  it('conserves money exactly, in whole rupiah, with shares at most one rupiah apart (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), heirs, (amount, all) => {
        const entitled = entitledHeirs(s, all);
        const shares = splitAmongHeirs(s, Rupiah.of(amount), entitled);
        if (entitled.length === 0) {
          expect(shares).toEqual([]);
          return;
        }
        expect(shares.reduce((sum, x) => sum + x.amount, 0)).toBe(amount);
        expect(shares.map((x) => x.heirId)).toEqual(entitled.map((h) => h.heirId));
        expect(shares.every((x) => Number.isSafeInteger(x.amount) && x.amount >= 0)).toBe(true);
        const amounts = shares.map((x) => x.amount);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
