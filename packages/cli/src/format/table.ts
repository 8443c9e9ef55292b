/** A column of an output table: its heading, how to read a row, and whether it is a number. */
export interface Column<Row> {
  readonly heading: string;
  readonly value: (row: Row) => string | number | undefined;
  readonly numeric?: boolean;
}

/** Whole rupiah the Indonesian way: 42.000.000 (no currency sign, for tables). */
export const rupiah = (n: number): string => `${n < 0 ? '-' : ''}${Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/** Basis points as a percentage with two decimals: 4350 -> "43.50%". */
export const percent = (bp: number | undefined): string => (bp === undefined ? '' : `${(bp / 100).toFixed(2)}%`);

const text = (v: string | number | undefined): string => (v === undefined ? '' : typeof v === 'number' ? String(v) : v);

/** An aligned text table: numbers right-aligned, text left-aligned. */
export const renderTable = <Row>(rows: ReadonlyArray<Row>, columns: ReadonlyArray<Column<Row>>): string => {
  const cells = rows.map((row) => columns.map((c) => text(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.heading.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((v, i) => (columns[i]?.numeric === true ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.heading)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
};

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** RFC 4180 CSV with a header row; numbers written plainly (no thousands separators). */
export const renderCsv = <Row>(rows: ReadonlyArray<Row>, columns: ReadonlyArray<Column<Row> & { readonly raw?: (row: Row) => string | number | undefined }>): string =>
  [columns.map((c) => csvCell(c.heading)).join(','), ...rows.map((row) => columns.map((c) => csvCell(text((c.raw ?? c.value)(row)))).join(','))].join('\n') + '\n';
