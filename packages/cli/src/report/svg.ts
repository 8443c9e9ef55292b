import { escapeHtml, labelEvery, monthOf } from './format.js';

/** The Okabe–Ito colour-blind-safe palette (yellow left out: too pale on white). */
export const PALETTE: ReadonlyArray<string> = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** A colour of the palette by index, cycling. */
export const colourAt = (i: number): string => PALETTE[i % PALETTE.length] ?? '#000000';

/** The drawing area of a chart inside its SVG. */
export interface Plot {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** One legend entry: a swatch (line, dashed line or box) and its text. */
export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly swatch: 'line' | 'dashed' | 'box';
  readonly marker?: MarkerShape;
}

/** Point markers, so that series differ by shape as well as colour. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

/** The marker shape for a series index. */
export const markerAt = (i: number): MarkerShape => (['circle', 'square', 'triangle', 'diamond'] as const)[i % 4] ?? 'circle';

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/** An SVG marker centred on a point. */
export const marker = (shape: MarkerShape, x: number, y: number, colour: string, tooltip?: string): string => {
  const title = tooltip === undefined ? '' : `<title>${escapeHtml(tooltip)}</title>`;
  const r = 3.5;
  const paint = `fill="${colour}" stroke="#fff" stroke-width="1"`;
  switch (shape) {
    case 'square':
      return `<rect x="${n(x - r)}" y="${n(y - r)}" width="${n(2 * r)}" height="${n(2 * r)}" ${paint}>${title}</rect>`;
    case 'triangle':
      return `<path d="M${n(x)} ${n(y - r - 1)}L${n(x + r + 0.5)} ${n(y + r)}L${n(x - r - 0.5)} ${n(y + r)}Z" ${paint}>${title}</path>`;
    case 'diamond':
      return `<path d="M${n(x)} ${n(y - r - 1)}L${n(x + r + 1)} ${n(y)}L${n(x)} ${n(y + r + 1)}L${n(x - r - 1)} ${n(y)}Z" ${paint}>${title}</path>`;
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" ${paint}>${title}</circle>`;
  }
};

/** The opening of an accessible inline SVG: role, size, <title> and <desc>. Close it with "</svg>". */
export const svgOpen = (id: string, width: number, height: number, title: string, desc: string): string =>
  `<svg id="${escapeHtml(id)}" class="chart" role="img" aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">` +
  `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title><desc id="${escapeHtml(id)}-desc">${escapeHtml(desc)}</desc>`;

/** The y axis: grid lines, tick labels and a rotated axis title. */
export const yAxis = (plot: Plot, ticks: ReadonlyArray<number>, y: (v: number) => number, format: (v: number) => string, title: string): string => {
  const parts = ticks.map(
    (t) =>
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${t === 0 ? '#555' : '#ddd'}" stroke-width="1"/>` +
      `<text x="${plot.left - 6}" y="${n(y(t) + 4)}" text-anchor="end" fill="#333">${escapeHtml(format(t))}</text>`,
  );
  const mid = plot.top + plot.height / 2;
  return `<g class="y-axis">${parts.join('')}<text transform="translate(14 ${n(mid)}) rotate(-90)" text-anchor="middle" fill="#333" font-weight="600">${escapeHtml(title)}</text></g>`;
};

/** The x axis for months: a baseline, ticks, the month under each labelled tick and the year when it changes. */
export const monthAxis = (plot: Plot, periods: ReadonlyArray<string>, x: (i: number) => number, title: string): string => {
  const bottom = plot.top + plot.height;
  const every = labelEvery(periods.length, plot.width, 34);
  const parts: string[] = [`<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${bottom}" y2="${bottom}" stroke="#555"/>`];
  let lastYear = '';
  periods.forEach((p, i) => {
    if (i % every !== 0) return;
    const { month, year } = monthOf(p);
    const cx = n(x(i));
    parts.push(`<line x1="${cx}" x2="${cx}" y1="${bottom}" y2="${bottom + 4}" stroke="#555"/>`);
    parts.push(`<text x="${cx}" y="${bottom + 16}" text-anchor="middle" fill="#333">${escapeHtml(month)}</text>`);
    if (year !== lastYear) parts.push(`<text x="${cx}" y="${bottom + 30}" text-anchor="middle" fill="#333" font-weight="600">${escapeHtml(year)}</text>`);
    lastYear = year;
  });
  parts.push(`<text x="${n(plot.left + plot.width / 2)}" y="${bottom + 46}" text-anchor="middle" fill="#333" font-weight="600">${escapeHtml(title)}</text>`);
  return `<g class="x-axis">${parts.join('')}</g>`;
};

/** A one-row legend (wrapping onto more rows when needed) starting at (x, y); about 7 px per character. */
export const legend = (items: ReadonlyArray<LegendItem>, x: number, y: number, maxWidth: number): string => {
  let cx = x;
  let cy = y;
  const parts = items.map((item) => {
    const width = 30 + item.label.length * 7 + 18;
    if (cx > x && cx + width > x + maxWidth) {
      cx = x;
      cy += 20;
    }
    const swatch =
      item.swatch === 'box'
        ? `<rect x="${cx}" y="${cy - 9}" width="22" height="12" fill="${item.colour}"/>`
        : `<line x1="${cx}" x2="${cx + 22}" y1="${cy - 3}" y2="${cy - 3}" stroke="${item.colour}" stroke-width="${item.swatch === 'dashed' ? 1.5 : 2.5}"${item.swatch === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>` +
          (item.marker === undefined ? '' : marker(item.marker, cx + 11, cy - 3, item.colour));
    const text = `<text x="${cx + 28}" y="${cy + 1}" fill="#222">${escapeHtml(item.label)}</text>`;
    cx += width;
    return swatch + text;
  });
  return `<g class="legend">${parts.join('')}</g>`;
};

/** How many legend rows `legend` will use. */
export const legendRows = (items: ReadonlyArray<LegendItem>, maxWidth: number): number => {
  let cx = 0;
  let rows = items.length === 0 ? 0 : 1;
  for (const item of items) {
    const width = 30 + item.label.length * 7 + 18;
    if (cx > 0 && cx + width > maxWidth) {
      cx = 0;
      rows++;
    }
    cx += width;
  }
  return rows;
};

/** A placeholder chart saying there is nothing to draw. */
export const emptyChart = (id: string, width: number, title: string, message: string): string =>
  `${svgOpen(id, width, 80, title, message)}<rect x="0.5" y="0.5" width="${width - 1}" height="79" fill="#fafafa" stroke="#ccc"/>` +
  `<text x="${width / 2}" y="45" text-anchor="middle" fill="#555">${escapeHtml(message)}</text></svg>`;

/** Spreads labels' y positions apart (keeping order) so that none is closer than `gap` to the next, within [min, max]. */
export const spreadLabels = (ys: ReadonlyArray<number>, gap: number, min: number, max: number): number[] => {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => o.y);
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k] as number, k === 0 ? min : (placed[k - 1] as number) + gap);
  const overflow = (placed[placed.length - 1] ?? max) - max;
  if (overflow > 0) {
    for (let k = placed.length - 1; k >= 0; k--) placed[k] = Math.min(placed[k] as number, k === placed.length - 1 ? max : (placed[k + 1] as number) - gap);
  }
  const out: number[] = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = placed[k] as number));
  return out;
};
