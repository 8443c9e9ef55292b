import { describe, expect, it } from 'vitest';
import { count, escapeHtml, labelEvery, monthOf, niceTicks, percentBp, rupiah, rupiahShort } from './format.js';
import { spreadLabels } from './svg.js';
import { periodRange } from './fund-tables.js';

describe('report formatting', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes rupiah and counts the Indonesian way', () => {
    expect(rupiah(1_234_567)).toBe('Rp1.234.567');
    expect(rupiah(42_000_000)).toBe('Rp42.000.000');
    expect(rupiah(0)).toBe('Rp0');
    expect(rupiah(-5_000)).toBe('-Rp5.000');
    expect(count(103_439)).toBe('103.439');
    expect(count(999)).toBe('999');
  });

  it('shortens rupiah for axes', () => {
    expect(rupiahShort(0)).toBe('Rp0');
    expect(rupiahShort(500_000)).toBe('Rp500 rb');
    expect(rupiahShort(42_000_000)).toBe('Rp42 jt');
    expect(rupiahShort(2_500_000)).toBe('Rp2,5 jt');
    expect(rupiahShort(1_500_000_000)).toBe('Rp1,5 M');
    expect(rupiahShort(1_250_000_000)).toBe('Rp1,25 M');
    expect(rupiahShort(-10_000_000)).toBe('-Rp10 jt');
  });

  it('turns basis points into percentages', () => {
    expect(percentBp(4350)).toBe('43.50%');
    expect(percentBp(12_000)).toBe('120.00%');
    expect(percentBp(5)).toBe('0.05%');
    expect(percentBp(undefined)).toBe('–');
  });

  it('reads months from periods and dates', () => {
    expect(monthOf('2024-03')).toEqual({ month: 'Mar', year: '2024' });
    expect(monthOf('2024-12-31')).toEqual({ month: 'Dec', year: '2024' });
  });

  it('picks nice ticks that cover the range from zero', () => {
    expect(niceTicks(0, 103_439, 5)).toEqual([0, 25_000, 50_000, 75_000, 100_000, 125_000]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 7, 5)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    const t = niceTicks(0, 42_000_000);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(42_000_000);
  });

  it('thins axis labels so they fit', () => {
    expect(labelEvery(12, 1000, 34)).toBe(1);
    expect(labelEvery(48, 1000, 34)).toBe(2);
    expect(labelEvery(0, 1000, 34)).toBe(1);
  });

  it('spreads end labels apart, keeping their order and staying within bounds', () => {
    const ys = spreadLabels([100, 102, 101, 300], 15, 0, 400);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(15);
    expect(ys[3]).toBe(300);
    const bottom = spreadLabels([399, 400, 400], 15, 0, 400);
    expect(Math.max(...bottom)).toBeLessThanOrEqual(400);
  });

  it('lists every month of a range', () => {
    expect(periodRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodRange('2024-02', '2024-01')).toEqual([]);
  });
});
