import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../values/calendar.js';
import { Rupiah } from '../../values/rupiah.js';
import { baselinePolicy } from '../baseline.js';
import { jkkDeathBenefit, jkkDisabilityBenefit, jkkMedicalCareBenefit, jkkTemporaryIncapacityBenefit, jkmDeathBenefit } from './benefits.js';

const s = baselinePolicy.at('2024-07-01' as IsoDate);
const wage = fc.integer({ min: 1, max: 100_000_000 }).map(Rupiah.of);

describe('death benefits', () => {
  it('given a JKM death in 2024, then Rp42,000,000 in three lines citing PP 82/2019, the periodic part as 24 x Rp500,000', () => {
    const b = jkmDeathBenefit(s);
    expect(b.lines.map((l) => [l.benefit, l.amount])).toEqual([
      ['jkm.lumpSum', 20_000_000],
      ['jkm.periodic', 12_000_000],
      ['jkm.funeral', 10_000_000],
    ]);
    expect(b.total).toBe(42_000_000);
    expect(b.lines.every((l) => l.legalRef.startsWith('PP 82/2019'))).toBe(true);
    expect(b.periodicInstallments).toEqual(Array.from({ length: 24 }, () => 500_000));
  });

  it('given a JKK death at the lowest BPU band, then 48 x 1,000,000 + 12,000,000 + 10,000,000 = Rp70,000,000', () => {
    expect(jkkDeathBenefit(s, Rupiah.of(1_000_000)).total).toBe(70_000_000);
  });
});

describe('JKK injury benefits', () => {
  it('pays total disability as 70% x 80 months of wage, partial by the percentage', () => {
    expect(jkkDisabilityBenefit(s, Rupiah.of(3_000_000), { kind: 'total' }).total).toBe(168_000_000);
    expect(jkkDisabilityBenefit(s, Rupiah.of(3_000_000), { kind: 'partial', percentBp: 2_500 }).total).toBe(60_000_000);
  });

  it('pays STMB monotonically in days, never more than full wage a day and never less than the reduced rate (property)', () => {
    fc.assert(
      fc.property(wage, fc.nat(2_000), fc.nat(2_000), (w, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const pay = (days: number) => jkkTemporaryIncapacityBenefit(s, w, days).total;
        expect(pay(low)).toBeLessThanOrEqual(pay(high));
        expect(pay(high)).toBeLessThanOrEqual(Math.round((w * high) / 30) + 1);
        expect(pay(high)).toBeGreaterThanOrEqual(Math.floor((w * high) / 60) - 1);
      }),
    );
  });

  it('counts a month as 30 days: 360 days at full wage, then half', () => {
    const b = jkkTemporaryIncapacityBenefit(s, Rupiah.of(3_000_000), 390);
    expect(b.lines.map((l) => [l.benefit, l.amount])).toEqual([
      ['jkk.temporaryIncapacity.fullWage', 36_000_000],
      ['jkk.temporaryIncapacity.reducedWage', 1_500_000],
    ]);
  });

  it('pays medical care without a ceiling and caps home care (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000_000).map(Rupiah.of), fc.nat(100_000_000).map(Rupiah.of), (medicalCosts, homeCareCosts) => {
        const [medical, home] = jkkMedicalCareBenefit(s, { medicalCosts, homeCareCosts }).lines;
        expect(medical?.amount).toBe(medicalCosts);
        expect(home?.amount).toBe(Math.min(homeCareCosts, 20_000_000));
      }),
    );
  });
});
