// Whole days between calendar dates, on the calendar's own numbers (no Date, no time zone): the
// days-from-civil count of the proleptic Gregorian calendar, day 0 being 1970-01-01.
import { iso, type IsoDate } from './calendar';

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(day: IsoDate): number {
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const y = Number(day.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number. */
export function dateOfDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return iso(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** `to` minus `from`, in days (2025-05-31 → 2025-06-01 is 1). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

export const addDays = (day: IsoDate, n: number): IsoDate => dateOfDayNumber(dayNumber(day) + n);
