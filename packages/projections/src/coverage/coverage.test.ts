import { describe, expect, it } from 'vitest';
import { baselinePolicy, type JamsosEvent, type ParticipantEvent } from '@jamsos/domain';
import { bpuHistory, date, enrolledBpu, paid, registered, rp } from '@jamsos/domain/testing';
import { coverageAsOf } from './query.js';
import { coverageProjection, type CoverageState } from './state.js';

const fold = (events: ReadonlyArray<JamsosEvent>): CoverageState => events.reduce((s, e) => coverageProjection.apply(s, e, { globalPosition: 0, recordedAt: '' }), coverageProjection.initial());
const asOf = (state: CoverageState, on: string, regionId?: string) => coverageAsOf(state, date(on), baselinePolicy.at(date(on)), regionId === undefined ? {} : { regionId });

/** A second worker: a PU employee in Cilegon, wage Rp5,000,000. */
const worker2 = (id: string): ParticipantEvent[] => [
  { ...registered, data: { ...registered.data, participantId: id } } as ParticipantEvent,
  { type: 'ParticipantEnrolled', data: { ...enrolledBpu.data, participantId: id, terms: { segment: 'PU', wage: rp(5_000_000), riskGroup: 1, employerId: 'NPP-1' }, programmes: ['JKK', 'JKM', 'JHT'], category: 'employee', branchId: 'KC-SERANG' } } as unknown as ParticipantEvent,
];
const labourForce: JamsosEvent = { type: 'LabourForceRecorded', data: { regionId: '3672', year: 2024, labourForce: 174_897, informalWorkers: 100_000, source: 'synthetic', publishedOn: '2024-02-01' } } as unknown as JamsosEvent;
const target: JamsosEvent = { type: 'CoverageTargetSet', data: { regionId: '3672', year: 2024, target: { kind: 'share', bp: 5_500 }, source: 'RPJMD', setOn: '2024-01-02' } } as unknown as JamsosEvent;

describe('coverage as of a date', () => {
  it('counts a paid-up BPU worker as protected, informal, sponsored by the regional budget', () => {
    const report = asOf(fold(bpuHistory('2024-06')), '2024-05-20');
    expect(report.total).toEqual({ key: 'all', protected: 1, formal: 0, informal: 1, members: 1 });
    expect(report.bySponsorType).toEqual([{ key: 'regional-budget', protected: 1, formal: 0, informal: 1, members: 1 }]);
    expect(report.byCategory[0]?.key).toBe('fisher');
  });
  it('does not count a month whose contribution was not paid, nor a lapsed member', () => {
    const state = fold(bpuHistory('2024-03'));
    expect(asOf(state, '2024-04-20').total.protected).toBe(0);
    expect(asOf(state, '2024-09-01').total).toMatchObject({ protected: 0, members: 1 });
  });
  it('counts by the rule on grace: paid on the 12th covers the 3rd', () => {
    const state = fold([registered, enrolledBpu, paid('2024-01', '2024-01-12')]);
    expect(asOf(state, '2024-01-03').total.protected).toBe(0); // enrolled on the 5th
    expect(asOf(state, '2024-01-08').total.protected).toBe(1);
  });
  it('ignores members enrolled after the date', () => {
    expect(asOf(fold(bpuHistory('2024-06')), '2023-12-31').total.members).toBe(0);
  });
  it('gives UCJ against the recorded labour force, informal coverage, and progress against a share target', () => {
    const state = fold([...bpuHistory('2024-06'), ...worker2('p-2'), labourForce, target]);
    const [cilegon] = asOf(state, '2024-03-20').byRegion; // the employer is two months behind: still within the limit
    expect(cilegon).toMatchObject({ key: '3672', protected: 2, formal: 1, informal: 1, ucjBp: 0, labourForce: { year: 2024, labourForce: 174_897 } });
    expect(cilegon?.target).toEqual({ workers: 96_194, source: 'RPJMD', progressBp: 0, remaining: 96_192 });
    expect(asOf(state, '2024-03-20').byBranch.map((b) => b.key)).toEqual(['KC-CILEGON', 'KC-SERANG']);
    expect(asOf(state, '2024-05-20').byRegion[0]).toMatchObject({ protected: 1, members: 2 }); // four months behind: not protected
  });
  it('filters by region', () => {
    const state = fold([...bpuHistory('2024-06'), labourForce]);
    expect(asOf(state, '2024-05-20', '3604').total.members).toBe(0);
    expect(asOf(state, '2024-05-20', '3672').total.members).toBe(1);
  });
  it('survives serialisation: the restored read model answers the same, and holds no personal data', () => {
    const state = fold([...bpuHistory('2024-06'), ...worker2('p-2'), labourForce, target]);
    const json = JSON.stringify(coverageProjection.serialize(state));
    expect(json).not.toContain('3672011507850003');
    expect(json).not.toContain('Ahmad');
    const restored = coverageProjection.deserialize(JSON.parse(json));
    for (const on of ['2024-01-10', '2024-05-20', '2024-08-01', '2024-12-01']) expect(asOf(restored, on)).toEqual(asOf(state, on));
  });
  it('gives a snapshot that stays as it was taken while the read model folds on, and a restored model that folds on alike', () => {
    const state = fold(bpuHistory('2024-03'));
    const snapshot = coverageProjection.serialize(state);
    const before = JSON.stringify(snapshot);
    const restored = coverageProjection.deserialize(JSON.parse(before));
    const more = [paid('2024-04', '2024-04-10'), paid('2024-05', '2024-05-10')];
    for (const event of more) {
      coverageProjection.apply(state, event, { globalPosition: 0, recordedAt: '' });
      coverageProjection.apply(restored, event, { globalPosition: 0, recordedAt: '' });
    }
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(JSON.stringify(coverageProjection.serialize(restored))).toBe(JSON.stringify(coverageProjection.serialize(state)));
    expect(asOf(restored, '2024-05-20')).toEqual(asOf(state, '2024-05-20'));
    expect(asOf(state, '2024-05-20').total.protected).toBe(1);
  });
  it('leaves the read model as it was when an event cannot be folded (a contribution before any registration)', () => {
    const state = fold(bpuHistory('2024-02'));
    const before = JSON.stringify(coverageProjection.serialize(state));
    const stray = { ...paid('2024-01', '2024-01-10'), data: { ...paid('2024-01', '2024-01-10').data, participantId: 'p-unknown' } } as ParticipantEvent;
    expect(() => coverageProjection.apply(state, stray, { globalPosition: 0, recordedAt: '' })).toThrow(/ContributionPaid/);
    expect(JSON.stringify(coverageProjection.serialize(state))).toBe(before);
    expect(state.participants.has('p-unknown')).toBe(false);
  });
});
