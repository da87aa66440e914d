// A workbook given as sheets of cell values (the add-on's getValues, a test's grid) read into the raw
// shape the row rules take, with the layout of layout.ts. The XLSX reader streams its rows instead,
// but asks the same questions of the same functions (findSheets, findLayout, settingsLayout,
// workbookLayout), so every face reads one workbook one way.
import { SETTINGS_SHEET, sheetDef, type ColumnDef, type SheetKey } from './definition';
import {
  findLayout,
  findSheets,
  headerKey,
  HEADER_SEARCH_ROWS,
  isOtherSheetName,
  type SheetLayout,
  type SheetsFound,
} from './layout';
import type { RawRegistry, RawRow, WorkbookLayout } from './records';
import type { Issue } from '../issues';
import { otherSheetsLayout, type OtherSheet } from './other-sheets';

export interface GridSheet {
  name: string;
  /** Row 1 first; each row's cells by 0-based column. */
  values: ReadonlyArray<ArrayLike<unknown>>;
}

/** Brings a cell to a plain value for its column (a Sheets Date to an ISO date, say); identity by default. */
export type CellConvert = (value: unknown, column: ColumnDef | undefined) => unknown;

const blank = (v: unknown): boolean => v === undefined || v === null || v === '';

/** The 設定 sheet's header row and columns: 項目 and 値, in the first rows. */
export function settingsLayout(
  firstRows: ReadonlyArray<ArrayLike<unknown> | undefined>,
): { headerRow: number; item: number; value: number } | undefined {
  const item = headerKey(SETTINGS_SHEET.itemLabel);
  const value = headerKey(SETTINGS_SHEET.valueLabel);
  for (let r = 0; r < Math.min(firstRows.length, HEADER_SEARCH_ROWS); r++) {
    const row = firstRows[r];
    if (!row) continue;
    let i = -1;
    let v = -1;
    for (let c = 0; c < row.length; c++) {
      const t = row[c];
      if (typeof t !== 'string') continue;
      const k = headerKey(t);
      if (k === item && i < 0) i = c;
      else if (k === value && v < 0) v = c;
    }
    if (i >= 0 && v >= 0) return { headerRow: r + 1, item: i, value: v };
  }
  return undefined;
}

export const SETTINGS_HEADER_MISSING: Issue = {
  sheet: 'settings',
  row: null,
  column: null,
  code: 'column.missing',
  message: `「${SETTINGS_SHEET.name}」シートの${HEADER_SEARCH_ROWS}行目までに見出し「${SETTINGS_SHEET.itemLabel}」「${SETTINGS_SHEET.valueLabel}」の行がありません。テンプレートと同じ形にしてください（設定は既定値で読んでいます）。`,
};

export const SETTINGS_MISSING: Issue = {
  sheet: 'settings',
  row: null,
  column: null,
  code: 'sheet.missing',
  message: `「${SETTINGS_SHEET.name}」シートがありません。テンプレートと同じ「${SETTINGS_SHEET.name}」シートを作ってください（設定は既定値で読んでいます）。`,
};

/**
 * The workbook's layout from the sheets found, each found sheet's layout, and the first rows of the
 * other sheets (other-sheets.ts: a sheet holding a contract sheet's rows is named).
 */
export function workbookLayout(
  sheets: SheetsFound,
  layouts: ReadonlyMap<SheetKey, SheetLayout>,
  settingsIssue?: Issue,
  others: readonly OtherSheet[] = [],
): WorkbookLayout {
  const other = otherSheetsLayout(sheets, others);
  const issues: Issue[] = [...other.issues];
  const notices: Issue[] = [...other.notices];
  const missingColumns: WorkbookLayout['missingColumns'] = {};
  const absentColumns: WorkbookLayout['absentColumns'] = {};
  const missingSheets: WorkbookLayout['missingSheets'] = other.missing.map((m) => ({ key: m.key, near: m.near }));
  // 「設定一覧」 for 「設定」: named, as a renamed data sheet is.
  if (settingsIssue === SETTINGS_MISSING && sheets.settingsNear)
    issues.push({
      ...settingsIssue,
      message: `「${SETTINGS_SHEET.name}」シートがありません。「${sheets.settingsNear}」シートがそれにあたるなら、シート名を「${SETTINGS_SHEET.name}」に変えてください（今は設定の既定値で集計しています）。`,
    });
  else if (settingsIssue) issues.push(settingsIssue);
  for (const [key, layout] of layouts) {
    issues.push(...layout.issues);
    notices.push(...layout.notices);
    if (!layout.readable) {
      missingSheets.push({ key, near: undefined, unreadable: true });
      continue;
    }
    // Only required columns make every row's cell unreadable; an absent optional column is empty.
    const required = layout.missing.filter((k) => sheetDef(key).columns.find((c) => c.key === k)?.required === true);
    if (layout.headerRow > 0 && required.length) missingColumns[key] = required;
    if (layout.absent.length) absentColumns[key] = layout.absent;
  }
  return { issues, notices, missingColumns, absentColumns, missingSheets, uncounted: other.uncounted };
}

/**
 * Data rows below the header as raw rows keyed by column key, element i standing for sheet row i + 2
 * (rows above the first data row are empty placeholders, which the row rules skip), so an issue's
 * row number is the sheet's. The office's own columns are not read.
 */
export function gridRows(
  layout: SheetLayout,
  values: ReadonlyArray<ArrayLike<unknown>>,
  columnOf: (key: string) => ColumnDef | undefined,
  convert: CellConvert,
): RawRow[] {
  if (!layout.readable || layout.headerRow === 0) return [];
  const cols: Array<[number, string, ColumnDef | undefined]> = [];
  layout.keys.forEach((k, i) => {
    if (k !== undefined) cols.push([i, k, columnOf(k)]);
  });
  const rows: RawRow[] = [];
  let last = 0;
  for (let r = 0; r < values.length; r++) {
    const sheetRow = r + 1;
    if (sheetRow <= layout.headerRow) continue;
    const line = values[r]!;
    const row: RawRow = {};
    let any = false;
    for (const [i, k, col] of cols) {
      const v = line[i];
      if (blank(v)) continue;
      row[k] = convert(v, col);
      any = true;
    }
    const index = sheetRow - 2;
    while (rows.length < index) rows.push({});
    rows[index] = row;
    if (any) last = index + 1;
  }
  rows.length = last;
  return rows;
}

/** A whole workbook of grids (the add-on's sheets, a test's workbook) as the row rules take it. */
export function readGridWorkbook(sheets: readonly GridSheet[], convert: CellConvert = (v) => v): RawRegistry {
  const found = findSheets(sheets.map((s) => s.name));
  const others = sheets.filter((s) => isOtherSheetName(s.name)).map((s) => otherSheetOf(s.name, s.values));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const layouts = new Map<SheetKey, SheetLayout>();
  const out: RawRegistry['sheets'] = {};
  for (const [key, name] of found.found) {
    const def = sheetDef(key);
    const values = byName.get(name)!.values;
    const layout = findLayout(def, values);
    layouts.set(key, layout);
    out[key] = gridRows(layout, values, (k) => def.columns.find((c) => c.key === k), convert);
  }
  const raw: RawRegistry = { sheets: out };
  let settingsIssue: Issue | undefined = SETTINGS_MISSING;
  if (found.settings !== undefined) {
    const values = byName.get(found.settings)!.values;
    const s = settingsLayout(values.slice(0, HEADER_SEARCH_ROWS));
    settingsIssue = s ? undefined : SETTINGS_HEADER_MISSING;
    if (s) raw.settingsRows = settingsRowsOf(values, s, convert);
  }
  raw.layout = workbookLayout(found, layouts, settingsIssue, others);
  return raw;
}

/** A sheet's first rows, as other-sheets.ts looks at them. */
export function otherSheetOf(name: string, values: ReadonlyArray<ArrayLike<unknown>>): OtherSheet {
  const firstRows = values.slice(0, HEADER_SEARCH_ROWS);
  return { name, firstRows, contentBelow: values.length > HEADER_SEARCH_ROWS };
}

/** 設定 rows below its header as [項目, 値], element i standing for sheet row i + 2. */
export function settingsRowsOf(
  values: ReadonlyArray<ArrayLike<unknown>>,
  s: { headerRow: number; item: number; value: number },
  convert: CellConvert = (v) => v,
): Array<[unknown, unknown]> {
  const rows: Array<[unknown, unknown]> = [];
  for (let r = s.headerRow; r < values.length; r++) {
    const line = values[r]!;
    const item = line[s.item];
    const value = line[s.value];
    const index = r + 1 - 2;
    while (rows.length < index) rows.push([undefined, undefined]);
    rows[index] = [
      blank(item) ? undefined : convert(item, undefined),
      blank(value) ? undefined : convert(value, undefined),
    ];
  }
  return rows;
}
