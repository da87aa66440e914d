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

/** How many ranges a notice names before it counts the rest. */
const NAMED = 5;

const a1 = (r: MergedRange): string => `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`;

type MergeLayout = Pick<SheetLayout, 'headerRow' | 'keys'>;

/** Whether a range merges data rows of a contract column (what fillMergedRows reads down). */
export function mergesDataRows(layout: MergeLayout, m: MergedRange): boolean {
  return m.bottom > m.top && m.top > layout.headerRow && layout.keys[m.left - 1] !== undefined;
}

/**
 * Fills every row of each range that merges data rows down with the value of its top cell, in the
 * range's first column (a range also merged across columns shows one value, which is that column's),
 * and returns the notice naming the ranges; undefined when no range spans data rows of a contract
 * column. `rows[i]` is sheet row i + 2 (the readers' raw rows); rows the range reaches past the end
 * are added. A range over the header (a two-row header) is the header's, not the data's.
 */
export function fillMergedRows(
  def: SheetDef,
  layout: MergeLayout,
  rows: RawRow[],
  merges: readonly MergedRange[],
): Issue | undefined {
  const filled: MergedRange[] = [];
  for (const m of merges) {
    if (!mergesDataRows(layout, m)) continue; // the office's own column is never read
    const key = layout.keys[m.left - 1]!;
    const value = rows[m.top - 2]?.[key];
    if (value === undefined) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) {
      while (rows.length < r - 1) rows.push({});
      const row = rows[r - 2]!;
      if (row[key] === undefined) row[key] = value;
    }
    filled.push(m);
  }
  if (filled.length === 0) return undefined;
  filled.sort((a, b) => a.top - b.top || a.left - b.left);
  const named = filled.slice(0, NAMED).map(a1).join('、');
  const more = filled.length > NAMED ? `ほか${filled.length - NAMED}か所` : '';
  return {
    sheet: def.key,
    row: filled[0]!.top,
    column: layout.keys[filled[0]!.left - 1] ?? null,
    code: 'cell.merged',
    message: `「${def.name}」シートの結合されたセル（${named}${more}）は、いちばん上のセルの値を結合した範囲の各行に読みました。1行に1件の記録になるよう、結合を解除して各行に値を入れてください。`,
  };
}
