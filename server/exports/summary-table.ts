// The monthly summary as rows of plain cells, shared by the CSV and XLSX renderers.
import type { MonthlySummary } from '../../core/summary/types';

export type PlainCell = string | number | null;

export const SUMMARY_HEADER = (s: MonthlySummary): string[] => [
  '区分',
  '指標',
  ...s.columns.map((c) => c.label),
  'キー',
];

/** Header, then one line per indicator row: theme heading, label, the column cells, key. */
export function summaryLines(s: MonthlySummary): PlainCell[][] {
  const lines: PlainCell[][] = [SUMMARY_HEADER(s)];
  for (const g of s.groups) for (const r of g.rows) lines.push([g.heading, r.label, ...r.cells, r.key]);
  return lines;
}
