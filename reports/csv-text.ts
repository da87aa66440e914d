// CSV as Excel opens it correctly in Japan: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
// quoting, every field through safe-cell first. Text only, with no Node API, so Apps Script and the
// offline page use it as it is; csv.ts encodes it for Node.
import { csvField } from './safe-cell';

const NEEDS_QUOTES = /[",\r\n]/;

function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export type CsvRows = ReadonlyArray<ReadonlyArray<string | number | null | undefined>>;

/** The CSV as text, starting with the byte-order mark (U+FEFF). */
export function csvText(rows: CsvRows): string {
  return '\ufeff' + rows.map((r) => r.map((v) => quote(csvField(v))).join(',')).join('\r\n') + '\r\n';
}
