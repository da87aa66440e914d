// 年度 and month periods, and the as-of cut-off that plans report with (「令和7年2月末 実績」).
// Months are counted as year × 12 + month on the calendar's own numbers: no Date, so no time zone,
// and no date library in the Apps Script bundle (date-fns' format and parse cost the add-on about
// 20 KB of its 150 KB, for four lines of arithmetic that calendar.ts already has the pieces for).
import { eraOn, eraYear, eraYearText, ERAS } from './era';
import { daysInMonth, iso, isIsoDate, type IsoDate } from './calendar';

export type PeriodKind = 'fiscalYear' | 'month';

export interface Period {
  kind: PeriodKind;
  /** `2024` for a fiscal year, `2026-04` for a month. */
  value: string;
  label: string;
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate | null;
  /** The earlier of `to` and `asOf`: flows count up to it, stocks are taken on it. */
  end: IsoDate;
}

/** A month as one number (year × 12 + month − 1), and back. */
const monthIndex = (y: number, m: number): number => y * 12 + (m - 1);
const yearOf = (index: number): number => Math.floor(index / 12);
const monthOf = (index: number): number => (index % 12) + 1;
const monthText = (index: number): string =>
  `${String(yearOf(index)).padStart(4, '0')}-${String(monthOf(index)).padStart(2, '0')}`;
const lastDay = (index: number): IsoDate =>
  iso(yearOf(index), monthOf(index), daysInMonth(yearOf(index), monthOf(index)));
const indexOfDay = (day: IsoDate): number => monthIndex(Number(day.slice(0, 4)), Number(day.slice(5, 7)));

/** The fiscal year a date falls in: 2025-03-31 is in 2024 when the year starts in April. */
export function fiscalYearOf(date: IsoDate, startMonth = 4): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= startMonth ? y : y - 1;
}

export function fiscalYearBounds(year: number, startMonth = 4): { from: IsoDate; to: IsoDate } {
  const first = monthIndex(year, startMonth);
  return { from: `${monthText(first)}-01`, to: lastDay(first + 11) };
}

/** `令和6年度`; the year in which an era begins is named after the new era (令和元年度). */
export function fiscalYearLabel(year: number, startMonth = 4): string {
  const { from, to } = fiscalYearBounds(year, startMonth);
  const later = ERAS.find((e) => e.firstDay > from && e.firstDay <= to && e.firstDay.startsWith(String(year)));
  const era = later ?? eraOn(from);
  if (!era) return `${year}年度`;
  return `${era.name}${eraYearText(eraYear(era, year))}年度`;
}

export function monthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

export type PeriodRequest =
  { kind: 'fiscalYear'; year: number; asOf?: IsoDate | null } | { kind: 'month'; month: string; asOf?: IsoDate | null };

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function makePeriod(req: PeriodRequest, startMonth = 4): PeriodResult {
  let base: Omit<Period, 'asOf' | 'end'>;
  if (req.kind === 'fiscalYear') {
    if (!Number.isInteger(req.year) || req.year < 1900 || req.year > 9998) {
      return { ok: false, message: `年度「${req.year}」は西暦4桁で指定してください（例: 2024 = 令和6年度）。` };
    }
    const b = fiscalYearBounds(req.year, startMonth);
    base = { kind: 'fiscalYear', value: String(req.year), label: fiscalYearLabel(req.year, startMonth), ...b };
  } else {
    if (!MONTH.test(req.month))
      return { ok: false, message: `月「${req.month}」は YYYY-MM の形で指定してください（例: 2026-04）。` };
    const index = indexOfDay(`${req.month}-01`);
    base = {
      kind: 'month',
      value: req.month,
      label: monthLabel(req.month),
      from: `${req.month}-01`,
      to: lastDay(index),
    };
  }
  const asOf = req.asOf ?? null;
  if (asOf !== null) {
    if (!isIsoDate(asOf))
      return { ok: false, message: `基準日「${asOf}」は YYYY-MM-DD の形の実在する日付で指定してください。` };
    if (asOf < base.from) return { ok: false, message: `基準日 ${asOf} が期間の初日 ${base.from} より前です。` };
  }
  const end = asOf !== null && asOf < base.to ? asOf : base.to;
  return { ok: true, period: { ...base, asOf, end } };
}

/** Calendar months the period touches from its first day to its end (an as-of cut-off shortens it). */
export function monthsTouched(period: Period): number {
  return indexOfDay(period.end) - indexOfDay(period.from) + 1;
}

/** The same month a year earlier: `2026-04` → `2025-04`. */
export function previousYearMonth(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}

/** `2026-04` shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  return monthText(indexOfDay(`${month}-01`) + n);
}

/** True when `date` lies in [from, end]. */
export function inPeriod(date: IsoDate | undefined, period: Pick<Period, 'from' | 'end'>): boolean {
  return date !== undefined && date >= period.from && date <= period.end;
}

/** A stock is in force on `end`: started on or before it, and not yet ended (end date is the first day out). */
export function inForceOn(end: IsoDate, started: IsoDate | undefined, ended: IsoDate | undefined): boolean {
  return started !== undefined && started <= end && (ended === undefined || ended > end);
}
