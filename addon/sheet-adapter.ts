// The only place that talks to SpreadsheetApp for data: one getValues to read a sheet, one
// setValues per write, so the number of Sheets calls of an operation does not grow with the rows.
// Rows are mapped by header label, so columns a coordinator reordered or added still line up.
import type { ColumnDef, SheetDef } from '../core/registry/definition';
import type { RawRow } from '../core/registry/records';
import { dateFromCell, dateToCell, isDate } from './dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type CellValue = string | number | boolean | Date;

const GROW_ROWS = 500;

export interface Table {
  sheet: Sheet;
  /** Row 1 as text. */
  headers: string[];
  /** Every row from row 1 down to the last row with content; row r of the sheet is values[r - 1]. */
  values: CellValue[][];
  timeZone: string;
}

export function readTable(sheet: Sheet, timeZone: string): Table {
  const values = sheet.getDataRange().getValues() as CellValue[][];
  const onlyBlank = values.length === 1 && values[0]!.every((v) => v === '');
  const rows = onlyBlank ? [] : values;
  return { sheet, headers: (rows[0] ?? []).map((v) => String(v).trim()), values: rows, timeZone };
}

/** The table's column (0-based) of each column key of the sheet definition, by header label. */
export function columnsByKey(table: Table, def: SheetDef): Map<string, number> {
  const out = new Map<string, number>();
  for (const col of def.columns) {
    const i = table.headers.indexOf(col.label);
    if (i >= 0) out.set(col.key, i);
  }
  return out;
}

/** The data cells (row 2 down) of one column key as text; none when the sheet lacks that column. */
export function columnTexts(table: Table, def: SheetDef, key: string): string[] {
  const i = columnsByKey(table, def).get(key);
  return i === undefined ? [] : table.values.slice(1).map((r) => String(r[i] ?? ''));
}

/** A sheet cell as the core parsers take it: Dates become ISO dates in the sheet's zone. */
export function rawValue(v: CellValue, timeZone: string): unknown {
  if (isDate(v)) return dateFromCell(v, timeZone) ?? 'invalid date';
  return v;
}

/** Data rows (row 2 down) as raw rows keyed by column key; unknown headers keep their label. */
export function rawRows(table: Table, def: SheetDef): RawRow[] {
  const byLabel = new Map(def.columns.map((c) => [c.label, c.key]));
  const keys = table.headers.map((h) => (h === '' ? null : (byLabel.get(h) ?? h)));
  return table.values.slice(1).map((line) => {
    const row: RawRow = {};
    keys.forEach((k, i) => {
      const v = line[i];
      if (k === null || v === undefined || v === '') return;
      row[k] = rawValue(v, table.timeZone);
    });
    return row;
  });
}

/** A normalised value as the cell should hold it. */
export function cellValue(col: ColumnDef, value: unknown, timeZone: string): CellValue {
  if (value === undefined || value === null) return '';
  if (col.type === 'date' && typeof value === 'string') return dateToCell(value, timeZone);
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** A record laid out in the table's header order; cells of unknown headers keep `keep`'s values. */
export function rowFor(table: Table, def: SheetDef, record: Record<string, unknown>, keep?: CellValue[]): CellValue[] {
  const byLabel = new Map(def.columns.map((c) => [c.label, c]));
  return table.headers.map((h, i) => {
    const col = byLabel.get(h);
    if (!col) return keep?.[i] ?? '';
    return cellValue(col, record[col.key], table.timeZone);
  });
}

/** Writes rows below the last row with content in one setValues, adding sheet rows if needed. */
export function appendRows(table: Table, rows: CellValue[][]): number {
  if (rows.length === 0) return table.values.length + 1;
  const first = Math.max(table.values.length, 1) + 1;
  const last = first + rows.length - 1;
  const max = table.sheet.getMaxRows();
  // Grow in steps, so a full sheet gets room for the next hundreds of rows at once; the new rows
  // take the formats and dropdowns of the last row.
  if (last > max) table.sheet.insertRowsAfter(max, Math.max(last - max, GROW_ROWS));
  table.sheet.getRange(first, 1, rows.length, table.headers.length).setValues(rows);
  return first;
}

/** Overwrites one data row (sheet row `row`) in one setValues. */
export function writeRow(table: Table, row: number, values: CellValue[]): void {
  table.sheet.getRange(row, 1, 1, values.length).setValues([values]);
}
