// Reads an XLSX (the template, Google Sheets' "Download as .xlsx", or Excel) into a RawRegistry:
// sheets by Japanese name, columns by Japanese label. Values are only brought to plain JS values
// here; every rule (types, lists, required cells) is left to readRegistry, so XLSX, JSON and
// Sheets input are judged by the same code. Sheets are parsed row by row as they are inflated
// (xlsx-parts.ts, xlsx-cells.ts), so a 100k-case file never sits in memory as a workbook.
import {
  SETTINGS_SHEET,
  SHEETS,
  sheetDef,
  type ColumnDef,
  type ColumnType,
  type SheetDef,
  type SheetKey,
} from '../core/registry/definition';
import type { RawRegistry, RawRow } from '../core/registry/records';
import { fromSerial } from '../core/dates/calendar';
import { columnLetter } from './layout';
import type { XlsxCell } from './xlsx-cells';
import { openXlsx, type SheetPart } from './xlsx-parts';

export type XlsxRead = { ok: true; raw: RawRegistry } | { ok: false; code: string; message: string };

/** Sheets a registry cannot do without; the others may be absent (= empty). */
export const REQUIRED_SHEETS: readonly SheetKey[] = ['cases'];

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const sheetByName = new Map<string, SheetDef>();
for (const s of SHEETS as readonly SheetDef[]) {
  sheetByName.set(norm(s.name), s);
  sheetByName.set(norm(s.key), s);
}

/** Days between the 1900 and 1904 date systems (old Mac Excel workbooks). */
const DAYS_1904 = 1462;

/**
 * A formula saved without its result: LibreOffice stores every boolean as a TRUE()/FALSE()
 * formula, and some programs leave results out. Recover what the column type allows.
 */
function lostResult(formula: string, type: ColumnType | undefined): unknown {
  if (/^\s*FALSE(\(\))?\s*$/i.test(formula)) return false;
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return 0;
  return undefined;
}

// A registry holds a few thousand distinct days in hundreds of thousands of date cells: one string
// per day keeps the raw registry small.
const isoBySerial = new Map<number, string>();
function isoOfSerial(serial: number): string | number {
  const known = isoBySerial.get(serial);
  if (known !== undefined) return known;
  const r = fromSerial(serial);
  if (!r.ok) return serial; // left to the row rules, which report it as not a date
  if (isoBySerial.size < 100_000) isoBySerial.set(serial, r.value);
  return r.value;
}

/** Whether a text is empty or only white space (what String#trim removes), mostly without trimming. */
function blank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // Visible ASCII and most CJK text start with a character trim() never removes.
  if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfeff)) return false;
  return s.trim() === '';
}

/** A cell's value as a plain value: text, number, boolean, or an ISO date for date columns. */
export function plainValue(v: XlsxCell | undefined, type: ColumnType | undefined, date1904: boolean): unknown {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return blank(v) ? undefined : v;
  if (typeof v === 'number') {
    if (type !== 'date') return v;
    return isoOfSerial(date1904 ? v + DAYS_1904 : v);
  }
  if (typeof v === 'boolean') return v;
  return lostResult(v.formula, type);
}

function fail(code: string, message: string): XlsxRead {
  return { ok: false, code, message };
}

/** What each column of a data sheet holds: the contract's column, or an unknown header's text. */
interface Header {
  /** Per 1-based column number: the key the cell is read under. */
  keys: Array<string | undefined>;
  types: Array<ColumnType | undefined>;
}

/** Maps header cells to the contract's columns; an unknown header keeps its text as the key. */
function readHeader(
  sheet: SheetDef,
  cols: number[],
  values: XlsxCell[],
  count: number,
): { ok: true; header: Header } | { ok: false; read: XlsxRead } {
  const byLabel = new Map<string, ColumnDef>();
  for (const c of sheet.columns) {
    byLabel.set(norm(c.label), c);
    byLabel.set(norm(c.key), c);
  }
  const header: Header = { keys: [], types: [] };
  const seen = new Map<string, number>();
  for (let j = 0; j < count; j++) {
    const i = cols[j]!;
    const text = plainValue(values[j], undefined, false);
    if (text === undefined) continue;
    const name = String(text).trim();
    const col = byLabel.get(norm(name));
    if (col && !seen.has(col.key)) {
      seen.set(col.key, i);
      header.keys[i] = col.key;
      header.types[i] = col.type;
    } else header.keys[i] = col ? `${name}（${columnLetter(i)}列・重複）` : name;
  }
  const missing = sheet.columns.filter((c) => c.required === true && !seen.has(c.key));
  if (missing.length) {
    return {
      ok: false,
      read: fail(
        'column.missing',
        `「${sheet.name}」シートの1行目に必須の見出し${missing.map((c) => `「${c.label}」`).join('')}がありません。テンプレート（kasane template）と同じ見出しにしてください。`,
      ),
    };
  }
  return { ok: true, header };
}

export async function readRegistryXlsx(bytes: Buffer): Promise<XlsxRead> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail(
      'format.invalid',
      'XLSX ファイルとして読めません。Excel または Google スプレッドシートで .xlsx 形式で保存したファイルを指定してください。',
    );
  }
  const sheets: Partial<Record<SheetKey, RawRow[]>> = {};
  let settingsRows: Array<[unknown, unknown]> | undefined;
  const isSettings = (key: string) => key === norm(SETTINGS_SHEET.name) || key === 'settings';
  try {
    // Only the contract's sheets and 「設定」 are inflated: extra sheets (a coordinator's own notes,
    // pivot tables), output sheets and the list helper are not ours to judge.
    const xlsx = openXlsx(bytes, {
      sheetWanted: (name) => {
        const key = norm(name);
        return isSettings(key) || sheetByName.has(key);
      },
    });
    for (const part of xlsx.sheets) {
      const key = norm(part.name);
      if (isSettings(key)) {
        const r = await readSettingsSheet(part, xlsx.date1904);
        if (!r.ok) return r.read;
        settingsRows = r.rows;
        continue;
      }
      const def = sheetByName.get(key)!;
      if (sheets[def.key])
        return fail('sheet.duplicate', `「${def.name}」シートが2つあります。1つにまとめてください。`);
      const r = await readDataSheet(def, part, xlsx.date1904);
      if (!r.ok) return r.read;
      sheets[def.key] = r.rows;
    }
  } catch (e) {
    return fail(
      'format.invalid',
      `XLSX ファイルを読めません（${e instanceof Error ? e.message : String(e)}）。ファイルが壊れていないか確認してください。`,
    );
  }
  for (const key of REQUIRED_SHEETS) {
    if (!sheets[key]) {
      const def = sheetDef(key);
      return fail(
        'sheet.missing',
        `「${def.name}」シートがありません。テンプレート（kasane template）のシート名のまま使ってください。`,
      );
    }
  }
  const raw: RawRegistry = { sheets };
  if (settingsRows) raw.settingsRows = settingsRows;
  return { ok: true, raw };
}

/**
 * A data row as read. Objects made by a constructor get room for their properties inside the
 * object once V8 has seen a few of them; `{}` grows a separate property store two or three times
 * for a row of twenty cells.
 */
class SheetRow {}

async function readDataSheet(
  def: SheetDef,
  part: SheetPart,
  date1904: boolean,
): Promise<{ ok: true; rows: RawRow[] } | { ok: false; read: XlsxRead }> {
  let header: Header | undefined;
  let failed: XlsxRead | undefined;
  const rows: RawRow[] = [];
  let last = 0; // length of rows up to the last non-empty one
  let seenRow = false;
  await part.read((number, cols, values, count) => {
    seenRow = true;
    if (number === 1) {
      const h = readHeader(def, cols, values, count);
      if (!h.ok) {
        failed = h.read;
        return false;
      }
      header = h.header;
      return;
    }
    if (!header) return false; // no header row: reported below
    const raw = new SheetRow() as RawRow;
    let any = false;
    for (let j = 0; j < count; j++) {
      const i = cols[j]!;
      const p = plainValue(values[j], header.types[i], date1904);
      if (p === undefined) continue;
      // Data under no header still belongs to the row: the row rules report it as column.unknown.
      raw[header.keys[i] ?? `${columnLetter(i)}列（見出しなし）`] = p;
      any = true;
    }
    const index = number - 2;
    while (rows.length < index) rows.push({});
    rows[index] = raw;
    if (any) last = index + 1;
  });
  if (failed) return { ok: false, read: failed };
  // A sheet left wholly empty holds no rows; only a required sheet needs its header.
  if (!seenRow && !REQUIRED_SHEETS.includes(def.key)) return { ok: true, rows: [] };
  if (!header) {
    const required = def.columns
      .filter((c) => c.required === true)
      .map((c) => `「${c.label}」`)
      .join('');
    return {
      ok: false,
      read: fail(
        'column.missing',
        `「${def.name}」シートの1行目に見出しがありません。${required}などの見出しを1行目に入れてください。`,
      ),
    };
  }
  rows.length = last;
  return { ok: true, rows };
}

async function readSettingsSheet(
  part: SheetPart,
  date1904: boolean,
): Promise<{ ok: true; rows: Array<[unknown, unknown]> } | { ok: false; read: XlsxRead }> {
  let itemCol = 0;
  let valueCol = 0;
  const rows: Array<[unknown, unknown]> = [];
  let last = 0;
  let seenRow = false;
  await part.read((number, cols, values, count) => {
    seenRow = true;
    if (number === 1) {
      for (let j = 0; j < count; j++) {
        const t = plainValue(values[j], undefined, date1904);
        if (t === SETTINGS_SHEET.itemLabel) itemCol = cols[j]!;
        else if (t === SETTINGS_SHEET.valueLabel) valueCol = cols[j]!;
      }
      return !!itemCol && !!valueCol;
    }
    if (!itemCol || !valueCol) return false;
    let item: unknown;
    let value: unknown;
    for (let j = 0; j < count; j++) {
      if (cols[j] === itemCol) item = plainValue(values[j], undefined, date1904);
      else if (cols[j] === valueCol) value = plainValue(values[j], undefined, date1904);
    }
    const index = number - 2;
    while (rows.length < index) rows.push([undefined, undefined]);
    rows[index] = [item, value];
    if (item !== undefined || value !== undefined) last = index + 1;
  });
  if (!seenRow) return { ok: true, rows: [] };
  if (!itemCol || !valueCol) {
    return {
      ok: false,
      read: fail(
        'column.missing',
        `「${SETTINGS_SHEET.name}」シートの1行目に見出し「${SETTINGS_SHEET.itemLabel}」「${SETTINGS_SHEET.valueLabel}」がありません。テンプレートと同じ形にしてください。`,
      ),
    };
  }
  rows.length = last;
  return { ok: true, rows };
}
