// Date cells in the spreadsheet's time zone. The add-on writes a calendar date as a Date at local
// midnight there (with a yyyy-mm-dd number format set by setup) and reads Dates back the same way.
import { fromJapanInstant, toJapanInstant, type IsoDate } from '../core/dates/calendar';

const TOKYO = 'Asia/Tokyo';

export function dateFromCell(d: Date, timeZone: string): IsoDate | null {
  if (timeZone === TOKYO) {
    const r = fromJapanInstant(d);
    return r.ok ? r.value : null;
  }
  if (Number.isNaN(d.getTime())) return null;
  return Utilities.formatDate(d, timeZone, 'yyyy-MM-dd');
}

export function dateToCell(day: IsoDate, timeZone: string): Date {
  if (timeZone === TOKYO) return toJapanInstant(day);
  return Utilities.parseDate(day, timeZone, 'yyyy-MM-dd');
}

/** Cells from the Sheets service may be Dates of another realm (not `instanceof Date`). */
export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
