// How each column of the contract looks in a spreadsheet: width, note, dropdown. Derived from the
// definition only, so the XLSX template (and the add-on's sheets) follow a column edit there.
import {
  SETTING_DEFS,
  SHEETS,
  type ColumnDef,
  type Settings,
  type SettingsListKey,
  type SheetDef,
} from '../core/registry/definition';

export const LISTS_SHEET = '_lists';
/** Rows (after the header) that carry the dropdowns in an empty template. */
export const TEMPLATE_ROWS = 5000;
export const DATE_FORMAT = 'yyyy-mm-dd';
export const PII_NOTE = '個人情報：このシートの外に出ません';
export const MULTI_NOTE = '複数の値は「、」で区切って入力します（例: 高齢、障がい）。';

export const COLORS = { header: 'FFDDE7F3', pii: 'FFF8D0D0', settings: 'FFE6EFD9' } as const;

// 「設定」 and the hidden lists sheet: one look for the XLSX and the Google template.
export const SETTINGS_NOTES = [
  '設定の名前（変更しないでください）',
  '空欄は既定値になります。一覧は「、」で区切ります。',
] as const;
export const LISTS_NOTE = '「設定」シートの一覧から作られる入力規則の元データです。';
export const SETTINGS_WIDTHS = [24, 80] as const;
export const LISTS_WIDTH = 24;

const LIST_DEFS = SETTING_DEFS.filter(
  (d): d is Extract<(typeof SETTING_DEFS)[number], { type: 'list' }> => d.type === 'list',
);

/** The hidden helper sheet's columns: one settings list per column, values from row 2. */
export function listColumns(
  settings: Settings,
): Array<{ key: SettingsListKey; label: string; values: readonly string[] }> {
  return LIST_DEFS.map(({ key, label }) => ({ key, label, values: settings[key] }));
}

/** The lists sheet below its header: row r holds each list's r-th value (undefined past a list's end). */
export function listRows(lists: ReadonlyArray<{ values: readonly string[] }>): Array<Array<string | undefined>> {
  const depth = Math.max(0, ...lists.map((l) => l.values.length));
  return Array.from({ length: depth }, (_, r) => lists.map((l) => l.values[r]));
}

/** A setting's value cell in 「設定」: a list joined with 、, a number as it is, nothing for no value. */
export function settingCell(value: Settings[keyof Settings]): string | number | undefined {
  if (Array.isArray(value)) return value.join('、');
  return value === null || value === '' ? undefined : value;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A width in Excel's units: a Japanese character is about two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return w;
}

export function columnWidth(col: ColumnDef, settings: Settings): number {
  const header = textWidth(col.label) + 3;
  let body: number;
  switch (col.type) {
    case 'date':
      body = 12;
      break;
    case 'id':
    case 'reference':
      body = 14;
      break;
    case 'boolean':
    case 'integer':
    case 'number':
      body = 8;
      break;
    case 'enum':
      body = Math.max(...(col.values ?? ['']).map(textWidth)) + 3;
      break;
    case 'list':
      body = Math.max(...(settings[col.list!] ?? ['']).map(textWidth)) + 3;
      break;
    case 'multiEnum':
    case 'multiList':
      body = 28;
      break;
    case 'text':
      body = col.pii ? 30 : 22;
      break;
  }
  // At least 10: exceljs drops a width of 9 as "the default", and 8.43 is too narrow for a dropdown.
  return Math.min(40, Math.max(10, header, body));
}

export function headerNote(col: ColumnDef): string | undefined {
  const parts: string[] = [];
  if (col.required === true) parts.push('必須');
  if (col.help) parts.push(col.help);
  if (col.type === 'date') parts.push('日付（2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のどれでも可）');
  if (col.type === 'multiEnum' || col.type === 'multiList') parts.push(MULTI_NOTE);
  if (col.type === 'boolean') parts.push('TRUE / FALSE を選びます');
  if (col.type === 'list') parts.push('一覧は「設定」シートの値です');
  if (col.pii) parts.push(PII_NOTE);
  return parts.length ? parts.join('\n') : undefined;
}

/** What a dropdown of fixed choices asks, in the XLSX's error and the Google sheet's help. */
export const ENUM_MESSAGE = '一覧から選んでください。';

/** A number column's lower bound as both templates state it: `0 以上の整数`. */
export function minText(col: ColumnDef): string {
  return `${col.min} 以上の${col.type === 'integer' ? '整数' : '数'}`;
}

export interface Dropdown {
  /** Excel list formula: an inline `"a,b"` list or a range on the helper sheet. */
  formula: string;
  /** A settings list may grow in 「設定」: warn, but let a coordinator keep a new value. */
  strict: boolean;
}

const INLINE_LIMIT = 255;

export function dropdown(col: ColumnDef, settings: Settings): Dropdown | undefined {
  switch (col.type) {
    case 'enum': {
      const inline = `"${(col.values ?? []).join(',')}"`;
      // Excel caps an inline list at 255 characters; none of the contract's enums come close.
      return inline.length <= INLINE_LIMIT ? { formula: inline, strict: true } : undefined;
    }
    case 'list': {
      const lists = listColumns(settings);
      const i = lists.findIndex((l) => l.key === col.list);
      if (i < 0) return undefined;
      const letter = columnLetter(i + 1);
      const last = Math.max(2, lists[i]!.values.length + 1);
      return { formula: `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${last}`, strict: false };
    }
    case 'boolean':
      return { formula: '"TRUE,FALSE"', strict: true };
    default:
      return undefined;
  }
}

export const SHEET_DEFS: readonly SheetDef[] = SHEETS;
