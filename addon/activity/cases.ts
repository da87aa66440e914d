// The cases of 「ケース」 as the sidebars find and show them (the activity sidebar's search, the
// intake's duplicate warning, loading a case by its ケースID): read from the table already read,
// each cell by the core parser, a ケースID matched in any width or case (ｋ－２０２５－０００１).
import type { ColumnDef } from '../../core/registry/definition';
import { parseCell } from '../../core/registry/cells';
import { idOf } from '../../core/registry/fold';
import { CASES } from '../forms/case-form';
import { dataRows, rawValue, type CellValue, type Table } from '../sheet-adapter';
import type { CaseSummary } from './form';

const SUMMARY_KEYS = ['caseId', 'name', 'staff', 'stage', 'planOn', 'receivedOn'] as const;
// 担当者 as typed (trimmed), even when 「設定」 does not list it: a search finds the case by what the sheet shows.
const summaryColumns = SUMMARY_KEYS.map((k) => {
  const c = CASES.columns.find((x) => x.key === k) as ColumnDef;
  return c.type === 'list' ? { ...c, type: 'text' as const } : c;
});

/** One case row as a sidebar shows it; cells the parser cannot read are left out. No id: undefined. */
export function caseSummary(table: Table, line: readonly CellValue[]): CaseSummary | undefined {
  const out: Record<string, string> = {};
  for (const col of summaryColumns) {
    const i = table.columns.get(col.key);
    const r = parseCell(col, rawValue(i === undefined ? '' : (line[i] ?? ''), table.timeZone), {});
    if (r.ok && r.value !== undefined) out[col.key] = String(r.value);
  }
  return out.caseId ? (out as unknown as CaseSummary) : undefined;
}

/** Every case, newest id first, once per id (a repeated id: its first row). */
export function caseSummaries(table: Table): CaseSummary[] {
  const seen = new Set<string>();
  const out: CaseSummary[] = [];
  for (const { line } of dataRows(table)) {
    const c = caseSummary(table, line);
    if (!c || seen.has(c.caseId)) continue;
    seen.add(c.caseId);
    out.push(c);
  }
  return out.sort((a, b) => (a.caseId < b.caseId ? 1 : a.caseId > b.caseId ? -1 : 0));
}

/** The first row whose ケースID is `typed` once both are folded; undefined when none is. */
export function findCaseRow(table: Table, typed: string): { row: number; line: CellValue[] } | undefined {
  const want = idOf(typed);
  const i = table.columns.get('caseId');
  if (!want || i === undefined) return undefined;
  for (const r of dataRows(table)) if (idOf(String(r.line[i] ?? '')) === want) return r;
  return undefined;
}
