// 年度 and month periods, and the as-of cut-off that plans report with (「令和7年2月末 実績」).
// One module per function: the package's index loads all of date-fns (about 0.1 s of every CLI run).
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarMonths } from 'date-fns/differenceInCalendarMonths';
import { endOfMonth } from 'date-fns/endOfMonth';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { eraOn, eraYear, eraYearText, ERAS } from './era';
import { isIsoDate, type IsoDate } from './calendar';

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

// date-fns works on local `Date`s; every date here is built and formatted locally at midnight, so
// the host's zone cancels out (and Japan and UTC have no daylight saving to skip a midnight).
const local = (d: IsoDate): Date => parseISO(d);
const out = (d: Date): IsoDate => format(d, 'yyyy-MM-dd');

/** The fiscal year a date falls in: 2025-03-31 is in 2024 when the year starts in April. */
export function fiscalYearOf(date: IsoDate, startMonth = 4): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= startMonth ? y : y - 1;
}

export function fiscalYearBounds(year: number, startMonth = 4): { from: IsoDate; to: IsoDate } {
  const first = new Date(year, startMonth - 1, 1);
  return { from: out(first), to: out(endOfMonth(addMonths(first, 11))) };
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
    const first = local(`${req.month}-01`);
    base = {
      kind: 'month',
      value: req.month,
      label: monthLabel(req.month),
      from: out(first),
      to: out(endOfMonth(first)),
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
  return differenceInCalendarMonths(local(period.end), local(period.from)) + 1;
}

/** The same month a year earlier: `2026-04` → `2025-04`. */
export function previousYearMonth(month: string): string {
  return `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
}

/** `2026-04` shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  return format(addMonths(local(`${month}-01`), n), 'yyyy-MM');
}

/** True when `date` lies in [from, end]. */
export function inPeriod(date: IsoDate | undefined, period: Pick<Period, 'from' | 'end'>): boolean {
  return date !== undefined && date >= period.from && date <= period.end;
}

/** A stock is in force on `end`: started on or before it, and not yet ended (end date is the first day out). */
export function inForceOn(end: IsoDate, started: IsoDate | undefined, ended: IsoDate | undefined): boolean {
  return started !== undefined && started <= end && (ended === undefined || ended > end);
}
