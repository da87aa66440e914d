// Reads the registry's sheets of the active spreadsheet into the core's raw shape. Sheets are found
// by name as core finds them (findSheets: a stray space or full-width letters still match; a renamed
// sheet is named in the message), headers by core's findLayout, so the add-on, the CLI and the
// server read one workbook one way.
import { SETTINGS_SHEET, SHEETS, sheetDef, type Settings, type SheetKey } from '../core/registry/definition';
import { readSettings } from '../core/registry/read';
import {
  findSheets,
  HEADER_SEARCH_ROWS,
  isOtherSheetName,
  missingSheetMessage,
  type SheetLayout,
} from '../core/registry/layout';
import {
  SETTINGS_HEADER_MISSING,
  SETTINGS_MISSING,
  settingsLayout,
  settingsRowsOf,
  workbookLayout,
} from '../core/registry/workbook';
import type { RawRegistry } from '../core/registry/records';
import type { Issue } from '../core/issues';
import { fillMergedRows, mayHoldMerges } from '../core/registry/merged';
import { firstRowsOf, mergedRanges, rawRows, rawValue, readTable, type CellValue, type Table } from './sheet-adapter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const NOT_SET_UP =
  '台帳がまだ初期設定されていません。メニュー「拡張機能 → かさね → 台帳を初期設定」を実行してください。';

/** A contract sheet the workbook lacks: the message names it, and the sheet that may be it renamed. */
export class NotSetUp extends Error {
  constructor(
    readonly sheetName: string,
    message = NOT_SET_UP,
  ) {
    super(message);
  }
}

export interface Workbook {
  ss: Spreadsheet;
  timeZone: string;
}

export function openWorkbook(): Workbook {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return { ss, timeZone: ss.getSpreadsheetTimeZone() };
}

/** Every sheet by name: one getSheets and one getName per sheet (only when an exact name fails). */
function sheetsByName(wb: Workbook): Map<string, Sheet> {
  return new Map(wb.ss.getSheets().map((s) => [s.getName(), s]));
}

/**
 * The sheet of a contract name: the exact name first (one call, the common case), then any sheet
 * whose name matches after normalising. A missing sheet throws NotSetUp naming a near name.
 */
function findSheet(wb: Workbook, name: string, key: SheetKey | 'settings'): Sheet {
  const exact = wb.ss.getSheetByName(name);
  if (exact) return exact;
  const all = sheetsByName(wb);
  const found = findSheets([...all.keys()]);
  const match = key === 'settings' ? found.settings : found.found.get(key);
  if (match !== undefined) return all.get(match)!;
  const near = key === 'settings' ? undefined : found.missing.find((m) => m.key === key)?.near;
  throw new NotSetUp(
    name,
    near === undefined && all.size <= 1
      ? NOT_SET_UP
      : `${missingSheetMessage({ name }, near)}${near === undefined ? `（${NOT_SET_UP}）` : ''}`,
  );
}

export function readSheetTable(wb: Workbook, key: SheetKey): Table {
  const def = sheetDef(key);
  return readTable(findSheet(wb, def.name, key), wb.timeZone, def);
}

export interface SettingsRead {
  table: Table;
  rows: Array<[unknown, unknown]>;
  settings: Settings;
  issues: Issue[];
  /** 0-based columns of 項目 and 値, and the header row (1-based); undefined when not found. */
  header: { headerRow: number; item: number; value: number } | undefined;
}

function settingsOf(table: Table, timeZone: string): SettingsRead {
  const header = settingsLayout(table.values.slice(0, HEADER_SEARCH_ROWS));
  const rows = header ? settingsRowsOf(table.values, header, (v) => rawValue(v as CellValue, timeZone)) : [];
  const issues: Issue[] = header || table.values.length === 0 ? [] : [SETTINGS_HEADER_MISSING];
  const settings = readSettings({ settingsRows: rows, sheets: {} }, issues);
  return { table, rows, settings, issues, header };
}

export function readSettingsSheet(wb: Workbook): SettingsRead {
  return settingsOf(readTable(findSheet(wb, SETTINGS_SHEET.name, 'settings'), wb.timeZone), wb.timeZone);
}

/** The whole registry as the validator, the sync and the figures read it: one getValues per sheet. */
export interface WorkbookRead {
  raw: RawRegistry;
  /** The contract sheets found, by key (missing ones are issues in raw.layout). */
  tables: Partial<Record<SheetKey, Table>>;
  settings: SettingsRead | undefined;
}

export function readWorkbook(wb: Workbook = openWorkbook()): WorkbookRead {
  const all = sheetsByName(wb);
  const found = findSheets([...all.keys()]);
  // Not one sheet of the registry: nothing to read, and the one thing to do is to set it up.
  if (found.found.size === 0 && found.settings === undefined) throw new NotSetUp(SHEETS[0].name);
  const tables: Partial<Record<SheetKey, Table>> = {};
  const layouts = new Map<SheetKey, SheetLayout>();
  const sheets: RawRegistry['sheets'] = {};
  const merged: Issue[] = [];
  for (const def of SHEETS) {
    const name = found.found.get(def.key);
    if (name === undefined) continue;
    const table = readTable(all.get(name)!, wb.timeZone, def);
    tables[def.key] = table;
    layouts.set(def.key, table.layout);
    const rows = rawRows(table, def);
    // Cells merged down (a 会議ID over its cases) are read in every row, as the sheet shows them.
    const notice = mayHoldMerges(def, rows) ? fillMergedRows(def, table.layout, rows, mergedRanges(table)) : undefined;
    if (notice) merged.push(notice);
    sheets[def.key] = rows;
  }
  const settings =
    found.settings === undefined
      ? undefined
      : settingsOf(readTable(all.get(found.settings)!, wb.timeZone), wb.timeZone);
  const settingsIssue =
    settings === undefined ? SETTINGS_MISSING : settings.header ? undefined : SETTINGS_HEADER_MISSING;
  // A sheet the contract does not name may hold its rows (「ケース（R6）」): one read each, to say so.
  const others = [...all].filter(([name]) => isOtherSheetName(name)).map(([name, s]) => firstRowsOf(s, name));
  const raw: RawRegistry = { sheets, layout: workbookLayout(found, layouts, settingsIssue, others) };
  raw.layout!.notices.push(...merged);
  if (settings?.header) raw.settingsRows = settings.rows;
  return { raw, tables, settings };
}
