// 「台帳を初期設定」: creates or repairs every sheet of the contract. It first checks every sheet
// and changes nothing if one of them cannot be the registry's (no header row, a repeated header, a
// renamed sheet); it never moves or rewrites a data row (a missing column is added at the right end
// of the header row, which may stand below a title row, and only that row and formats are written).
import {
  LIST_SETTING_DEFS,
  SETTING_DEFS,
  SETTINGS_SHEET,
  SHEETS,
  defaultSettings,
  type SheetDef,
  type Settings,
} from '../core/registry/definition';
import { readSettings } from '../core/registry/read';
import { matchKnown, splitMulti } from '../core/registry/cells';
import {
  columnOfHeader,
  findSheets,
  headerKey,
  HEADER_SEARCH_ROWS,
  missingSheetMessage,
} from '../core/registry/layout';
import {
  HEADER_PROTECTION,
  LOOK_COLORS,
  columnLook,
  settingRowLook,
  settingsLook,
  widthPixels,
  type CellRule,
} from '../core/registry/look';
import { settingsLayout } from '../core/registry/workbook';
import { readTable, type CellValue, type Table } from './sheet-adapter';
import { openWorkbook, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export { HEADER_PROTECTION };

export interface SetupReport {
  ok: boolean;
  created: string[];
  repaired: Array<{ sheet: string; addedColumns: string[] }>;
  unchanged: string[];
  message: string;
}

interface Plan {
  name: string;
  labels: string[];
  sheet: Sheet | null;
  table: Table | null;
}

const settingsLabels = [SETTINGS_SHEET.itemLabel, SETTINGS_SHEET.valueLabel];

/** Why the sheet cannot be used as the registry's sheet, or null. Office columns (「No.」「備考」) are fine. */
function conflict(table: Table, isSettings: boolean): string | null {
  if (table.values.length === 0) return null;
  if (isSettings)
    return settingsLayout(table.values.slice(0, HEADER_SEARCH_ROWS))
      ? null
      : `${HEADER_SEARCH_ROWS}行目までに見出し「${SETTINGS_SHEET.itemLabel}」「${SETTINGS_SHEET.valueLabel}」の行がないのに、内容があります`;
  if (!table.layout.readable)
    return `${HEADER_SEARCH_ROWS}行目までに台帳の見出しの行が見つからないのに、内容があります`;
  const dup = table.layout.issues.find((i) => i.code === 'column.duplicate');
  return dup ? dup.message : null;
}

/**
 * A cell rule of the shared look (core/registry/look.ts) as Apps Script's: a strict rule refuses a
 * value outside it, the others only mark it.
 */
function validationOf(rule: CellRule): GoogleAppsScript.Spreadsheet.DataValidation {
  const b = SpreadsheetApp.newDataValidation().setAllowInvalid(!rule.strict);
  switch (rule.kind) {
    case 'choice':
    case 'settingsList':
      return b
        .requireValueInList([...rule.values], true)
        .setHelpText(rule.help)
        .build();
    case 'checkbox':
      return b.requireCheckbox().build();
    case 'date':
      return b.requireDate().setHelpText(rule.help).build();
    case 'number': {
      const { min, max } = rule;
      const r =
        min !== undefined && max !== undefined
          ? b.requireNumberBetween(min, max)
          : min !== undefined
            ? b.requireNumberGreaterThanOrEqualTo(min)
            : b.requireNumberLessThanOrEqualTo(max ?? 0);
      return r.setHelpText(rule.help).build();
    }
  }
}

/**
 * The header row as it will be: the sheet's own header row (below a title row, with the office's
 * own columns) and, at its right end, the contract columns it lacks. Only that row is written.
 */
function ensureHeader(
  sheet: Sheet,
  table: Table | null,
  labels: readonly string[],
  present: (label: string) => boolean,
): { row: number; headers: string[]; added: string[] } {
  const row = table && table.headerRow > 0 ? table.headerRow : 1;
  const kept = table && table.headerRow > 0 ? table.headers.slice() : [];
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  const added = labels.filter((l) => !present(l));
  const headers = [...kept, ...added];
  if (added.length) {
    const max = sheet.getMaxColumns();
    if (headers.length > max) sheet.insertColumnsAfter(max, headers.length - max);
    sheet.getRange(row, kept.length + 1, 1, added.length).setValues([added]);
  }
  return { row, headers, added };
}

function protectHeader(sheet: Sheet, row: number, width: number): void {
  const existing = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === HEADER_PROTECTION);
  const current = existing[0];
  if (
    current &&
    existing.length === 1 &&
    current.getRange().getNumColumns() === width &&
    current.getRange().getRow() === row
  )
    return;
  for (const p of existing) p.remove();
  // Warning-only: an edit lock against accidents, not confidentiality (anyone with edit access can still change it).
  sheet.getRange(row, 1, 1, width).protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
}

function formatSheet(
  sheet: Sheet,
  def: SheetDef,
  row: number,
  headers: string[],
  settings: Settings,
  isNew: boolean,
): void {
  // The look of each header: a contract column's (core/registry/look.ts), or an office column's,
  // which keeps its own note and formats and only shares the header's fill.
  const looks = headers.map((h) => {
    const col = columnOfHeader(def, h);
    return col ? columnLook(col, settings) : null;
  });
  const header = sheet.getRange(row, 1, 1, headers.length);
  header.setFontWeight('bold');
  header.setBackgrounds([looks.map((l) => l?.fill ?? LOOK_COLORS.header)]);
  header.setNotes([looks.map((l) => l?.note ?? '')]);
  sheet.setFrozenRows(row);
  protectHeader(sheet, row, headers.length);
  // Widths only on a sheet made here: an office's own sheet keeps the widths it chose.
  if (isNew) looks.forEach((l, i) => l && sheet.setColumnWidth(i + 1, widthPixels(l.width)));
  const dataRows = sheet.getMaxRows() - row;
  if (dataRows < 1) return;
  looks.forEach((look, i) => {
    if (!look) return; // the office's own column: its formats are the office's
    const range = sheet.getRange(row + 1, i + 1, dataRows, 1);
    if (look.numberFormat) range.setNumberFormat(look.numberFormat);
    range.setDataValidation(look.rule ? validationOf(look.rule) : null);
  });
}

/** The lists the office fills in itself (担当者, 関係機関, 受け入れ先: empty by default). */
const OFFICE_LISTS = LIST_SETTING_DEFS.filter((d) => d.default.length === 0);
type OfficeList = (typeof OFFICE_LISTS)[number]['key'];

/**
 * The values already typed in the columns of each office list, trimmed, once each, in order of
 * first appearance: what 「台帳を初期設定」 adds to 「設定」 when it finds a registry in use.
 */
function typedValues(plans: readonly Plan[], defs: ReadonlyArray<SheetDef | null>): Map<OfficeList, string[]> {
  const out = new Map<OfficeList, string[]>(OFFICE_LISTS.map((d) => [d.key, []]));
  defs.forEach((def, p) => {
    const table = plans[p]!.table;
    if (!def || !table) return;
    for (const col of def.columns) {
      const values = col.list && out.get(col.list as OfficeList);
      const i = table.columns.get(col.key);
      if (!values || i === undefined) continue;
      for (const line of table.values.slice(table.headerRow)) {
        const v = line[i];
        // 「相談員A、相談員B」 in one cell: two names (as 「設定」 will read them), so a second run adds nothing.
        if (typeof v === 'string' || typeof v === 'number')
          for (const t of splitMulti(v)) if (matchKnown(t, values) === undefined) values.push(t);
      }
    }
  });
  return out;
}

function setupSettings(
  plan: Plan,
  isNew: boolean,
  typed: ReadonlyMap<OfficeList, readonly string[]>,
): { settings: Settings; addedRows: string[]; listed: string[] } {
  const sheet = plan.sheet!;
  const table = plan.table;
  const look = settingsLook(defaultSettings());
  const found = table ? settingsLayout(table.values.slice(0, HEADER_SEARCH_ROWS)) : undefined;
  const top = found?.headerRow ?? 1;
  const existing = table && found ? table.values.slice(top) : [];
  let itemCol = found?.item ?? 0;
  let valueCol = found?.value ?? 1;
  let width = Math.max(table?.values[top - 1]?.length ?? 0, itemCol + 1, valueCol + 1);
  if (!found) {
    sheet.getRange(1, 1, 1, 2).setValues([look.header.map((h) => h.label)]);
    itemCol = 0;
    valueCol = 1;
    width = 2;
  }
  // The sheet row of each setting already there, found by its label or key as readSettings finds it.
  const rowOf = new Map<string, number>();
  existing.forEach((r, i) => {
    const item = headerKey(String(r[itemCol] ?? ''));
    const def = SETTING_DEFS.find((d) => headerKey(d.label) === item || headerKey(d.key) === item);
    if (def && !rowOf.has(def.key)) rowOf.set(def.key, top + 1 + i);
  });
  const missing = SETTING_DEFS.filter((d) => !rowOf.has(d.key));
  // Each office list with the values the registry already holds that it lacks, appended (never
  // removed or reordered): its 値 cell as it will be, joined with 、 as every list cell is.
  const listed: string[] = [];
  const listCell = new Map<string, string>();
  for (const d of OFFICE_LISTS) {
    const row = rowOf.get(d.key);
    const cell = row === undefined ? '' : existing[row - top - 1]![valueCol];
    if (typeof cell !== 'string' && typeof cell !== 'number') continue; // a cell it cannot read stays
    const list = splitMulti(cell);
    const add = typed.get(d.key)!.filter((v) => matchKnown(v, list) === undefined);
    if (!add.length) continue;
    listCell.set(d.key, [...list, ...add].join('、'));
    listed.push(`設定「${d.label}」に ${add.length} 件を追加しました（台帳にあった値）。`);
  }
  // Each missing setting as its row will hold it: the label and the default (a list joined with 、).
  const added = missing.map((d): [string, CellValue] => [
    d.label,
    listCell.get(d.key) ?? settingRowLook(d, defaultSettings()).value ?? '',
  ]);
  for (const [key, value] of listCell) {
    const row = rowOf.get(key);
    if (row === undefined) continue;
    sheet.getRange(row, valueCol + 1).setValue(value);
    existing[row - top - 1]![valueCol] = value;
  }
  if (added.length) {
    const rows: CellValue[][] = added.map(([label, value]) => {
      const line: CellValue[] = Array.from({ length: width }, () => '');
      line[itemCol] = label;
      line[valueCol] = value;
      return line;
    });
    const first = top + existing.length + 1;
    sheet.getRange(first, 1, rows.length, width).setValues(rows);
    missing.forEach((d, k) => rowOf.set(d.key, first + k));
  }
  const header = sheet.getRange(top, 1, 1, width);
  header.setFontWeight('bold');
  header.setBackground(LOOK_COLORS.settings);
  sheet.getRange(top, itemCol + 1).setNote(look.header[0]!.note);
  sheet.getRange(top, valueCol + 1).setNote(look.header[1]!.note);
  sheet.setFrozenRows(top);
  protectHeader(sheet, top, width);
  if (isNew) look.widths.forEach((w, i) => sheet.setColumnWidth(i + 1, widthPixels(w)));
  // Each setting's row: what it is for on its 項目, its 値's format and bounds.
  for (const r of look.rows) {
    const row = rowOf.get(r.key)!;
    sheet.getRange(row, itemCol + 1).setNote(r.note);
    const value = sheet.getRange(row, valueCol + 1);
    value.setNumberFormat(r.numberFormat);
    value.setDataValidation(r.rule ? validationOf(r.rule) : null);
  }
  // The settings as they now stand (existing values win over defaults).
  const rows: Array<[unknown, unknown]> = [
    ...existing.map((r): [unknown, unknown] => [r[itemCol], r[valueCol]]),
    ...added,
  ];
  const settings = readSettings({ settingsRows: rows, sheets: {} }, []);
  return { settings, addedRows: missing.map((d) => d.label), listed };
}

export function setupWorkbook(wb: Workbook = openWorkbook()): SetupReport {
  const all: Array<{ name: string; labels: string[]; def: SheetDef | null }> = [
    { name: SETTINGS_SHEET.name, labels: settingsLabels, def: null },
    ...SHEETS.map((s) => ({ name: s.name, labels: s.columns.map((c) => c.label), def: s as SheetDef })),
  ];
  // Sheets found by name as every face finds them: `ケース ` is ケース; 検討ケース一覧 is named, not replaced.
  const byName = new Map(wb.ss.getSheets().map((sh) => [sh.getName(), sh]));
  const found = findSheets([...byName.keys()]);
  const plans: Plan[] = [];
  const conflicts: string[] = [];
  for (const s of all) {
    const name = s.def ? found.found.get(s.def.key) : found.settings;
    const sheet = name === undefined ? null : byName.get(name)!;
    const table = sheet ? readTable(sheet, wb.timeZone, s.def ?? undefined) : null;
    const why = table ? conflict(table, !s.def) : null;
    if (why) conflicts.push(`「${name}」シート: ${why}。`);
    const near = s.def && !sheet ? found.missing.find((m) => m.key === s.def!.key)?.near : undefined;
    if (near !== undefined) conflicts.push(missingSheetMessage(s.def!, near));
    plans.push({ name: s.name, labels: s.labels, sheet, table });
  }
  if (conflicts.length) {
    return {
      ok: false,
      created: [],
      repaired: [],
      unchanged: [],
      message: [
        '台帳の初期設定を中止しました。何も変更していません。',
        '次のシートを台帳として使えません:',
        ...conflicts,
        'シートを直すか名前を変えてから、もう一度「台帳を初期設定」を実行してください。',
      ].join('\n'),
    };
  }
  const created: string[] = [];
  const repaired: SetupReport['repaired'] = [];
  const unchanged: string[] = [];
  let settings = defaultSettings();
  const typed = typedValues(
    plans,
    all.map((s) => s.def),
  );
  const listed: string[] = [];
  all.forEach((s, i) => {
    const plan = plans[i]!;
    const isNew = !plan.sheet;
    if (isNew) plan.sheet = wb.ss.insertSheet(s.name);
    if (!s.def) {
      const r = setupSettings(plan, isNew, typed);
      settings = r.settings;
      listed.push(...r.listed);
      if (isNew) created.push(s.name);
      else if (r.addedRows.length) repaired.push({ sheet: s.name, addedColumns: r.addedRows });
      else unchanged.push(s.name);
      return;
    }
    const def = s.def;
    const { row, headers, added } = ensureHeader(plan.sheet!, plan.table, s.labels, (label) => {
      const key = columnOfHeader(def, label)?.key;
      return key !== undefined && plan.table !== null && plan.table.columns.has(key);
    });
    formatSheet(plan.sheet!, def, row, headers, settings, isNew);
    if (isNew) created.push(s.name);
    else if (added.length && plan.table && plan.table.values.length > 0)
      repaired.push({ sheet: s.name, addedColumns: added });
    else if (added.length) created.push(s.name);
    else unchanged.push(s.name);
  });
  // The alert's title says it is done (menu.ts): the lines say what was done.
  const lines: string[] = [];
  if (created.length) lines.push(`作成: ${created.map((n) => `「${n}」`).join('')}`);
  for (const r of repaired)
    lines.push(`補修: 「${r.sheet}」に ${r.addedColumns.map((c) => `「${c}」`).join('')} を追加`);
  if (unchanged.length)
    lines.push(`変更なし（書式・入力規則を整えました）: ${unchanged.map((n) => `「${n}」`).join('')}`);
  lines.push(...listed, '既存のデータ行は動かしていません。');
  return { ok: true, created, repaired, unchanged, message: lines.join('\n') };
}
