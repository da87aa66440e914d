// Ids as the contract declares them (ColumnDef.idFormat): `<prefix>-<fiscal year>-<n digits>`,
// numbered per fiscal year. The add-on numbers new rows with these, the sample town writes them, the
// sidebars show them as examples: one format, so a hand-typed K-2025-0001 and the add-on's agree.
import type { IdFormat } from './definition';
import { idOf } from './fold';

/** `K-2025-0007`; past 9999 in a year the number simply grows a digit. Year 0 is the placeholder. */
export function formatId(format: IdFormat, fiscalYear: number, n: number): string {
  return `${idYearPrefix(format, fiscalYear)}${String(n).padStart(format.digits, '0')}`;
}

/** The id before a row has one (a form validated before the add-on numbers it): K-0000-0000. */
export function pendingId(format: IdFormat): string {
  return formatId(format, 0, 0);
}

/** The start every id of a fiscal year shares, `K-2025-`: what a clerk types to find that year's cases. */
export function idYearPrefix(format: IdFormat, fiscalYear: number): string {
  return `${format.prefix}-${String(fiscalYear).padStart(4, '0')}-`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ids of one fiscal year, the number captured. */
function yearPattern(format: IdFormat, fiscalYear: number): RegExp {
  return new RegExp(`^${escape(idYearPrefix(format, fiscalYear))}(\\d+)$`);
}

/**
 * The next id of a fiscal year: one past the highest of that year among `existing`, each read as the
 * reading reads ids (fold.ts idOf): Ｋ－２０２５－０１０６ and k-2025-0106 are K-2025-0106, and the
 * next one is 0107, not a second 0106 the figures would leave out.
 */
export function nextId(format: IdFormat, fiscalYear: number, existing: Iterable<string>): string {
  // One pattern for the whole column: a sheet may hold tens of thousands of ids.
  const pattern = yearPattern(format, fiscalYear);
  let max = 0;
  for (const id of existing) {
    const m = pattern.exec(idOf(id));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return formatId(format, fiscalYear, max + 1);
}
