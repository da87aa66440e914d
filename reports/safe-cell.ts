// Formula-injection safety for every export, in one place. A spreadsheet reads a cell that starts
// with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (CSV injection); such text is
// marked here and each format writes it as plain text. Numbers stay numbers, negative ones included.

export type SafeCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  /** `formulaLike`: a spreadsheet would evaluate this text if it were written as it is. */
  | { kind: 'text'; value: string; formulaLike: boolean };

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): SafeCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'empty' };
  return { kind: 'text', value, formulaLike: FORMULA_START.test(value) };
}

/**
 * Text as a spreadsheet will show it and never evaluate it: formula-like text gets the leading `'`
 * that spreadsheets read as "this is text" (used for CSV and for the strings of JSON exports).
 */
export function neutralText(value: string): string {
  const cell = safeCell(value);
  return cell.kind === 'text' && cell.formulaLike ? `'${cell.value}` : value;
}

/** The cell as CSV field text (before RFC 4180 quoting). */
export function csvField(value: string | number | null | undefined): string {
  const cell = safeCell(value);
  if (cell.kind === 'empty') return '';
  return cell.kind === 'number' ? String(cell.value) : neutralText(cell.value);
}
