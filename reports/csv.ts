// CSV as Excel opens it correctly in Japan: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
// quoting. Every field passes through safe-cell first.
import { csvField } from './safe-cell';

const NEEDS_QUOTES = /[",\r\n]/;

function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): Buffer {
  const text = rows.map((r) => r.map((v) => quote(csvField(v))).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
