// 月次集計 as CSV: the title, the mode (内部用 or 公表用) and the dates under it, warnings (sheets the
// figures lacked), the table, then the notes.
import type { MonthlySummary } from '../core/summary/types';
import { toCsv } from './csv';
import { summaryDates, summaryLines, summaryMode, type PlainCell } from './summary-table';

export function summaryCsv(s: MonthlySummary): Buffer {
  const lines: PlainCell[][] = [
    [s.title],
    [summaryMode(s)],
    [summaryDates(s)],
    ...s.warnings.map((w) => [`注意: ${w}`]),
    ...summaryLines(s),
    [],
    ...s.notes.map((n) => [`注: ${n}`]),
  ];
  return toCsv(lines);
}
