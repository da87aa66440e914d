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
    /** New cases by 分野 for the twelve months ending at the summary's month. */
    newCasesByDomain: { months: string[]; labels: string[]; series: Array<{ domain: string; values: Cell[] }> };
    /** Meetings held by type, in the month and the fiscal year to date. */
    meetingsByType: { types: string[]; month: number[]; fiscalYearToDate: number[] };
  };
}
