import { describe, expect, it } from 'vitest';
import { baselinePolicy, type IsoDate, type JamsosEvent, type ParticipantEventOf } from '@jamsos/domain';
import { coverageAsOf, coverageProjection } from '@jamsos/projections';
import { collect, createInMemoryEventStore } from '@jamsos/core';
import { appendDemo, generateDemo, planDemo, type DemoBatch } from './index.js';

const options = { participants: 1_500, seed: 1 };
const batches: DemoBatch[] = [...generateDemo(options, baselinePolicy)];
const events: JamsosEvent[] = batches.flatMap((b) => [...b.events]);
type DataOf<T extends JamsosEvent['type']> = Extract<JamsosEvent, { type: T }>['data'];
const ofType = <T extends JamsosEvent['type']>(type: T): Array<DataOf<T>> => {
  const found: Array<DataOf<T>> = [];
  for (const e of events) if (e.type === type) found.push(e.data as DataOf<T>);
  return found;
};

describe('the demo mix', () => {
  it('records each region\'s labour force per year and its targets, with the seed figures for Cilegon', () => {
    const labour = ofType('LabourForceRecorded');
    for (const region of ['3672', '3604', '3324']) expect(labour.filter((l) => l.regionId === region).map((l) => l.year)).toEqual([2022, 2023, 2024]);
    expect(labour.find((l) => l.regionId === '3672' && l.year === 2024)).toMatchObject({ labourForce: 174_897 });
    expect(labour.find((l) => l.regionId === '3324' && l.year === 2024)).toMatchObject({ informalWorkers: 200_000 });
    const targets = ofType('CoverageTargetSet').filter((t) => t.regionId === '3672');
    expect(targets.map((t) => [t.year, t.target])).toEqual([
      [2024, { kind: 'share', bp: 5_500 }],
      [2025, { kind: 'workers', count: 103_439 }],
    ]);
  });

  it('has PU, BPU, Jakon and PMI members in every region, PU on wages of Rp3-8 million in risk groups 1-5', () => {
    const enrolled = ofType('ParticipantEnrolled');
    for (const region of ['3672', '3604', '3324'])
      for (const segment of ['PU', 'BPU', 'Jakon', 'PMI']) expect(enrolled.some((e) => e.regionId === region && e.terms.segment === segment)).toBe(true);
    const pu = enrolled.flatMap((e) => (e.terms.segment === 'PU' ? [e.terms] : []));
    expect(pu.every((t) => t.wage >= 3_000_000 && t.wage <= 8_000_000)).toBe(true);
    expect(new Set(pu.map((t) => t.riskGroup))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(enrolled.filter((e) => e.terms.segment === 'PU').every((e) => ['JKK', 'JKM', 'JHT'].every((p) => e.programmes.includes(p as never)))).toBe(true);
    const jakon = enrolled.flatMap((e) => (e.terms.segment === 'Jakon' ? [e] : []));
    expect(jakon.every((e) => e.category === 'construction-worker' && e.terms.segment === 'Jakon' && e.terms.coverageUntil > e.enrolledOn)).toBe(true);
  });

  it('sponsors BPU members by GEMET SEKUL in Cilegon, a regional budget in Serang and civil servants in Kendal, at Rp16,800', () => {
    const sponsors = ofType('SponsorshipStarted').map((s) => s.sponsor);
    expect(sponsors).toContainEqual({ type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' });
    expect(sponsors.some((s) => s.type === 'regional-budget' && s.regionId === '3604' && s.legalBasis.includes('465/Kesber.20/Tapem/VIII/2024'))).toBe(true);
    expect(sponsors.some((s) => s.type === 'civil-servant' && s.regionId === '3324')).toBe(true);
    const paid = ofType('ContributionPaid');
    const sponsored = paid.filter((p) => p.payer.type === 'regional-budget' || p.payer.type === 'civil-servant');
    expect(sponsored.length).toBeGreaterThan(100);
    expect(sponsored.every((p) => p.total === 16_800 && Number(p.paidOn.slice(8)) <= 14 && p.paidOn.slice(0, 7) === p.period)).toBe(true);
    const selfPaid = paid.filter((p) => p.payer.type === 'self');
    expect(selfPaid.filter((p) => p.total === 16_800).length / selfPaid.length).toBeGreaterThan(0.6);
  });

  it('has late payments, arrears, lapses and re-enrolments', () => {
    expect(ofType('ContributionPaid').some((p) => p.payer.type === 'self' && p.paidOn > `${p.period}-15`)).toBe(true);
    expect(ofType('ArrearsRecorded').length).toBeGreaterThan(0);
    expect(ofType('ProtectionLapsed').length).toBeGreaterThan(0);
    expect(ofType('ProtectionReinstated').length).toBeGreaterThan(0);
  });

  it('decides claims: JKM deaths at Rp42,000,000, JKK by wage, some rejected, paid out to heirs, the worker and providers', () => {
    const approved = ofType('ClaimApproved');
    const jkm = approved.filter((a) => a.programme === 'JKM');
    expect(jkm.length).toBeGreaterThan(0);
    expect(jkm.every((a) => a.total === 42_000_000)).toBe(true);
    expect(approved.some((a) => a.programme === 'JKK')).toBe(true);
    expect(ofType('ClaimRejected').length).toBeGreaterThan(0);
    const payees = new Set(ofType('BenefitDisbursed').map((d) => d.payee.kind));
    expect(payees).toEqual(new Set(['heir', 'participant', 'provider']));
    const heirs = ofType('ClaimFiled').flatMap((f) => f.heirs.map((h) => h.relationship));
    expect(heirs).toContain('spouse');
    expect(heirs).toContain('child');
  });

  it('is calibrated: protected members at the end of 2024, times the scale, are near each region\'s reference figure', () => {
    const plan = planDemo(options);
    let state = coverageProjection.initial();
    for (const event of events) state = coverageProjection.apply(state, event, { globalPosition: 0, recordedAt: '' });
    const asOf = '2024-12-31' as IsoDate;
    const report = coverageAsOf(state, asOf, baselinePolicy.at(asOf));
    for (const region of plan.regions) {
      const row = report.byRegion.find((r) => r.key === region.regionId);
      const estimate = (row?.protected ?? 0) * plan.scale;
      expect(Math.abs(estimate - region.referenceProtected) / region.referenceProtected).toBeLessThan(0.2);
    }
  });
});

describe('appendDemo', () => {
  it('appends every batch with deterministic ids, reports what it wrote, and never doubles a stream', async () => {
    const clock = () => '2025-07-01T00:00:00.000Z';
    const store = createInMemoryEventStore();
    const progress: Array<[number, number]> = [];
    const written = await appendDemo(store, { participants: 300, seed: 3 }, baselinePolicy, clock, (done, total) => progress.push([done, total]));
    const stored = await collect(store.readAll());
    expect(stored).toHaveLength(written.events);
    expect(written).toMatchObject({ participants: 300, seed: 3, scale: planDemo({ participants: 300 }).scale });
    expect(new Set(stored.map((e) => e.streamName)).size).toBe(written.streams);
    expect(Object.values(written.byType).reduce((a, b) => a + b, 0)).toBe(written.events);
    expect(progress.at(-1)).toEqual([300, 300]);
    expect(stored.every((e) => e.metadata.schemaVersion === 1 && /^20\d\d-\d\d-\d\dT(09|10):\d\d:00\.000Z$/.test(e.metadata.recordedAt) && e.metadata.recordedAt < clock())).toBe(true);
    const again = createInMemoryEventStore();
    await appendDemo(again, { participants: 300, seed: 3 }, baselinePolicy, clock);
    expect((await collect(again.readAll())).map((e) => e.id)).toEqual(stored.map((e) => e.id));
    await appendDemo(store, { participants: 300, seed: 3 }, baselinePolicy, clock); // the same ids: recognised, nothing doubled
    expect(await collect(store.readAll())).toHaveLength(written.events);
    await expect(appendDemo(store, { participants: 300, seed: 4 }, baselinePolicy, clock)).rejects.toThrow(/already exists/);
  });

  it('keeps the first enrolment of each participant before any of their contributions', () => {
    const first = new Map<string, ParticipantEventOf<'ParticipantEnrolled'>['data']>();
    for (const e of events) {
      if (e.type === 'ParticipantEnrolled' && !first.has(e.data.participantId)) first.set(e.data.participantId, e.data);
      if (e.type === 'ContributionPaid') expect((first.get(e.data.participantId)?.enrolledOn ?? '9999-12-31') <= e.data.paidOn).toBe(true);
    }
  });
});
