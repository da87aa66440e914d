// Periods as clerks write them: a month (2025-05, 2025/5, 2025年5月, R7.5, 令和7年5月, 令7.5), a
// fiscal year (2025, 2025年度, 令和7年度, R7) and a day (2026-01-31, 令和8年1月31日, R8.1.31).
// Pure functions with no I/O, shared by the CLI, the API and the add-on; each failure is a Japanese
// message that names the text and shows forms that would have been read.
import { eraByToken, eraOn, ERAS, eraYear, eraYearText, toWareki, type Era } from './era';
import { daysInMonth, iso, isRealDate, parseDateText, type IsoDate } from './calendar';
import { fiscalYearLabel } from './fiscal';

export type TextParse<T> = { ok: true; value: T } | { ok: false; message: string };

/** Written forms shown in the messages, one per kind of period. */
export const MONTH_EXAMPLES = '2025-05、2025/5、2025年5月、令和7年5月、R7.5';
export const FISCAL_YEAR_EXAMPLES = '2025、2025年度、令和7年度、R7';
export const DATE_EXAMPLES = '2026-01-31、2026/1/31、令和8年1月31日、R8.1.31';

const ERA_TOKEN = '(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])';
const WESTERN_MONTH = /^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)$/;
const WAREKI_MONTH = new RegExp(`^${ERA_TOKEN}\\.?(元|\\d{1,2})(?:[-/.](\\d{1,2})|年(\\d{1,2})月)$`);
const WESTERN_YEAR = /^(\d{4})(?:年度?)?$/;
const WAREKI_YEAR = new RegExp(`^${ERA_TOKEN}\\.?(元|\\d{1,2})(?:年度?)?$`);
const WAREKI_DAY = new RegExp(`^${ERA_TOKEN}\\.?(元|\\d{1,2})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?$`);

/** Full-width digits and letters made ASCII, spaces dropped. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The era's first year in the Gregorian calendar. */
const firstYear = (era: Era): number => Number(era.firstDay.slice(0, 4));

/** The era that followed `era`, or undefined for the current one. */
const nextEra = (era: Era): Era | undefined => ERAS[ERAS.indexOf(era) - 1];

/** The day before an ISO date (only used on the first day of an era, never the 1st of January 1). */
function dayBefore(day: IsoDate): IsoDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (d > 1) return iso(y, m, d - 1);
  if (m > 1) return iso(y, m - 1, daysInMonth(y, m - 1));
  return iso(y - 1, 12, 31);
}

/** `平成（1989年1月8日〜2019年4月30日）` — the days the era covers, as a reminder in a message. */
function eraSpan(era: Era): string {
  const day = (d: IsoDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  const next = nextEra(era);
  return `${era.name}は${day(era.firstDay)}${next ? `〜${day(dayBefore(next.firstDay))}` : 'から'}`;
}

/** `元` or digits → the Gregorian year of that era year, or undefined for year 0. */
function eraYearToGregorian(era: Era, yearText: string): number | undefined {
  const n = yearText === '元' ? 1 : Number(yearText);
  return n >= 1 ? firstYear(era) + n - 1 : undefined;
}

/** `令和元年5月`: the era in force on the month's first day. */
function warekiMonth(y: number, m: number): string {
  const era = eraOn(iso(y, m, 1));
  return era ? `${era.name}${eraYearText(eraYear(era, y))}年${m}月` : `${y}年${m}月`;
}

const unreadableMonth = (text: string): TextParse<string> => ({
  ok: false,
  message: `月「${text}」を読めません。${MONTH_EXAMPLES} のように年と月を書いてください。`,
});

/** A month → `YYYY-MM`. */
export function parseMonthText(text: string): TextParse<string> {
  const s = normalise(text);
  if (s === '') return { ok: false, message: `月を入力してください（例: ${MONTH_EXAMPLES}）。` };
  const western = WESTERN_MONTH.exec(s);
  if (western) {
    const m = Number(western[2] ?? western[3]);
    if (m < 1 || m > 12) return unreadableMonth(text);
    return { ok: true, value: `${western[1]}-${String(m).padStart(2, '0')}` };
  }
  const w = WAREKI_MONTH.exec(s);
  const era = w ? eraByToken(w[1]!) : undefined;
  if (!w || !era) return unreadableMonth(text);
  const y = eraYearToGregorian(era, w[2]!);
  const m = Number(w[3] ?? w[4]);
  if (y === undefined || y > 9999 || m < 1 || m > 12) return unreadableMonth(text);
  // Some day of the month must fall in the era: 平成31年4月 and 令和元年5月 exist, 平成31年5月 does not.
  const next = nextEra(era);
  if (iso(y, m, daysInMonth(y, m)) < era.firstDay || (next && iso(y, m, 1) >= next.firstDay))
    return {
      ok: false,
      message: `月「${text}」は${era.name}の期間外です（${eraSpan(era)}）。西暦 ${y}年${m}月 は ${warekiMonth(y, m)} です。`,
    };
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}` };
}

const unreadableYear = (text: string): TextParse<number> => ({
  ok: false,
  message: `年度「${text}」を読めません。${FISCAL_YEAR_EXAMPLES} のように書いてください（2025 = 令和7年度）。`,
});

/**
 * A fiscal year → the Gregorian year it starts in (令和7年度 → 2025). An era year names the year the
 * era was in force on any day of: 平成31年度 and 令和元年度 are both 2019, 平成32年度 does not exist.
 */
export function parseFiscalYearText(text: string): TextParse<number> {
  const s = normalise(text);
  if (s === '') return { ok: false, message: `年度を入力してください（例: ${FISCAL_YEAR_EXAMPLES}）。` };
  const western = WESTERN_YEAR.exec(s);
  if (western) return { ok: true, value: Number(western[1]) };
  const w = WAREKI_YEAR.exec(s);
  const era = w ? eraByToken(w[1]!) : undefined;
  if (!w || !era) return unreadableYear(text);
  const y = eraYearToGregorian(era, w[2]!);
  if (y === undefined || y > 9999) return unreadableYear(text);
  const next = nextEra(era);
  if (next && y > firstYear(next))
    return {
      ok: false,
      message: `年度「${text}」は${era.name}の期間外です（${eraSpan(era)}）。西暦 ${y}年度 は ${fiscalYearLabel(y)} です。`,
    };
  return { ok: true, value: y };
}

/**
 * A calendar day → `YYYY-MM-DD`, in every form parseDateText reads. `label` names the day in the
 * message (基準日, 受付日 …).
 */
export function parseDayText(text: string, label = '日付'): TextParse<IsoDate> {
  if (normalise(text) === '') return { ok: false, message: `${label}を入力してください（例: ${DATE_EXAMPLES}）。` };
  const r = parseDateText(text);
  if (r.ok) return r;
  // A real day written in the wrong era (平成31年5月1日) gets the era's span and the right name.
  const w = WAREKI_DAY.exec(normalise(text));
  const era = w ? eraByToken(w[1]!) : undefined;
  const y = w && era ? eraYearToGregorian(era, w[2]!) : undefined;
  if (w && era && y !== undefined && isRealDate(y, Number(w[3]), Number(w[4]))) {
    const day = iso(y, Number(w[3]), Number(w[4]));
    return {
      ok: false,
      message: `${label}「${text}」は${era.name}の期間外です（${eraSpan(era)}）。西暦 ${day} は ${toWareki(day)} です。`,
    };
  }
  return {
    ok: false,
    message: `${label}「${text}」を読めません。${DATE_EXAMPLES} のように実在する日付を書いてください。`,
  };
}
