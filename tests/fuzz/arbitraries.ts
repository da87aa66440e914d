// Shared pieces of the property-based fuzz tests (tests/fuzz/*.test.ts, docs/RELIABILITY.md "Fuzzing"):
// the run parameters (a fixed seed in CI, KASANE_FUZZ_SEED and KASANE_FUZZ_RUNS for `npm run fuzz`),
// hostile values, written dates with an era table and weekdays of their own (not the code under
// test's), and raw registries whose personal-information cells carry a marker that no message may
// repeat.
import fc from 'fast-check';
import {
  SETTING_DEFS,
  SHEETS,
  SHEET_KEYS,
  defaultSettings,
  settingsLists,
  sheetDef,
  type ColumnDef,
  type SettingDef,
  type SheetDef,
  type SheetKey,
} from '../../core/registry/definition';
import type { IssueCode } from '../../core/issues';
import { isEmptyCell } from '../../core/registry/cells';
import type { RawRegistry, RawRow } from '../../core/registry/records';

// ---------------------------------------------------------------------------------------------
// Run parameters

/** The seed every property runs with unless KASANE_FUZZ_SEED names another (CI: always this one). */
export const DEFAULT_SEED = 20_250_512;
/** KASANE_FUZZ_RUNS=N makes a property that runs R times in CI run R × N / BASE_RUNS times. */
export const BASE_RUNS = 200;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer (got ${v})`);
  return n;
}

export const FUZZ_SEED = envInt('KASANE_FUZZ_SEED') ?? DEFAULT_SEED;
const askedRuns = envInt('KASANE_FUZZ_RUNS');
/** 1 in CI; KASANE_FUZZ_RUNS / BASE_RUNS in a longer run. */
export const FUZZ_SCALE = askedRuns !== undefined && askedRuns > 0 ? askedRuns / BASE_RUNS : 1;

/**
 * fast-check's parameters for a property that runs `ciRuns` times in CI. A failure's report names
 * the seed: KASANE_FUZZ_SEED=<seed> replays it (every property of a file runs with that seed).
 */
export function fuzzParams(ciRuns: number): { seed: number; numRuns: number } {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(ciRuns * FUZZ_SCALE)) };
}

/**
 * Inputs that hit a known bug (each one named where its predicate is, and pinned by a
 * `test.failing`) are let through by the properties, so CI stays green; KASANE_FUZZ_STRICT=1 stops
 * that, to see fast-check shrink them again or to check a fix.
 */
// The bugs the fuzzer found are fixed: nothing is tolerated any more (KASANE_FUZZ_TOLERATE=1 would).
export const TOLERATE_KNOWN_BUGS = process.env.KASANE_FUZZ_TOLERATE === '1';
export const knownBug = (hit: boolean): boolean => TOLERATE_KNOWN_BUGS && hit;

/** A test's time limit, grown with the number of runs. */
export function fuzzTimeout(ms: number): number {
  return Math.round(ms * Math.max(1, FUZZ_SCALE));
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the files

export const isJapanese = (s: unknown): s is string => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

/** Every code an Issue may carry (core/issues.ts): the Record makes the compiler check the list is whole. */
const ISSUE_CODE_TABLE: Record<IssueCode, true> = {
  'value.required': true,
  'value.date': true,
  'value.integer': true,
  'value.number': true,
  'value.boolean': true,
  'value.enum': true,
  'value.list': true,
  'value.min': true,
  'value.max': true,
  'value.text': true,
  'value.error': true,
  'value.formula': true,
  'id.duplicate': true,
  'column.unknown': true,
  'column.missing': true,
  'column.duplicate': true,
  'column.office': true,
  'column.absent': true,
  'row.example': true,
  'row.header': true,
  'row.total': true,
  'row.blank': true,
  'cell.merged': true,
  'setting.office': true,
  'sheet.extra': true,
  'sheet.duplicate': true,
  'sheet.missing': true,
  'sheet.unknown': true,
  'setting.unknown': true,
  'setting.value': true,
  'setting.duplicate': true,
  'format.unknown': true,
  'ref.missing': true,
  'consent.date': true,
  'consent.required': true,
  'consent.plan': true,
  confidentiality: true,
  closure: true,
  'date.order': true,
  'duplicate.pair': true,
};
export const ISSUE_CODES: ReadonlySet<string> = new Set(Object.keys(ISSUE_CODE_TABLE));

/** Where an issue may point: a sheet, 設定, or the registry as a whole. */
export const ISSUE_SHEETS: ReadonlySet<string> = new Set<string>([...SHEET_KEYS, 'settings', 'registry']);

/**
 * What an issue must look like wherever it comes from (core, the server's answer, the XLSX path):
 * the reason it does not, or undefined.
 */
export function issueShapeFault(issue: unknown): string | undefined {
  if (issue === null || typeof issue !== 'object') return 'not an object';
  const i = issue as Record<string, unknown>;
  if (typeof i.sheet !== 'string' || !ISSUE_SHEETS.has(i.sheet)) return `sheet ${String(i.sheet)}`;
  if (i.row !== null && !(typeof i.row === 'number' && Number.isInteger(i.row) && i.row >= 1))
    return `row ${String(i.row)}`;
  if (i.column !== null && typeof i.column !== 'string') return `column ${String(i.column)}`;
  if (typeof i.code !== 'string' || !ISSUE_CODES.has(i.code)) return `code ${String(i.code)}`;
  if (!isJapanese(i.message)) return `message not Japanese: ${String(i.message).slice(0, 80)}`;
  return undefined;
}

/**
 * Whether `String(v)` may throw: an object with its own `toString` that is not a function (JSON can
 * say `{"toString": 1}`), inside arrays or not, or arrays nested more than 1,000 deep (how deep
 * overflows the stack depends on how much of it the caller has used).
 */
export function stringThrows(v: unknown): boolean {
  const stack: Array<[unknown, number]> = [[v, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [x, depth] = top;
    if (x === null || typeof x !== 'object') continue;
    if (Array.isArray(x)) {
      if (depth > 1_000) return true;
      for (const e of x as unknown[]) stack.push([e, depth + 1]);
      continue;
    }
    try {
      String(x);
    } catch {
      return true;
    }
  }
  return false;
}

const settingDef = (name: string): SettingDef | undefined =>
  SETTING_DEFS.find((d) => d.key === name) ?? SETTING_DEFS.find((d) => d.label === name);

/** Whether readSettings calls String() on this value of this setting and String() throws. */
function settingStringThrows(def: SettingDef | undefined, value: unknown): boolean {
  if (!def || isEmptyCell(value)) return false;
  if (def.type === 'list') return Array.isArray(value) && value.some((x) => stringThrows(x));
  if (def.type === 'integer' || def.type === 'month') return typeof value !== 'number' && stringThrows(value);
  return false;
}

/**
 * KNOWN BUG (core/registry/read.ts readSettings, core/registry/cells.ts splitMulti): String() is
 * called on values that JSON can make unconvertible — an object with its own "toString" key
 * ({"toString": 1}) or an array nested deeper than the stack — inside a multi-value cell (課題,
 * 分野, 活動内容), a list setting (areas …), an integer or month setting, or a 設定 row's 項目; the
 * TypeError or RangeError escapes readRegistry. See the test.failing cases below.
 */
export function knownStringBug(raw: RawRegistry): boolean {
  let hit = false;
  for (const [k, v] of Object.entries(raw.settings ?? {})) if (settingStringThrows(settingDef(k), v)) hit = true;
  for (const [item, value] of raw.settingsRows ?? []) {
    if (isEmptyCell(item) && isEmptyCell(value)) continue;
    if (stringThrows(item)) hit = true;
    else if (settingStringThrows(settingDef(String(item ?? '').trim()), value)) hit = true;
  }
  for (const key of SHEET_KEYS) {
    const multi = sheetDef(key).columns.filter((c) => c.type === 'multiEnum' || c.type === 'multiList');
    for (const row of raw.sheets[key] ?? [])
      for (const col of multi) {
        const v = row?.[col.key];
        if (Array.isArray(v) && v.some((x) => stringThrows(x))) hit = true;
      }
  }
  return knownBug(hit);
}

// ---------------------------------------------------------------------------------------------
// Values

/** An object whose every entry is its own property, as JSON.parse makes them (`__proto__` included). */
export function ownObject(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

interface Deep {
  depth: number;
  kind: 'array' | 'object';
  leaf: string;
}
/** Marks the outer value of `nested`, so jsonText can write it (JSON.stringify would overflow the stack). */
const DEEP = Symbol('deep');

/** 'x' inside `depth` arrays (or one-key objects), built without recursion, printed short in reports. */
export function nested(depth: number, kind: 'array' | 'object', leaf = 'x'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  const deep: Deep = { depth, kind, leaf };
  Object.defineProperty(v as object, DEEP, { value: deep });
  // fast-check prints a counterexample through this (its own printer would recurse as deep).
  Object.defineProperty(v as object, fc.toStringMethod, { value: () => `nested(${depth}, '${kind}')` });
  return v;
}

function deepText({ depth, kind, leaf }: Deep): string {
  const open = kind === 'array' ? '[' : '{"a":';
  const close = kind === 'array' ? ']' : '}';
  return `${open.repeat(depth)}${JSON.stringify(leaf)}${close.repeat(depth)}`;
}

/** JSON.stringify that also writes the values `nested` made, however deep. */
export function jsonText(value: unknown): string {
  const deep: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && DEEP in v) {
      deep.push(deepText((v as { [DEEP]: Deep })[DEEP]));
      return `\u0001deep${deep.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001deep(\d+)\\u0001"/g, (_m, i: string) => deep[Number(i)]!);
}

/** Half-width ASCII as full-width forms (Ａ１，), the space as U+3000: what NFKC undoes. */
export function fullWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0x21 && c <= 0x7e) out += String.fromCharCode(c + 0xfee0);
    else if (ch === ' ') out += '\u3000';
    else out += ch;
  }
  return out;
}

/** Characters that trip parsers: NUL, surrogates, BOM, invisible and wide spaces, separators, markup. */
const SPECIAL_CHARS = [
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ufeff',
  '\u200b',
  '\u3000',
  '\u00a0',
  '\t',
  '\n',
  '\r',
  '、',
  ',',
  '，',
  '､',
  '"',
  "'",
  '<',
  '>',
  '&',
  '\\',
  '😀',
  'ｱ',
  'ｶﾞ',
  '１',
  'Ａ',
  '\u0301',
  '\u202e',
  '\uffff',
  '令',
  '年',
  '月',
  '日',
  '（',
  '）',
  '-',
  '/',
  '.',
  '0',
  '9',
] as const;

export const loneSurrogate: fc.Arbitrary<string> = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((c) => String.fromCharCode(c));
const specialChar: fc.Arbitrary<string> = fc.constantFrom(...SPECIAL_CHARS);

/** A long text (10k–100k characters) of one repeated character. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 10_000, max: 100_000 }), fc.constantFrom('x', 'あ', '\u0000', '、', ' ', '1'))
  .map(([n, c]) => c.repeat(n));

/** Short hostile text: any code units, special characters, lone surrogates. */
export const shortText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(specialChar, loneSurrogate), maxLength: 12 }) },
);

/** Object keys: ordinary, empty, the names of Object.prototype's members, hostile. */
export const objectKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'length', '0', ''),
  },
  { weight: 1, arbitrary: shortText },
);

const leafValue: fc.Arbitrary<unknown> = fc.oneof(
  shortText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(0, -0, 1, -1, 1e21, Number.MAX_SAFE_INTEGER + 2),
);

/** Values as JSON.parse (or a spreadsheet) could hand them over, nested a few levels. */
export const jsonishValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 5, withCrossShrink: true },
    leafValue,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(objectKey, tie('value')), { maxLength: 4 }).map(ownObject),
  ),
})).value;

/** Nesting far past any cell: 33 to 12 000 levels. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 33, max: 12_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, kind]) => nested(depth, kind));

/** Any value a raw registry's cell may hold, the hostile ones included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: jsonishValue },
  { weight: 1, arbitrary: hugeText },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
);

// ---------------------------------------------------------------------------------------------
// Dates, with an era table and weekdays of the test's own

export interface Day {
  y: number;
  m: number;
  d: number;
}

/** A UTC instant of a proleptic Gregorian day (setUTCFullYear: years 0–99 are not taken for 19xx). */
export function utcDay(y: number, m: number, d: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t;
}

export const daysIn = (y: number, m: number): number => utcDay(y, m + 1, 0).getUTCDate();
export const isoOf = ({ y, m, d }: Day): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** 0 = Sunday, by JavaScript's Date. */
export const weekdayIndex = ({ y, m, d }: Day): number => utcDay(y, m, d).getUTCDay();
export const WEEKDAYS = '日月火水木金土';

export function dayArb(minYear = 0, maxYear = 9999): fc.Arbitrary<Day> {
  return fc
    .tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));
}

/** The eras as their first days (newest last), written down here rather than taken from core/dates/era.ts. */
export const ERA_TABLE = [
  { name: '明治', short: '明', letter: 'M', first: '1868-01-25' },
  { name: '大正', short: '大', letter: 'T', first: '1912-07-30' },
  { name: '昭和', short: '昭', letter: 'S', first: '1926-12-25' },
  { name: '平成', short: '平', letter: 'H', first: '1989-01-08' },
  { name: '令和', short: '令', letter: 'R', first: '2019-05-01' },
] as const;
export type EraRow = (typeof ERA_TABLE)[number];

export function eraOfIso(iso: string): EraRow | undefined {
  let found: EraRow | undefined;
  for (const e of ERA_TABLE) if (e.first <= iso) found = e;
  return found;
}

/** The eras any day of the month falls in (the boundary months have two). */
export function erasOfMonth(y: number, m: number): EraRow[] {
  const first = isoOf({ y, m, d: 1 });
  const last = isoOf({ y, m, d: daysIn(y, m) });
  return ERA_TABLE.filter((e, i) => {
    const next = ERA_TABLE[i + 1];
    return e.first <= last && (next === undefined || first < next.first);
  });
}

export type EraToken = 'name' | 'short' | 'letter' | 'lower';
export function eraTokenText(e: EraRow, token: EraToken): string {
  return token === 'name'
    ? e.name
    : token === 'short'
      ? e.short
      : token === 'letter'
        ? e.letter
        : e.letter.toLowerCase();
}

const WEEKDAY_FORMS = ['(W)', '（W）', '(W曜)', '(W曜日)', 'W曜', 'W曜日', '（W曜日）', ' (W)', '　（W）'] as const;

export interface WrittenDateSpec {
  day: Day;
  style: 'western' | 'wareki';
  /** Western: the separators; 和暦: the same. `kanji` writes 年 月 日. */
  sep: '/' | '.' | '-' | 'kanji' | 'mixed';
  zeroPad: boolean;
  token: EraToken;
  dot: boolean;
  /** 元 for the first year of an era (else the digit 1). */
  gannen: boolean;
  weekdayForm: number;
  /** 0: the right weekday; 1–6: that many days off. */
  weekdayShift: number;
  withWeekday: boolean;
  spaces: boolean;
  wide: boolean;
}

export const writtenDateSpec = (days: fc.Arbitrary<Day>): fc.Arbitrary<WrittenDateSpec> =>
  fc.record({
    day: days,
    style: fc.constantFrom<WrittenDateSpec['style']>('western', 'wareki'),
    sep: fc.constantFrom<WrittenDateSpec['sep']>('/', '.', '-', 'kanji', 'mixed'),
    zeroPad: fc.boolean(),
    token: fc.constantFrom<EraToken>('name', 'short', 'letter', 'lower'),
    dot: fc.boolean(),
    gannen: fc.boolean(),
    weekdayForm: fc.nat({ max: WEEKDAY_FORMS.length - 1 }),
    weekdayShift: fc.constant(0),
    withWeekday: fc.boolean(),
    spaces: fc.boolean(),
    wide: fc.boolean(),
  });

/** The text a clerk could write for the spec's day (falling back to western when no 和暦 can say it). */
export function writeDate(spec: WrittenDateSpec): string {
  const { day } = spec;
  const iso = isoOf(day);
  const two = (n: number) => (spec.zeroPad ? String(n).padStart(2, '0') : String(n));
  const seps: [string, string, string] =
    spec.sep === 'kanji' ? ['年', '月', '日'] : spec.sep === 'mixed' ? ['.', '月', ''] : [spec.sep, spec.sep, ''];
  const sp = spec.spaces ? ' ' : '';
  let head: string;
  const era = eraOfIso(iso);
  const eraYear = era ? day.y - Number(era.first.slice(0, 4)) + 1 : 0;
  if (spec.style === 'wareki' && era && eraYear <= 99) {
    const yearText = eraYear === 1 && spec.gannen ? '元' : String(eraYear);
    head = `${eraTokenText(era, spec.token)}${spec.dot ? '.' : ''}${sp}${yearText}${seps[0]}${sp}${two(day.m)}${seps[1]}${two(day.d)}${seps[2]}`;
  } else {
    head = `${String(day.y).padStart(4, '0')}${seps[0]}${sp}${two(day.m)}${seps[1]}${sp}${two(day.d)}${seps[2]}`;
  }
  let text = head;
  if (spec.withWeekday) {
    const w = WEEKDAYS[(weekdayIndex(day) + spec.weekdayShift) % 7]!;
    text += WEEKDAY_FORMS[spec.weekdayForm]!.replace('W', w);
  }
  return spec.wide ? fullWidth(text) : text;
}

// ---------------------------------------------------------------------------------------------
// Raw registries

/** What every personal-information cell carries: no message may contain it. */
export const PII_MARKER = 'PIIMARK';
/** The number a numeric personal-information cell holds (a telephone number typed as a number). */
export const PII_NUMBER = 987_654_321;

/** Ids each sheet's rows take, so references and duplicates meet. */
export const idPool = (sheet: SheetKey): string[] => [1, 2, 3].map((n) => `${sheet}-${n}`);

const DEFAULT_LISTS: Record<string, readonly string[]> = settingsLists(defaultSettings());
/** A list column's default choices; '?' for a list that is empty until the office fills it in (担当者). */
const listOrUnknown = (col: ColumnDef): readonly string[] => {
  const list = DEFAULT_LISTS[col.list ?? ''];
  return list?.length ? list : ['?'];
};

/** A choice as clerks type it: exact, with spaces of either width around it, or in full-width forms. */
const typed = (values: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...values), fc.constantFrom<'exact' | 'padded' | 'wide'>('exact', 'exact', 'padded', 'wide'))
    .map(([v, how]) => (how === 'padded' ? ` ${v}\u3000` : how === 'wide' ? fullWidth(v) : v));

const multi = (values: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.subarray([...values], { minLength: 1 }).map((vs) => vs.join('、')),
    fc.subarray([...values], { minLength: 1 }),
    fc.tuple(fc.subarray([...values]), shortText).map(([vs, t]) => [...vs, t].join(',')),
    // A list from JSON with something else among its values: a number, an object, a list.
    fc.tuple(fc.subarray([...values]), jsonishValue).map(([vs, x]) => [...vs, x]),
  );

/** A personal-information cell's value: each form carries PII_MARKER (or is PII_NUMBER). */
export const piiValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(shortText, shortText).map(([a, b]) => `${a}${PII_MARKER}${b}`) },
  { weight: 1, arbitrary: fc.constant(PII_NUMBER) },
  { weight: 1, arbitrary: fc.constant(` ${PII_MARKER} `) },
  { weight: 1, arbitrary: fc.tuple(shortText).map(([a]) => [`${PII_MARKER}${a}`, 1]) },
  { weight: 1, arbitrary: fc.constant(ownObject([[PII_MARKER, PII_MARKER]])) },
);

const numberish: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.double(),
  fc.constantFrom('3', '３', '1,234', '１，２３４', '3人', '35.5kg', '1,5', '-1', '0', '2.5', '.5', '1e3', 'NaN', ''),
);

const dateish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: writtenDateSpec(dayArb(1990, 2030)).map(writeDate) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 3_000_000 }) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z') }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('2025-02-29', '令和7年5月21日（木）', '平成31年5月1日', 'R7.13.1', '2025/5/'),
  },
);

/** A value for a cell of this column: mostly what clerks type (so the cross-sheet rules run), sometimes anything. */
export function cellValue(sheet: SheetKey, col: ColumnDef): fc.Arbitrary<unknown> {
  if (col.pii) return piiValue;
  let plausible: fc.Arbitrary<unknown>;
  switch (col.type) {
    case 'id':
      plausible = typed(idPool(sheet));
      break;
    case 'reference':
      plausible = typed(idPool(col.references ?? sheet));
      break;
    case 'date':
      plausible = dateish;
      break;
    case 'enum':
      plausible = typed(col.values ?? ['?']);
      break;
    case 'multiEnum':
      plausible = multi(col.values ?? ['?']);
      break;
    case 'list':
      plausible = typed(listOrUnknown(col));
      break;
    case 'multiList':
      plausible = multi(listOrUnknown(col));
      break;
    case 'boolean':
      plausible = fc.constantFrom<unknown>(
        true,
        false,
        '○',
        '×',
        'はい',
        'いいえ',
        'TRUE',
        'ＦＡＬＳＥ',
        1,
        0,
        2,
        'maybe',
      );
      break;
    case 'integer':
    case 'number':
      plausible = numberish;
      break;
    case 'text':
      plausible = shortText;
      break;
  }
  return fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: hostileValue });
}

/** A row of a sheet: some of its columns, now and then a key the contract does not know. */
export function rawRow(sheet: SheetDef): fc.Arbitrary<RawRow> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const col of sheet.columns) model[col.key] = cellValue(sheet.key, col);
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant([] as Array<[string, unknown]>) },
        { weight: 1, arbitrary: fc.array(fc.tuple(objectKey, hostileValue), { maxLength: 2 }) },
      ),
    )
    .map(([known, extra]) => ownObject([...Object.entries(known), ...extra]));
}

function settingValue(def: SettingDef): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'text':
      return shortText;
    case 'month':
      return fc.oneof(fc.integer({ min: -1, max: 13 }), fc.constantFrom('4', '4月', '４月', '10', '13', 'R7', '2.5'));
    case 'integer':
      return fc.oneof(fc.integer({ min: -2, max: 200_000 }), fc.constantFrom('12,000', '１２０００', '5人', '0', '-3'));
    case 'list':
      return fc.oneof(
        fc.array(shortText, { maxLength: 5 }),
        fc.array(shortText, { maxLength: 5 }).map((xs) => xs.join('、')),
        fc.constantFrom<unknown>(['東', '西'], '東、西、南', [...(def.default as readonly string[])]),
      );
  }
}

export const settingEntry: fc.Arbitrary<[string, unknown]> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...SETTING_DEFS).chain((d) => fc.tuple(fc.constant(d.key), settingValue(d))),
  },
  { weight: 1, arbitrary: fc.tuple(objectKey, hostileValue) },
  { weight: 1, arbitrary: fc.constantFrom(...SETTING_DEFS).chain((d) => fc.tuple(fc.constant(d.key), hostileValue)) },
);

const settingsRow: fc.Arbitrary<[unknown, unknown]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...SETTING_DEFS)
      .chain((d) => fc.tuple(fc.constantFrom<unknown>(d.label, d.key, ` ${d.label}`), settingValue(d))),
  },
  { weight: 1, arbitrary: fc.tuple(hostileValue, hostileValue) },
);

/** Rows of a sheet: a dense list, or now and then one with holes (as a sparse array). */
const sheetRows = (def: SheetDef): fc.Arbitrary<RawRow[]> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.array(rawRow(def), { maxLength: 10 }) },
    { weight: 1, arbitrary: fc.sparseArray(rawRow(def), { maxLength: 8 }) },
  );

/** A raw registry as JSON, XLSX or Sheets input could bring it, the hostile values included. */
export const rawRegistry: fc.Arbitrary<RawRegistry> = fc
  .record(
    {
      settings: fc.array(settingEntry, { maxLength: 6 }).map(ownObject),
      settingsRows: fc.array(settingsRow, { maxLength: 6 }),
      sheets: fc.record(
        Object.fromEntries(SHEETS.map((s) => [s.key, sheetRows(s)])) as Record<SheetKey, fc.Arbitrary<RawRow[]>>,
        { requiredKeys: [] },
      ),
      unknownSheets: fc.array(shortText, { maxLength: 2 }),
    },
    { requiredKeys: ['sheets'] },
  )
  .map((r): RawRegistry => {
    const raw: RawRegistry = { sheets: r.sheets };
    if (r.settings !== undefined) raw.settings = r.settings;
    if (r.settingsRows !== undefined) raw.settingsRows = r.settingsRows;
    if (r.unknownSheets !== undefined) raw.unknownSheets = r.unknownSheets;
    return raw;
  });
