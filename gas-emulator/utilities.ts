// Utilities: the date formatting and parsing the add-on uses, with the spreadsheet's time zone.
import type { CallLog } from './calls';
import { formatZoned, zonedInstant } from './zone';
import { isDateObject } from './values';

export function utilities(log: CallLog, realmDate: () => DateConstructor) {
  return {
    formatDate(date: Date, timeZone: string, format: string): string {
      log.record('Utilities.formatDate');
      if (!isDateObject(date))
        throw new Error(
          "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
        );
      return formatZoned(date.getTime(), timeZone, format);
    },
    /** Supports `yyyy-MM-dd` (and `yyyy/MM/dd`); anything else is refused as Apps Script would fail to parse it. */
    parseDate(text: string, timeZone: string, format: string): Date {
      log.record('Utilities.parseDate');
      const sep = format === 'yyyy-MM-dd' ? '-' : format === 'yyyy/MM/dd' ? '/' : null;
      const m = sep ? new RegExp(`^(\\d{4})${sep}(\\d{1,2})${sep}(\\d{1,2})$`).exec(text) : null;
      if (!m) throw new Error(`Unparseable date: "${text}"`);
      const D = realmDate();
      return new D(zonedInstant(Number(m[1]), Number(m[2]), Number(m[3]), timeZone));
    },
    sleep(_ms: number): void {
      log.record('Utilities.sleep');
    },
    getUuid(): string {
      log.record('Utilities.getUuid');
      return globalThis.crypto.randomUUID();
    },
  };
}
