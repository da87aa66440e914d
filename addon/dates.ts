// Date cells in the spreadsheet's time zone. The add-on writes a calendar date as a Date at local
// midnight there (with a yyyy-mm-dd number format set by setup) and reads Dates back the same way.
import { fromJapanInstant, type IsoDate } from '../core/dates/calendar';

const TOKYO = 'Asia/Tokyo';
const JST_OFFSET_MS = 9 * 3_600_000;

export function dateFromCell(d: Date, timeZone: string): IsoDate | null {
  if (timeZone === TOKYO) {
    const r = fromJapanInstant(d);
    return r.ok ? r.value : null;
  }
  if (Number.isNaN(d.getTime())) return null;
  return Utilities.formatDate(d, timeZone, 'yyyy-MM-dd');
}

export function dateToCell(day: IsoDate, timeZone: string): Date {
  if (timeZone === TOKYO) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d) - JST_OFFSET_MS);
  }
  return Utilities.parseDate(day, timeZone, 'yyyy-MM-dd');
}

/** Cells from the Sheets service may be Dates of another realm (not `instanceof Date`). */
export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
