/** One CSV record with the line it starts on (1 = the header). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: ReadonlyArray<string>;
}

/** A CSV the parser cannot read: an unterminated quote, with the line it started on. */
export interface CsvSyntaxError {
  readonly line: number;
  readonly reason: string;
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a byte-order mark, `;` as the
 * separator when the header has no comma), keeping each record's line number for error messages.
 */
export const parseCsv = (text: string): { readonly records: ReadonlyArray<CsvRecord>; readonly errors: ReadonlyArray<CsvSyntaxError> } => {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let ended = false;
    while (i < source.length && !ended) {
      const ch = source[i] as string;
      if (quoted) {
        if (ch === '"' && source[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (ch === '"') {
          quoted = false;
          i++;
        } else {
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
      } else if (ch === '"' && field === '') {
        quoted = true;
        i++;
      } else if (ch === separator) {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\n' || ch === '\r') {
        i += ch === '\r' && source[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      } else {
        field += ch;
        i++;
      }
    }
    if (quoted) {
      errors.push({ line: start, reason: 'a quoted field is never closed' });
      break;
    }
    fields.push(field);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: start, fields });
  }
  return { records, errors };
};
