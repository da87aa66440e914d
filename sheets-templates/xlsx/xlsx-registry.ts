// Reads an XLSX (the template, Google Sheets' "Download as .xlsx", or Excel) into a RawRegistry:
// sheets, header rows and columns found by core/registry/layout.ts, as every face finds them.
// No platform API: Node (read-xlsx.ts) and the browser (read-xlsx-web.ts) pass their XlsxIo, the
// only thing in which their readings differ.
// Values are only brought to plain JS values here; every rule (types, lists, required cells) is left
// to readRegistry, so XLSX, JSON and Sheets input are judged by the same code. Sheets are parsed row
// by row as they are inflated (xlsx-parts.ts, xlsx-cells.ts), so a 100k-case file never sits in
// memory as a workbook.
import { SHEETS, sheetDef, type ColumnType, type SheetDef, type SheetKey } from '../../core/registry/definition';
import type { RawRegistry, RawRow } from '../../core/registry/records';
import type { Issue } from '../../core/issues';
import { fromSerial } from '../../core/dates/calendar';
import { UnreadFormula } from '../../core/registry/cells';
import {
  findLayout,
  findSheets,
  HEADER_SEARCH_ROWS,
  isContractSheetName,
  isOtherSheetName,
  type SheetLayout,
  type SheetsFound,
} from '../../core/registry/layout';
import {
  SETTINGS_HEADER_MISSING,
  SETTINGS_MISSING,
  settingsLayout,
  workbookLayout,
} from '../../core/registry/workbook';
import { fillMergedRows, type MergedRange } from '../../core/registry/merged';
import type { OtherSheet } from '../../core/registry/other-sheets';
import type { XlsxCell } from './xlsx-cells';
import { fileKindFault } from './file-kind';
import { openXlsx, type SheetPart } from './xlsx-parts';
import type { XlsxIo } from './xlsx-zip';

export type XlsxRead = { ok: true; raw: RawRegistry } | { ok: false; code: string; message: string };

/** Days between the 1900 and 1904 date systems (old Mac Excel workbooks). */
const DAYS_1904 = 1462;

/**
 * A formula saved without its result (some programs write formulas and leave the computing to
 * Excel). TRUE() and FALSE() are their own result; any other is a fault the row rules report
 * (UnreadFormula), never a 0 or a FALSE that would be counted.
 */
function lostResult(formula: string): unknown {
  const constant = /^\s*(TRUE|FALSE)(\(\))?\s*$/i.exec(formula);
  if (constant) return constant[1]!.toUpperCase() === 'TRUE';
  return new UnreadFormula(formula);
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
  return lostResult(v.formula);
}

function fail(code: string, message: string): XlsxRead {
  return { ok: false, code, message };
}

export async function readXlsxRegistry(bytes: Uint8Array, io: XlsxIo): Promise<XlsxRead> {
  // A password-protected workbook, an old .xls, an .ods or a CSV, whatever its name: said as such.
  const kind = await fileKindFault(bytes, io);
  if (kind) return fail(kind.code, kind.message);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail(
      'format.invalid',
      'XLSX ファイルとして読めません。Excel または Google スプレッドシートで .xlsx 形式で保存したファイルを指定してください。',
    );
  }
  const sheets: Partial<Record<SheetKey, RawRow[]>> = {};
  const layouts = new Map<SheetKey, SheetLayout>();
  let settingsRows: Array<[unknown, unknown]> | undefined;
  let settingsIssue: Issue | undefined = SETTINGS_MISSING;
  let found: SheetsFound;
  const merged: Issue[] = [];
  const others: OtherSheet[] = [];
  try {
    // The contract's sheets and 「設定」 are read; of the office's own sheets (notes, pivot tables, a
    // copy of last year's rows) only the first rows, to find one holding registry rows; the output
    // sheets and the list helper not at all. Every name is read, so a renamed sheet (検討ケース一覧)
    // is named in the message.
    const xlsx = await openXlsx(bytes, { sheetWanted: isReadSheetName }, io);
    found = findSheets(xlsx.names);
    if (found.found.size === 0)
      return fail(
        'sheet.missing',
        `台帳のシート（${SHEETS.map((d) => `「${d.name}」`).join('')}）が1つもありません。kasane の台帳（kasane template で作ったもの）を指定してください。${found.missing.some((m) => m.near) ? `名前の近いシート: ${found.missing.flatMap((m) => (m.near ? [`「${m.near}」`] : [])).join('')}。シート名をテンプレートと同じにしてください。` : ''}`,
      );
    const keyOfName = new Map([...found.found].map(([k, n]) => [n, k]));
    for (const part of xlsx.sheets) {
      if (part.name === found.settings) {
        const r = await readSettingsSheet(part, xlsx.date1904);
        settingsIssue = r.ok ? undefined : SETTINGS_HEADER_MISSING;
        if (r.ok) settingsRows = r.rows;
        continue;
      }
      const key = keyOfName.get(part.name);
      if (key === undefined) {
        // A sheet of the office's may hold registry rows (「ケース（R6）」): its first rows say. A
        // second sheet of the same kind is not read: findSheets reports it.
        if (isOtherSheetName(part.name)) others.push(await readOtherSheet(part, xlsx.date1904));
        continue;
      }
      const r = await readDataSheet(sheetDef(key), part, xlsx.date1904);
      layouts.set(key, r.layout);
      sheets[key] = r.rows;
      if (r.merged) merged.push(r.merged);
    }
  } catch (e) {
    return fail(
      'format.invalid',
      `XLSX ファイルを読めません（${e instanceof Error ? e.message : String(e)}）。ファイルが壊れていないか確認してください。`,
    );
  }
  const raw: RawRegistry = { sheets, layout: workbookLayout(found, layouts, settingsIssue, others) };
  raw.layout!.notices.push(...merged);
  if (settingsRows) raw.settingsRows = settingsRows;
  return { ok: true, raw };
}

/**
 * A data row as read. Objects made by a constructor get room for their properties inside the
 * object once V8 has seen a few of them; `{}` grows a separate property store two or three times
 * for a row of twenty cells.
 */
class SheetRow {}

/** A row as the reader hands it over, copied (the reader reuses its arrays). */
interface HeldRow {
  number: number;
  cols: number[];
  values: XlsxCell[];
  count: number;
}

/**
 * Calls `decide` with the first rows (as plain values by 0-based column) once they are all in — a
 * title row may stand above the header — then `take` for every row in order, the held ones first.
 * `take` returning false stops the reading. Answers the sheet's merged ranges.
 */
async function readAfterHeader(
  part: SheetPart,
  date1904: boolean,
  decide: (first: unknown[][], contentBelow: boolean) => boolean,
  take: (number: number, cols: number[], values: XlsxCell[], count: number) => void,
): Promise<MergedRange[]> {
  const held: HeldRow[] = [];
  let decided: boolean | undefined;
  const settle = (contentBelow: boolean): boolean => {
    const first: unknown[][] = [];
    for (const h of held) {
      const dense: unknown[] = [];
      for (let j = 0; j < h.count; j++) dense[h.cols[j]! - 1] = plainValue(h.values[j], undefined, date1904);
      first[h.number - 1] = dense;
    }
    decided = decide(first, contentBelow);
    if (decided) for (const h of held) take(h.number, h.cols, h.values, h.count);
    held.length = 0;
    return decided;
  };
  const merges = await part.read((number, cols, values, count) => {
    if (decided === undefined) {
      if (number <= HEADER_SEARCH_ROWS) {
        held.push({ number, cols: cols.slice(0, count), values: values.slice(0, count), count });
        return;
      }
      // A row below the first ones arrived: the sheet holds content there.
      if (!settle(true)) return false;
    }
    if (!decided) return false;
    take(number, cols, values, count);
  });
  if (decided === undefined) settle(false);
  return merges;
}

/**
 * The sheets a reading inflates: the contract's, 設定, and the office's own (only their first rows,
 * readOtherSheet), not the ones kasane writes.
 */
export const isReadSheetName = (name: string): boolean => isContractSheetName(name) || isOtherSheetName(name);

/** A sheet the contract does not name, by its first rows: the reading stops below them. */
export async function readOtherSheet(part: SheetPart, date1904: boolean): Promise<OtherSheet> {
  let other: OtherSheet = { name: part.name, firstRows: [], contentBelow: false };
  // The first rows as a data sheet's header is looked for in them, and no row taken after them. Not
  // ours to judge: a sheet of the office's that cannot be read holds no registry rows for us.
  const decide = (firstRows: unknown[][], contentBelow: boolean) => {
    other = { name: part.name, firstRows, contentBelow };
    return false;
  };
  await readAfterHeader(part, date1904, decide, () => undefined).catch(() => undefined);
  return other;
}

/** Takes a data row below the header: its 1-based number and cells (see RowSink). */
export type RowTake = (number: number, cols: number[], values: XlsxCell[], count: number) => void;

/**
 * Finds a data sheet's layout in its first rows, then hands every row below the header to the take
 * that `begin` makes for that layout (none when the sheet cannot be read). Returns the layout and
 * the sheet's merged ranges.
 */
export async function readDataRows(
  def: SheetDef,
  part: SheetPart,
  date1904: boolean,
  begin: (layout: SheetLayout, types: Array<ColumnType | undefined>) => RowTake,
): Promise<{ layout: SheetLayout; merges: MergedRange[] }> {
  let layout: SheetLayout = findLayout(def, []);
  let take: RowTake | undefined;
  const merges = await readAfterHeader(
    part,
    date1904,
    (first, contentBelow) => {
      layout = findLayout(def, first, contentBelow);
      const types = layout.keys.map((k) => (k === undefined ? undefined : def.columns.find((c) => c.key === k)?.type));
      if (!layout.readable || layout.headerRow === 0) return false;
      take = begin(layout, types);
      return true;
    },
    (number, cols, values, count) => {
      if (number > layout.headerRow) take!(number, cols, values, count);
    },
  );
  return { layout, merges };
}

async function readDataSheet(
  def: SheetDef,
  part: SheetPart,
  date1904: boolean,
): Promise<{ rows: RawRow[]; layout: SheetLayout; merged: Issue | undefined }> {
  const rows: RawRow[] = [];
  let last = 0; // length of rows up to the last non-empty one
  const { layout, merges } = await readDataRows(
    def,
    part,
    date1904,
    ({ keys }, types) =>
      (number, cols, values, count) => {
        const raw = new SheetRow() as RawRow;
        let any = false;
        for (let j = 0; j < count; j++) {
          const i = cols[j]! - 1;
          const key = keys[i];
          if (key === undefined) continue; // the office's own column: never read
          const p = plainValue(values[j], types[i], date1904);
          if (p === undefined) continue;
          raw[key] = p;
          any = true;
        }
        // Element i stands for sheet row i + 2, title and header rows being empty placeholders.
        const index = number - 2;
        while (rows.length < index) rows.push({});
        rows[index] = raw;
        if (any) last = index + 1;
      },
  );
  rows.length = last;
  return { rows, layout, merged: fillMergedRows(def, layout, rows, merges) };
}

export async function readSettingsSheet(
  part: SheetPart,
  date1904: boolean,
): Promise<{ ok: true; rows: Array<[unknown, unknown]> } | { ok: false }> {
  let header: ReturnType<typeof settingsLayout>;
  let empty = true;
  const rows: Array<[unknown, unknown]> = [];
  let last = 0;
  await readAfterHeader(
    part,
    date1904,
    (first) => {
      empty = !first.some((r) => r?.some((v) => v !== undefined));
      header = settingsLayout(first);
      return header !== undefined;
    },
    (number, cols, values, count) => {
      if (!header || number <= header.headerRow) return;
      let item: unknown;
      let value: unknown;
      for (let j = 0; j < count; j++) {
        if (cols[j] === header.item + 1) item = plainValue(values[j], undefined, date1904);
        else if (cols[j] === header.value + 1) value = plainValue(values[j], undefined, date1904);
      }
      const index = number - 2;
      while (rows.length < index) rows.push([undefined, undefined]);
      rows[index] = [item, value];
      if (item !== undefined || value !== undefined) last = index + 1;
    },
  );
  // An empty 設定 sheet holds no settings: every setting takes its default.
  if (!header) return empty ? { ok: true, rows: [] } : { ok: false };
  rows.length = last;
  return { ok: true, rows };
}
