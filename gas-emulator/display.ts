// What a cell shows (Range.getDisplayValues): dates in yyyy-mm-dd, the format the add-on sets on
// date columns; booleans as Sheets shows them; everything else as text.
import type { Stored } from './values';
import { formatZoned } from './zone';

export function displayValue(c: Stored, tz: string): string {
  const v = c.value;
  if (typeof v === 'object') return formatZoned(v.date, tz, 'yyyy-MM-dd');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}
