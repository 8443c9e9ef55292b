import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../values/calendar.js';
import { Rupiah } from '../../values/rupiah.js';
import type { Programme } from '../../values/scheme.js';
import { baselinePolicy } from '../baseline.js';
import { bpuIncomeBand, bpuMonthlyContribution, jakonContribution, pmiContribution, puLateCharge, puMonthlyContribution, type RiskGroup } from './contributions.js';

const s = baselinePolicy.at('2024-07-01' as IsoDate);
const income = fc.integer({ min: 0, max: 100_000_000 });
const wage = fc.integer({ min: 1, max: 200_000_000 }).map(Rupiah.of);
const riskGroup = fc.constantFrom<RiskGroup>(1, 2, 3, 4, 5);
const puProgrammes = fc.subarray<Programme>(['JKK', 'JKM', 'JHT', 'JP', 'JKP']);
const bpuProgrammes = fc.subarray<Programme>(['JKK', 'JKM', 'JHT']);

describe('BPU contributions', () => {
  it('given the lowest band, when JKK and JKM are paid, then Rp16,800 with each line citing its regulation', () => {
    const due = bpuMonthlyContribution(s, { declaredIncome: 1_000_000, programmes: ['JKK', 'JKM'] });
    expect(due.total).toBe(16_800);
    expect(due.lines.map((l) => l.legalRef)).toEqual([s.source('bpu.jkk.rateBp').legalRef, s.source('bpu.jkm.contribution').legalRef]);
  });

  it('puts an income in the band with the largest declared income not above it', () => {
    expect(bpuIncomeBand(s, 0).declaredIncome).toBe(1_000_000);
    expect(bpuIncomeBand(s, 1_499_999).declaredIncome).toBe(1_000_000);
    expect(bpuIncomeBand(s, 1_500_000).declaredIncome).toBe(1_500_000);
    expect(bpuIncomeBand(s, 999_999_999)).toEqual({ declaredIncome: 20_700_000, upTo: null });
  });

  it('is monotonic in declared income (property)', () => {
    fc.assert(
      fc.property(income, income, bpuProgrammes, (a, b, programmes) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(bpuMonthlyContribution(s, { declaredIncome: low, programmes }).total).toBeLessThanOrEqual(bpuMonthlyContribution(s, { declaredIncome: high, programmes }).total);
      }),
    );
  });

  it('totals its lines, in whole rupiah (property)', () => {
    fc.assert(
      fc.property(income, bpuProgrammes, (declaredIncome, programmes) => {
        const due = bpuMonthlyContribution(s, { declaredIncome, programmes });
        expect(due.total).toBe(due.lines.reduce((sum, l) => sum + l.amount, 0));
        expect(due.lines.every((l) => Number.isSafeInteger(l.amount))).toBe(true);
        expect(due.lines.map((l) => l.programme)).toEqual(['JKK', 'JKM', 'JHT'].filter((p) => programmes.includes(p as Programme)));
      }),
    );
  });
});

describe('PU contributions', () => {
  it('is monotonic in wage for every risk group and programme set (property)', () => {
    fc.assert(
      fc.property(wage, wage, riskGroup, puProgrammes, (a, b, group, programmes) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = (w: Rupiah) => puMonthlyContribution(s, { wage: w, riskGroup: group, programmes });
        expect(at(low).total).toBeLessThanOrEqual(at(high).total);
        expect(at(low).workerTotal).toBeLessThanOrEqual(at(high).workerTotal);
      }),
    );
  });

  it('is monotonic in the risk group (property)', () => {
    fc.assert(
      fc.property(wage, riskGroup, riskGroup, (w, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = (g: RiskGroup) => puMonthlyContribution(s, { wage: w, riskGroup: g, programmes: ['JKK'] }).total;
        expect(at(low)).toBeLessThanOrEqual(at(high));
      }),
    );
  });

  it('splits each line into employer and worker shares that add up, and totals them (property)', () => {
    fc.assert(
      fc.property(wage, riskGroup, puProgrammes, (w, group, programmes) => {
        const due = puMonthlyContribution(s, { wage: w, riskGroup: group, programmes });
        for (const l of due.lines) expect(l.amount).toBe(l.employer + l.worker);
        expect(due.total).toBe(due.employerTotal + due.workerTotal);
      }),
    );
  });

  it('charges JP on the wage up to the cap only', () => {
    const jp = (w: number) => puMonthlyContribution(s, { wage: Rupiah.of(w), riskGroup: 1, programmes: ['JP'] }).total;
    expect(jp(10_042_300)).toBe(301_269);
    expect(jp(50_000_000)).toBe(301_269);
  });

  it('reports JKP apart from what the employer pays, and not before JKP existed', () => {
    const due = puMonthlyContribution(s, { wage: Rupiah.of(5_000_000), riskGroup: 1, programmes: ['JKK', 'JKM', 'JKP'] });
    expect(due.jkp?.amount).toBe(23_000);
    expect(due.total).toBe(27_000);
    const before = puMonthlyContribution(baselinePolicy.at('2020-06-01' as IsoDate), { wage: Rupiah.of(5_000_000), riskGroup: 1, programmes: ['JKK', 'JKP'] });
    expect(before.jkp).toBeUndefined();
  });

  it('charges 2% a month late, not compounded', () => {
    expect(puLateCharge(s, { unpaid: Rupiah.of(462_000), monthsLate: 3 }).amount).toBe(27_720);
  });
});

describe('Jakon contributions', () => {
  const value = fc.integer({ min: 0, max: 50_000_000_000 }).map(Rupiah.of);

  it('is monotonic in the contract value, and its tier bases add up to the value (property)', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(jakonContribution(s, low).total).toBeLessThanOrEqual(jakonContribution(s, high).total);
        expect(jakonContribution(s, high).lines.reduce((sum, l) => sum + l.base, 0)).toBe(high);
      }),
    );
  });

  it('never exceeds the first tier rate on the whole value (marginal rates fall)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(jakonContribution(s, v).total).toBeLessThanOrEqual(Rupiah.basisPoints(v, 24) + 5);
      }),
    );
  });
});

describe('PMI contributions', () => {
  it('given a two-year placement, then 37,500 + 332,500 = Rp370,000', () => {
    const due = pmiContribution(s, { prePlacement: true, placementMonths: 24 });
    expect(E.isRight(due) && due.right.total).toBe(370_000);
  });

  it('given no package for the months asked, then an error value listing the packages', () => {
    expect(pmiContribution(s, { prePlacement: false, placementMonths: 9 })).toEqual(E.left({ _tag: 'NoSuchPlacementPackage', months: 9, available: [6, 12, 24] }));
  });
});
