// The monthly summary as rows of plain cells, and the lines every file prints above them (mode,
// 基準日 and 作成日), shared by the file renderers and the add-on's 「月次集計」 sheet.
import { toWareki } from '../core/dates/era';
import type { MonthlySummary, SummaryGroup, SummaryRow } from '../core/summary/types';

export type PlainCell = string | number | null;

/**
 * The table's header. The key column (kasane-indicators/1 keys, in English) is for the office's own
 * files: a public file shows only what a reader needs.
 */
export const SUMMARY_HEADER = (s: MonthlySummary): string[] => [
  '区分',
  '指標',
  ...s.columns.map((c) => c.label),
  ...(s.public ? [] : ['キー']),
];

/** Which kind of summary this is, shown under the title of every file. */
export function summaryMode(s: MonthlySummary): string {
  return s.public
    ? `公表用（秘匿しきい値 ${s.suppressionThreshold}）`
    : '内部用（秘匿処理なし。外部に公表しないでください）';
}

/** 基準日 (the month's end, when stocks are taken) and 作成日, a full-width space between: `基準日 令和7年5月31日 作成日 令和7年6月3日`. */
export function summaryDates(s: MonthlySummary): string {
  return `基準日 ${toWareki(s.referenceDate)}\u3000作成日 ${toWareki(s.createdOn)}`;
}

/** One indicator row under SUMMARY_HEADER: theme heading, label, the column cells, and the key unless `withKey` is false. */
export const summaryRow = (g: SummaryGroup, r: SummaryRow, withKey = true): PlainCell[] =>
  withKey ? [g.heading, r.label, ...r.cells, r.key] : [g.heading, r.label, ...r.cells];

/** Header, then one line per indicator row (the key column in internal summaries only). */
export function summaryLines(s: MonthlySummary): PlainCell[][] {
  const lines: PlainCell[][] = [SUMMARY_HEADER(s)];
  for (const g of s.groups) for (const r of g.rows) lines.push(summaryRow(g, r, !s.public));
  return lines;
}

/**
 * The 月次集計 as CSV rows: the title, the mode (内部用 or 公表用) and the dates under it, warnings
 * (sheets the figures lacked), the table, then the notes. Plain rows, no Node API: the CLI encodes
 * them (summary-csv.ts), the add-on and the offline page hand csvText's text to a download.
 */
export function summaryCsvRows(s: MonthlySummary): PlainCell[][] {
  return [
    [s.title],
    [summaryMode(s)],
    [summaryDates(s)],
    ...s.warnings.map((w) => [`注意: ${w}`]),
    ...summaryLines(s),
    [],
    ...s.notes.map((n) => [`注: ${n}`]),
  ];
}
