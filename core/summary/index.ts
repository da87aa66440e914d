// The monthly summary (月次集計) and the small-cell suppression applied to public figures.
export { buildMonthlySummary, SummaryError, type SummaryOptions } from './build';
export { SUMMARY_LAYOUT, type GroupLayout, type LayoutItem } from './layout';
export {
  SUPPRESSED,
  isSmall,
  suppressBreakdown,
  suppressPrimary,
  suppressTable,
  suppressYearToDate,
  suppressionNote,
  type Cell,
  type SuppressionBlock,
  type SuppressionTable,
  type YearToDateRow,
} from './suppress';
export { monthlyFlows } from './months';
export {
  SUMMARY_FORMAT,
  type MonthlySummary,
  type SummaryColumn,
  type SummaryColumnKey,
  type SummaryGroup,
  type SummaryRow,
} from './types';
