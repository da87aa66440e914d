// What a typed date reads as, under its field in every sidebar: the day and its 和暦, or — for a
// weekday that is not the date's (令和7年5月20日（水）) — what the error on saving says: the weekday
// does not match, and which weekday the date is.
import { parseDateText, WEEKDAY_NAMES, weekdayOf } from '../../core/dates/calendar';
import { toWareki } from '../../core/dates/era';

export function dateReading(text: string): string {
  const r = parseDateText(text.trim());
  if (r.ok) return `→ ${r.value}（${toWareki(r.value)}）`;
  const day = r.wrongWeekday;
  return day === undefined
    ? '→ 日付として読めません'
    : `→ 曜日が日付と合いません。${day}（${toWareki(day)}）は${WEEKDAY_NAMES[weekdayOf(day)]}曜日です`;
}
