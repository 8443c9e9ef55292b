import { escapeHtml, niceTicks } from './format.js';
import { emptyChart, legend, legendRows, monthAxis, svgOpen, yAxis, type LegendItem, type Plot } from './svg.js';

/** One bar of each month's group: a name, a colour and one value per month. */
export interface BarGroup {
  readonly name: string;
  readonly colour: string;
  readonly values: ReadonlyArray<number>;
}

/** What a grouped bar chart over months draws. */
export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  /** The months ("2024-03"), one group of bars each. */
  readonly periods: ReadonlyArray<string>;
  readonly groups: ReadonlyArray<BarGroup>;
  readonly yTitle: string;
  readonly xTitle: string;
  /** Axis tick labels (short). */
  readonly format: (v: number) => string;
  /** Exact values in each bar's tooltip. */
  readonly tooltipFormat?: (v: number) => string;
  /** A heading drawn above the legend, inside the SVG (e.g. the branch). */
  readonly heading?: string;
  readonly width?: number;
  readonly plotHeight?: number;
}

const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** A grouped bar chart over months as an inline SVG: one group per month, one bar per series, axes and a legend. */
export const svgBarChart = (spec: BarChartSpec): string => {
  const width = spec.width ?? 1100;
  if (spec.periods.length === 0 || spec.groups.length === 0) return emptyChart(spec.id, width, spec.title, 'No data to chart.');
  const tooltip = spec.tooltipFormat ?? spec.format;
  const items: LegendItem[] = spec.groups.map((g) => ({ label: g.name, colour: g.colour, swatch: 'box' }));
  const headingHeight = spec.heading === undefined ? 0 : 24;
  const legendTop = headingHeight + 20;
  const left = 84;
  const plot: Plot = { left, top: legendTop + legendRows(items, width - left - 20) * 20 + 8, width: width - left - 20, height: spec.plotHeight ?? 200 };
  const height = plot.top + plot.height + 56;
  const all = spec.groups.flatMap((g) => g.values);
  const ticks = niceTicks(Math.min(0, ...all), Math.max(1, ...all), 5);
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const y = (v: number): number => plot.top + plot.height - ((v - lo) / (hi - lo || 1)) * plot.height;
  const slot = plot.width / spec.periods.length;
  const x = (i: number): number => plot.left + slot * (i + 0.5);
  const groupWidth = Math.min(slot * 0.8, 16 * spec.groups.length);
  const barWidth = groupWidth / spec.groups.length;
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.desc)];
  if (spec.heading !== undefined) parts.push(`<text x="${left}" y="17" font-size="15" font-weight="700" fill="#111">${escapeHtml(spec.heading)}</text>`);
  parts.push(legend(items, plot.left, legendTop, width - left - 20));
  parts.push(yAxis(plot, ticks, y, spec.format, spec.yTitle));
  const bars: string[] = [];
  spec.periods.forEach((period, i) => {
    spec.groups.forEach((g, k) => {
      const v = g.values[i] ?? 0;
      if (v === 0) return;
      const top = Math.min(y(v), y(0));
      const h = Math.max(1, Math.abs(y(v) - y(0)));
      const bx = x(i) - groupWidth / 2 + k * barWidth;
      bars.push(`<rect x="${r1(bx)}" y="${r1(top)}" width="${r1(Math.max(1, barWidth - 0.5))}" height="${r1(h)}" fill="${g.colour}"><title>${escapeHtml(`${period} ${g.name}: ${tooltip(v)}`)}</title></rect>`);
    });
  });
  parts.push(`<g class="bars">${bars.join('')}</g>`);
  parts.push(monthAxis(plot, spec.periods, x, spec.xTitle));
  parts.push('</svg>');
  return parts.join('');
};
