// The only place that talks to SpreadsheetApp for data: one getValues to read a sheet, one
// setValues per write, so the number of Sheets calls of an operation does not grow with the rows.
// Rows are mapped by the header row core finds (below a title row, headers in any width, the office's
// own columns left alone), so the add-on reads a sheet exactly as the CLI reads its XLSX.
import type { ColumnDef, SheetDef } from '../core/registry/definition';
import type { RawRow } from '../core/registry/records';
import { findLayout, HEADER_SEARCH_ROWS, type SheetLayout } from '../core/registry/layout';
import type { OtherSheet } from '../core/registry/other-sheets';
import { gridRows, otherSheetOf } from '../core/registry/workbook';
import { mergedRangeOf, type MergedRange } from '../core/registry/merged';
import { dateFromCell, dateToCell, isDate } from './dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type CellValue = string | number | boolean | Date;

const GROW_ROWS = 500;

export interface Table {
  sheet: Sheet;
  /** Every row from row 1 down to the last row with content; row r of the sheet is values[r - 1]. */
  values: CellValue[][];
  timeZone: string;
  /** 1-based sheet row of the headers (a title row may stand above); 0 when the sheet has none. */
  headerRow: number;
  /** The header row's cells as text (trimmed). */
  headers: string[];
  /** Contract column key → 0-based column, headers matched as core/registry/layout.ts matches them. */
  columns: Map<string, number>;
  /** The layout as core read it: office columns, missing and repeated headers. */
  layout: SheetLayout;
}

/**
 * One getValues for the whole sheet; the header row and columns are found by core's findLayout,
 * exactly as the XLSX reader finds them. `def` absent: a sheet of the add-on's own (検証結果), header on row 1.
 */
export function readTable(sheet: Sheet, timeZone: string, def?: SheetDef): Table {
  const rows = sheetValues(sheet);
  const layout = def ? findLayout(def, rows) : ownLayout(rows);
  const headerRow = layout.headerRow;
  return {
    sheet,
    values: rows,
    timeZone,
    headerRow,
    headers: headerRow ? rows[headerRow - 1]!.map((v) => String(v).trim()) : [],
    columns: layout.columns,
    layout,
  };
}

/**
 * Every value from A1 to the last row and column with data, in one call: getSheetValues with -1
 * (Apps Script's "to the last row or column with data") costs one call where getDataRange().getValues()
 * costs two. A sheet with no data at all has no such rectangle and Apps Script refuses a range of
 * zero rows; the error's wording depends on the user's language, so any refusal is retried the
 * documented long way, which answers A1 for an empty sheet (and lets a real failure through).
 */
export function sheetValues(sheet: Sheet): CellValue[][] {
  let values: CellValue[][];
  try {
    values = sheet.getSheetValues(1, 1, -1, -1) as CellValue[][];
  } catch {
    values = sheet.getDataRange().getValues() as CellValue[][];
  }
  const onlyBlank = values.length === 1 && values[0]!.every((v) => v === '');
  return onlyBlank ? [] : values;
}

/**
 * A tab's first rows, as other-sheets.ts looks at them: one call for an empty tab (the シート1 a new
 * spreadsheet has), two for any other, whatever its size.
 */
export function firstRowsOf(sheet: Sheet, name: string): OtherSheet {
  const last = sheet.getLastRow();
  // One row past the first ones: whether anything lies below them (last row and column with data).
  return otherSheetOf(name, last === 0 ? [] : sheet.getSheetValues(1, 1, Math.min(last, HEADER_SEARCH_ROWS + 1), -1));
}

/** The add-on's own sheets: row 1 is the header when there is anything at all. */
function ownLayout(rows: CellValue[][]): SheetLayout {
  return {
    headerRow: rows.length ? 1 : 0,
    keys: [],
    columns: new Map(),
    missing: [],
    absent: [],
    issues: [],
    notices: [],
    readable: true,
  };
}

/** The table's column (0-based) of each column key of the sheet definition. */
export function columnsByKey(table: Table, _def?: SheetDef): Map<string, number> {
  return table.columns;
}

/** The data rows (below the header) with their sheet row numbers. */
export function dataRows(table: Table): Array<{ row: number; line: CellValue[] }> {
  const out: Array<{ row: number; line: CellValue[] }> = [];
  for (let r = Math.max(table.headerRow, 1) + 1; r <= table.values.length; r++)
    out.push({ row: r, line: table.values[r - 1]! });
  return out;
}

/** The data cells (below the header) of one column key as text; none when the sheet lacks that column. */
export function columnTexts(table: Table, _def: SheetDef, key: string): string[] {
  const i = table.columns.get(key);
  return i === undefined ? [] : dataRows(table).map(({ line }) => String(line[i] ?? ''));
}

/** A sheet cell as the core parsers take it: Dates become ISO dates in the sheet's zone. */
export function rawValue(v: CellValue, timeZone: string): unknown {
  if (isDate(v)) return dateFromCell(v, timeZone) ?? 'invalid date';
  return v;
}

/**
 * Data rows as raw rows keyed by column key, element i standing for sheet row i + 2 (title and header
 * rows are empty placeholders), read by core's gridRows: the office's own columns are not read.
 */
export function rawRows(table: Table, def: SheetDef): RawRow[] {
  const byKey = new Map(def.columns.map((c) => [c.key, c as ColumnDef]));
  return gridRows(
    table.layout,
    table.values,
    (k) => byKey.get(k),
    (v) => rawValue(v as CellValue, table.timeZone),
  );
}

/**
 * The sheet's merged ranges: one call for the data range, one for its merged ranges, and one per
 * range for where it is (core/registry/merged.ts mayHoldMerges says when to ask).
 */
export function mergedRanges(table: Table): MergedRange[] {
  return table.sheet
    .getDataRange()
    .getMergedRanges()
    .flatMap((r) => mergedRangeOf(r.getA1Notation()) ?? []);
}

/** A normalised value as the cell should hold it. */
export function cellValue(col: ColumnDef, value: unknown, timeZone: string): CellValue {
  if (value === undefined || value === null) return '';
  if (col.type === 'date' && typeof value === 'string') return dateToCell(value, timeZone);
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** A record laid out in the table's columns; the office's own columns keep `keep`'s values (or stay empty). */
export function rowFor(table: Table, def: SheetDef, record: Record<string, unknown>, keep?: CellValue[]): CellValue[] {
  const width = Math.max(table.headers.length, keep?.length ?? 0);
  const line: CellValue[] = Array.from({ length: width }, (_, i) => keep?.[i] ?? '');
  for (const col of def.columns) {
    const i = table.columns.get(col.key);
    if (i !== undefined) line[i] = cellValue(col, record[col.key], table.timeZone);
  }
  return line;
}

/**
 * The sheet rows (1-based) of the data rows holding `line` in every contract column but `except` (an
 * id made in the lock). A save whose answer was lost is sent again by a clerk told to retry: the row
 * it wrote is found, rather than a second one written (the intake finds near duplicates itself).
 */
export function sameRows(table: Table, line: CellValue[], except: string): number[] {
  const text = (v: CellValue | undefined) => String(rawValue(v ?? '', table.timeZone));
  const at = [...table.columns].filter(([k]) => k !== except).map(([, i]) => i);
  return dataRows(table)
    .filter((r) => at.every((i) => text(r.line[i]) === text(line[i])))
    .map((r) => r.row);
}

/** Writes rows below the last row with content in one setValues, adding sheet rows if needed. */
export function appendRows(table: Table, rows: CellValue[][]): number {
  if (rows.length === 0) return table.values.length + 1;
  const first = Math.max(table.values.length, table.headerRow, 1) + 1;
  const last = first + rows.length - 1;
  const max = table.sheet.getMaxRows();
  // Grow in steps, so a full sheet gets room for the next hundreds of rows at once; the new rows
  // take the formats and dropdowns of the last row.
  if (last > max) table.sheet.insertRowsAfter(max, Math.max(last - max, GROW_ROWS));
  table.sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
  return first;
}

/** Overwrites one data row (sheet row `row`) in one setValues. */
export function writeRow(table: Table, row: number, values: CellValue[]): void {
  table.sheet.getRange(row, 1, 1, values.length).setValues([values]);
}
