import { escapeHtml, niceTicks } from './format.js';
import { emptyChart, legend, legendRows, marker, monthAxis, spreadLabels, svgOpen, yAxis, type LegendItem, type MarkerShape, type Plot } from './svg.js';

/** One line of a line chart, with an optional dashed target line in the same colour. */
export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  readonly marker: MarkerShape;
  /** One value per period; undefined leaves a gap. */
  readonly values: ReadonlyArray<number | undefined>;
  /** The target per period (drawn dashed, stepping where it changes); undefined where there is none. */
  readonly target?: ReadonlyArray<number | undefined>;
  /** Text at the right end of the line, after the name (e.g. "UCJ 43.50%"). */
  readonly endLabel?: string;
  /** Text at the right end of the target line, after the name (e.g. "target 103.439"). */
  readonly targetLabel?: string;
}

/** What a line chart over months draws. */
export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  /** The x categories: periods ("2024-03") or dates ("2024-03-31"). */
  readonly periods: ReadonlyArray<string>;
  readonly series: ReadonlyArray<LineSeries>;
  readonly yTitle: string;
  readonly xTitle: string;
  readonly format: (v: number) => string;
  readonly width?: number;
  readonly plotHeight?: number;
  /** Extra legend entries after the series (e.g. what a dashed line means). */
  readonly legendExtra?: ReadonlyArray<LegendItem>;
}

const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** Path data for values, broken where a value is missing; `step` draws each value as a flat segment across its month. */
const pathOf = (values: ReadonlyArray<number | undefined>, x: (i: number) => number, y: (v: number) => number, step: { readonly half: number; readonly min: number; readonly max: number } | undefined): string => {
  const clamp = (v: number): number => (step === undefined ? v : Math.min(step.max, Math.max(step.min, v)));
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === undefined) {
      pen = false;
      return;
    }
    if (step === undefined) d += `${pen ? 'L' : 'M'}${r1(x(i))} ${r1(y(v))}`;
    else d += `${pen ? 'V' : `M${r1(clamp(x(i) - step.half))} `}${r1(y(v))}H${r1(clamp(x(i) + step.half))}`;
    pen = true;
  });
  return d;
};

const lastDefined = (values: ReadonlyArray<number | undefined>): [number, number] | undefined => {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== undefined) return [i, v];
  }
  return undefined;
};

/** A line chart over months as an inline SVG: axes with ticks, a legend, dashed targets, labels at the line ends kept apart. */
export const svgLineChart = (spec: LineChartSpec): string => {
  const width = spec.width ?? 1100;
  if (spec.periods.length === 0 || spec.series.length === 0) return emptyChart(spec.id, width, spec.title, 'No data to chart.');
  const items: LegendItem[] = [...spec.series.map((s) => ({ label: s.name, colour: s.colour, swatch: 'line' as const, marker: s.marker })), ...(spec.legendExtra ?? [])];
  const labelWidth = Math.min(260, 24 + 7 * Math.max(...spec.series.flatMap((s) => [`${s.name} ${s.endLabel ?? ''}`.length, `${s.name} ${s.targetLabel ?? ''}`.length])));
  const legendTop = 22;
  const rows = legendRows(items, width - 100);
  const plot: Plot = { left: 78, top: legendTop + rows * 20 + 10, width: width - 78 - labelWidth - 12, height: spec.plotHeight ?? 320 };
  const height = plot.top + plot.height + 56;
  const all = spec.series.flatMap((s) => [...s.values, ...(s.target ?? [])]).filter((v): v is number => v !== undefined);
  const ticks = niceTicks(0, Math.max(1, ...all), 6);
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const y = (v: number): number => plot.top + plot.height - ((v - lo) / (hi - lo || 1)) * plot.height;
  const pad = Math.min(24, plot.width / (2 * spec.periods.length));
  const x = (i: number): number => (spec.periods.length === 1 ? plot.left + plot.width / 2 : plot.left + pad + (i * (plot.width - 2 * pad)) / (spec.periods.length - 1));
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.desc)];
  parts.push(legend(items, plot.left, legendTop, width - 100));
  parts.push(yAxis(plot, ticks, y, spec.format, spec.yTitle));
  parts.push(monthAxis(plot, spec.periods, x, spec.xTitle));
  const step = { half: spec.periods.length > 1 ? (x(1) - x(0)) / 2 : plot.width / 2, min: plot.left, max: plot.left + plot.width };
  const labels: { y: number; fromX: number; fromY: number; text: string; colour: string; dashed: boolean }[] = [];
  spec.series.forEach((s) => {
    if (s.target !== undefined) {
      const d = pathOf(s.target, x, y, step);
      if (d !== '') parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.5" stroke-dasharray="6 4" opacity="0.9"><title>${escapeHtml(`${s.name} ${s.targetLabel ?? 'target'}`)}</title></path>`);
      const last = lastDefined(s.target);
      if (last !== undefined) labels.push({ y: y(last[1]), fromX: Math.min(step.max, x(last[0]) + step.half), fromY: y(last[1]), text: `${s.name} ${s.targetLabel ?? 'target'}`, colour: s.colour, dashed: true });
    }
    const d = pathOf(s.values, x, y, undefined);
    if (d !== '') parts.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2.5" stroke-linejoin="round"/>`);
    if (spec.periods.length <= 60) s.values.forEach((v, i) => v !== undefined && parts.push(marker(s.marker, x(i), y(v), s.colour, `${s.name}, ${spec.periods[i] ?? ''}: ${spec.format(v)}`)));
    const last = lastDefined(s.values);
    if (last !== undefined) labels.push({ y: y(last[1]), fromX: x(last[0]) + 5, fromY: y(last[1]), text: `${s.name} ${s.endLabel ?? ''}`.trim(), colour: s.colour, dashed: false });
  });
  const spread = spreadLabels(
    labels.map((l) => l.y),
    15,
    plot.top + 4,
    plot.top + plot.height,
  );
  const labelX = plot.left + plot.width + 14;
  labels.forEach((l, i) => {
    const ly = spread[i] ?? l.y;
    parts.push(`<line x1="${r1(l.fromX)}" y1="${r1(l.fromY)}" x2="${labelX - 3}" y2="${r1(ly)}" stroke="${l.colour}" stroke-width="0.8"${l.dashed ? ' stroke-dasharray="2 2"' : ''}/>`);
    parts.push(`<text x="${labelX}" y="${r1(ly + 4)}" fill="${l.colour}" font-weight="${l.dashed ? 400 : 700}">${escapeHtml(l.text)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
};
