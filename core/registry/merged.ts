// Merged cells in a sheet's data rows, read as the sheet shows them. Offices merge a cell down over
// the rows it belongs to: one 会議ID over the cases a meeting discussed, one 実施日 over the day's
// records. Excel keeps the value in the top cell only and leaves the others empty, so each row
// below would read as a row without its 会議ID — required-cell issues and figures that lose them —
// although the clerk sees the value beside every row. The top cell's value is read in every row of
// the range, and a notice names the ranges so that the office can unmerge them.
import type { Issue } from '../issues';
import type { SheetDef } from './definition';
import { columnLetter, type SheetLayout } from './layout';
import type { RawRow } from './records';

/** A merged range (1-based sheet rows and columns, inclusive), as a sheet's <mergeCells> gives it. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's grid: 1,048,576 rows by 16,384 columns (A to XFD); Google Sheets' is within it. No sheet of any program goes past it. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A merged range from its A1 notation (`B3:B5`, as <mergeCell ref> and Range#getA1Notation give it); undefined if it is none. */
export function mergedRangeOf(a1: string): MergedRange | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(a1);
  if (!m) return undefined;
  const r = { top: Number(m[2]), left: columnNumber(m[1]!), bottom: Number(m[4]), right: columnNumber(m[3]!) };
  const inGrid = r.top >= 1 && r.bottom >= r.top && r.right >= r.left && r.bottom <= MAX_ROWS && r.right <= MAX_COLUMNS;
  return inGrid ? r : undefined;
}

/** A column's number from its letters (A → 1, AA → 27). */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** How many ranges a notice names before it counts the rest. */
const NAMED = 5;

const a1 = (r: MergedRange): string => `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`;

type MergeLayout = Pick<SheetLayout, 'headerRow' | 'keys'>;

/** Whether a range merges data rows of a contract column (what fillMergedRows reads down). */
export function mergesDataRows(layout: MergeLayout, m: MergedRange): boolean {
  return m.bottom > m.top && m.top > layout.headerRow && layout.keys[m.left - 1] !== undefined;
}

/**
 * Whether rows read without their merged ranges look as if some were merged down: a required cell
 * empty right under a filled one, in a row that holds something. Google Sheets answers a sheet's
 * merged ranges only to a call per sheet and per range, so the add-on asks only then.
 */
export function mayHoldMerges(def: SheetDef, rows: readonly RawRow[]): boolean {
  const required = def.columns.filter((c) => c.required === true).map((c) => c.key);
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const above = rows[i - 1]!;
    if (required.some((k) => row[k] === undefined && above[k] !== undefined) && Object.keys(row).length > 0)
      return true;
  }
  return false;
}

/**
 * Fills the rows of each range that merges data rows down with the value of its top cell, in the
 * range's first column (a range also merged across columns shows one value, which is that column's),
 * and returns the notice naming the ranges; undefined when no range spans data rows of a contract
 * column. `rows[i]` is sheet row i + 2 (the readers' raw rows). Only rows that hold something are
 * filled: a date merged down past the last record makes no record of the empty rows beside it. A
 * range over the header (a two-row header) is the header's, not the data's. Ranges do not overlap in
 * a sheet any program wrote; a file whose ranges do stops being filled once they have covered as
 * many cells as its rows hold.
 */
export function fillMergedRows(
  def: SheetDef,
  layout: MergeLayout,
  rows: RawRow[],
  merges: readonly MergedRange[],
): Issue | undefined {
  const filled: MergedRange[] = [];
  let budget = rows.length * def.columns.length;
  for (const m of merges) {
    if (!mergesDataRows(layout, m)) continue; // the office's own column is never read
    const key = layout.keys[m.left - 1]!;
    const value = rows[m.top - 2]?.[key];
    if (value === undefined) continue;
    const last = Math.min(m.bottom, rows.length + 1);
    if ((budget -= last - m.top) < 0) break;
    for (let r = m.top + 1; r <= last; r++) {
      const row = rows[r - 2]!;
      if (row[key] === undefined && Object.keys(row).length > 0) row[key] = value;
    }
    filled.push(m);
  }
  if (filled.length === 0) return undefined;
  filled.sort((a, b) => a.top - b.top || a.left - b.left);
  const first = filled[0]!;
  return {
    sheet: def.key,
    row: first.top,
    column: layout.keys[first.left - 1]!,
    code: 'cell.merged',
    message: `「${def.name}」シートの結合されたセル（${filled.slice(0, NAMED).map(a1).join('、')}${filled.length > NAMED ? `ほか${filled.length - NAMED}か所` : ''}）は、上のセルの値を範囲の各行に読みました。1行1件になるよう、結合を解除して各行に入力してください。`,
  };
}
