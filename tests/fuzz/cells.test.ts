// Fuzzing the cell parsers (core/registry/cells.ts) and the written dates and periods
// (core/dates/calendar.ts, core/dates/period-text.ts): they never throw, fail only with the faults
// their column type allows, give back what they read when fed their own result, ignore spaces of
// either width, read full-width forms as half-width ones, and read every day, month and 年度 as a
// clerk may write it — weekdays checked against JavaScript's calendar and eras against a table of
// the test's own.
import fc from 'fast-check';
import { parseCell, type CellFault, type CellResult } from '../../core/registry/cells';
import { cellMessage } from '../../core/registry/messages';
import {
  REGISTRY_DATES,
  SHEETS,
  defaultSettings,
  settingsLists,
  type ColumnDef,
  type ColumnType,
  type SheetDef,
} from '../../core/registry/definition';
import { fromSerial, isIsoDate, parseDateText } from '../../core/dates/calendar';
import { parseDayText, parseFiscalYearText, parseMonthText } from '../../core/dates/period-text';
import {
  ERA_TABLE,
  WEEKDAYS,
  cellValue,
  dayArb,
  daysIn,
  eraTokenText,
  erasOfMonth,
  fullWidth,
  fuzzParams,
  fuzzTimeout,
  hostileValue,
  isJapanese,
  isoOf,
  knownBug,
  shortText,
  stringThrows,
  utcDay,
  weekdayIndex,
  writeDate,
  writtenDateSpec,
  type Day,
  type EraToken,
} from './arbitraries';

jest.setTimeout(fuzzTimeout(30_000));

type Lists = Record<string, readonly string[]>;
const DEFAULT_LISTS: Lists = settingsLists(defaultSettings());
const COLUMNS: Array<{ sheet: SheetDef; col: ColumnDef }> = SHEETS.flatMap((sheet) =>
  sheet.columns.map((col) => ({ sheet: sheet as SheetDef, col: col as ColumnDef })),
);
const column = fc.constantFrom(...COLUMNS);
function columnOf(sheet: string, key: string): ColumnDef {
  const found = COLUMNS.find((c) => c.sheet.key === sheet && c.col.key === key);
  if (!found) throw new Error(`no column ${sheet}.${key}`);
  return found.col;
}

/** Settings lists as readSettings leaves them: trimmed, non-empty, no repeats. */
const lists: fc.Arbitrary<Lists> = fc.oneof(
  fc.constant(DEFAULT_LISTS),
  fc
    .array(
      shortText.map((s) => s.trim()).filter((s) => s.length > 0),
      { maxLength: 5 },
    )
    .map((xs) => {
      const list = [...new Set(xs)];
      return Object.fromEntries(Object.keys(DEFAULT_LISTS).map((k) => [k, list]));
    }),
);

/** The faults each column type may give. */
// Besides its type's own faults, any cell may be a formula's error value or a formula saved
// without its result.
const ANY: readonly CellFault[] = ['error', 'formula'];
const FAULTS: Record<ColumnType, readonly CellFault[]> = {
  date: ['date', ...ANY],
  boolean: ['boolean', ...ANY],
  integer: ['integer', 'min', 'max', ...ANY],
  number: ['number', 'min', 'max', ...ANY],
  enum: ['enum', ...ANY],
  list: ['list', ...ANY],
  multiEnum: ['enum', 'text', ...ANY],
  multiList: ['list', 'text', ...ANY],
  id: ['text', ...ANY],
  reference: ['text', ...ANY],
  text: ['text', ...ANY],
};

const MULTI: ReadonlySet<ColumnType> = new Set<ColumnType>(['multiEnum', 'multiList']);

/**
 * KNOWN BUG (core/registry/cells.ts, splitMulti): a multi-value cell given as an array calls
 * String() on each element, which throws for a JSON object with its own "toString" key
 * ({"toString": 1}) and for arrays nested deeper than the stack. See the test.failing cases below.
 */
const knownMultiStringBug = (col: ColumnDef, raw: unknown): boolean =>
  knownBug(MULTI.has(col.type) && Array.isArray(raw) && raw.some((x) => stringThrows(x)));

/**
 * KNOWN BUG (core/dates/calendar.ts, fromJapanInstant): a Date cell outside the years 0000–9999
 * in Japan time is read as "10000-01-01", "00-1-12-31" or (past JavaScript's last day once 9 hours
 * are added) "NaN-NaN-NaN" — not an ISO date, which nothing else in kasane reads back (fromSerial
 * stops at 9999-12-31).
 */
const knownDateRangeBug = (col: ColumnDef, raw: unknown): boolean => {
  if (col.type !== 'date' || !(raw instanceof Date) || Number.isNaN(raw.getTime())) return false;
  const y = new Date(raw.getTime() + 9 * 3_600_000).getUTCFullYear();
  return knownBug(!(y >= 0 && y <= 9999));
};

/**
 * KNOWN BUG (core/registry/cells.ts, toNumber): a number typed with more than 309 digits
 * ("1111…1") is Number()'d to Infinity and read as a value; a number column (寄付「重量(kg)」) then
 * holds Infinity instead of reporting value.number.
 */
const knownInfinityBug = (col: ColumnDef, raw: unknown): boolean =>
  knownBug(
    col.type === 'number' &&
      typeof raw === 'string' &&
      !Number.isFinite(Number(raw.normalize('NFKC').trim().replace(/,/g, ''))) &&
      /^[\d,.]+$/.test(raw.normalize('NFKC').trim()),
  );

/** What a successful result's value must be, per column type; the reason it is not, or undefined. */
function valueFault(col: ColumnDef, value: unknown, lists: Lists): string | undefined {
  if (value === undefined) return undefined;
  const known = col.type === 'enum' || col.type === 'multiEnum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);
  switch (col.type) {
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) return 'not an ISO date';
      return value >= REGISTRY_DATES.from && value <= REGISTRY_DATES.to ? undefined : 'outside the registry dates';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'not a boolean';
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a finite number';
      if (col.type === 'integer' && !Number.isInteger(value)) return 'not an integer';
      return col.min !== undefined && value < col.min ? 'below min' : undefined;
    case 'enum':
    case 'list':
      return typeof value === 'string' && known.includes(value) ? undefined : 'not a known value';
    case 'multiEnum':
    case 'multiList':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => typeof v === 'string' && known.includes(v)) &&
        new Set(value).size === value.length
        ? undefined
        : 'not distinct known values';
    case 'id':
    case 'reference':
    case 'text':
      return typeof value === 'string' && value.length > 0 && value === value.trim() ? undefined : 'not trimmed text';
  }
}

/** The properties of one parse: a message for the first one that does not hold, or undefined. */
function checkParse(col: ColumnDef, raw: unknown, l: Lists): string | undefined {
  let r: CellResult;
  try {
    r = parseCell(col, raw, l);
  } catch (e) {
    if (knownMultiStringBug(col, raw)) return undefined;
    return `threw ${String(e)}`;
  }
  if (r.ok) {
    if (knownDateRangeBug(col, raw) || knownInfinityBug(col, raw)) return undefined;
    const bad = valueFault(col, r.value, l);
    if (bad) return `${col.type}: ${bad} (${String(r.value)})`;
    if (r.value === undefined) return undefined;
    // Idempotence: the normalised value, parsed again, is itself.
    const again = parseCell(col, r.value, l);
    if (!again.ok || !isDeepStrictEqual(again.value, r.value)) return `not idempotent: ${JSON.stringify(again)}`;
    if (MULTI.has(col.type)) {
      const values = r.value as string[];
      if (!values.some((v) => /[、,，､]/.test(v))) {
        const joined = parseCell(col, values.join('、'), l);
        if (!joined.ok || !isDeepStrictEqual(joined.value, r.value))
          return `joined form differs: ${JSON.stringify(joined)}`;
      }
    }
    return undefined;
  }
  if (!FAULTS[col.type].includes(r.fault)) return `fault ${r.fault} for a ${col.type} column`;
  if (col.pii && r.bad !== undefined) return 'a PII column quotes what was typed';
  if (r.bad !== undefined && !(Array.isArray(r.bad) && r.bad.every((b) => typeof b === 'string' && b.length > 0)))
    return `bad ${JSON.stringify(r.bad)}`;
  if (r.detail !== undefined && (!['weekday', 'range'].includes(r.detail) || col.type !== 'date'))
    return `detail ${r.detail}`;
  return undefined;
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) && typeof a === typeof b;
}

const expectNoFault = (fault: string | undefined): void => {
  if (fault !== undefined) throw new Error(fault);
};

describe('parseCell', () => {
  test('never throws; fails only with its column type’s faults; a value read is read again as itself', () => {
    fc.assert(
      fc.property(
        column.chain(({ sheet, col }) =>
          fc.tuple(fc.constant(col), fc.oneof(cellValue(sheet.key, col), hostileValue), lists),
        ),
        ([col, raw, l]) => expectNoFault(checkParse(col, raw, l)),
      ),
      fuzzParams(400),
    );
  });

  test('spaces of either width around a typed value change nothing', () => {
    const pad = fc.string({ unit: fc.constantFrom(' ', '\u3000', '\t', '\u00a0', '\n', '\ufeff'), maxLength: 3 });
    fc.assert(
      fc.property(
        column.chain(({ sheet, col }) =>
          fc.tuple(
            fc.constant(col),
            fc.oneof(
              cellValue(sheet.key, col).filter((v): v is string => typeof v === 'string'),
              shortText,
            ),
            pad,
            pad,
            lists,
          ),
        ),
        ([col, s, before, after, l]) => {
          const plain = parseCell(col, s, l);
          const padded = parseCell(col, `${before}${s}${after}`, l);
          expect(padded).toEqual(plain);
        },
      ),
      fuzzParams(300),
    );
  });

  test('full-width forms read as their half-width forms (numbers, checkboxes, choices, dates)', () => {
    const wideColumns = COLUMNS.filter(({ col }) => !['id', 'reference', 'text'].includes(col.type));
    const ascii = fc.string({ unit: 'binary-ascii', maxLength: 14 });
    fc.assert(
      fc.property(
        fc.constantFrom(...wideColumns).chain(({ sheet, col }) =>
          fc.tuple(
            fc.constant(col),
            fc.oneof(
              cellValue(sheet.key, col).filter((v): v is string => typeof v === 'string'),
              ascii,
            ),
          ),
        ),
        ([col, s]) => {
          const half = parseCell(col, s, DEFAULT_LISTS);
          const wide = parseCell(col, fullWidth(s), DEFAULT_LISTS);
          // What was typed differs (a fault quotes it); whether and what was read does not.
          expect(wide.ok).toBe(half.ok);
          if (half.ok && wide.ok) expect(wide.value).toEqual(half.value);
          if (!half.ok && !wide.ok) expect(wide.fault).toBe(half.fault);
        },
      ),
      fuzzParams(300),
    );
  });

  test('every fault’s message is Japanese, names the cell and never quotes a PII column', () => {
    fc.assert(
      fc.property(
        column.chain(({ sheet, col }) =>
          fc.tuple(fc.constant(sheet), fc.constant(col), fc.oneof(cellValue(sheet.key, col), hostileValue), lists),
        ),
        fc.integer({ min: 2, max: 1_048_576 }),
        ([sheet, col, raw, l], row) => {
          if (knownMultiStringBug(col, raw)) return;
          const r = parseCell(col, raw, l);
          if (r.ok) return;
          const message = cellMessage(sheet, row, col, r.fault, r.bad, l, r.detail);
          expect(isJapanese(message)).toBe(true);
          expect(message).toContain(`「${sheet.name}」シート ${row}行目「${col.label}」`);
          if (col.pii && typeof raw === 'string' && raw.trim().length > 0) expect(message).not.toContain(raw.trim());
        },
      ),
      fuzzParams(300),
    );
  });

  // The minimal counterexamples fast-check shrank the first property to; expected to fail until
  // the bugs named above are fixed (then turn each into a plain `test`).
  test('fixed (core/registry/cells.ts splitMulti): a multi-value array holding {"toString": 1} throws', () => {
    const issues = columnOf('cases', 'issues');
    expect(() => parseCell(issues, JSON.parse('[{"toString":1}]'), DEFAULT_LISTS)).not.toThrow();
  });

  test('fixed (core/registry/cells.ts splitMulti): a multi-value array nested 20 000 deep overflows the stack', () => {
    const domains = columnOf('cases', 'domains');
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(() => parseCell(domains, [deep], DEFAULT_LISTS)).not.toThrow();
  });

  test('fixed (core/registry/cells.ts toNumber): 310 typed digits are read as Infinity', () => {
    const weightKg = columnOf('donations', 'weightKg');
    const r = parseCell(weightKg, '1'.repeat(310), DEFAULT_LISTS);
    expect(r.ok ? r.value : r.fault).toBe('number');
  });

  test('fixed (core/dates/calendar.ts fromJapanInstant): a Date cell in the year 10000 is read as "10000-01-01"', () => {
    const receivedOn = columnOf('cases', 'receivedOn');
    const r = parseCell(receivedOn, new Date('+010000-01-01T00:00:00+09:00'), DEFAULT_LISTS);
    // Either a fault, or an ISO date that reads back as itself.
    expect(!r.ok || (typeof r.value === 'string' && isIsoDate(r.value))).toBe(true);
  });
});

describe('written dates (parseDateText)', () => {
  /**
   * KNOWN BUG (core/dates/calendar.ts, weekdayOf): for January and February of the year 0000 the
   * sum is negative, `% 7` gives a negative index and no weekday matches, so 0000/1/1（土） —
   * a Saturday — is refused as a wrong weekday.
   */
  const knownYearZeroWeekdayBug = (day: Day): boolean => knownBug(day.y === 0 && day.m <= 2);

  test('every day 0000–9999, written western or in 和暦 with the right weekday or none, reads as itself', () => {
    fc.assert(
      fc.property(writtenDateSpec(dayArb(0, 9999)), (spec) => {
        if (spec.withWeekday && knownYearZeroWeekdayBug(spec.day)) return;
        const text = writeDate(spec);
        expect({ text, read: parseDateText(text) }).toEqual({ text, read: { ok: true, value: isoOf(spec.day) } });
      }),
      fuzzParams(400),
    );
  });

  test('和暦 across the eras’ first days, in every token, reads as itself', () => {
    // Days from 明治's start to 令和99年: the eras' boundaries come up often.
    const nearBoundary = fc
      .tuple(fc.constantFrom(...ERA_TABLE), fc.integer({ min: -40, max: 40 }))
      .map(([e, shift]): Day => {
        const t = utcDay(
          Number(e.first.slice(0, 4)),
          Number(e.first.slice(5, 7)),
          Number(e.first.slice(8, 10)) + shift,
        );
        return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
      })
      .filter((d) => isoOf(d) >= ERA_TABLE[0].first);
    fc.assert(
      fc.property(writtenDateSpec(fc.oneof(nearBoundary, dayArb(1868, 2117))), (spec) => {
        const text = writeDate({ ...spec, style: 'wareki' });
        expect({ text, read: parseDateText(text) }).toEqual({ text, read: { ok: true, value: isoOf(spec.day) } });
      }),
      fuzzParams(300),
    );
  });

  test('a wrong weekday never reads: the fault names the day, and the message its real weekday', () => {
    const receivedOn = columnOf('cases', 'receivedOn');
    fc.assert(
      fc.property(writtenDateSpec(dayArb(0, 9999)), fc.integer({ min: 1, max: 6 }), (spec, shift) => {
        const text = writeDate({ ...spec, withWeekday: true, weekdayShift: shift });
        const iso = isoOf(spec.day);
        expect({ text, read: parseDateText(text) }).toEqual({ text, read: { ok: false, wrongWeekday: iso } });
        if (knownYearZeroWeekdayBug(spec.day)) return;
        const cell = parseCell(receivedOn, text, DEFAULT_LISTS);
        expect(cell).toMatchObject({ ok: false, fault: 'date', detail: 'weekday' });
        if (cell.ok) return;
        const message = cellMessage(SHEETS[0], 2, receivedOn, cell.fault, cell.bad, DEFAULT_LISTS, cell.detail);
        expect(message).toContain(iso);
        expect(message).toContain(`${WEEKDAYS[weekdayIndex(spec.day)]}曜日`);
      }),
      fuzzParams(300),
    );
  });

  test('full-width text reads as its half-width form; any text is read without throwing', () => {
    const dateish = fc.string({
      unit: fc.constantFrom(...'0123456789/.-() RrHhSsTtMm年月日元令和平成昭大明曜火水木金土'.split('')),
      maxLength: 16,
    });
    const written = writtenDateSpec(dayArb(1800, 2200)).map((s) => writeDate({ ...s, wide: false }));
    fc.assert(
      fc.property(fc.oneof(dateish, written, shortText), (s) => {
        const half = parseDateText(s);
        expect(parseDateText(fullWidth(s))).toEqual(half);
        if (half.ok) expect(isIsoDate(half.value)).toBe(true);
      }),
      fuzzParams(400),
    );
  });

  test('serial day numbers read as the day that many days after 1899-12-30 (1900-02-29 excepted)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_958_465 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (n, time) => {
        const r = fromSerial(n + time);
        if (n === 60) return expect(r.ok).toBe(false); // Lotus's phantom 1900-02-29
        const t = utcDay(1899, 12, 30 + (n < 60 ? n + 1 : n));
        expect(r).toEqual({
          ok: true,
          value: isoOf({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }),
        });
      }),
      fuzzParams(300),
    );
  });

  test('fixed (core/dates/calendar.ts weekdayOf): 0000/1/1（土） — a Saturday — is refused', () => {
    expect(weekdayIndex({ y: 0, m: 1, d: 1 })).toBe(6);
    expect(parseDateText('0000/1/1(土)')).toEqual({ ok: true, value: '0000-01-01' });
  });
});

describe('periods (parseMonthText, parseFiscalYearText, parseDayText)', () => {
  interface MonthSpec {
    y: number;
    m: number;
    wareki: boolean;
    eraPick: number;
    token: EraToken;
    dot: boolean;
    gannen: boolean;
    sep: '-' | '/' | '.' | 'kanji';
    zeroPad: boolean;
    spaces: boolean;
    wide: boolean;
  }
  const monthSpec: fc.Arbitrary<MonthSpec> = fc.record({
    y: fc.oneof(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1860, max: 2130 })),
    m: fc.integer({ min: 1, max: 12 }),
    wareki: fc.boolean(),
    eraPick: fc.nat(),
    token: fc.constantFrom<EraToken>('name', 'short', 'letter', 'lower'),
    dot: fc.boolean(),
    gannen: fc.boolean(),
    sep: fc.constantFrom<MonthSpec['sep']>('-', '/', '.', 'kanji'),
    zeroPad: fc.boolean(),
    spaces: fc.boolean(),
    wide: fc.boolean(),
  });

  function writeMonth(s: MonthSpec): string {
    const mm = s.zeroPad ? String(s.m).padStart(2, '0') : String(s.m);
    const sp = s.spaces ? ' ' : '';
    const tail = (head: string) => (s.sep === 'kanji' ? `${head}年${sp}${mm}月` : `${head}${s.sep}${sp}${mm}`);
    const eras = erasOfMonth(s.y, s.m);
    const era = eras[s.eraPick % Math.max(1, eras.length)];
    const n = era ? s.y - Number(era.first.slice(0, 4)) + 1 : 0;
    const text =
      s.wareki && era && n <= 99
        ? tail(`${eraTokenText(era, s.token)}${s.dot ? '.' : ''}${n === 1 && s.gannen ? '元' : n}`)
        : tail(String(s.y));
    return s.wide ? fullWidth(text) : text;
  }

  test('a month written western or in any era it falls in reads as YYYY-MM', () => {
    fc.assert(
      fc.property(monthSpec, (s) => {
        const text = writeMonth(s);
        expect({ text, read: parseMonthText(text) }).toEqual({
          text,
          read: { ok: true, value: `${s.y}-${String(s.m).padStart(2, '0')}` },
        });
      }),
      fuzzParams(300),
    );
  });

  test('a 年度 written western or in any era in force that year reads as its first year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1860, max: 2130 }),
        fc.nat(),
        fc.constantFrom<EraToken>('name', 'short', 'letter', 'lower'),
        fc.constantFrom('', '年', '年度'),
        fc.boolean(),
        (y, pick, token, suffix, wide) => {
          const eras = ERA_TABLE.filter((e, i) => {
            const next = ERA_TABLE[i + 1];
            return Number(e.first.slice(0, 4)) <= y && (next === undefined || y <= Number(next.first.slice(0, 4)));
          });
          const era = eras[pick % Math.max(1, eras.length)];
          const n = era ? y - Number(era.first.slice(0, 4)) + 1 : 0;
          const head =
            era && n <= 99 && pick % 3 !== 0 ? `${eraTokenText(era, token)}${n === 1 ? '元' : n}` : String(y);
          const text = wide ? fullWidth(`${head}${suffix}`) : `${head}${suffix}`;
          expect({ text, read: parseFiscalYearText(text) }).toEqual({ text, read: { ok: true, value: y } });
        },
      ),
      fuzzParams(300),
    );
  });

  test('any text: never throws; a refusal is a Japanese message quoting the text; full-width changes nothing', () => {
    const periodish = fc.string({
      unit: fc.constantFrom(...'0123456789/.-年月日度元令和平成昭大明RHSTMr '.split('')),
      maxLength: 14,
    });
    fc.assert(
      fc.property(fc.oneof(periodish, shortText), (s) => {
        for (const [name, r] of [
          ['month', parseMonthText(s)],
          ['fiscalYear', parseFiscalYearText(s)],
          ['day', parseDayText(s)],
        ] as const) {
          if (!r.ok) {
            expect({ name, japanese: isJapanese(r.message) }).toEqual({ name, japanese: true });
            // Nothing typed (spaces alone) is asked for, not quoted: 年度を入力してください.
            if (s.trim() === '') expect(r.message).toContain('を入力してください');
            else expect(r.message).toContain(`「${s}」`);
          }
        }
        const wide = fullWidth(s);
        const strip = (r: { ok: boolean; value?: unknown }) => (r.ok ? r.value : 'refused');
        expect(strip(parseMonthText(wide))).toEqual(strip(parseMonthText(s)));
        expect(strip(parseFiscalYearText(wide))).toEqual(strip(parseFiscalYearText(s)));
        expect(strip(parseDayText(wide))).toEqual(strip(parseDayText(s)));
        // A day reads exactly as a date cell does.
        const day = parseDayText(s);
        const date = parseDateText(s);
        expect(day.ok).toBe(date.ok);
        if (day.ok && date.ok) expect(day.value).toBe(date.value);
      }),
      fuzzParams(400),
    );
  });

  test('days of every month: daysIn agrees with the calendar the parser uses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = daysIn(y, m);
        expect(parseDateText(`${String(y).padStart(4, '0')}/${m}/${last}`).ok).toBe(true);
        expect(parseDateText(`${String(y).padStart(4, '0')}/${m}/${last + 1}`).ok).toBe(false);
      }),
      fuzzParams(200),
    );
  });
});
