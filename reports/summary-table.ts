// The monthly summary as rows of plain cells, and its mode line, shared by the file renderers.
import type { MonthlySummary, SummaryGroup, SummaryRow } from '../core/summary/types';

export type PlainCell = string | number | null;

export const SUMMARY_HEADER = (s: MonthlySummary): string[] => [
  '区分',
  '指標',
  ...s.columns.map((c) => c.label),
  'キー',
];

/** Which kind of summary this is, shown under the title of the printable formats. */
export function summaryMode(s: MonthlySummary): string {
  return s.public
    ? `公表用（秘匿しきい値 ${s.suppressionThreshold}）`
    : '内部用（秘匿処理なし。外部に公表しないでください）';
}

/** One indicator row under SUMMARY_HEADER: theme heading, label, the column cells, key. */
export const summaryRow = (g: SummaryGroup, r: SummaryRow): PlainCell[] => [g.heading, r.label, ...r.cells, r.key];

/** Header, then one line per indicator row. */
export function summaryLines(s: MonthlySummary): PlainCell[][] {
  const lines: PlainCell[][] = [SUMMARY_HEADER(s)];
  for (const g of s.groups) for (const r of g.rows) lines.push(summaryRow(g, r));
  return lines;
}
