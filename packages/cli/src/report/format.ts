/** Formatting for the HTML report: escaping, rupiah the Indonesian way, counts, percentages, months, axis ticks. */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a string for HTML text and quoted attribute values (also inside inline SVG). */
export const escapeHtml = (value: string | number): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Whole numbers with Indonesian thousands separators: 103439 -> "103.439". */
export const count = (n: number): string => `${n < 0 ? '-' : ''}${Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/** Whole rupiah the Indonesian way: 1234567 -> "Rp1.234.567", -5000 -> "-Rp5.000". */
export const rupiah = (n: number): string => `${n < 0 ? '-' : ''}Rp${count(Math.abs(n))}`;

/** Up to two decimals with a decimal comma, trailing zeros dropped: 1.25 -> "1,25", 2.5 -> "2,5", 42 -> "42". */
const decimal = (n: number): string => (Math.round(n * 100) / 100).toString().replace('.', ',');

/** Rupiah shortened for chart axes: "Rp0", "Rp500 rb", "Rp42 jt", "Rp1,25 M" (miliar), "Rp2 T" (triliun). */
export const rupiahShort = (n: number): string => {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (a >= 1e12) return `${sign}Rp${decimal(a / 1e12)} T`;
  if (a >= 1e9) return `${sign}Rp${decimal(a / 1e9)} M`;
  if (a >= 1e6) return `${sign}Rp${decimal(a / 1e6)} jt`;
  if (a >= 1e3) return `${sign}Rp${decimal(a / 1e3)} rb`;
  return `${sign}Rp${count(a)}`;
};

/** Basis points as a percentage with two decimals: 4350 -> "43.50%"; undefined -> "–". */
export const percentBp = (bp: number | undefined): string => (bp === undefined ? '–' : `${(bp / 100).toFixed(2)}%`);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period or date ("2024-03" or "2024-03-31") as its month and year: { month: "Mar", year: "2024" }. */
export const monthOf = (periodOrDate: string): { readonly month: string; readonly year: string } => {
  const [year = '', month = ''] = periodOrDate.split('-');
  return { month: MONTHS[Number(month) - 1] ?? month, year };
};

/** "Nice" axis ticks covering [min, max], about `target` of them, at 1, 2, 2.5 or 5 times a power of ten. */
export const niceTicks = (min: number, max: number, target = 5): ReadonlyArray<number> => {
  const lo = Math.min(min, max, 0);
  let hi = Math.max(min, max, 0);
  if (hi === lo) hi = lo + 1;
  const rough = (hi - lo) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
};

/** Every how many categories to label an axis so that labels of a given width do not overlap. */
export const labelEvery = (categories: number, plotWidth: number, labelWidth: number): number =>
  categories <= 0 ? 1 : Math.max(1, Math.ceil((categories * labelWidth) / Math.max(1, plotWidth)));
