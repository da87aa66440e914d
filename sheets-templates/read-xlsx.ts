// Reads an XLSX (the template, Google Sheets' "Download as .xlsx", or Excel) into a RawRegistry:
// sheets by Japanese name, columns by Japanese label. Values are only brought to plain JS values
// here; every rule (types, lists, required cells) is left to readRegistry, so XLSX, JSON and
// Sheets input are judged by the same code. Sheets are parsed row by row as they are inflated
// (xlsx-parts.ts), so a 100k-case file never sits in memory as a workbook.
import type ExcelJS from 'exceljs';
import {
  OUTPUT_SHEETS,
  SETTINGS_SHEET,
  SHEETS,
  type ColumnDef,
  type ColumnType,
  type SheetDef,
  type SheetKey,
} from '../core/registry/definition';
import type { RawRegistry, RawRow } from '../core/registry/records';
import { fromSerial } from '../core/dates/calendar';
import { LISTS_SHEET, columnLetter } from './layout';
import { openXlsx } from './xlsx-parts';

export type XlsxRead = { ok: true; raw: RawRegistry } | { ok: false; code: string; message: string };

/** Sheets a registry cannot do without; the others may be absent (= empty). */
export const REQUIRED_SHEETS: readonly SheetKey[] = ['cases'];

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const sheetByName = new Map<string, SheetDef>();
for (const s of SHEETS as readonly SheetDef[]) {
  sheetByName.set(norm(s.name), s);
  sheetByName.set(norm(s.key), s);
}
const IGNORED = new Set([...Object.values(OUTPUT_SHEETS), LISTS_SHEET].map(norm));

/** Days between the 1900 and 1904 date systems (old Mac Excel workbooks). */
const DAYS_1904 = 1462;

interface CellContext {
  /** The contract's type of the cell's column, when known. */
  type?: ColumnType;
  date1904: boolean;
}

/**
 * exceljs drops a formula's falsy result (0, FALSE, "") when it reads the cell, and LibreOffice
 * stores every boolean as a TRUE()/FALSE() formula: recover what the column type allows.
 */
function lostResult(formula: unknown, type: ColumnType | undefined): unknown {
  if (typeof formula === 'string' && /^\s*FALSE(\(\))?\s*$/i.test(formula)) return false;
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return 0;
  return undefined;
}

function isoUtc(d: Date): string | undefined {
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().slice(0, 10);
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

/** A cell's value as a plain value: text, number, boolean, or an ISO date for date cells. */
export function plainValue(v: unknown, ctx: CellContext): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (ctx.type !== 'date') return v;
    return isoOfSerial(ctx.date1904 ? v + DAYS_1904 : v);
  }
  // exceljs dates stand for UTC midnight of the serial day: read UTC components.
  if (v instanceof Date) return isoUtc(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return plainValue((o.richText as Array<{ text?: unknown }>).map((t) => String(t.text ?? '')).join(''), ctx);
    if ('formula' in o || 'sharedFormula' in o)
      return 'result' in o ? plainValue(o.result, ctx) : lostResult(o.formula, ctx.type);
    if ('hyperlink' in o) return plainValue(o.text, ctx);
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return plainValue(o.text, ctx);
  }
  return String(v);
}

type HeaderSlot = { kind: 'column'; col: ColumnDef } | { kind: 'unknown'; name: string };

function fail(code: string, message: string): XlsxRead {
  return { ok: false, code, message };
}

/** Maps header cells to the contract's columns; an unknown header keeps its text as the key. */
function readHeader(
  sheet: SheetDef,
  values: unknown[],
): { ok: true; slots: Map<number, HeaderSlot> } | { ok: false; read: XlsxRead } {
  const byLabel = new Map<string, ColumnDef>();
  for (const c of sheet.columns) {
    byLabel.set(norm(c.label), c);
    byLabel.set(norm(c.key), c);
  }
  const slots = new Map<number, HeaderSlot>();
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const text = plainValue(v, { date1904: false });
    if (text === undefined) return;
    const name = String(text).trim();
    const col = byLabel.get(norm(name));
    if (col) {
      if (seen.has(col.key)) {
        slots.set(i, { kind: 'unknown', name: `${name}（${columnLetter(i)}列・重複）` });
        return;
      }
      seen.set(col.key, i);
      slots.set(i, { kind: 'column', col });
    } else slots.set(i, { kind: 'unknown', name });
  });
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
  return { ok: true, slots };
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
    // Extra sheets (a coordinator's own notes, pivot tables), output sheets and the list helper are
    // not ours to judge: they are not even inflated.
    const xlsx = await openXlsx(bytes, {
      sheetWanted: (name) => !IGNORED.has(norm(name)) && (isSettings(norm(name)) || sheetByName.has(norm(name))),
    });
    for (const part of xlsx.sheets) {
      const key = norm(part.name);
      if (isSettings(key)) {
        const r = await readSettingsSheet(part.rows(), xlsx.date1904);
        if (!r.ok) return r.read;
        settingsRows = r.rows;
        continue;
      }
      const def = sheetByName.get(key)!;
      if (sheets[def.key])
        return fail('sheet.duplicate', `「${def.name}」シートが2つあります。1つにまとめてください。`);
      const r = await readDataSheet(def, part.rows(), xlsx.date1904);
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
      const def = SHEETS.find((s) => s.key === key)!;
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

async function readDataSheet(
  def: SheetDef,
  ws: AsyncIterable<ExcelJS.Row>,
  date1904: boolean,
): Promise<{ ok: true; rows: RawRow[] } | { ok: false; read: XlsxRead }> {
  let slots: Map<number, HeaderSlot> | undefined;
  const rows: RawRow[] = [];
  let last = 0; // length of rows up to the last non-empty one
  let seenRow = false;
  for await (const row of ws) {
    seenRow = true;
    const values = row.values as unknown[];
    if (row.number === 1) {
      const h = readHeader(def, values);
      if (!h.ok) return h;
      slots = h.slots;
      continue;
    }
    if (!slots) break; // no header row: reported below
    const raw: RawRow = {};
    let any = false;
    for (let i = 1; i < values.length; i++) {
      const v = values[i];
      if (v === undefined || v === null) continue;
      const slot = slots.get(i);
      const p = plainValue(v, { type: slot?.kind === 'column' ? slot.col.type : undefined, date1904 });
      if (p === undefined) continue;
      // Data under no header still belongs to the row: the row rules report it as column.unknown.
      const k = slot ? (slot.kind === 'column' ? slot.col.key : slot.name) : `${columnLetter(i)}列（見出しなし）`;
      raw[k] = p;
      any = true;
    }
    const index = row.number - 2;
    while (rows.length < index) rows.push({});
    rows[index] = raw;
    if (any) last = index + 1;
  }
  // A sheet left wholly empty holds no rows; only a required sheet needs its header.
  if (!seenRow && !REQUIRED_SHEETS.includes(def.key)) return { ok: true, rows: [] };
  if (!slots) {
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
  ws: AsyncIterable<ExcelJS.Row>,
  date1904: boolean,
): Promise<{ ok: true; rows: Array<[unknown, unknown]> } | { ok: false; read: XlsxRead }> {
  let itemCol = 0;
  let valueCol = 0;
  const rows: Array<[unknown, unknown]> = [];
  let last = 0;
  const ctx: CellContext = { date1904 };
  let seenRow = false;
  for await (const row of ws) {
    seenRow = true;
    const values = row.values as unknown[];
    if (row.number === 1) {
      values.forEach((v, i) => {
        const t = plainValue(v, ctx);
        if (t === SETTINGS_SHEET.itemLabel) itemCol = i;
        else if (t === SETTINGS_SHEET.valueLabel) valueCol = i;
      });
      if (!itemCol || !valueCol) break;
      continue;
    }
    const item = plainValue(values[itemCol], ctx);
    const value = plainValue(values[valueCol], ctx);
    const index = row.number - 2;
    while (rows.length < index) rows.push([undefined, undefined]);
    rows[index] = [item, value];
    if (item !== undefined || value !== undefined) last = index + 1;
  }
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
