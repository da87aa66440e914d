// One reading of a workbook's layout for every face (the XLSX reader, the add-on, the preview, the
// templates' own checks): which sheet is which contract sheet, which row holds the headers, which
// column holds which key, and what the office added of its own. Offices keep registries with a title
// row above the headers, their own 「No.」 and 「備考」 columns, headers typed with full-width brackets
// or a stray space, and renamed sheets; each face used to judge these differently, so the same
// workbook gave different figures by path. Cells are judged later, by the row rules (read.ts).
import {
  OUTPUT_SHEETS,
  SETTINGS_SHEET,
  SHEETS,
  columnLabel,
  type ColumnDef,
  type SheetDef,
  type SheetKey,
} from './definition';
import type { Issue } from '../issues';

/**
 * The header row is the first of this many rows that holds the contract's required headers: offices
 * put a title, the town's name, a date and notes on how to fill the sheet (記入上の注意) above it.
 */
export const HEADER_SEARCH_ROWS = 10;

/**
 * A header or sheet name as compared: NFKC (full-width letters, digits and brackets become
 * half-width), every kind of space removed, letters lower-cased. `重量（kg）`, `重量 (kg)` and `重量(KG)`
 * are one header.
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/g, '')
    .toLowerCase();
}

const headerText = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

const columnsByHeader = new Map<SheetKey, Map<string, ColumnDef>>();
function headerIndex(def: SheetDef): Map<string, ColumnDef> {
  let ix = columnsByHeader.get(def.key);
  if (!ix) {
    ix = new Map();
    for (const c of def.columns) {
      ix.set(headerKey(c.label), c);
      ix.set(headerKey(c.key), c);
      // 受付年月日 for 受付日, as many offices' forms say it.
      if (c.type === 'date') ix.set(headerKey(c.label.replace(/日$/, '年月日')), c);
    }
    columnsByHeader.set(def.key, ix);
  }
  return ix;
}

/**
 * The marks offices put on a header to say whether it must be filled, as headerKey leaves them:
 * 受付日（必須）, 受付日(任意), ※受付日, 受付日＊. Only these: 受付日（旧） stays another column.
 */
const FILL_MARKS = /^(?:※|\*)+|(?:\((?:必須|任意)\)|※|\*)+$/g;

/** The contract column a header cell names, if any (with or without a mark of FILL_MARKS). */
export function columnOfHeader(def: SheetDef, text: unknown): ColumnDef | undefined {
  const t = headerText(text);
  if (!t) return undefined;
  const ix = headerIndex(def);
  const key = headerKey(t);
  return ix.get(key) ?? ix.get(key.replace(FILL_MARKS, ''));
}

/** Column letters of A1 notation (1 → A, 27 → AA): one function for the add-on, the templates and messages. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface SheetLayout {
  /** 1-based sheet row of the headers; 0 when the sheet is empty or no header row was found. */
  headerRow: number;
  /** Per 0-based column: the contract key read from it; undefined for the office's own columns. */
  keys: Array<string | undefined>;
  /** Contract key → 0-based column. */
  columns: Map<string, number>;
  /** Contract columns the sheet lacks: their cells count as unreadable in every row. */
  missing: string[];
  /**
   * Optional coded columns the sheet lacks (no PII, no free text), with the office's header that may
   * be one of them retyped: read as empty, so figures that count them must say so.
   */
  absent: AbsentColumn[];
  /** Layout faults (missing or repeated headers, no header row): one issue each, for the sheet. */
  issues: Issue[];
  /** The office's own columns, mentioned once per sheet. */
  notices: Issue[];
  /** False when no header row was found: the sheet's rows cannot be read at all. */
  readable: boolean;
}

/** An optional column a sheet lacks, and the office's own header that looks like it (「重量」 for 「重量(kg)」). */
export interface AbsentColumn {
  key: string;
  near?: string;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Finds the header row among the first rows of a sheet and maps its columns. `firstRows[i]` is sheet
 * row i + 1 as cell values by 0-based column (sparse arrays are fine); the whole sheet may be given
 * (only the first rows are searched for the header, the rest only for content). A wholly empty sheet
 * is an empty sheet: readable, no header, no issue; content with no header above it is unreadable.
 */
export function findLayout(
  def: SheetDef,
  firstRows: ReadonlyArray<ArrayLike<unknown> | undefined>,
  /** Whether rows below the ones given hold anything (a streaming reader knows it without holding them). */
  contentBelow = false,
): SheetLayout {
  const required = def.columns.filter((c) => c.required === true);
  let best = -1;
  let bestScore = 0;
  let complete = false;
  let anyContent = contentBelow;
  const limit = Math.min(firstRows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = firstRows[r];
    if (!row) continue;
    const seen = new Set<string>();
    for (let i = 0; i < row.length; i++) {
      if (!isBlank(row[i])) anyContent = true;
      const col = columnOfHeader(def, row[i]);
      if (col) seen.add(col.key);
    }
    if (required.every((c) => seen.has(c.key))) {
      best = r;
      complete = true;
      break;
    }
    if (seen.size > bestScore) {
      best = r;
      bestScore = seen.size;
    }
  }
  for (let r = limit; r < firstRows.length && !anyContent; r++) {
    const row = firstRows[r];
    if (row) for (let i = 0; i < row.length && !anyContent; i++) if (!isBlank(row[i])) anyContent = true;
  }
  const empty: SheetLayout = {
    headerRow: 0,
    keys: [],
    columns: new Map(),
    missing: [],
    absent: [],
    issues: [],
    notices: [],
    readable: true,
  };
  if (!anyContent) return empty;
  // Two contract headers make a header row even with required ones missing; fewer is no header at all.
  if (best < 0 || (!complete && bestScore < 2)) {
    const needed = required.map((c) => `「${c.label}」`).join('');
    return {
      ...empty,
      readable: false,
      issues: [
        {
          sheet: def.key,
          row: null,
          column: null,
          code: 'column.missing',
          message: `「${def.name}」シートの${HEADER_SEARCH_ROWS}行目までに見出しの行が見つかりません。${needed}などの見出しを1行にそろえてください（上にタイトルの行があってもかまいません）。このシートの行は読み込んでいません。`,
        },
      ],
    };
  }
  const header = firstRows[best]!;
  const headerRow = best + 1;
  const keys: Array<string | undefined> = [];
  const columns = new Map<string, number>();
  const own: string[] = [];
  const issues: Issue[] = [];
  for (let i = 0; i < header.length; i++) {
    const text = headerText(header[i]).trim();
    if (!text) continue;
    const col = columnOfHeader(def, text);
    if (!col) {
      // A header typed over two lines is quoted on one.
      own.push(text.replace(/\s*[\r\n]+\s*/g, ''));
      continue;
    }
    const first = columns.get(col.key);
    if (first !== undefined) {
      issues.push({
        sheet: def.key,
        row: headerRow,
        column: col.key,
        code: 'column.duplicate',
        message: `「${def.name}」シート ${headerRow}行目: 見出し「${col.label}」が${columnLetter(first + 1)}列と${columnLetter(i + 1)}列の2か所にあります。どちらかの見出しを消すか名前を変えてください（${columnLetter(first + 1)}列を読み、${columnLetter(i + 1)}列は読んでいません）。`,
      });
      continue;
    }
    columns.set(col.key, i);
    keys[i] = col.key;
  }
  const missing = def.columns.filter((c) => !columns.has(c.key));
  const missingRequired = missing.filter((c) => c.required === true);
  if (missingRequired.length)
    issues.push({
      sheet: def.key,
      row: headerRow,
      column: missingRequired[0]!.key,
      code: 'column.missing',
      message: `「${def.name}」シート ${headerRow}行目: 必須の見出し${missingRequired.map((c) => `「${c.label}」`).join('')}がありません。テンプレート（kasane template）と同じ見出しを加えてください。この列を使う集計からは、このシートの行を除外しています。`,
    });
  const notices: Issue[] = [];
  if (own.length)
    notices.push({
      sheet: def.key,
      row: headerRow,
      column: null,
      code: 'column.office',
      message: `「${def.name}」シートの${own.map((t) => `「${t}」`).join('')}列は台帳の項目ではないため、読み込んでいません（集計・同期・書き出しには使いません）。`,
    });
  const absent = absentColumns(missing, own);
  if (absent.length) notices.push(absentNotice(def, headerRow, absent));
  return {
    headerRow,
    keys,
    columns,
    missing: missing.map((c) => c.key),
    absent,
    issues,
    notices,
    readable: true,
  };
}

/**
 * The optional coded columns among the missing ones, each with the office header that may be it
 * retyped: one that holds the contract's header or is held in it (「重量」, 「重量(kg)」), or one of
 * the same length that begins and ends as it does (「終了日」 for 「終結日」, 「プラン策定日」 for
 * 「プラン作成日」). Each office header is named for one column at most.
 */
function absentColumns(missing: readonly ColumnDef[], own: readonly string[]): AbsentColumn[] {
  const free = own.map((t) => ({ text: t, key: headerKey(t) }));
  const out: AbsentColumn[] = [];
  for (const c of missing) {
    if (c.required === true || c.pii || c.type === 'text') continue;
    const k = headerKey(c.label);
    const i = free.findIndex(
      (o) =>
        o.key.length >= 2 &&
        (o.key.includes(k) ||
          k.includes(o.key) ||
          (o.key.length === k.length && o.key[0] === k[0] && o.key.at(-1) === k.at(-1))),
    );
    if (i < 0) out.push({ key: c.key });
    else out.push({ key: c.key, near: free.splice(i, 1)[0]!.text });
  }
  return out;
}

/** What a retyped header's name would be: 「重量」列が「重量(kg)」にあたるなら… */
export function absentHint(def: SheetDef, absent: readonly AbsentColumn[]): string {
  return absent
    .filter((a) => a.near !== undefined)
    .map((a) => {
      const label = columnLabel(def, a.key);
      return `「${a.near}」列が「${label}」にあたるなら、見出しを「${label}」に変えてください。`;
    })
    .join('');
}

function absentNotice(def: SheetDef, headerRow: number, absent: readonly AbsentColumn[]): Issue {
  const labels = absent.map((a) => `「${columnLabel(def, a.key)}」`).join('');
  return {
    sheet: def.key,
    row: headerRow,
    column: absent[0]!.key,
    code: 'column.absent',
    message: `「${def.name}」シートに見出し${labels}がありません（空欄として読みます）。${absentHint(def, absent)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Sheets by name

/** Sheets the software writes or keeps for itself: never a renamed contract sheet. */
const OWN_SHEETS = new Set<string>(
  [...Object.values(OUTPUT_SHEETS), '準備シート', '_lists', SETTINGS_SHEET.name, 'settings'].map(headerKey),
);

const sheetByName = new Map<string, SheetDef>();
for (const s of SHEETS as readonly SheetDef[]) {
  sheetByName.set(headerKey(s.name), s);
  sheetByName.set(headerKey(s.key), s);
}

export interface SheetsFound {
  /** Contract sheet key → the workbook's sheet name. */
  found: Map<SheetKey, string>;
  /** The 「設定」 sheet's name in the workbook, if present; else a sheet named like it (設定一覧). */
  settings: string | undefined;
  settingsNear?: string;
  /** Contract sheets the workbook lacks, with a near name when one exists. */
  missing: Array<{ key: SheetKey; near: string | undefined }>;
  /** Layout issues: missing contract sheets (`sheet.missing`) and a contract sheet present twice. */
  issues: Issue[];
  /** Sheets named like a contract sheet that is there (ケース (2), ケース（R6）): not read, said once. */
  notices: Issue[];
  /** Those sheets, each with the contract sheet it is named like. */
  copies: Array<{ name: string; key: SheetKey }>;
}

/** Whether a workbook sheet name is the settings sheet. */
export function isSettingsSheetName(name: string): boolean {
  const k = headerKey(name);
  return k === headerKey(SETTINGS_SHEET.name) || k === 'settings';
}

/**
 * Whether a sheet may hold an office's copy of registry rows: any sheet but the contract's, 設定 and
 * the ones kasane writes (other-sheets.ts reads its first rows to find out).
 */
export function isOtherSheetName(name: string): boolean {
  return !isContractSheetName(name) && !OWN_SHEETS.has(headerKey(name));
}

/** Whether a workbook sheet name is one of the contract's data sheets (or 設定). */
export function isContractSheetName(name: string): boolean {
  return isSettingsSheetName(name) || sheetByName.has(headerKey(name));
}

/**
 * Matches a workbook's sheet names to the contract's sheets. A missing sheet is named, with the
 * workbook's sheet whose name contains the contract's name (検討ケース一覧, 支援記録（R7）, 会議録 ⊃ 会議)
 * as the likely rename; the longest contract name wins, so 検討ケース一覧 is 検討ケース, not ケース.
 */
export function findSheets(names: readonly string[]): SheetsFound {
  const found = new Map<SheetKey, string>();
  let settings: string | undefined;
  const issues: Issue[] = [];
  const others: string[] = [];
  for (const name of names) {
    if (isSettingsSheetName(name)) {
      settings ??= name;
      continue;
    }
    const def = sheetByName.get(headerKey(name));
    if (!def) {
      if (!OWN_SHEETS.has(headerKey(name))) others.push(name);
      continue;
    }
    const first = found.get(def.key);
    if (first !== undefined) {
      issues.push({
        sheet: def.key,
        row: null,
        column: null,
        code: 'sheet.duplicate',
        message: `「${def.name}」にあたるシートが「${first}」と「${name}」の2つあります。1つにまとめてください（「${first}」を読み、「${name}」は読んでいません）。`,
      });
      continue;
    }
    found.set(def.key, name);
  }
  const near = new Map<SheetKey, string>();
  for (const name of others) {
    const k = headerKey(name);
    let best: SheetDef | undefined;
    for (const s of SHEETS as readonly SheetDef[]) {
      if (found.has(s.key) || near.has(s.key)) continue;
      const n = headerKey(s.name);
      if ((k.includes(n) || n.includes(k)) && (!best || n.length > headerKey(best.name).length)) best = s;
    }
    if (best) near.set(best.key, name);
  }
  const missing: SheetsFound['missing'] = [];
  for (const s of SHEETS as readonly SheetDef[]) {
    if (found.has(s.key)) continue;
    const nearName = near.get(s.key);
    missing.push({ key: s.key, near: nearName });
    issues.push({
      sheet: s.key,
      row: null,
      column: null,
      code: 'sheet.missing',
      message: missingSheetMessage(s, nearName),
    });
  }
  // A copy or an archive of a sheet that is there (ケース (2), ケース（R6）): its rows are not counted,
  // which the office must know. The longest contract name it holds names it (検討ケース一覧 is 検討ケース's).
  const copies: SheetsFound['copies'] = [];
  const nearNames = new Set(near.values());
  for (const name of others) {
    if (nearNames.has(name)) continue;
    const k = headerKey(name);
    let of: SheetDef | undefined;
    for (const s of SHEETS as readonly SheetDef[]) {
      const n = headerKey(s.name);
      if (found.has(s.key) && k.includes(n) && (!of || n.length > headerKey(of.name).length)) of = s;
    }
    if (of) copies.push({ name, key: of.key });
  }
  const notices = copies.map((c) => copyNotice(c.name, c.key, found.get(c.key)!));
  const settingsKey = headerKey(SETTINGS_SHEET.name);
  const settingsNear = settings === undefined ? others.find((n) => headerKey(n).includes(settingsKey)) : undefined;
  return { found, settings, missing, issues, notices, copies, ...(settingsNear ? { settingsNear } : {}) };
}

/** A sheet named like a contract sheet that is there: not read, said once. */
export function copyNotice(name: string, key: SheetKey, reads: string): Issue {
  return {
    sheet: key,
    row: null,
    column: null,
    code: 'sheet.extra',
    message: `「${name}」シートは読んでいません（台帳は「${reads}」シートを読みます）。集計に入れる行があるなら、「${reads}」シートに移してください。`,
  };
}

export function missingSheetMessage(def: Pick<SheetDef, 'name'>, near: string | undefined): string {
  return near === undefined
    ? `「${def.name}」シートがありません。テンプレート（kasane template）と同じ名前のシートを作ってください。`
    : `「${def.name}」シートがありません。「${near}」シートがそれにあたるなら、シート名を「${def.name}」に変えてください（今は読んでいません）。`;
}
