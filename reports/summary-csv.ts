// 月次集計 as CSV bytes for Node: the rows of summary-table.ts (summaryCsvRows), encoded by csv.ts.
import type { MonthlySummary } from '../core/summary/types';
import { toCsv } from './csv';
import { summaryCsvRows } from './summary-table';

export function summaryCsv(s: MonthlySummary): Buffer {
  return toCsv(summaryCsvRows(s));
}
