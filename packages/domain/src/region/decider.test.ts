import { describe, expect, it } from 'vitest';
import { spec } from '../testing/given-when-then.js';
import * as E from 'fp-ts/lib/Either.js';
import { RecordLabourForceC, regionDecider, SetCoverageTargetC } from './decider.js';

const given = spec(regionDecider);
const valid = <A>(decoded: E.Either<unknown, A>): A => {
  if (E.isLeft(decoded)) throw new Error('invalid test command');
  return decoded.right;
};
const record = valid(RecordLabourForceC.decode({
  type: 'RecordLabourForce',
  regionId: '3672',
  year: 2024,
  labourForce: 174_897,
  informalWorkers: 61_000,
  source: 'Disnaker Kota Cilegon, UCJ briefing',
  publishedOn: '2024-10-01',
}));
const target = valid(SetCoverageTargetC.decode({ type: 'SetCoverageTarget', regionId: '3672', year: 2025, target: { kind: 'workers', count: 103_439 }, source: 'RPJMD action plan', setOn: '2025-01-15' }));
const revised = (patch: object) => valid(RecordLabourForceC.decode({ ...record, ...patch }));

describe('a region\'s labour force and targets', () => {
  it('records the labour force with its source: the numerator and denominator, never a bare percentage', () => {
    const { type: _type, ...data } = record;
    expect(given().when(record).events()).toEqual([{ type: 'LabourForceRecorded', data }]);
  });
  it('recognises a repeat, and records a revision', () => {
    const first = given().when(record).events();
    expect(given(...first).when(record).events()).toEqual([]);
    expect(given(...first).when(revised({ labourForce: 175_000 })).events()).toHaveLength(1);
  });
  it('refuses more informal workers than the labour force', () => {
    expect(given().when(revised({ informalWorkers: 200_000 })).rejection()).toEqual({ _tag: 'InformalExceedsLabourForce', informalWorkers: 200_000, labourForce: 174_897 });
  });
  it('sets a target as a head count or a share, and recognises a repeat', () => {
    const first = given().when(target).events();
    expect(first[0]).toMatchObject({ type: 'CoverageTargetSet', data: { target: { kind: 'workers', count: 103_439 } } });
    expect(given(...first).when(target).events()).toEqual([]);
    expect(given(...first).when(valid(SetCoverageTargetC.decode({ ...target, target: { kind: 'share', bp: 5_500 } }))).events()).toHaveLength(1);
  });
});
