// Calendar dates as ISO strings (`YYYY-MM-DD`). A calendar date is not an instant: keeping it a
// string means no time zone can ever move it by a day.
import { eraByToken, ERAS } from './era';

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function iso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type DateParse =
  | { ok: true; value: IsoDate }
  | {
      ok: false;
      /**
       * Set when the text names a real date but a weekday that is not that date's (令和7年5月21日（木）):
       * the date without its weekday, so a message can say which day it is.
       */
      wrongWeekday?: IsoDate;
    };

/** The weekdays as written in Japanese dates, Sunday first (the index `weekdayOf` returns). */
export const WEEKDAY_NAMES = '日月火水木金土';

const SAKAMOTO = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const;

/**
 * 0 for Sunday to 6 for Saturday, by Sakamoto's method: no `Date`, so years below 100 are not
 * taken for 19xx and no time zone is involved.
 */
export function weekdayOf(day: IsoDate): number {
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const y = Number(day.slice(0, 4)) - (m < 3 ? 1 : 0);
  const t = SAKAMOTO[m - 1]!;
  // y is −1 for January and February of the year 0000: a floored modulo keeps the index in 0 … 6.
  return (((y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + t + d) % 7) + 7) % 7;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Japan has kept UTC+9 without daylight saving since 1951. */
const JST_OFFSET_MS = 9 * 3_600_000;

/** Excel/Sheets serial day numbers (1 = 1900-01-01, with Lotus's phantom 1900-02-29 as 60). */
export function fromSerial(serial: number): DateParse {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return { ok: false };
  const day = Math.floor(serial);
  if (day === 60) return { ok: false };
  const shifted = day < 60 ? day + 1 : day;
  const d = new Date(EXCEL_EPOCH_MS + shifted * DAY_MS);
  return { ok: true, value: iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
}

/**
 * A `Date` from a spreadsheet cell stands for midnight of a day in Japan (the add-on's
 * spreadsheets use Asia/Tokyo): read its calendar date in Japan time, whatever the host's zone.
 */
export function fromJapanInstant(d: Date): DateParse {
  const t = d.getTime();
  if (Number.isNaN(t)) return { ok: false };
  const j = new Date(t + JST_OFFSET_MS);
  const y = j.getUTCFullYear();
  // A calendar date is YYYY-MM-DD: a Date cell outside the years 0000–9999 is no date of the registry.
  if (!(y >= 0 && y <= 9999)) return { ok: false };
  return { ok: true, value: iso(y, j.getUTCMonth() + 1, j.getUTCDate()) };
}

/** Midnight in Japan of a calendar date: the instant a date cell of an Asia/Tokyo spreadsheet holds. */
export function toJapanInstant(day: IsoDate): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - JST_OFFSET_MS);
}

// Clerks copy dates from calendars and letters with the weekday after them: （水）, (水曜), 水曜日.
// The text is NFKC-normalised and spaceless by then, so （） are (). A bare weekday needs 曜 so
// that the 日 of 21日 is never taken for Sunday. Groups 4 and 5 (和暦: 5 and 6) hold the weekday.
const SLASHED =
  /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?(?:\(([日月火水木金土])(?:曜日?)?\)|([日月火水木金土])曜日?)?$/;
const WAREKI =
  /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?(?:\(([日月火水木金土])(?:曜日?)?\)|([日月火水木金土])曜日?)?$/;
// Eight digits, as many offices key dates in: 20250401. Only years 1900–2099, so that no other
// number of eight digits is taken for a date.
const COMPACT = /^(19|20)(\d{2})(\d{2})(\d{2})$/;
// A time of day after the date, as Excel writes a date-time cell turned into text (2025/4/1 0:00)
// and as systems export it (2025-04-01T09:30:00): the registry counts days, so the time is
// dropped once it is a real time. A zone (Z, +09:00) is not matched: that instant may fall on
// another day in Japan.
const MAX_TIMED_LENGTH = 40;
const DIGITS_APART = /\d\s+\d/;
const TIME_OF_DAY = /^(.*\S)(?:\s+|(?<=\d)T)([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?$/;

/** `YYYY-MM-DD` exactly, read without a regular expression; undefined for any other text. */
function strictIso(s: string): DateParse | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  // The text is already the canonical form: keep the string (a registry has few distinct days).
  return isRealDate(y, m, d) ? { ok: true, value: s } : { ok: false };
}

// NFKC leaves ASCII as it is: most written dates need no normalising.
const NON_ASCII = /[^\t-~]/; // NFKC changes no character from tab to tilde

/**
 * Parses the written forms the contract allows: ISO, slashes, dots, 年月日, 和暦 (full, one kanji,
 * letter), in full- or half-width characters, with or without a weekday. A weekday that is not
 * the date's makes the text unreadable: one of the two is mistyped and only the clerk knows which.
 */
export function parseDateText(text: string): DateParse {
  // Dates from XLSX date cells and the JSON interchange are nearly all in the strict ISO form.
  const strict = strictIso(text);
  if (strict) return strict;
  const normal = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  // The time must come off before the spaces go, or 2025/4/1 0:00 would read as the day 10.
  // Only a short text can be a date with its time: no long cell meets the regular expression.
  const timed = normal.length <= MAX_TIMED_LENGTH ? TIME_OF_DAY.exec(normal.trim()) : null;
  const spaced = timed ? timed[1]! : normal;
  // Spaces go, but not from between two digits: 2024/4/1 9 is no date, not the 19th.
  if (DIGITS_APART.test(spaced)) return { ok: false };
  const s = spaced.replace(/\s+/g, '');
  const compact = COMPACT.exec(s);
  if (compact) return checked(Number(compact[1]! + compact[2]!), Number(compact[3]), Number(compact[4]));
  const western = SLASHED.exec(s);
  if (western) {
    const parsed = checked(Number(western[1]), Number(western[2]), Number(western[3]));
    return withWeekday(parsed, western[4] ?? western[5]);
  }
  const w = WAREKI.exec(s);
  if (!w) return { ok: false };
  const era = eraByToken(w[1]!);
  if (!era) return { ok: false };
  const n = w[2] === '元' ? 1 : Number(w[2]);
  if (n < 1) return { ok: false };
  const y = Number(era.firstDay.slice(0, 4)) + n - 1;
  const parsed = checked(y, Number(w[3]), Number(w[4]));
  if (!parsed.ok) return parsed;
  // The day must fall inside the era: 平成31年5月1日 does not exist (令和元年5月1日 does).
  const next = ERAS[ERAS.indexOf(era) - 1];
  if (parsed.value < era.firstDay || (next && parsed.value >= next.firstDay)) return { ok: false };
  return withWeekday(parsed, w[5] ?? w[6]);
}

function withWeekday(parsed: DateParse, weekday: string | undefined): DateParse {
  if (!parsed.ok || weekday === undefined) return parsed;
  return WEEKDAY_NAMES[weekdayOf(parsed.value)] === weekday ? parsed : { ok: false, wrongWeekday: parsed.value };
}

function checked(y: number, m: number, d: number): DateParse {
  return isRealDate(y, m, d) ? { ok: true, value: iso(y, m, d) } : { ok: false };
}

/** Any date cell: a `Date`, a serial number, or text in one of the written forms. */
export function parseDateCell(value: unknown): DateParse {
  if (value instanceof Date) return fromJapanInstant(value);
  // 20250401 keyed into a number cell: no serial is that large (the last, 9999-12-31, is 2958465).
  if (typeof value === 'number') return value >= 19_000_101 ? parseDateText(String(value)) : fromSerial(value);
  if (typeof value === 'string') return parseDateText(value);
  return { ok: false };
}

/** Today's calendar date in Japan. */
export function todayInJapan(now: Date = new Date()): IsoDate {
  const r = fromJapanInstant(now);
  if (!r.ok) throw new Error('invalid clock');
  return r.value;
}
