// CSV bytes for Node (the CLI and the server): the text of csv-text.ts in UTF-8.
import { csvText, type CsvRows } from './csv-text';

export { csvText, type CsvRows } from './csv-text';

export function toCsv(rows: CsvRows): Buffer {
  return Buffer.from(csvText(rows), 'utf8');
}
