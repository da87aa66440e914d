// The canonical form of a kasane-registry/1 document: each cell exactly as toInterchange writes it
// from a read registry (interchange.ts, read.ts). Whatever the reader would have had to interpret
// — a date written in 和暦, "3人", "TRUE", a value outside its list, an object — is not canonical.
// A sync payload must be canonical (server/snapshot.ts refuses it otherwise); null or an absent key
// is an empty cell. Pure: no I/O, and a fault never carries the value (a message names the sheet,
// row and column only).
import { isIsoDate } from '../dates/calendar';
import {
  SETTING_DEFS,
  SHEETS,
  defaultSettings,
  settingsLists,
  type ColumnDef,
  type SettingDef,
  type SheetDef,
  type SheetKey,
  type Settings,
} from './definition';
import { rowOfIndex } from './read';

/** Why a cell is not canonical. */
export type CellFaultCode =
  | 'cell.notText'
  | 'cell.blank'
  | 'cell.untrimmed'
  | 'cell.notDate'
  | 'cell.notInteger'
  | 'cell.notNumber'
  | 'cell.belowMin'
  | 'cell.notBoolean'
  | 'cell.notInValues'
  | 'cell.notInList'
  | 'cell.notArray'
  | 'cell.emptyArray'
  | 'cell.repeated';

/** Why a setting is not canonical. */
export type SettingFaultCode =
  'setting.notText' | 'setting.untrimmed' | 'setting.notList' | 'setting.notInteger' | 'setting.outOfRange';

export type CanonicalFaultCode = CellFaultCode | SettingFaultCode;

export interface CanonicalFault {
  /** A sheet key, or `settings`. */
  sheet: SheetKey | 'settings';
  /** Sheet row (JSON element i is row i + 2); null for a setting. */
  row: number | null;
  /** The column key, or the setting key. */
  column: string;
  code: CanonicalFaultCode;
  /** Japanese: the sheet, row and column, what is expected — never the value. */
  message: string;
}

/** A cell's check: undefined when the value is canonical (null is an empty cell, and canonical). */
export type CellCheck = (value: unknown) => CellFaultCode | undefined;

const isTrimmedText = (v: string): boolean => v.length > 0 && v.trim() === v;

// Days already found real: a registry has few distinct days and millions of date cells. Bounded.
const realDays = new Set<string>();
function isCanonicalDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (realDays.has(v)) return true;
  if (!isIsoDate(v)) return false;
  if (realDays.size >= 100_000) realDays.clear();
  realDays.add(v);
  return true;
}

function textCode(v: unknown): CellFaultCode | undefined {
  if (typeof v !== 'string') return 'cell.notText';
  const t = v.trim();
  if (t === '') return 'cell.blank';
  return t === v ? undefined : 'cell.untrimmed';
}

/** The values of a choice column: its enum values, or the payload's settings list. */
function choicesOf(col: ColumnDef, lists: Record<string, readonly string[]>): ReadonlySet<string> {
  return new Set(col.type === 'enum' || col.type === 'multiEnum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []));
}

/** The check of one column, its choices taken from `lists` (the payload's settings lists). */
export function cellCheck(col: ColumnDef, lists: Record<string, readonly string[]>): CellCheck {
  const min = col.min;
  switch (col.type) {
    case 'id':
    case 'reference':
    case 'text':
      return (v) => (v === null || v === undefined ? undefined : textCode(v));
    case 'date':
      return (v) => (v === null || v === undefined || isCanonicalDate(v) ? undefined : 'cell.notDate');
    case 'integer':
      return (v) => {
        if (typeof v === 'number' && Number.isInteger(v))
          return min !== undefined && v < min ? 'cell.belowMin' : undefined;
        return v === null || v === undefined ? undefined : 'cell.notInteger';
      };
    case 'number':
      return (v) => {
        if (typeof v === 'number' && Number.isFinite(v))
          return min !== undefined && v < min ? 'cell.belowMin' : undefined;
        return v === null || v === undefined ? undefined : 'cell.notNumber';
      };
    case 'boolean':
      return (v) => (v === null || v === undefined || typeof v === 'boolean' ? undefined : 'cell.notBoolean');
    case 'enum':
    case 'list': {
      const choices = choicesOf(col, lists);
      const code = col.type === 'enum' ? 'cell.notInValues' : 'cell.notInList';
      return (v) => (v === null || v === undefined || (typeof v === 'string' && choices.has(v)) ? undefined : code);
    }
    case 'multiEnum':
    case 'multiList': {
      const choices = choicesOf(col, lists);
      const code = col.type === 'multiEnum' ? 'cell.notInValues' : 'cell.notInList';
      return (v) => {
        if (v === null || v === undefined) return undefined;
        if (!Array.isArray(v)) return 'cell.notArray';
        if (v.length === 0) return 'cell.emptyArray';
        // Each member (a nested array or an object is none), and that it was not given before.
        for (let a = 0; a < v.length; a++) {
          const m: unknown = v[a];
          if (typeof m !== 'string' || !choices.has(m)) return code;
          for (let b = 0; b < a; b++) if (v[b] === m) return 'cell.repeated';
        }
        return undefined;
      };
    }
  }
}

/** The checks of a sheet's columns by key (PII columns included: their keys are refused elsewhere). */
export function sheetChecks(sheet: SheetDef, lists: Record<string, readonly string[]>): Map<string, CellCheck> {
  return new Map(sheet.columns.map((c) => [c.key, cellCheck(c, lists)]));
}

function settingCode(def: SettingDef, v: unknown): SettingFaultCode | undefined {
  switch (def.type) {
    case 'text':
      if (typeof v !== 'string') return 'setting.notText';
      return v.trim() === v ? undefined : 'setting.untrimmed';
    case 'list': {
      if (!Array.isArray(v)) return 'setting.notList';
      for (const m of v as unknown[]) if (typeof m !== 'string' || !isTrimmedText(m)) return 'setting.notList';
      return new Set(v).size === v.length ? undefined : 'setting.notList';
    }
    case 'month':
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'setting.notInteger';
      return v < (def.min ?? -Infinity) || v > (def.max ?? Infinity) ? 'setting.outOfRange' : undefined;
  }
}

export interface CanonicalSettings {
  /** The settings, an absent or null one as its default (defaultSettings()); a faulty one as its default too. */
  settings: Settings;
  /** The lists the `list` and `multiList` columns choose from. */
  lists: Record<string, readonly string[]>;
  faults: CanonicalFault[];
}

/** Checks the known settings of a payload (unknown keys are refused elsewhere) and gives the lists to check cells by. */
export function canonicalSettings(given: Record<string, unknown> | null | undefined): CanonicalSettings {
  const settings = defaultSettings();
  const target = settings as unknown as Record<string, unknown>;
  const faults: CanonicalFault[] = [];
  for (const def of SETTING_DEFS as readonly SettingDef[]) {
    const v = given?.[def.key];
    if (v === null || v === undefined) continue;
    const code = settingCode(def, v);
    // An empty list means the default, as readSettings reads it (toInterchange writes [] for a list
    // whose default is empty).
    if (!code && Array.isArray(v) && v.length === 0) continue;
    if (code)
      faults.push({ sheet: 'settings', row: null, column: def.key, code, message: settingFaultMessage(def, code) });
    else target[def.key] = Array.isArray(v) ? [...(v as string[])] : v;
  }
  return { settings, lists: settingsLists(settings), faults };
}

const SETTING_EXPECTED: Record<SettingFaultCode, (d: SettingDef) => string> = {
  'setting.notText': () => '文字列で指定してください',
  'setting.untrimmed': () => '前後の空白を除いた文字列で指定してください',
  'setting.notList': () => '文字列の配列（重複なし、各値は空でなく前後の空白なし）で指定してください',
  'setting.notInteger': (d) => `${rangeOf(d)}の整数（JSON の数値）で指定してください`,
  'setting.outOfRange': (d) => `${rangeOf(d)}の整数で指定してください`,
};

function rangeOf(d: SettingDef): string {
  if (d.min !== undefined && d.max !== undefined) return `${d.min}〜${d.max} `;
  if (d.min !== undefined) return `${d.min} 以上`;
  return '';
}

export function settingFaultMessage(def: SettingDef, code: SettingFaultCode): string {
  return `設定「${def.label}」（${def.key}）の値は正しい形ではありません。${SETTING_EXPECTED[code](def)}（値がないときは null か省略）。`;
}

const SETTING_LABELS = new Map<string, string>((SETTING_DEFS as readonly SettingDef[]).map((d) => [d.key, d.label]));

function expectedOf(col: ColumnDef, code: CellFaultCode): string {
  switch (code) {
    case 'cell.notText':
      return '文字列で送ってください';
    case 'cell.blank':
      return '空欄は null にするか、項目ごと省いてください';
    case 'cell.untrimmed':
      return '前後の空白を除いた文字列で送ってください';
    case 'cell.notDate':
      return '実在する日付を YYYY-MM-DD の文字列（例: 2025-04-01）で送ってください';
    case 'cell.notInteger':
      return `整数（JSON の数値）で送ってください${col.min !== undefined ? `（${col.min} 以上）` : ''}`;
    case 'cell.notNumber':
      return `数値（JSON の数値）で送ってください${col.min !== undefined ? `（${col.min} 以上）` : ''}`;
    case 'cell.belowMin':
      return `${col.min} 以上の数で送ってください`;
    case 'cell.notBoolean':
      return 'true か false で送ってください';
    case 'cell.notInValues':
      return `${col.type === 'multiEnum' ? '次の値の配列' : '次のいずれか'}で送ってください: ${(col.values ?? []).join('、')}`;
    case 'cell.notInList': {
      const list = col.list ?? '';
      const what = `設定「${SETTING_LABELS.get(list) ?? list}」（${list}）の一覧`;
      return col.type === 'multiList'
        ? `${what}にある値の配列で送ってください`
        : `${what}にある値のいずれかで送ってください`;
    }
    case 'cell.notArray':
      return '値の配列（例: ["高齢"]）で送ってください';
    case 'cell.emptyArray':
      return '空の配列は null にするか、項目ごと省いてください';
    case 'cell.repeated':
      return '同じ値は一度だけ入れてください';
  }
}

/** 「ケース」（cases）の 3行目「受付日」（receivedOn）: … — never the value. */
export function cellFaultMessage(sheet: SheetDef, row: number, col: ColumnDef, code: CellFaultCode): string {
  return `「${sheet.name}」（${sheet.key}）の ${row}行目「${col.label}」（${col.key}）の値は正しい形ではありません。${expectedOf(col, code)}。`;
}

const MAX_FAULTS = 100;

export interface CanonicalReport {
  /** The first faults, at most `limit` of them: settings first, then sheet by sheet, row by row. */
  faults: CanonicalFault[];
  /** Every fault, counted. */
  total: number;
  /** Faults by code. */
  counts: Partial<Record<CanonicalFaultCode, number>>;
}

/** Collects faults up to a limit while counting all of them. */
export class FaultList {
  readonly faults: CanonicalFault[] = [];
  total = 0;
  readonly counts: Partial<Record<CanonicalFaultCode, number>> = {};
  constructor(private readonly limit = MAX_FAULTS) {}

  /** `message` is made only for the faults that are kept. */
  add(
    sheet: SheetKey | 'settings',
    row: number | null,
    column: string,
    code: CanonicalFaultCode,
    message: () => string,
  ) {
    this.total++;
    this.counts[code] = (this.counts[code] ?? 0) + 1;
    if (this.faults.length < this.limit) this.faults.push({ sheet, row, column, code, message: message() });
  }

  report(): CanonicalReport {
    return { faults: this.faults, total: this.total, counts: this.counts };
  }
}

/**
 * Every non-canonical cell and setting of a document's settings and sheets (keys the contract does
 * not know are not looked at: they are another refusal). Element i of a sheet is row i + 2.
 */
export function canonicalFaults(
  doc: { settings?: Record<string, unknown> | null } & Partial<Record<SheetKey, unknown>>,
  limit = MAX_FAULTS,
): CanonicalReport {
  const list = new FaultList(limit);
  const s = canonicalSettings(doc.settings);
  for (const f of s.faults) list.add(f.sheet, f.row, f.column, f.code, () => f.message);
  for (const sheet of SHEETS as readonly SheetDef[]) {
    const rows = doc[sheet.key];
    if (!Array.isArray(rows)) continue;
    const checks = sheetChecks(sheet, s.lists);
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (row === null || typeof row !== 'object' || Array.isArray(row)) continue;
      for (const key in row) {
        const check = checks.get(key);
        if (!check) continue;
        const code = check((row as Record<string, unknown>)[key]);
        if (code) {
          const col = sheet.columns.find((c) => c.key === key)!;
          list.add(sheet.key, rowOfIndex(i), key, code, () => cellFaultMessage(sheet, rowOfIndex(i), col, code));
        }
      }
    }
  }
  return list.report();
}
