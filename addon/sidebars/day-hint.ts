// What a typed date reads as, under its field in every sidebar: the day and its 和暦, or — for a
// weekday that is not the date's (令和7年5月20日（水）) — what the error on saving says: the weekday
// does not match, and which weekday the date is.
//
// The one place a sidebar reads a typed date. Besides every form core reads, a day without its
// year (4/1, ４／１, 4月1日) is read here, and only here: Google Sheets completes 4/1 with a year,
// so clerks type it out of habit. It is the latest such day that is not after today (a record is
// of what has happened), and the form sends it as that ISO date; in a field of a day to come
// (次回確認日, 開催予定日) it is the first such day from today on.
// Registry cells never get this reading: a cell's 4/1 has no today to be read against.
import { parseDateText, WEEKDAY_NAMES, weekdayOf, type DateParse } from '../../core/dates/calendar';
import { toWareki } from '../../core/dates/era';

/** Today in the spreadsheet's zone, from the sidebar's context (undefined until it has come). */
let today: string | undefined;

/** The context has come: a day without its year is read against this ISO date from now on. */
export function setToday(iso: string): void {
  today = iso;
}

// A month and a day, as NFKC leaves them, spaces gone: 4/1, 4月1日, with or without a weekday.
const YEARLESS = /^(\d{1,2})(?:\/|月)(\d{1,2})(日?(?:\(.*\)|.曜日?)?)$/;
/** Years looked through for a day without its year: eight find every 2/29 (1900 and 2100 have none). */
const YEARS = 8;

/** Whether a date field is of a day that has come (read 4/1 as the last one) or of one to come. */
export type DayKind = 'past' | 'future';

const monthDay = (text: string): RegExpExecArray | null =>
  /\d\s+\d/.test(text) ? null : YEARLESS.exec(text.normalize('NFKC').replace(/\s+/g, ''));

function yearless(text: string, kind: DayKind): DateParse | undefined {
  if (today === undefined) return undefined;
  const m = monthDay(text);
  if (!m) return undefined;
  const thisYear = Number(today.slice(0, 4));
  const step = kind === 'future' ? 1 : -1;
  for (let y = thisYear; y !== thisYear + step * YEARS; y += step) {
    // Core reads it with the year in front, so the weekday and the real-day checks are core's own.
    const r = parseDateText(`${y}/${m[1]}/${m[2]}${m[3]}`);
    const day = r.ok ? r.value : r.wrongWeekday;
    if (day === undefined || (kind === 'future' ? day < today : day > today)) continue;
    return r;
  }
  return { ok: false }; // 2/30: no year has it
}

/** A typed date as the sidebar reads it: as core reads it, or without its year. */
export function readDate(text: string, kind: DayKind = 'past'): DateParse {
  const t = text.trim();
  const r = parseDateText(t);
  return r.ok || r.wrongWeekday !== undefined ? r : (yearless(t, kind) ?? r);
}

/** The ISO day a typed date reads as, or null when it cannot be read. */
export function isoOf(text: string, kind: DayKind = 'past'): string | null {
  const r = text.trim() ? readDate(text, kind) : null;
  return r?.ok ? r.value : null;
}

/**
 * A date field's text as the form sends it: a day without its year as the ISO date it was read as
 * (Apps Script has no today of the clerk's to read it against), anything else as it was typed.
 */
export function sentDate(text: string, kind: DayKind = 'past'): string {
  const t = text.trim();
  const r = t && parseDateText(t).ok ? null : yearless(t, kind);
  return r?.ok ? r.value : t;
}

export function dateReading(text: string, kind: DayKind = 'past'): string {
  const r = readDate(text, kind);
  if (r.ok) return `→ ${r.value}（${toWareki(r.value)}）`;
  const day = r.wrongWeekday;
  return day === undefined
    ? '→ 日付として読めません'
    : `→ 曜日が日付と合いません。${day}（${toWareki(day)}）は${WEEKDAY_NAMES[weekdayOf(day)]}曜日です`;
}

/**
 * Keeps a date field's hint saying what the text reads as (or `example` while it is empty), and
 * names the hint as the field's description, so a screen reader says the reading with the field.
 */
export function dateHint(input: HTMLInputElement, hint: HTMLElement, example: string, kind: DayKind = 'past'): void {
  if (!hint.id) hint.id = `hint-${input.id}`;
  const described = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  if (!described.includes(hint.id)) input.setAttribute('aria-describedby', [...described, hint.id].join(' '));
  const update = () => {
    const v = input.value.trim();
    hint.textContent = v ? dateReading(v, kind) : example;
  };
  input.addEventListener('input', update);
  update();
}
