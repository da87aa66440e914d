// 「台帳を初期設定」: creates or repairs every sheet of the contract. It first checks every sheet
// and changes nothing if one of them holds something else; it never moves or rewrites a data row
// (a missing column is added at the right end, and only row 1 and formats are written).
import {
  SETTING_DEFS,
  SETTINGS_SHEET,
  SHEETS,
  defaultSettings,
  type ColumnDef,
  type SheetDef,
  type Settings,
} from '../core/registry/definition';
import { readSettings } from '../core/registry/read';
import { readTable, type CellValue, type Table } from './sheet-adapter';
import { openWorkbook, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HEADER_PROTECTION = 'かさね: 見出し行（列名を変えると台帳として読めなくなります）';
const HEADER_BACKGROUND = '#e8f0fe';
const PII_BACKGROUND = '#fce8e6';
const PII_NOTE = '個人情報（PII）: この列はスプレッドシートの外に出しません（同期・書き出し・ログの対象外）。';

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

/** Why the sheet cannot be used as the registry's sheet, or null. */
function conflict(table: Table, labels: readonly string[]): string | null {
  if (table.values.length === 0) return null;
  const header = table.headers.filter((h) => h !== '');
  if (header.length === 0) return '1行目（見出し）が空なのに、その下に内容があります';
  const unknown = header.filter((h) => !labels.includes(h));
  if (unknown.length) return `1行目に台帳の項目でない「${unknown.slice(0, 3).join('」「')}」があります`;
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) return `1行目に「${dup}」が2回あります`;
  return null;
}

function numberFormatOf(col: ColumnDef): string | null {
  switch (col.type) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'integer':
      return '0';
    case 'number':
    case 'boolean':
      return null;
    default:
      // Plain text: an id, a name or a phone number stays exactly as typed (no 0120 → 120).
      return '@';
  }
}

function validationOf(col: ColumnDef, settings: Settings): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const b = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
  switch (col.type) {
    case 'enum':
      return b
        .requireValueInList([...(col.values ?? [])], true)
        .setHelpText(`${col.label}: 一覧から選んでください。`)
        .build();
    case 'list': {
      const list = col.list ? settings[col.list] : [];
      return list.length
        ? b
            .requireValueInList([...list], true)
            .setHelpText(`${col.label}: 「設定」シートの一覧から選んでください。`)
            .build()
        : null;
    }
    case 'boolean':
      return b.requireCheckbox().build();
    case 'date':
      return b
        .requireDate()
        .setHelpText(`${col.label}: 2024-04-01、2024/4/1、令和6年4月1日 のように入力します。`)
        .build();
    case 'integer':
    case 'number':
      return col.min === undefined
        ? null
        : b.requireNumberGreaterThanOrEqualTo(col.min).setHelpText(`${col.label}: ${col.min} 以上の数`).build();
    default:
      return null;
  }
}

function headerNote(col: ColumnDef): string {
  const parts: string[] = [];
  if (col.help) parts.push(col.help);
  if (col.type === 'multiEnum' || col.type === 'multiList') parts.push('複数あるときは「、」で区切ります。');
  if (col.pii) parts.push(PII_NOTE);
  return parts.join('\n');
}

function ensureHeader(
  sheet: Sheet,
  existing: string[],
  labels: readonly string[],
): { headers: string[]; added: string[] } {
  const kept = existing.slice();
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  const added = labels.filter((l) => !kept.includes(l));
  const headers = [...kept, ...added];
  if (added.length) {
    const max = sheet.getMaxColumns();
    if (headers.length > max) sheet.insertColumnsAfter(max, headers.length - max);
    sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
  }
  return { headers, added };
}

function protectHeader(sheet: Sheet, width: number): void {
  const existing = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === HEADER_PROTECTION);
  const current = existing[0];
  if (current && existing.length === 1 && current.getRange().getNumColumns() === width) return;
  for (const p of existing) p.remove();
  // Warning-only: an edit lock against accidents, not confidentiality (anyone with edit access can still change it).
  sheet.getRange(1, 1, 1, width).protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
}

function formatSheet(sheet: Sheet, def: SheetDef, headers: string[], settings: Settings): void {
  const byLabel = new Map(def.columns.map((c) => [c.label, c as ColumnDef]));
  const header = sheet.getRange(1, 1, 1, headers.length);
  header.setFontWeight('bold');
  header.setBackgrounds([headers.map((h) => (byLabel.get(h)?.pii ? PII_BACKGROUND : HEADER_BACKGROUND))]);
  header.setNotes([
    headers.map((h) => {
      const c = byLabel.get(h);
      return c ? headerNote(c) : '';
    }),
  ]);
  sheet.setFrozenRows(1);
  protectHeader(sheet, headers.length);
  const dataRows = sheet.getMaxRows() - 1;
  if (dataRows < 1) return;
  headers.forEach((h, i) => {
    const col = byLabel.get(h);
    if (!col) return;
    const range = sheet.getRange(2, i + 1, dataRows, 1);
    const format = numberFormatOf(col);
    if (format) range.setNumberFormat(format);
    range.setDataValidation(validationOf(col, settings));
  });
}

function setupSettings(plan: Plan): { settings: Settings; addedRows: string[] } {
  const sheet = plan.sheet!;
  const table = plan.table;
  const existing = table ? table.values.slice(1) : [];
  const { headers } = ensureHeader(sheet, table?.headers ?? [], settingsLabels);
  const itemCol = headers.indexOf(SETTINGS_SHEET.itemLabel);
  const valueCol = headers.indexOf(SETTINGS_SHEET.valueLabel);
  const present = new Set(existing.map((r) => String(r[itemCol] ?? '').trim()));
  const defaults = defaultSettings() as unknown as Record<string, unknown>;
  const missing = SETTING_DEFS.filter((d) => !present.has(d.label));
  // Each missing setting as its row will hold it: the label and the default (a list joined with 、).
  const added = missing.map((d): [string, CellValue] => {
    const v = defaults[d.key];
    return [d.label, Array.isArray(v) ? v.join('、') : v === null || v === undefined ? '' : (v as CellValue)];
  });
  if (added.length) {
    const rows: CellValue[][] = added.map(([label, value]) => {
      const line: CellValue[] = headers.map(() => '');
      line[itemCol] = label;
      line[valueCol] = value;
      return line;
    });
    const first = Math.max(existing.length + 1, 1) + 1;
    sheet.getRange(first, 1, rows.length, headers.length).setValues(rows);
  }
  const header = sheet.getRange(1, 1, 1, headers.length);
  header.setFontWeight('bold');
  header.setBackground(HEADER_BACKGROUND);
  sheet.setFrozenRows(1);
  protectHeader(sheet, headers.length);
  // The settings as they now stand (existing values win over defaults).
  const rows: Array<[unknown, unknown]> = [
    ...existing.map((r): [unknown, unknown] => [r[itemCol], r[valueCol]]),
    ...added,
  ];
  const settings = readSettings({ settingsRows: rows, sheets: {} }, []);
  return { settings, addedRows: missing.map((d) => d.label) };
}

export function setupWorkbook(wb: Workbook = openWorkbook()): SetupReport {
  const all: Array<{ name: string; labels: string[]; def: SheetDef | null }> = [
    { name: SETTINGS_SHEET.name, labels: settingsLabels, def: null },
    ...SHEETS.map((s) => ({ name: s.name, labels: s.columns.map((c) => c.label), def: s as SheetDef })),
  ];
  const plans: Plan[] = [];
  const conflicts: string[] = [];
  for (const s of all) {
    const sheet = wb.ss.getSheetByName(s.name);
    const table = sheet ? readTable(sheet, wb.timeZone) : null;
    const why = table ? conflict(table, s.labels) : null;
    if (why) conflicts.push(`「${s.name}」シート: ${why}。`);
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
        '同じ名前で別の内容のシートがあります:',
        ...conflicts,
        'そのシートの名前を変えるか、新しいスプレッドシートで「台帳を初期設定」を実行してください。',
      ].join('\n'),
    };
  }
  const created: string[] = [];
  const repaired: SetupReport['repaired'] = [];
  const unchanged: string[] = [];
  let settings = defaultSettings();
  all.forEach((s, i) => {
    const plan = plans[i]!;
    const isNew = !plan.sheet;
    if (isNew) plan.sheet = wb.ss.insertSheet(s.name);
    if (!s.def) {
      const r = setupSettings(plan);
      settings = r.settings;
      if (isNew) created.push(s.name);
      else if (r.addedRows.length) repaired.push({ sheet: s.name, addedColumns: r.addedRows });
      else unchanged.push(s.name);
      return;
    }
    const { headers, added } = ensureHeader(plan.sheet!, plan.table?.headers ?? [], s.labels);
    formatSheet(plan.sheet!, s.def, headers, settings);
    if (isNew) created.push(s.name);
    else if (added.length && plan.table && plan.table.values.length > 0)
      repaired.push({ sheet: s.name, addedColumns: added });
    else if (added.length) created.push(s.name);
    else unchanged.push(s.name);
  });
  const lines = ['台帳の初期設定が終わりました。'];
  if (created.length) lines.push(`作成: ${created.map((n) => `「${n}」`).join('')}`);
  for (const r of repaired)
    lines.push(`補修: 「${r.sheet}」に ${r.addedColumns.map((c) => `「${c}」`).join('')} を追加`);
  if (unchanged.length)
    lines.push(`変更なし（書式・入力規則を整えました）: ${unchanged.map((n) => `「${n}」`).join('')}`);
  lines.push('既存のデータ行は動かしていません。');
  return { ok: true, created, repaired, unchanged, message: lines.join('\n') };
}
