// The monthly summary (月次集計) as plain data: what every export format renders.
import type { Period } from '../dates/fiscal';
import type { Cell } from './suppress';

export const SUMMARY_FORMAT = 'kasane-summary/1';

export type SummaryColumnKey = 'month' | 'lastYear' | 'fiscalYearToDate';

export interface SummaryColumn {
  key: SummaryColumnKey;
  label: string;
  period: Period;
}

export interface SummaryRow {
  /** The indicator key (kasane-indicators/1). */
  key: string;
  label: string;
  /** 1 for a part of a breakdown, shown indented under its theme. */
  level: 0 | 1;
  /** One cell per column: a number, `*` when suppressed, or null when not computable. */
  cells: Cell[];
  /**
   * A part of a breakdown: the breakdown's key and label, the value it counts (「未記入」 for empty
   * cells), the key of the total it is shown under (null when none), and whether the parts add up
   * to that total (not when a record may count under several values: 分野, 課題).
   */
  breakdown?: { key: string; label: string; value: string; total: string | null; addsUp: boolean };
}

export interface SummaryGroup {
  heading: string;
  rows: SummaryRow[];
}

export interface MonthlySummary {
  format: typeof SUMMARY_FORMAT;
  title: string;
  municipality: string;
  month: string;
  /** 作成日 (YYYY-MM-DD): the day the summary was made, in Japan. */
  createdOn: string;
  /** 基準日 (YYYY-MM-DD): the month's last day, on which stocks (支援中ケース数…) are taken. */
  referenceDate: string;
  public: boolean;
  /** The threshold used when `public`; null for an internal summary. */
  suppressionThreshold: number | null;
  columns: SummaryColumn[];
  groups: SummaryGroup[];
  /** Footnotes, in Japanese. */
  notes: string[];
  /** Sheets or columns the figures had to do without: shown at the top of every rendering. */
  warnings: string[];
  /** Rows left out of at least one figure (data.excludedRows). */
  excludedRows: number;
  charts: {
    /**
     * New cases by 分野 for the twelve months ending at the summary's month; `labels` name the year
     * on the first month and on January (`2024年6月`, `7月`, …, `2025年1月`, …).
     */
    newCasesByDomain: { months: string[]; labels: string[]; series: Array<{ domain: string; values: Cell[] }> };
    /** Meetings held by type, in the month and the fiscal year to date. */
    meetingsByType: { types: string[]; month: number[]; fiscalYearToDate: number[] };
  };
}
