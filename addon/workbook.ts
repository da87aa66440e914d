// Reads the registry's sheets of the active spreadsheet into the core's raw shape.
import { SETTINGS_SHEET, sheetDef, type Settings, type SheetKey } from '../core/registry/definition';
import { readSettings } from '../core/registry/read';
import type { RawRegistry } from '../core/registry/records';
import type { Issue } from '../core/issues';
import { rawRows, rawValue, readTable, type Table } from './sheet-adapter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const NOT_SET_UP =
  '台帳がまだ初期設定されていません。メニュー「拡張機能 → かさね → 台帳を初期設定」を実行してください。';

export class NotSetUp extends Error {
  constructor(readonly sheetName: string) {
    super(NOT_SET_UP);
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

export function readSheetTable(wb: Workbook, key: SheetKey): Table {
  const name = sheetDef(key).name;
  const sheet = wb.ss.getSheetByName(name);
  if (!sheet) throw new NotSetUp(name);
  return readTable(sheet, wb.timeZone);
}

export interface SettingsRead {
  table: Table;
  rows: Array<[unknown, unknown]>;
  settings: Settings;
  issues: Issue[];
}

export function readSettingsSheet(wb: Workbook): SettingsRead {
  const sheet = wb.ss.getSheetByName(SETTINGS_SHEET.name);
  if (!sheet) throw new NotSetUp(SETTINGS_SHEET.name);
  const table = readTable(sheet, wb.timeZone);
  const rows = table.values
    .slice(1)
    .map((r) => [rawValue(r[0] ?? '', wb.timeZone), rawValue(r[1] ?? '', wb.timeZone)] as [unknown, unknown]);
  const issues: Issue[] = [];
  const settings = readSettings({ settingsRows: rows, sheets: {} }, issues);
  return { table, rows, settings, issues };
}

export function rawRegistryOf(
  settingsRows: Array<[unknown, unknown]>,
  tables: Partial<Record<SheetKey, Table>>,
): RawRegistry {
  const sheets: RawRegistry['sheets'] = {};
  for (const [key, table] of Object.entries(tables) as Array<[SheetKey, Table]>)
    sheets[key] = rawRows(table, sheetDef(key));
  return { settingsRows, sheets };
}
