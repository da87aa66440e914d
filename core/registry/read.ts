// Row rules: turn a raw registry (from JSON, XLSX or Sheets) into parsed records, one issue per
// faulty cell. A faulty cell is left out of its record and marked in `faults`; the row stays, so
// each figure leaves it out only when it needs that cell (indicators/needs.ts).
import {
  columnLabel,
  defaultSettings,
  SETTING_DEFS,
  SETTINGS_SHEET,
  SHEETS,
  idColumn,
  settingsLists,
  sheetDef,
  type SettingDef,
  type SheetDef,
  type SheetKey,
  type Settings,
} from './definition';
import { cellParser, isLeftover, isPlainValue, isEmptyCell, splitMulti, textReader } from './cells';
import {
  cellMessage,
  settingMessage,
  unknownColumnMessage,
  duplicateIdMessage,
  requiredMessage,
  rowRanges,
} from './messages';
import type { Issue } from '../issues';
import type { RawRegistry, RawRow, Registry } from './records';
import { headerKey, type AbsentColumn } from './layout';

/** Sheet row of a JSON element or a data row: row 1 holds the headers. */
export const rowOfIndex = (i: number): number => i + 2;

export interface SheetRows {
  /** Sheet row numbers, parallel to the registry's records of that sheet. */
  rows: number[];
  /** Ids of every row that has a readable id, kept or left out (references to a faulty row are not `ref.missing`). */
  readonly ids: ReadonlySet<string>;
}

export interface ReadResult {
  registry: Registry;
  rows: Record<SheetKey, SheetRows>;
  /** Cells that could not be read, per record: figures that need them leave those rows out. */
  faults: RowFaults;
  /** Row rules' issues and the layout's (missing sheets, missing or repeated headers). */
  issues: Issue[];
  /** Allowed, but worth a word once per sheet: the office's own columns. */
  notices: Issue[];
  /** Sheets or required columns the figures had to do without: shown wherever figures are. */
  warnings: string[];
  /**
   * The same, one for one, as public files say them: what the figures lack, without the office's fix
   * (シート名を…に変えてください is no note for the public).
   */
  publicWarnings: string[];
  /** Optional coded columns the sheets lack: figures that count them say so (indicators/compute.ts). */
  absentColumns: Partial<Record<SheetKey, readonly AbsentColumn[]>>;
}

const settingByKey = new Map<string, SettingDef>(SETTING_DEFS.map((d) => [d.key, d]));
const settingByLabel = new Map<string, SettingDef>(SETTING_DEFS.map((d) => [d.label, d]));

/** Issue codes of 設定 that stop the figures in every face: figures on the defaults would mislead. */
const SETTINGS_STOP: ReadonlySet<Issue['code']> = new Set(['setting.value', 'setting.unknown', 'setting.duplicate']);

/** The read's issues that stop the figures: settings that cannot be read (年度開始月 = 13 …). */
export function settingsBlockingFigures(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => SETTINGS_STOP.has(i.code));
}

/**
 * Whether a 項目 of the 設定 sheet that is no setting looks like one mistyped (年度の開始月, 人口（R7）,
 * エリア一覧): it shares two characters in a row with a setting's label. Those stop the figures, which
 * would otherwise use the default; any other (作成者, 更新日, メモ) is the office's own row.
 */
function looksLikeSetting(name: string): boolean {
  const k = headerKey(name);
  for (const d of SETTING_DEFS) {
    const label = headerKey(d.label);
    for (let i = 0; i + 2 <= k.length; i++) if (label.includes(k.slice(i, i + 2))) return true;
  }
  return false;
}

/**
 * The settings, from the JSON object or the 設定 sheet's rows. `notices` takes the office's own rows
 * of the sheet (作成者, メモ), which are not read. A list may go on down the rows under its 項目 with
 * the 項目 left empty, as offices write lists one value to a row.
 */
export function readSettings(raw: RawRegistry, issues: Issue[], notices: Issue[] = []): Settings {
  const settings = defaultSettings();
  const entries: Array<{
    def: SettingDef | undefined;
    name: string;
    value: unknown;
    row: number | null;
  }> = [];
  for (const [k, v] of Object.entries(raw.settings ?? {}))
    entries.push({ def: settingByKey.get(k), name: k, value: v, row: null });
  let lastIndex = -2;
  (raw.settingsRows ?? []).forEach(([item, value], i) => {
    if (isEmptyCell(item) && isEmptyCell(value)) return;
    const name = typeof item === 'string' || typeof item === 'number' ? String(item).trim() : '';
    const last = entries.at(-1);
    if (
      name === '' &&
      last?.def?.type === 'list' &&
      lastIndex === i - 1 &&
      (typeof value === 'string' || typeof value === 'number') &&
      (typeof last.value === 'string' || typeof last.value === 'number' || isEmptyCell(last.value))
    ) {
      // The next value of the list above: one list, as if written 東、西 in one cell.
      last.value = isEmptyCell(last.value) ? String(value) : `${String(last.value)}、${String(value)}`;
      lastIndex = i;
      return;
    }
    lastIndex = i;
    entries.push({ def: settingByLabel.get(name) ?? settingByKey.get(name), name, value, row: rowOfIndex(i) });
  });
  const target = settings as unknown as Record<string, unknown>;
  // The row each setting was first given a value in: a second value (人口 added at the bottom, the
  // old row left above) leaves which one the office meant unknown, and the figures wait for it.
  const first = new Map<string, { row: number | null; text: string }>();
  for (const { def, name, value, row } of entries) {
    if (!def && row !== null && (name === '' || !looksLikeSetting(name))) {
      notices.push({
        sheet: 'settings',
        row,
        column: 'item',
        code: 'setting.office',
        message: `「設定」シート ${row}行目${name ? `の「${name}」は設定の項目ではない` : 'は項目が空欄の'}ため、読み込んでいません（集計には使いません）。`,
      });
      continue;
    }
    if (def && row !== null && !isEmptyCell(value)) {
      // A sheet's cell: text, a number, a boolean or a date as text. 12,000 and 12000, 東、西 and
      // 東,西 are one value written two ways.
      const text = String(value)
        .normalize('NFKC')
        .replace(/[\s,、]/g, '');
      const seen = first.get(def.key);
      if (seen && seen.text !== text) {
        issues.push({
          sheet: 'settings',
          row,
          column: 'item',
          code: 'setting.duplicate',
          message: `「設定」シートの「${def.label}」が${seen.row}行目と${row}行目の2か所にあり、値が違います。どちらか一方を消してください（どちらの値で集計するか決められないため、集計していません）。`,
        });
        continue;
      }
      first.set(def.key, { row, text });
    }
    if (!def) {
      issues.push({
        sheet: 'settings',
        row,
        column: row === null ? name : 'item',
        code: 'setting.unknown',
        message: settingMessage('unknown', name, row),
      });
      continue;
    }
    if (isEmptyCell(value)) continue; // missing or empty takes its default
    const column = row === null ? def.key : 'value';
    const fail = () =>
      issues.push({
        sheet: 'settings',
        row,
        column,
        code: 'setting.value',
        message: settingMessage(
          def.type,
          def.label,
          row,
          def,
          typeof value === 'string' || typeof value === 'number' ? String(value) : undefined,
        ),
      });
    switch (def.type) {
      case 'text':
        if (typeof value === 'string' || typeof value === 'number') target[def.key] = String(value).trim();
        else fail();
        break;
      case 'list': {
        if (
          (typeof value !== 'string' && !Array.isArray(value)) ||
          (Array.isArray(value) && !value.every(isPlainValue))
        ) {
          fail();
          break;
        }
        const list = splitMulti(value);
        if (list.length) target[def.key] = list;
        break;
      }
      case 'month':
      case 'integer': {
        // Only a number or text can be a number (String() on an object could run its toString).
        const n =
          typeof value === 'number'
            ? value
            : typeof value === 'string'
              ? Number(value.normalize('NFKC').replace(/[月,]/g, '').trim())
              : NaN;
        // The bounds are the setting's own (SETTING_DEFS): 年度開始月 1–12, 人口 ≥ 1.
        if (!Number.isInteger(n) || n < (def.min ?? 0) || n > (def.max ?? Infinity)) fail();
        else target[def.key] = n;
        break;
      }
    }
  }
  return settings;
}

/** Per record (parallel to the registry's records of a sheet): the column keys that could not be read. */
export type SheetFaults = Array<ReadonlySet<string> | undefined>;
export type RowFaults = Record<SheetKey, SheetFaults>;

/**
 * A record as read. Objects made by a constructor get room for their properties inside the object
 * once V8 has seen a few of them; `{}` grows a separate property store for a row of twenty cells.
 */
class SheetRecord {}

/** Makes a record of a row's values (by column position): the values read, and no key for the rest. */
export type RecordMaker = (values: readonly unknown[]) => Record<string, unknown>;

const sheetRecords =
  (columns: SheetDef['columns']): RecordMaker =>
  (values) => {
    const record = new SheetRecord() as Record<string, unknown>;
    for (let c = 0; c < columns.length; c++) if (values[c] !== undefined) record[columns[c]!.key] = values[c];
    return record;
  };

/**
 * The row rules of one sheet, fed a row at a time: `row` takes the row's cells by column position
 * (`sheet.columns` order) and clears them. readSheet feeds it raw rows; the XLSX reader of the CLI's
 * figures feeds it cells as it parses them, without making raw rows first, and makes its records
 * with `newRecord` (one shape per sheet, xlsx-records.ts).
 */
export function sheetRules(
  sheet: SheetDef,
  lists: Record<string, readonly string[]>,
  issues: Issue[],
  missingColumns: ReadonlySet<string>,
  newRecord: RecordMaker = sheetRecords(sheet.columns),
) {
  const idCol = idColumn(sheet);
  // The first row of each id, made only once an id repeats (most sheets have none): until then
  // `ids` alone tells a new id from a repeated one, one hash lookup per row instead of three.
  let firstRowOfId: Map<string, number> | undefined;
  const records: Record<string, unknown>[] = [];
  const rows: number[] = [];
  const faults: SheetFaults = [];
  // The ids so far, in order. While each is greater than the one before (the add-on and most offices
  // number rows so) none can repeat, and the set — a hash insert per row, about 0.1 s for a sheet of
  // 140,000 records — is made only when a later id is not greater, or when the set is asked for
  // (a sheet other rows refer to); most sheets' are never asked for.
  const idList: string[] = [];
  let idSet: Set<string> | undefined;
  const ids = (): Set<string> => (idSet ??= new Set(idList));
  const columns = sheet.columns;
  // Per column, once for the sheet: whether the layout lacks it.
  const missing = columns.map((c) => missingColumns.has(c.key));
  const textOf = columns.map(textReader);
  const parsers = columns.map((c) => cellParser(c, lists));
  const idAt = idCol ? columns.indexOf(idCol) : -1;
  const textAt = columns.flatMap((c, i) => (c.type === 'text' ? [i] : []));
  /** Rows that are no record: an office's 記入例, the header again, ids numbered with nothing beside them. */
  const skipped: SkippedRows = { examples: [], headers: [], totals: [], blank: [] };
  // Per column whose 設定 list is empty (関係機関 before the office fills it in, or 設定 not read): the
  // first row's issue and the rows after it, said in that one issue (unlistedIssues), not once per row.
  const emptyList = columns.map((c) => c.list !== undefined && (lists[c.list]?.length ?? 0) === 0);
  const unlisted = new Map<string, { issue: Issue; rows: number[] }>();
  const issue = (row: number, column: string, code: Issue['code'], message: string): void => {
    issues.push({ sheet: sheet.key, row, column, code, message });
  };
  const row = (row: number, cells: unknown[]): void => {
    const kind = skippedKind(cells, idAt, idCol?.label, textAt);
    if (kind !== undefined) {
      skipped[kind].push(row);
      cells.fill(undefined);
      return;
    }
    // Cell by cell: a cell that cannot be read is an issue of its own and absent from the record;
    // the rest of the row still counts (a typo in 世帯人数 never hides the case from 新規相談件数).
    // Each cell's value takes its place in `cells`, from which the record is made.
    let bad: Set<string> | undefined;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const cell = cells[c];
      cells[c] = undefined;
      if (missing[c]) {
        // Reported once for the sheet (layout), not once per row.
        (bad ??= new Set()).add(col.key);
        continue;
      }
      let parsed: unknown;
      const readText = textOf[c];
      // An absent cell (most optional columns of most rows) is empty: no parsing to do.
      if (cell === undefined) parsed = undefined;
      else if (readText && typeof cell === 'string' && cell.charCodeAt(0) !== 35 /* # of #N/A: parseCell's */) {
        // Text typed as text (ids, names, notes): what parseCell gives, without a result object.
        const t = readText(cell);
        parsed = t === '' ? undefined : t;
      } else {
        const r = parsers[c]!(cell);
        if (!r.ok) {
          const unlistedCell = emptyList[c] && r.fault === 'list';
          const seen = unlistedCell ? unlisted.get(col.key) : undefined;
          if (seen) {
            seen.rows.push(row);
            (bad ??= new Set()).add(col.key);
            continue;
          }
          issue(row, col.key, `value.${r.fault}`, cellMessage(sheet, row, col, r.fault, r.bad, lists, r.detail));
          if (unlistedCell) unlisted.set(col.key, { issue: issues[issues.length - 1]!, rows: [row] });
          (bad ??= new Set()).add(col.key);
          continue;
        }
        parsed = r.value;
      }
      const value = parsed ?? col.default;
      if (value === undefined) {
        if (col.required === true) {
          issue(row, col.key, 'value.required', requiredMessage(sheet, row, col));
          (bad ??= new Set()).add(col.key);
        }
        continue;
      }
      cells[c] = value;
    }
    const id = idAt >= 0 ? cells[idAt] : undefined;
    if (idCol && typeof id === 'string') {
      let repeated = false;
      if (idSet === undefined && !(idList.length && id <= idList[idList.length - 1]!)) idList.push(id);
      else {
        const set = ids();
        const before = set.size;
        repeated = set.add(id).size === before;
      }
      if (repeated) {
        if (!firstRowOfId) {
          // The first repeat: every id so far is in a record (a repeat's record lost its id).
          firstRowOfId = new Map();
          for (let k = 0; k < records.length; k++) {
            const seen = records[k]![idCol.key];
            if (typeof seen === 'string') firstRowOfId.set(seen, rows[k]!);
          }
        }
        const first = firstRowOfId.get(id)!;
        issue(row, idCol.key, 'id.duplicate', duplicateIdMessage(sheet, row, idCol, id, first));
        // The id names the first row: this one keeps its other cells, but not the id.
        cells[idAt] = undefined;
        (bad ??= new Set()).add(idCol.key);
      } else firstRowOfId?.set(id, row);
    }
    records.push(newRecord(cells));
    cells.fill(undefined);
    rows.push(row);
    faults.push(bad);
  };
  const sheetRows: SheetRows = {
    rows,
    get ids() {
      return ids();
    },
  };
  return { records, rows, sheetRows, faults, skipped, unlisted, row, issue };
}

/**
 * A column whose 設定 list is empty says so once: its first row's issue names every row whose value
 * it could not check (419 lines of 「関係機関」が空欄です would bury the one thing to do).
 */
export function sayUnlisted(sheet: SheetDef, unlisted: ReadonlyMap<string, { issue: Issue; rows: number[] }>): void {
  for (const [key, { issue, rows }] of unlisted) {
    if (rows.length < 2) continue;
    const col = sheet.columns.find((c) => c.key === key)!;
    const label = settingByKey.get(col.list!)?.label ?? col.list;
    issue.message = `「${sheet.name}」シート ${rowRanges(rows, 10)}（${rows.length}行）「${col.label}」: 「設定」シートの「${label}」が空のため、値を確かめられません。「設定」シートの「${label}」に一覧を入力してください（アドオンの「台帳を初期設定」で台帳の値から作れます）。`;
  }
}

/** Sheet rows read as no record, by why (notices: skippedNotices). */
export interface SkippedRows {
  examples: number[];
  headers: number[];
  totals: number[];
  blank: number[];
}

// 記入例, （例）, 例: the row an office fills in to show how, under the header.
const EXAMPLE_ID = /記入例|^[(（]?例[)）]?$/;
const EXAMPLE_TEXT = '記入例';
// A line an office writes under its rows: a total (合計 with a SUBTOTAL beside it), a count, the
// 以下余白 that closes a printed form.
const FOOTER = /^(合計|小計|総計|計|累計|件数|総数|合計件数|以下余白|以下空白|以上)$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why a row is no record, if it is none: an example (its id says 記入例, or a text cell such as 氏名
 * 「記入例 花子」), the header row typed again (a page header of a printed sheet), or nothing but an
 * id and what formulas filled down the sheet leave (0, #N/A, a dash): a ケースID column numbered in
 * advance. A row of data costs the checks of its id, its text cells and its first filled cell.
 */
function skippedKind(
  cells: readonly unknown[],
  idAt: number,
  idLabel: string | undefined,
  textAt: readonly number[],
): keyof SkippedRows | undefined {
  const id = idAt >= 0 ? cells[idAt] : undefined;
  if (typeof id === 'string') {
    // Ids are ASCII nearly always: one search for 例 turns them away.
    if (id.includes('例') && EXAMPLE_ID.test(id.trim())) return 'examples';
    if (idLabel !== undefined && id.length >= idLabel.length && id.trim() === idLabel) return 'headers';
  }
  for (const i of textAt) {
    const v = cells[i];
    if (typeof v === 'string' && v.includes(EXAMPLE_TEXT)) return 'examples';
  }
  // Nothing but an id and leftovers: blank. One footer word and numbers: a totals line.
  let text: string | undefined;
  let numbers = false;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === undefined || isLeftover(v)) continue;
    if (typeof v === 'string') {
      if (v.trim() === '') continue;
      // A count in a date column reads as a day of 1900 (件数 with COUNTA under 受付日).
      if (c !== idAt && ISO_DAY.test(v)) numbers = true;
      else if (text !== undefined) return undefined;
      else text = v;
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      if (c !== idAt) numbers = true;
    } else return undefined;
  }
  if (text === undefined) return numbers ? undefined : 'blank';
  if (FOOTER.test(text.normalize('NFKC').replace(/\s/g, ''))) return 'totals';
  return !numbers && text === id ? 'blank' : undefined;
}

/** One notice per kind of skipped row, for the sheet, naming its rows. */
export function skippedNotices(sheet: SheetDef, skipped: SkippedRows): Issue[] {
  const id = idColumn(sheet);
  const why: Record<keyof SkippedRows, [Issue['code'], string]> = {
    examples: ['row.example', 'は記入例のため、読み込んでいません。'],
    headers: ['row.header', 'は見出しの繰り返しのため、読み込んでいません。'],
    totals: ['row.total', 'は合計・件数・「以下余白」の行のため、読み込んでいません。'],
    blank: [
      'row.blank',
      `（${skipped.blank.length}行）は${id ? `「${id.label}」のほかに` : ''}値がない（空欄か、数式の 0・エラーや未チェックのチェックボックスだけの）ため、空の行として読み込んでいません。`,
    ],
  };
  return (Object.keys(why) as Array<keyof SkippedRows>)
    .filter((kind) => skipped[kind].length > 0)
    .map((kind) => ({
      sheet: sheet.key,
      row: skipped[kind][0]!,
      column: kind === 'headers' ? null : (id?.key ?? null),
      code: why[kind][0],
      message: `「${sheet.name}」シートの${rowRanges(skipped[kind])}${why[kind][1]}`,
    }));
}

function readSheet(
  sheet: SheetDef,
  rawRows: RawRow[],
  lists: Record<string, readonly string[]>,
  issues: Issue[],
  missingColumns: ReadonlySet<string>,
) {
  const known = new Map(sheet.columns.map((c, i) => [c.key, i]));
  // The row's cells by column position: rows of a sheet differ in which keys they hold, so reading
  // them by the row's own keys (for…in, which V8 serves from the keys' cache) beats a lookup per column.
  const cells: unknown[] = new Array<unknown>(sheet.columns.length).fill(undefined);
  const rules = sheetRules(sheet, lists, issues, missingColumns);
  for (let i = 0; i < rawRows.length; i++) {
    if (!(i in rawRows)) continue; // a hole in a sparse array, as forEach would skip it
    const raw = rawRows[i]!;
    const row = rowOfIndex(i);
    // A blank row between filled ones (a sheet keeps them) is no record and no fault.
    // One pass over the row's own keys finds both whether it is blank and whether any key is unknown.
    let filled = false;
    let unknown = false;
    // `cells` is all undefined here: the rules clear each cell as they read it.
    for (const key in raw) {
      if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
      const v = raw[key];
      if (!filled && !isEmptyCell(v)) filled = true;
      const c = known.get(key);
      if (c === undefined) unknown = true;
      else cells[c] = v;
    }
    if (!filled) {
      cells.fill(undefined);
      continue;
    }
    // A key the contract does not know (JSON interchange only: a sheet's own columns never get here)
    // is reported; no figure reads it, so it leaves the row in every figure.
    if (unknown) {
      for (const key of Object.keys(raw)) {
        if (!known.has(key)) rules.issue(row, key, 'column.unknown', unknownColumnMessage(sheet, row, key));
      }
    }
    rules.row(row, cells);
  }
  return rules;
}

/** Applies every row rule of docs/registry.md; cross-sheet rules live in validate/. */
export function readRegistry(raw: RawRegistry): ReadResult {
  const issues: Issue[] = [...(raw.layout?.issues ?? [])];
  const settingsNotices: Issue[] = [];
  const settings = readSettings(raw, issues, settingsNotices);
  const lists: Record<string, readonly string[]> = settingsLists(settings);
  const registry = { settings } as Registry;
  const rows = {} as Record<SheetKey, SheetRows>;
  const faults = {} as RowFaults;
  const none = new Set<string>();
  const notices: Issue[] = [...(raw.layout?.notices ?? []), ...settingsNotices];
  for (const sheet of SHEETS) {
    const missing = raw.layout?.missingColumns[sheet.key];
    const r = readSheet(sheet, raw.sheets[sheet.key] ?? [], lists, issues, missing ? new Set(missing) : none);
    (registry as unknown as Record<string, unknown>)[sheet.key] = r.records;
    rows[sheet.key] = r.sheetRows;
    faults[sheet.key] = r.faults;
    sayUnlisted(sheet, r.unlisted);
    notices.push(...skippedNotices(sheet, r.skipped));
  }
  for (const key of raw.unknownSheets ?? []) {
    issues.push({
      sheet: 'registry',
      row: null,
      column: key,
      code: 'sheet.unknown',
      message: `不明なシート「${key}」があります。契約（kasane-registry/1）にないシートは読み込めません。`,
    });
  }
  return {
    registry,
    rows,
    faults,
    issues,
    notices,
    ...layoutWarnings(raw, rows),
    absentColumns: raw.layout?.absentColumns ?? {},
  };
}

/**
 * What every figure computed from this read must say at its top: sheets it could not read, required
 * columns it lacks and headers typed twice. Never a silent zero.
 */
export function layoutWarnings(
  raw: RawRegistry,
  rows: Partial<Record<SheetKey, SheetRows>>,
): Pick<ReadResult, 'warnings' | 'publicWarnings'> {
  const warnings: string[] = [];
  const publicWarnings: string[] = [];
  const layout = raw.layout;
  if (!layout) return { warnings, publicWarnings };
  // What the figures lack, and for the office how to mend it.
  const add = (says: string, fix = '') => {
    warnings.push(says + fix);
    publicWarnings.push(says);
  };
  const settings = layout.issues.find((i) => i.sheet === 'settings');
  if (settings)
    add(
      `「${SETTINGS_SHEET.name}」シート${settings.code === 'sheet.missing' ? 'がない' : 'の見出しを読めない'}ため、設定（年度開始月・一覧・人口など）は既定値で集計しています。`,
    );
  for (const m of layout.missingSheets) {
    const def = sheetDef(m.key);
    const fix =
      m.near !== undefined
        ? `「${m.near}」シートがそれにあたるなら、名前を「${def.name}」に変えてください。`
        : m.unreadable
          ? '見出しの行を確かめてください。'
          : 'テンプレートと同じ名前のシートを作ってください。';
    const what = m.unreadable ? `「${def.name}」シートの見出しの行が見つからない` : `「${def.name}」シートがない`;
    add(`${what}ため、このシートの行は0件として集計しています。`, fix);
  }
  // A sheet whose first row the read sheet holds too is a copy of it (a print sheet of formulas): counted.
  for (const u of layout.uncounted ?? []) {
    if (u.firstId !== undefined && rows[u.key]?.ids.has(u.firstId)) continue;
    add(
      `「${u.name}」シートの行（「${sheetDef(u.key).name}」と同じ見出し）は集計に入っていません。`,
      `集計に入れる行なら「${u.reads}」シートに移してください。`,
    );
  }
  // A header typed twice: only the first column is read, which may be the empty one.
  for (const issue of layout.issues)
    if (issue.code === 'column.duplicate') {
      const def = sheetDef(issue.sheet as SheetKey);
      warnings.push(issue.message);
      publicWarnings.push(
        `「${def.name}」シートに見出し「${columnLabel(def, issue.column ?? '')}」が2か所あるため、左の列だけを読んで集計しています。`,
      );
    }
  for (const [key, columns] of Object.entries(layout.missingColumns) as Array<[SheetKey, string[]]>) {
    if (!columns.length) continue;
    const def = sheetDef(key);
    const labels = columns.map((k) => `「${columnLabel(def, k)}」`).join('');
    add(`「${def.name}」シートに必須の見出し${labels}がないため、この列を使う集計からこのシートの行を除外しています。`);
  }
  return { warnings, publicWarnings };
}
