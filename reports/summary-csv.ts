// 月次集計 as CSV: a title line, warnings (sheets the figures lacked), the table, then the notes.
import type { MonthlySummary } from '../core/summary/types';
import { toCsv } from './csv';
import { summaryLines, type PlainCell } from './summary-table';

export function summaryCsv(s: MonthlySummary): Buffer {
  const lines: PlainCell[][] = [
    [s.title],
    ...s.warnings.map((w) => [`注意: ${w}`]),
    ...summaryLines(s),
    [],
    ...s.notes.map((n) => [`注: ${n}`]),
  ];
  return toCsv(lines);
}
