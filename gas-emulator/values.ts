// What a cell holds and how a written value becomes it. Range.setValues treats a string the way
// Sheets treats typed input (numbers, TRUE/FALSE, dates and formulas are recognised) unless the
// cell is formatted as plain text (`@`); a leading apostrophe keeps a string as text.
import { zonedInstant } from './zone';

export type StoredValue = string | number | boolean | { readonly date: number };

export interface Stored {
  value: StoredValue;
  formula: string;
}

export const EMPTY: Stored = { value: '', formula: '' };

export function isDateObject(v: unknown): v is Date {
  // Dates arrive from another realm (the script's vm context): compare tags, not prototypes.
  return Object.prototype.toString.call(v) === '[object Date]';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The value Sheets shows for a formula; the emulator evaluates only HYPERLINK. */
function formulaValue(formula: string): StoredValue {
  const m = /^=HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(formula);
  if (m) return (m[2] ?? m[1] ?? '').replace(/""/g, '"');
  return '';
}

export function toStored(v: unknown, numberFormat: string, timeZone: string): Stored {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (isDateObject(v)) {
    const t = v.getTime();
    if (Number.isNaN(t)) return EMPTY;
    return { value: { date: t }, formula: '' };
  }
  if (typeof v === 'number') return { value: v, formula: '' };
  if (typeof v === 'boolean') return { value: v, formula: '' };
  if (typeof v !== 'string') {
    if (Array.isArray(v)) throw new Error('Cannot convert Array to Object[][].');
    return { value: String(v), formula: '' };
  }
  if (numberFormat === '@') return { value: v, formula: '' };
  if (v.startsWith("'")) return { value: v.slice(1), formula: '' };
  if (v.startsWith('=') && v.length > 1) return { value: formulaValue(v), formula: v };
  const s = v.trim();
  if (NUMBER.test(s)) return { value: Number(s), formula: '' };
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === 'true', formula: '' };
  const d = DATE.exec(s);
  if (d && realDate(Number(d[1]), Number(d[2]), Number(d[3]))) {
    return { value: { date: zonedInstant(Number(d[1]), Number(d[2]), Number(d[3]), timeZone) }, formula: '' };
  }
  return { value: v, formula: '' };
}

/** The value getValues returns: Dates are built with the calling realm's Date. */
export function fromStored(s: Stored, DateCtor: DateConstructor): string | number | boolean | Date {
  const v = s.value;
  if (typeof v === 'object') return new DateCtor(v.date);
  return v;
}
