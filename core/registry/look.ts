// The look of a registry workbook, as data: each sheet's header (labels, notes, colours with PII
// marked), each column's number format, data validation and width, the frozen and protected header,
// and 「設定」's rows. The XLSX template (sheets-templates/xlsx), the Google template
// (sheets-templates/google) and the add-on's 「台帳を初期設定」 (addon/setup.ts) each only translate
// this into their own calls, so a registry made any of the three ways looks the same and follows a
// column or setting edited in definition.ts. Pure data: it runs in Apps Script as in Node.
import {
  SETTINGS_SHEET,
  SETTING_DEFS,
  SHEETS,
  type ColumnDef,
  type SettingDef,
  type Settings,
  type SettingsListKey,
  type SheetDef,
} from './definition';

/** Header fills, `#rrggbb`: the contract's columns, PII columns (marked so), 「設定」. */
export const LOOK_COLORS = { header: '#dde7f3', pii: '#f8d0d0', settings: '#e6efd9' } as const;

/**
 * Every header row is protected with a warning only, under this description: the add-on finds its
 * own protection by it, so running 「台帳を初期設定」 on a file made by the Google template repairs the
 * protection instead of adding a second one. A warning is an edit lock against accidents, not
 * confidentiality: everyone with edit access can still change the header.
 */
export const HEADER_PROTECTION = 'かさね: 見出し行（列名を変えると台帳として読めなくなります）';

export const PII_NOTE = '個人情報（PII）: この列はスプレッドシートの外に出しません（同期・書き出し・ログの対象外）。';
export const REQUIRED_NOTE = '必須';
export const DATE_NOTE = '日付（2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のどれでも可）';
export const CHECKBOX_NOTE = 'チェックあり（TRUE）は「はい」、なし（FALSE）は「いいえ」';
export const LIST_NOTE = '選択肢は「設定」シートの一覧です';

/** The notes of 「設定」's two headers, 項目 and 値. */
export const SETTINGS_NOTES = [
  '設定の名前（変更しないでください）',
  '空欄は既定値になります。一覧は「、」で区切ります。',
] as const;

/** Number formats in the spreadsheet's own pattern language (Excel's and Sheets' agree on these). */
export const NUMBER_FORMATS = {
  date: 'yyyy-mm-dd',
  integer: '0',
  /** Text as typed: an id, a phone number or the tag 8050 stays text (no 0120 → 120). */
  text: '@',
} as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[keyof typeof NUMBER_FORMATS];

/**
 * What a cell accepts. `strict`: a value outside is refused; otherwise it is only marked (a settings
 * list may grow in 「設定」, and a date typed as 令和6年4月1日 text is read by kasane as a date).
 * `help` is shown when the cell is selected (and as the refusal's message).
 */
export type CellRule =
  | { kind: 'choice'; values: readonly string[]; strict: true; help: string }
  | { kind: 'settingsList'; list: SettingsListKey; values: readonly string[]; strict: false; help: string }
  | { kind: 'checkbox'; strict: true }
  | { kind: 'date'; strict: false; help: string }
  | { kind: 'number'; integer: boolean; min?: number; max?: number; strict: true; help: string };

export interface ColumnLook {
  key: string;
  label: string;
  /** The header's note: '' for none. */
  note: string;
  fill: string;
  numberFormat: NumberFormat | null;
  rule: CellRule | null;
  /** Width in Excel's character units (widthPixels for Sheets). */
  width: number;
}

export interface SheetLook {
  name: string;
  columns: ColumnLook[];
  /** Rows frozen above the data: the header. */
  frozenRows: number;
  /** The description of the warning-only protection of the header row. */
  protection: string;
}

/** A width in Excel's units: a Japanese character is about two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return w;
}

/** The choices of a choice column: its enum values or its settings list. */
function choicesOf(col: ColumnDef, settings: Settings): readonly string[] {
  if (col.values) return col.values;
  return col.list ? settings[col.list] : [];
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
    case 'list':
      body = Math.max(0, ...choicesOf(col, settings).map(textWidth)) + 3;
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

/** Excel width units → pixels, the formula Excel uses for Calibri 11 (Sheets sizes columns in pixels). */
export function widthPixels(excelWidth: number): number {
  return Math.round(excelWidth * 7 + 5);
}

/** How several values are typed, with two of the column's own choices as the example. */
function multiNote(col: ColumnDef, settings: Settings): string {
  const [a, b] = choicesOf(col, settings);
  const example = a !== undefined && b !== undefined ? `（例: ${a}、${b}）` : '';
  return `複数の値は「、」で区切って入力します${example}。`;
}

export function headerNote(col: ColumnDef, settings: Settings): string {
  const parts: string[] = [];
  if (col.required === true) parts.push(REQUIRED_NOTE);
  if (col.help) parts.push(col.help);
  if (col.type === 'date') parts.push(DATE_NOTE);
  if (col.type === 'multiEnum' || col.type === 'multiList') parts.push(multiNote(col, settings));
  if (col.type === 'boolean') parts.push(CHECKBOX_NOTE);
  if (col.type === 'list' || col.type === 'multiList') parts.push(LIST_NOTE);
  if (col.pii) parts.push(PII_NOTE);
  return parts.join('\n');
}

/** A number's bounds as the help says them: `1 以上の整数`, `1〜12 の整数`. */
function boundsText(integer: boolean, min: number | undefined, max: number | undefined): string {
  const what = integer ? '整数' : '数';
  if (min !== undefined && max !== undefined) return `${min}〜${max} の${what}`;
  if (min !== undefined) return `${min} 以上の${what}`;
  if (max !== undefined) return `${max} 以下の${what}`;
  return what;
}

function numberRule(label: string, integer: boolean, min?: number, max?: number): CellRule | null {
  if (min === undefined && max === undefined) return null;
  return {
    kind: 'number',
    integer,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    strict: true,
    help: `${label}: ${boundsText(integer, min, max)}を入力してください。`,
  };
}

/**
 * What a column's cells accept. Multi-value cells (分野, 課題) have no dropdown: a spreadsheet's list
 * validation takes one value per cell, and kasane reads 「高齢、障がい」.
 */
export function cellRule(col: ColumnDef, settings: Settings): CellRule | null {
  switch (col.type) {
    case 'enum':
      return { kind: 'choice', values: col.values ?? [], strict: true, help: `${col.label}: 一覧から選んでください。` };
    case 'list':
      // A list the office has not filled in yet (担当者, 関係機関, 受け入れ先 start empty) has no
      // dropdown: a spreadsheet refuses a dropdown of nothing. Its cells are still checked (a value
      // with an empty list is a cell issue), and 「台帳を初期設定」 adds the rule once it has values.
      return col.list && settings[col.list].length
        ? {
            kind: 'settingsList',
            list: col.list,
            values: settings[col.list],
            strict: false,
            help: `${col.label}: 「設定」シートの一覧から選びます。一覧にない値は警告になります（必要なら「設定」に追加）。`,
          }
        : null;
    case 'boolean':
      return { kind: 'checkbox', strict: true };
    case 'date':
      return { kind: 'date', strict: false, help: `${col.label}: 日付（2024-04-01、2024/4/1、令和6年4月1日 など）` };
    case 'integer':
    case 'number':
      return numberRule(col.label, col.type === 'integer', col.min);
    default:
      return null;
  }
}

export function numberFormatOf(col: ColumnDef): NumberFormat | null {
  switch (col.type) {
    case 'date':
      return NUMBER_FORMATS.date;
    case 'integer':
      return NUMBER_FORMATS.integer;
    case 'number':
    case 'boolean':
      // A weight keeps its decimals as typed; a checkbox has no number format.
      return null;
    default:
      return NUMBER_FORMATS.text;
  }
}

export function columnLook(col: ColumnDef, settings: Settings): ColumnLook {
  return {
    key: col.key,
    label: col.label,
    note: headerNote(col, settings),
    fill: col.pii ? LOOK_COLORS.pii : LOOK_COLORS.header,
    numberFormat: numberFormatOf(col),
    rule: cellRule(col, settings),
    width: columnWidth(col, settings),
  };
}

export function sheetLook(def: SheetDef, settings: Settings): SheetLook {
  return {
    name: def.name,
    columns: def.columns.map((c) => columnLook(c, settings)),
    frozenRows: 1,
    protection: HEADER_PROTECTION,
  };
}

/** Every contract sheet's look, in the contract's order. */
export function registryLook(settings: Settings): SheetLook[] {
  return SHEETS.map((s) => sheetLook(s, settings));
}

// ---------------------------------------------------------------------------------------------
// 「設定」

/** A setting's value cell: a list joined with 、, a number as it is, nothing for no value. */
export function settingCell(value: Settings[keyof Settings]): string | number | undefined {
  if (Array.isArray(value)) return value.length ? value.join('、') : undefined;
  return value === null || value === '' ? undefined : value;
}

export interface SettingRowLook {
  key: string;
  /** The 項目 cell, and its note: what the setting is for. */
  label: string;
  note: string;
  /** The 値 cell as written when the row is made, and its format and rule. */
  value: string | number | undefined;
  numberFormat: NumberFormat;
  rule: CellRule | null;
}

export interface SettingsLook {
  name: string;
  header: Array<{ label: string; note: string; fill: string }>;
  rows: SettingRowLook[];
  /** Widths of 項目 and 値, Excel units. */
  widths: readonly [number, number];
  frozenRows: number;
  protection: string;
}

export function settingRowLook(def: SettingDef, settings: Settings): SettingRowLook {
  const numeric = def.type === 'month' || def.type === 'integer';
  return {
    key: def.key,
    label: def.label,
    note: def.help,
    value: settingCell(settings[def.key as keyof Settings]),
    // A list or a name stays as typed (「8050」 must not turn into a number); a number is a number.
    numberFormat: numeric ? NUMBER_FORMATS.integer : NUMBER_FORMATS.text,
    rule: numeric ? numberRule(def.label, true, def.min, def.max) : null,
  };
}

export function settingsLook(settings: Settings): SettingsLook {
  return {
    name: SETTINGS_SHEET.name,
    header: [
      { label: SETTINGS_SHEET.itemLabel, note: SETTINGS_NOTES[0], fill: LOOK_COLORS.settings },
      { label: SETTINGS_SHEET.valueLabel, note: SETTINGS_NOTES[1], fill: LOOK_COLORS.settings },
    ],
    rows: SETTING_DEFS.map((d) => settingRowLook(d, settings)),
    widths: [24, 80],
    frozenRows: 1,
    protection: HEADER_PROTECTION,
  };
}
