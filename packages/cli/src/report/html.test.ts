import { describe, expect, it } from 'vitest';
import type { IsoDate, Period } from '@jamsos/domain';
import type { CoverageCount, CoverageReport, FundMonth, FundReport, FundRow, RegionCoverage } from '@jamsos/projections';
import { renderHtmlReport, type HtmlReportInput } from './html.js';

const cnt = (key: string, p: number, members = p + 10): CoverageCount => ({ key, protected: p, formal: Math.floor(p / 2), informal: p - Math.floor(p / 2), members });

const region = (key: string, p: number, opts: { source?: string; target?: number; lf?: number } = {}): RegionCoverage => ({
  ...cnt(key, p),
  labourForce: opts.lf === undefined ? undefined : { labourForce: opts.lf, informalWorkers: Math.floor(opts.lf / 2), source: opts.source ?? 'BPS Sakernas', publishedOn: '2024-02-01', year: 2024 },
  ucjBp: opts.lf === undefined ? undefined : Math.round((p * 10_000) / opts.lf),
  informalCoverageBp: opts.lf === undefined ? undefined : Math.round(((p - Math.floor(p / 2)) * 10_000) / Math.floor(opts.lf / 2)),
  target: opts.target === undefined ? undefined : { workers: opts.target, source: 'RPJMD 2024', progressBp: Math.round((p * 10_000) / opts.target), remaining: Math.max(0, opts.target - p) },
});

const coverage = (asOf: string, cilegon: number, kendal: number, source = 'BPS Sakernas'): CoverageReport => ({
  asOf: asOf as IsoDate,
  total: cnt('all', cilegon + kendal, cilegon + kendal + 20),
  byRegion: [region('3324', kendal, { lf: 200_000, target: 120_000 }), region('3672', cilegon, { lf: 188_000, target: 103_439, source })],
  byBranch: [cnt('KC-CILEGON', cilegon), cnt('KC-KENDAL', kendal)],
  bySegment: [cnt('BPU', cilegon), cnt('PU', kendal)],
  byCategory: [cnt('fisher', 40), cnt('farmer', 12)],
  bySponsorType: [cnt('regional-budget', cilegon), cnt('self', kendal)],
});

const fundRow = (branchId: string, programme: string, received: number, approved: number, disbursed: number): FundRow => ({
  branchId,
  programme,
  received,
  approved,
  disbursed,
  approvedUnpaid: approved - disbursed,
  balance: received - disbursed,
  claimsRatioBp: received > 0 ? Math.round((approved * 10_000) / received) : undefined,
});

const fund: FundReport = {
  asOf: '2024-03-31' as IsoDate,
  rows: [fundRow('KC-CILEGON', 'JKK', 10_000_000, 0, 0), fundRow('KC-CILEGON', 'JKM', 6_800_000, 42_000_000, 42_000_000), fundRow('KC-KENDAL', 'JKK', 1_234_567, 0, 0)],
  byBranch: [fundRow('KC-CILEGON', 'all', 16_800_000, 42_000_000, 42_000_000), fundRow('KC-KENDAL', 'all', 1_234_567, 0, 0)],
  total: fundRow('all', 'all', 18_034_567, 42_000_000, 42_000_000),
};

const month = (period: string, branchId: string, programme: string, received: number, approved = 0, disbursed = 0): FundMonth => ({ period: period as Period, branchId, programme, received, approved, disbursed });

const input = (over: Partial<HtmlReportInput> = {}): HtmlReportInput => {
  const series = [coverage('2024-01-31', 800, 400), coverage('2024-02-29', 900, 450), coverage('2024-03-31', 1000, 500)];
  return {
    title: 'Coverage and fund report',
    generatedAt: '2024-04-01T08:00:00.000Z',
    policyId: 'baseline-2024@abc123',
    coverageSeries: series,
    latestCoverage: series[2] as CoverageReport,
    fund,
    fundMonthly: [month('2024-01', 'KC-CILEGON', 'JKK', 5_000_000), month('2024-01', 'KC-CILEGON', 'JKM', 3_400_000), month('2024-03', 'KC-CILEGON', 'JKM', 3_400_000, 42_000_000, 42_000_000), month('2024-02', 'KC-KENDAL', 'JKK', 1_234_567)],
    note: 'Synthetic demo data generated with seed 1.',
    ...over,
  };
};

const emptyCoverage: CoverageReport = { asOf: '2024-03-31' as IsoDate, total: cnt('all', 0, 0), byRegion: [], byBranch: [], bySegment: [], byCategory: [], bySponsorType: [] };
const emptyFund: FundReport = { asOf: '2024-03-31' as IsoDate, rows: [], byBranch: [], total: fundRow('all', 'all', 0, 0, 0) };

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(input());

  it('is one HTML page with the header: title, as-of date, policy, generation time and the synthetic-data line', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h1>Coverage and fund report</h1>');
    expect(html).toContain('2024-03-31');
    expect(html).toContain('baseline-2024@abc123');
    expect(html).toContain('2024-04-01T08:00:00.000Z');
    expect(html).toMatch(/class="note synthetic"[^>]*><strong>Synthetic data/);
  });

  it('draws both charts as accessible inline SVG: the coverage chart and one fund panel per branch', () => {
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
    expect(html).toContain('id="coverage-chart"');
    expect(html).toMatch(/<svg id="fund-chart-0"[^>]*role="img"/);
    expect((html.match(/<title id="[^"]+-title">/g) ?? []).length).toBe(3);
    expect((html.match(/<desc id=/g) ?? []).length).toBe(3);
  });

  it('labels the target as a dashed line and the latest UCJ per region', () => {
    expect(html).toContain('stroke-dasharray="6 4"');
    expect(html).toContain('3672 target 103.439');
    expect(html).toContain('3672 UCJ 0.53%');
    expect(html).toContain('3324 UCJ 0.25%');
  });

  it('names every region and branch', () => {
    for (const name of ['3672', '3324', 'KC-CILEGON', 'KC-KENDAL']) expect(html).toContain(name);
  });

  it('formats amounts the Indonesian way and percentages from basis points', () => {
    expect(html).toContain('Rp42.000.000');
    expect(html).toContain('Rp1.234.567');
    expect(html).toContain('Rp18.034.567');
    expect(html).toContain('Rp40 jt');
    expect(html).toContain('0.53%');
    expect(html).toContain('250.00%');
  });

  it('marks negative balances visibly', () => {
    expect(html).toContain('<span class="neg" title="Negative: more paid out than received">▼ -Rp35.200.000</span>');
    expect(html).toContain('▼ -Rp23.965.433');
  });

  it('has the coverage tables by region, branch, segment, category and sponsor type, and the fund table with totals', () => {
    for (const caption of ['Coverage by region', 'Coverage by branch', 'Coverage by segment', 'Coverage by category', 'Coverage by sponsor type', 'Fund balance per branch and programme'])
      expect(html).toContain(`<caption>${caption}`);
    expect(html).toContain('RPJMD 2024');
    expect(html).toContain('188.000<br><span class="source">2024 · BPS Sakernas</span>');
    expect(html).toContain('<tr class="subtotal">');
    expect(html).toContain('All branches');
    expect(html).toContain('All regions');
  });

  it('escapes hostile strings: sources, region ids, notes, titles', () => {
    const hostile = '<script>alert("x")</script>';
    const latest = coverage('2024-03-31', 10, 5, `BPS ${hostile}`);
    const page = renderHtmlReport(
      input({
        title: `Report ${hostile}`,
        note: `note ${hostile} & "quotes"`,
        latestCoverage: { ...latest, byRegion: [...latest.byRegion, region(`99<img src=x onerror=alert(1)>`, 3)] },
        policyId: `p"><script>`,
      }),
    );
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('BPS &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('note &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(page).toContain('99&lt;img src=x onerror=alert(1)&gt;');
  });

  it('references nothing outside the page and runs no script', () => {
    expect(html).not.toMatch(/src="http/i);
    expect(html).not.toMatch(/href="http/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<link');
    expect(html).not.toContain('@import');
  });

  it('renders with empty inputs', () => {
    const page = renderHtmlReport({ title: 'Empty', generatedAt: 'now', policyId: 'p', coverageSeries: [], latestCoverage: emptyCoverage, fund: emptyFund, fundMonthly: [] });
    expect((page.match(/<svg /g) ?? []).length).toBe(2);
    expect(page).toContain('No data to chart.');
    expect(page).toContain('No regions recorded.');
    expect(page).toContain('No contributions or benefits recorded.');
    expect(page).not.toContain('class="note');
  });

  it('charts the latest report alone when there is no series, and regions missing in some months leave gaps', () => {
    const latest = coverage('2024-03-31', 10, 5);
    const page = renderHtmlReport(input({ coverageSeries: [], latestCoverage: latest }));
    expect(page).toContain('3672 UCJ');
    const gappy = [{ ...coverage('2024-01-31', 1, 1), byRegion: [] }, coverage('2024-02-29', 2, 2)];
    expect(() => renderHtmlReport(input({ coverageSeries: gappy, latestCoverage: gappy[1] as CoverageReport }))).not.toThrow();
  });
});
