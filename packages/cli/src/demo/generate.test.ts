import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, decodeEvent, encodeEvent, NikC, nikParts, payeeKey, Rupiah, type ClaimEvent, type ClaimEventOf, type JamsosEvent } from '@jamsos/domain';
import { generateDemo, planDemo, type DemoBatch, type DemoOptions } from './index.js';
import { personFor } from './people.js';
import { createRandom } from './random.js';

const batchesOf = (options: DemoOptions): DemoBatch[] => [...generateDemo(options, baselinePolicy)];
const small = batchesOf({ participants: 300, seed: 7 });
const eventsOf = (batches: ReadonlyArray<DemoBatch>): JamsosEvent[] => batches.flatMap((b) => [...b.events]);
const claimStreams = small.filter((b) => b.streamName.startsWith('claim-'));

describe('the demo generator', () => {
  it('is deterministic: the same seed gives an identical history, another seed a different one', () => {
    expect(JSON.stringify(batchesOf({ participants: 300, seed: 7 }))).toBe(JSON.stringify(small));
    expect(JSON.stringify(batchesOf({ participants: 300, seed: 8 }))).not.toBe(JSON.stringify(small));
  });

  it('writes each stream in consecutive pieces, cut only before a claim decided on it, with a business key for deterministic ids', () => {
    const next = new Map<string, number>();
    for (const [i, b] of small.entries()) {
      expect(b.firstIndex, b.streamName).toBe(next.get(b.streamName) ?? 0);
      next.set(b.streamName, b.firstIndex + b.events.length);
      if (b.firstIndex > 0) expect(small[i - 1]?.streamName.startsWith('claim-')).toBe(true);
    }
    const names = small.filter((b) => b.firstIndex === 0).map((b) => b.streamName);
    expect(new Set(names).size).toBe(names.length);
    expect(small.some((b) => b.firstIndex > 0)).toBe(true);
    expect(names.filter((n) => n.startsWith('participant-'))).toHaveLength(300);
    expect(names.filter((n) => n.startsWith('region-')).sort()).toEqual(['region-3324', 'region-3604', 'region-3672']);
    expect(small.every((b) => b.events.length > 0 && b.businessKey === 'jamsos-demo:seed-7')).toBe(true);
  });

  it('produces only events that decode with full validation after a round trip through JSON', () => {
    for (const event of eventsOf(small)) {
      const decoded = decodeEvent(JSON.parse(JSON.stringify(encodeEvent(event))));
      if (E.isLeft(decoded)) throw new Error(`${event.type} does not decode: ${JSON.stringify(decoded.left)}`);
      expect(decoded.right).toEqual(event);
    }
  });

  it('gives every participant a valid, unique NIK of their region, and an opaque id', () => {
    const registered = eventsOf(small).flatMap((e) => (e.type === 'ParticipantRegistered' ? [e.data] : []));
    expect(new Set(registered.map((r) => r.nik)).size).toBe(registered.length);
    for (const r of registered) {
      expect(E.isRight(NikC.decode(r.nik))).toBe(true);
      expect(nikParts(r.nik).regionCode).toBe(r.domicileRegionId);
      expect(r.participantId).toMatch(/^p-\d{4}-\d{6}$/);
      expect(r.participantId).not.toContain(r.nik.slice(6, 12));
    }
  });

  it('conserves money on every claim: lines and allocations add up to the total; payouts never exceed them', () => {
    const references = new Set<string>();
    expect(claimStreams.length).toBeGreaterThan(0);
    for (const stream of claimStreams) {
      const events = stream.events as ReadonlyArray<ClaimEvent>;
      const approval = events.find((e): e is ClaimEventOf<'ClaimApproved'> => e.type === 'ClaimApproved');
      const paid = events.flatMap((e) => (e.type === 'BenefitDisbursed' ? [e.data] : []));
      for (const p of paid) {
        expect(references.has(p.reference)).toBe(false);
        references.add(p.reference);
      }
      if (approval === undefined) {
        expect(paid).toEqual([]);
        continue;
      }
      const { total, benefits, allocations } = approval.data;
      expect(Rupiah.sum(benefits.map((b) => b.amount))).toBe(total);
      expect(Rupiah.sum(allocations.map((a) => a.amount))).toBe(total);
      expect(Rupiah.sum(paid.map((p) => p.amount))).toBeLessThanOrEqual(total);
      for (const a of allocations) {
        const toPayee = paid.filter((p) => payeeKey(p.payee) === payeeKey(a.payee));
        expect(Rupiah.sum(toPayee.map((p) => p.amount))).toBeLessThanOrEqual(a.amount);
      }
    }
  });

  it('files claims only for the participant it generated, after the participant enrolled', () => {
    const enrolled = new Map<string, string>();
    for (const e of eventsOf(small)) if (e.type === 'ParticipantEnrolled' && !enrolled.has(e.data.participantId)) enrolled.set(e.data.participantId, e.data.enrolledOn);
    for (const stream of claimStreams) {
      const filed = stream.events[0] as ClaimEventOf<'ClaimFiled'>;
      expect(filed.type).toBe('ClaimFiled');
      expect(filed.data.incident.date >= (enrolled.get(filed.data.participantId) ?? '9999')).toBe(true);
      expect(filed.data.filedOn <= '2025-06-30').toBe(true);
    }
  });

  it('plans the regions in proportion to their protected workers, and says what one participant stands for', () => {
    const plan = planDemo({ participants: 6_000 });
    expect(plan.regions.reduce((sum, r) => sum + r.participants, 0)).toBe(6_000);
    expect(plan.regions.map((r) => r.regionId)).toEqual(['3672', '3604', '3324']);
    expect(plan.regions[0]?.participants).toBe(Math.round((6_000 * 76_062) / plan.regions.reduce((s, r) => s + r.referenceProtected, 0)));
    expect(plan.scale).toBeGreaterThan(50);
    expect(plan.scale).toBeLessThan(150);
    expect(plan.window).toEqual({ start: '2022-01-01', end: '2025-06-30' });
    expect(() => planDemo({ participants: 0 })).toThrow(RangeError);
    expect(() => planDemo({ toPeriod: '2025-13' })).toThrow(RangeError);
  });

  it('can divide the labour force and head-count targets by the scale, so UCJ reads as in the real region', () => {
    const plan = planDemo({ participants: 300 });
    const [cilegon] = generateDemo({ participants: 300, scaleDenominators: true }, baselinePolicy);
    const labour = cilegon?.events.find((e) => e.type === 'LabourForceRecorded' && e.data.year === 2024);
    expect(labour?.data).toMatchObject({ labourForce: Math.round(174_897 / plan.scale), source: expect.stringContaining(`divided by the demo scale ${plan.scale}`) });
    const target = cilegon?.events.find((e) => e.type === 'CoverageTargetSet' && e.data.year === 2025);
    expect(target?.data).toMatchObject({ target: { kind: 'workers', count: Math.round(103_439 / plan.scale) } });
  });

  it('keeps NIKs unique when a region has more participants than (district, serial) slots', () => {
    const random = createRandom(1, 'niks');
    const regionSize = 25_000; // one district: 9,999 slots, so three rounds of birth dates
    const niks = new Set<string>();
    for (let index = 0; index < regionSize; index++) {
      const person = personFor(random, { regionId: '3672', districts: 1, index, regionSize, minAge: 30, maxAge: 30, on: '2024-01-01' as never, femaleShare: 0.5 });
      expect(E.isRight(NikC.decode(person.nik))).toBe(true);
      niks.add(person.nik);
    }
    expect(niks.size).toBe(regionSize);
  });
});
