// CSV as Excel opens it correctly in Japan: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
// quoting. Every field passes through safe-cell first.
import { csvField } from './safe-cell';

const NEEDS_QUOTES = /[",\r\n]/;

function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export type CsvRows = ReadonlyArray<ReadonlyArray<string | number | null | undefined>>;

/**
 * The CSV as text, starting with the byte-order mark (U+FEFF): what Apps Script and a browser page
 * hand to a download as it is, and what toCsv encodes for Node. No Node API here.
 */
export function csvText(rows: CsvRows): string {
  return '\ufeff' + rows.map((r) => r.map((v) => quote(csvField(v))).join(',')).join('\r\n') + '\r\n';
}

export function toCsv(rows: CsvRows): Buffer {
  return Buffer.from(csvText(rows), 'utf8');
}
