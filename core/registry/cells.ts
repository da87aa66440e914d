// One parser per column type, shared by JSON, XLSX and Sheets input. A parser never throws: it
// returns the normalised value, `undefined` for an empty cell, or the kind of fault with what was
// typed (so a message can quote it; never for a PII column).
import { parseDateCell } from '../dates/calendar';
import { idOf, withoutMarks } from './fold';
import { REGISTRY_DATES, VALUE_ALIASES, type ColumnDef } from './definition';

/** `error`: a formula's error value (#N/A); `formula`: a formula saved without its result. */
export type CellFault =
  'date' | 'integer' | 'number' | 'boolean' | 'enum' | 'list' | 'min' | 'max' | 'text' | 'error' | 'formula';
/**
 * What more a fault knows: `weekday` — a date fault whose text names a real date with another
 * weekday; `range` — a real day outside REGISTRY_DATES.
 */
export type CellDetail = 'weekday' | 'range';

/**
 * A formula cell saved without its result (a program that writes formulas and leaves the
 * computing to Excel): its value is unknown, so it is a fault to show, never a 0 or a FALSE.
 */
export class UnreadFormula {
  constructor(readonly formula: string) {}
}

// The error values a formula shows in Excel and in Google Sheets (#N/A, #DIV/0!, #NAME? …).
const FORMULA_ERROR =
  /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!)$/i;

/** Whether a text is a formula's error value. Cheap for other text: it must start with #. */
export function isFormulaError(text: string): boolean {
  return text.charCodeAt(0) === 35 && FORMULA_ERROR.test(text.trim());
}

// What offices put in a cell that has nothing to say: a dash, in any of its widths. In a date cell
// also the words for "none yet" (終結日 「未」, 同意撤回日 「なし」). Read as an empty cell.
const DASHES = new Set(['-', '－', 'ー', '―', '‐', '—', '–', '─', '−', 'ｰ']);
const NO_DATE_WORDS = new Set(['なし', '無し', '無', '未', '未定', 'ナシ']);
/**
 * What a formula filled down a sheet leaves in a row not used yet: a 0, an error value, a dash, a
 * formula without its result; and the FALSE of a checkbox inserted down a column (Sheets' 挿入 →
 * チェックボックス). A row of nothing else is no record (read.ts).
 */
export function isLeftover(v: unknown): boolean {
  if (v === 0 || v === false || v instanceof UnreadFormula) return true;
  // Asked of the first filled cells of every row: a date or a name is turned away by its length.
  if (typeof v !== 'string' || v.length > 16) return false;
  return v.charCodeAt(0) === 35 ? isFormulaError(v) : v.length <= 4 && DASHES.has(v.trim());
}

const isPlaceholder = (text: string, col: ColumnDef): boolean => {
  const t = text.trim();
  return DASHES.has(t) || (col.type === 'date' && NO_DATE_WORDS.has(t));
};
export type CellResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      fault: CellFault;
      /** What was typed (trimmed), for the message to quote; never set for a PII column. */
      bad?: string[];
      detail?: CellDetail;
    };

export const EMPTY_CELL: CellResult = { ok: true, value: undefined };
// Results that are the same for every cell are made once: a registry has millions of cells.
const TRUE: CellResult = { ok: true, value: true };
const FALSE: CellResult = { ok: true, value: false };
/** Small whole numbers (世帯人数, 出席者数) are most number cells. */
const SMALL_INTEGERS: readonly CellResult[] = Array.from({ length: 128 }, (_, n) => ({ ok: true, value: n }));
/** Faults without a typed value to quote (PII columns, objects) are all alike. */
const BARE_FAULTS = new Map<CellFault, CellResult>(
  (['date', 'integer', 'number', 'boolean', 'enum', 'list', 'min', 'max', 'text', 'error', 'formula'] as const).map(
    (f) => [f, { ok: false, fault: f }],
  ),
);

/** Date texts read so far and their result (bounded: a hostile file cannot grow it past 50,000). */
const DATE_RESULTS = new Map<string, CellResult>();

/** The cell as the clerk sees it, for a message to quote; undefined when it has no such form. */
function typedText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim() || undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  // A spreadsheet shows a boolean cell as TRUE / FALSE.
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  if (raw instanceof UnreadFormula) return `=${raw.formula}`;
  return undefined;
}

/** A fault quoting what was typed, unless the column is PII (its values never reach a message). */
function faultOf(col: ColumnDef, fault: CellFault, raw: unknown, detail?: CellDetail): CellResult {
  // A cell that reads as no value may be a placeholder for none (only asked of would-be faults:
  // the cells that read as values never pay for it).
  if (typeof raw === 'string' && col.type !== 'text' && col.type !== 'boolean' && isPlaceholder(raw, col))
    return EMPTY_CELL;
  // A formula's 0 for "no date yet" (Excel shows it as 1900/1/0): no day anyone means.
  if (raw === 0 && col.type === 'date') return EMPTY_CELL;
  const typed = col.pii ? undefined : typedText(raw);
  if (typed === undefined && detail === undefined) return BARE_FAULTS.get(fault)!;
  const r: CellResult = { ok: false, fault };
  if (typed !== undefined) r.bad = [typed];
  if (detail !== undefined) r.detail = detail;
  return r;
}

const trimmed = (text: string): string => text.trim();

/**
 * How a text column reads text: an id or a reference in the form ids are kept in (idOf), any other
 * text trimmed; undefined for a column that is not text. parseCell and the row rules' path for
 * text cells (read.ts sheetRules) both read with it.
 */
export function textReader(col: ColumnDef): ((text: string) => string) | undefined {
  if (col.type === 'text') return trimmed;
  return col.type === 'id' || col.type === 'reference' ? idOf : undefined;
}

export function isEmptyCell(v: unknown): boolean {
  return (
    v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
  );
}

/** Text, a number, a boolean, or empty: what a cell or one value of a list can be. */
export const isPlainValue = (x: unknown): boolean =>
  x === null || x === undefined || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/**
 * Splits a multi-value cell on 、 ､ , ， and line breaks, and trims each part of spaces of either
 * width; arrays pass through.
 */
export function splitMulti(v: unknown): string[] {
  // Only text, numbers and booleans are values; anything else in an array (an object, a nested array)
  // is no value at all — String() on it could run its toString or recurse without end.
  const parts = Array.isArray(v)
    ? v.map((x) => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : ''))
    : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
      ? String(v).split(SEPARATOR)
      : [];
  const seen = new Set<string>();
  for (const p of parts) {
    const t = p.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

interface KnownIndex {
  length: number;
  exact: Set<string>;
  /** First known value of each NFKC form, as `find` would return it. */
  byNfkc: Map<string, string>;
  /** One result per known value, for single-value cells. */
  results: Map<string, CellResult>;
}
// Lists are matched hundreds of thousands of times per registry: index each list once.
const indexes = new WeakMap<readonly string[], KnownIndex>();
function indexOf(known: readonly string[]): KnownIndex {
  let ix = indexes.get(known);
  if (ix && ix.length === known.length) return ix;
  const byNfkc = new Map<string, string>();
  for (const k of known) {
    const n = k.normalize('NFKC');
    if (!byNfkc.has(n)) byNfkc.set(n, k);
  }
  // An office's other form of a value (男 for 男性), unless the list holds that form as a value itself.
  for (const [value, aliases] of Object.entries(VALUE_ALIASES)) {
    if (!known.includes(value)) continue;
    for (const alias of aliases) {
      const n = alias.normalize('NFKC');
      if (!byNfkc.has(n)) byNfkc.set(n, value);
    }
  }
  ix = {
    length: known.length,
    exact: new Set(known),
    byNfkc,
    results: new Map(known.map((k) => [k, { ok: true, value: k }])),
  };
  indexes.set(known, ix);
  return ix;
}

/**
 * Matches a typed value to a known one, forgiving what clerks cannot see: spaces of either width
 * and no-break spaces around it (String#trim removes every Unicode space), and full- or half-width
 * forms of the same characters (NFKC: （）and (), ＮＰＯ and NPO, ｱ and ア).
 */
export function matchKnown(value: string, known: readonly string[]): string | undefined {
  const v = value.trim();
  const ix = indexOf(known);
  if (ix.exact.has(v)) return v;
  return ix.byNfkc.get(v.normalize('NFKC'));
}

// A line break too: Alt+Enter between values in one cell, as Excel users list them.
const SEPARATOR = /[、,，､\r\n]/;
// Clerks also join choices with ・ (高齢・障がい), which some values hold themselves (精神疾患・疑い):
// a part is split on it only when no value is the whole part and every piece is a value.
const NAKAGURO = /[・･]/;
/** A whole age of a person, with or without 歳 (after NFKC); not 0, which formulas leave in cells. */
const AGE = /^\s*([1-9]\d{0,2})\s*歳?\s*$/;

/** The known values a part names: itself, or the values it joins with ・; undefined when not all are known. */
function knownParts(part: string, known: readonly string[]): string[] | undefined {
  const m = matchKnown(part, known);
  if (m !== undefined) return [m];
  if (!NAKAGURO.test(part)) return undefined;
  const out: string[] = [];
  for (const piece of part.split(NAKAGURO)) {
    if (!piece.trim()) continue;
    const k = matchKnown(piece, known);
    if (k === undefined) return undefined;
    if (!out.includes(k)) out.push(k);
  }
  return out.length ? out : undefined;
}

// Keys are as `foldWord` leaves them (NFKC, lower case), plus the forms typed most often exactly
// as they are, so those cells are found without normalising or allocating.
const BOOLEAN_WORDS = new Map<string, CellResult>([
  // あり・有 / なし・無: how a form's 有無 column is filled in.
  // 済・確認済 / 未・未確認: how a check such as 守秘義務確認 is ticked off on paper.
  ...[
    ...['true', 'TRUE', 'True', 'はい', '○', '〇', '◯', '◎', '●', '✓', '✔', '☑', '✅', 'レ', '1', 'yes', 'y'],
    ...['あり', '有', '有り', '済', '済み', '確認済', '確認済み', '説明済', '説明済み', '実施', '実施済'],
  ].map((w): [string, CellResult] => [w, TRUE]),
  // ✕ ✖ ☓ ✘ are the other crosses Japanese fonts and IMEs offer for ×.
  ...[
    ...['false', 'FALSE', 'False', 'いいえ', '×', '✗', '✕', '✖', '☓', '✘', '0', 'no', 'n', 'なし', '無', '無し'],
    ...['未', '未確認', '☐'],
  ].map((w): [string, CellResult] => [w, FALSE]),
]);

// NFKC changes no character from tab to tilde: most typed numbers need no normalising.
const NON_ASCII = /[^\t-~]/;

/** Trimmed, NFKC-normalised (when not plain ASCII) and lower case: the form `BOOLEAN_WORDS` is keyed by. */
function foldWord(text: string): string {
  const t = text.trim();
  return (NON_ASCII.test(t) ? t.normalize('NFKC').trim() : t).toLowerCase();
}

// A thousands separator only between groups of three: 1,234 is 1234, but 1,5 is a fault rather
// than fifteen (it may be a decimal comma).
const NUMBER = /^-?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/;

/** A number cell or a number typed in half- or full-width digits (１，２３４、３５．５). */
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  const s = NON_ASCII.test(t) ? t.normalize('NFKC').trim() : t;
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s.includes(',') ? s.replace(/,/g, '') : s);
  // 310 typed digits are Infinity: not a number anyone could have meant.
  return Number.isFinite(n) ? n : undefined;
}

/** The known values of a choice column: its enum values or its settings list. */
function knownOf(col: ColumnDef, lists: Record<string, readonly string[]>): readonly string[] {
  return col.type === 'enum' || col.type === 'multiEnum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);
}

export function parseCell(col: ColumnDef, raw: unknown, lists: Record<string, readonly string[]>): CellResult {
  const r = parseTyped(col, raw, lists);
  // '2025/5/3 from a CSV, a zero-width space from a web page (fold.ts withoutMarks): looked at only
  // when what was typed cannot be read, so a readable cell costs nothing more. Free text keeps what
  // was typed; ids fold them away themselves (idOf). A fault then quotes what the clerk sees.
  if (r.ok || typeof raw !== 'string' || col.type === 'text') return r;
  const text = withoutMarks(raw);
  return text === raw ? r : parseTyped(col, text, lists);
}

/** The texts a choice column's parser keeps the results of: free text typed into one stays bounded. */
const KEPT_RESULTS = 5000;

/**
 * parseCell for one column of one reading. A choice column's cells repeat a few texts (分野, 相談経路,
 * 高齢・障害) hundreds of thousands of times in a large registry: the result of each text is kept and
 * given again, a lookup instead of finding the list, splitting and matching. Kept lists are frozen:
 * records share them.
 */
export function cellParser(col: ColumnDef, lists: Record<string, readonly string[]>): (raw: unknown) => CellResult {
  if (!col.values && !col.list) return (raw) => parseCell(col, raw, lists);
  const kept = new Map<string, CellResult>();
  return (raw) => {
    if (typeof raw !== 'string') return parseCell(col, raw, lists);
    let r = kept.get(raw);
    if (r === undefined) {
      r = parseCell(col, raw, lists);
      if (kept.size < KEPT_RESULTS) {
        if (r.ok && Array.isArray(r.value)) Object.freeze(r.value);
        kept.set(raw, r);
      }
    }
    return r;
  };
}

function parseTyped(col: ColumnDef, raw: unknown, lists: Record<string, readonly string[]>): CellResult {
  if (isEmptyCell(raw)) return EMPTY_CELL;
  if (raw instanceof UnreadFormula) return faultOf(col, 'formula', raw);
  // An error value is no value of any column, not even text: #N/A is not a case's id.
  if (typeof raw === 'string' && isFormulaError(raw)) return faultOf(col, 'error', raw);
  switch (col.type) {
    case 'date': {
      // A registry has a few thousand distinct days in hundreds of thousands of date cells, nearly
      // all as the same ISO text (the XLSX reader makes one string per day): each read once.
      if (typeof raw === 'string') {
        const known = DATE_RESULTS.get(raw);
        if (known) return known;
      }
      const r = parseDateCell(raw);
      if (r.ok) {
        if (r.value < REGISTRY_DATES.from || r.value > REGISTRY_DATES.to) return faultOf(col, 'date', raw, 'range');
        if (typeof raw === 'string' && DATE_RESULTS.size < 50_000) DATE_RESULTS.set(raw, r);
        return r;
      }
      return faultOf(col, 'date', raw, r.wrongWeekday === undefined ? undefined : 'weekday');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw ? TRUE : FALSE;
      if (typeof raw === 'string') {
        const r = BOOLEAN_WORDS.get(raw) ?? BOOLEAN_WORDS.get(foldWord(raw));
        if (r) return r;
      } else if (raw === 1 || raw === 0) {
        return raw === 1 ? TRUE : FALSE;
      }
      return faultOf(col, 'boolean', raw);
    }
    case 'integer':
    case 'number': {
      const n = toNumber(raw);
      if (n === undefined || (col.type === 'integer' && !Number.isInteger(n))) return faultOf(col, col.type, raw);
      if (col.min !== undefined && n < col.min) return faultOf(col, 'min', raw);
      if (col.max !== undefined && n > col.max) return faultOf(col, 'max', raw);
      return (Number.isInteger(n) && n >= 0 && SMALL_INTEGERS[n]) || { ok: true, value: n };
    }
    case 'enum':
    case 'list': {
      // A settings value such as 8050 arrives as a number from a spreadsheet cell.
      const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (typeof text !== 'string') return faultOf(col, col.type, raw);
      const known = knownOf(col, lists);
      const ix = indexOf(known);
      // The value exactly as listed (nearly every cell): its result, made once.
      const exact = ix.results.get(text);
      if (exact) return exact;
      // An age in 年代 (45, ４５歳) is its 年代: offices that keep ages fill the column with them.
      const age = col.ofAge && AGE.exec(text.normalize('NFKC'));
      const m = age ? col.ofAge!(Number(age[1])) : matchKnown(text, known);
      if (m === undefined) return faultOf(col, col.type, text);
      return ix.results.get(m) ?? { ok: true, value: m };
    }
    case 'multiEnum':
    case 'multiList': {
      const fault = col.type === 'multiEnum' ? 'enum' : 'list';
      const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (!Array.isArray(text) && typeof text !== 'string') return faultOf(col, 'text', raw);
      // An array of values holds text or numbers; an object or a nested array is not a value.
      if (Array.isArray(text) && !text.every(isPlainValue)) return faultOf(col, 'text', raw);
      const known = knownOf(col, lists);
      if (typeof text === 'string' && !SEPARATOR.test(text)) {
        // One value (most cells): what splitMulti would give, without its array and set.
        const part = text.trim();
        if (!part) return EMPTY_CELL;
        const m = knownParts(part, known);
        return m === undefined ? faultOf(col, fault, part) : { ok: true, value: m };
      }
      const values: string[] = [];
      const bad: string[] = [];
      for (const part of splitMulti(text)) {
        const m = knownParts(part, known);
        if (m === undefined) bad.push(part);
        else for (const v of m) if (!values.includes(v)) values.push(v);
      }
      if (bad.length) return col.pii ? BARE_FAULTS.get(fault)! : { ok: false, fault, bad };
      return values.length ? { ok: true, value: values } : EMPTY_CELL;
    }
    case 'id':
    case 'reference':
    case 'text': {
      const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      if (typeof text !== 'string') return faultOf(col, 'text', raw);
      // An id typed as a number (1e-7 shows as 1e-7) is folded as its text is: read again, it is the same.
      return { ok: true, value: textReader(col)!(text) };
    }
  }
}
