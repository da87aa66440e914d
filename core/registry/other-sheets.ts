// Sheets the contract does not name that hold a contract sheet's rows: 「ケース（R6）」 with last
// year's cases, 「PF参加団体」 beside the template's empty 「プラットフォーム参加団体」, 「相談受付台帳」
// where 「ケース」 is missing. One sheet of each kind is read, so the figures computed without these
// rows must say so, and a missing sheet's message names the sheet that has its headers. A sheet is
// known by its header row (core's findLayout), as every face finds the contract's own sheets.
import { idColumn, SHEETS, sheetDef, type SheetDef, type SheetKey } from './definition';
import { idOf } from './fold';
import { copyNotice, findLayout, missingSheetMessage, type SheetsFound } from './layout';
import type { Issue } from '../issues';

/** A sheet the contract does not name, as its first rows read (readers stop below them). */
export interface OtherSheet {
  name: string;
  /** Row 1 first; each row's cells by 0-based column. */
  firstRows: ReadonlyArray<ArrayLike<unknown> | undefined>;
  /** Whether rows below the first ones hold anything. */
  contentBelow: boolean;
}

/** A sheet holding a contract sheet's rows that are not read, and the sheet that is. */
export interface UncountedSheet {
  name: string;
  key: SheetKey;
  reads: string;
  /** The id of its first row (folded as ids are): a sheet whose rows the read sheet holds too is a copy. */
  firstId?: string;
}

const filled = (row: ArrayLike<unknown> | undefined): boolean =>
  !!row && Array.prototype.some.call(row, (v) => v !== undefined && v !== null && String(v).trim() !== '');

/**
 * The contract sheet whose rows a sheet holds: every required header of it in one of the first rows
 * (the contract sheet with the most headers there wins: 支援記録 and ケース both have ケースID), and
 * rows under that header. Undefined for a sheet of notes, a pivot table, an empty copy.
 */
export function heldSheet(other: OtherSheet): { key: SheetKey; firstId?: string } | undefined {
  let best: { key: SheetKey; firstId?: string; columns: number } | undefined;
  for (const def of SHEETS as readonly SheetDef[]) {
    const layout = findLayout(def, other.firstRows, other.contentBelow);
    if (!layout.readable || layout.headerRow === 0 || layout.missing.some((k) => isRequired(def, k))) continue;
    const below = other.firstRows.slice(layout.headerRow);
    if (!(other.contentBelow || below.some(filled)) || (best && layout.columns.size <= best.columns)) continue;
    const at = layout.columns.get(idColumn(def)?.key ?? '');
    const id = at === undefined ? undefined : below.map((r) => r?.[at]).find((v) => typeof v === 'string' && v.trim());
    best = { key: def.key, columns: layout.columns.size, ...(typeof id === 'string' ? { firstId: idOf(id) } : {}) };
  }
  return best;
}

const isRequired = (def: SheetDef, key: string): boolean => def.columns.find((c) => c.key === key)?.required === true;

/**
 * What the sheets found by name miss of the other sheets: a missing contract sheet gets, as its near
 * name, the sheet that holds its rows (unless its name already found one); a sheet holding the rows
 * of a contract sheet that is there is uncounted, with a notice that replaces the one its name got.
 */
export function otherSheetsLayout(
  sheets: SheetsFound,
  others: readonly OtherSheet[],
): { missing: SheetsFound['missing']; issues: Issue[]; notices: Issue[]; uncounted: UncountedSheet[] } {
  const missing = sheets.missing.map((m) => ({ ...m }));
  const uncounted: UncountedSheet[] = [];
  const named = new Set<SheetKey>();
  for (const o of others) {
    const held = heldSheet(o);
    if (held === undefined) continue;
    const key = held.key;
    const reads = sheets.found.get(key);
    const m = missing.find((x) => x.key === key);
    if (reads !== undefined)
      uncounted.push({ name: o.name, key, reads, ...(held.firstId ? { firstId: held.firstId } : {}) });
    else if (m && m.near === undefined) {
      m.near = o.name;
      named.add(key);
    }
  }
  // Each copy by name said once (as uncounted when it holds rows); a missing sheet now named says which.
  const issues = sheets.issues.map((i) =>
    i.code === 'sheet.missing' && named.has(i.sheet as SheetKey)
      ? {
          ...i,
          message: missingSheetMessage(sheetDef(i.sheet as SheetKey), missing.find((x) => x.key === i.sheet)!.near),
        }
      : i,
  );
  const copies = [...sheets.copies.filter((c) => !uncounted.some((u) => u.name === c.name)), ...uncounted];
  const notices = copies.map((c) => copyNotice(c.name, c.key, sheets.found.get(c.key)!));
  return { missing, issues, notices, uncounted };
}
