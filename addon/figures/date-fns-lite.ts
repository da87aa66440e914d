// What the add-on bundle uses in place of date-fns' format and parseISO (scripts/build-addon.mjs
// maps `date-fns/format` and `date-fns/parseISO` here). core/dates/fiscal.ts formats only local
// calendar dates as yyyy-MM-dd and yyyy-MM and parses only YYYY-MM-DD; date-fns' general
// formatter brings ~20 KB of tokens and locale into a script Apps Script evaluates on every call.
// Anything else throws, so a new use in core fails in the add-on's tests instead of differing.
// tests/addon/figures.test.ts holds both equal to date-fns.

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function format(date: Date | number, pattern: string): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  const ymd = [pad(d.getFullYear(), 4), pad(d.getMonth() + 1, 2), pad(d.getDate(), 2)];
  if (pattern === 'yyyy-MM-dd') return ymd.join('-');
  if (pattern === 'yyyy-MM') return `${ymd[0]}-${ymd[1]}`;
  throw new Error(`date-fns-lite: format pattern ${pattern} is not supported in the add-on`);
}

/** YYYY-MM-DD at local midnight, as date-fns' parseISO reads a date without a time. */
export function parseISO(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return new Date(NaN);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  // date-fns gives an Invalid Date for a day the month lacks (2025-02-30) rather than rolling over.
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date : new Date(NaN);
}
