// File renderers for the summary and the indicators: what the CLI writes and the server sends.
import type { IndicatorsDoc } from '../core/indicators/compute';
import type { MonthlySummary } from '../core/summary/types';
import { indicatorsCsv, indicatorsJson, indicatorsText } from './indicators';
import { summaryCsv } from './summary-csv';
import { summaryHtml } from './summary-html';
import { summaryJson } from './summary-json';

export type SummaryFormat = 'csv' | 'xlsx' | 'json' | 'html';
export type IndicatorsFormat = 'json' | 'text' | 'csv';

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['csv', 'xlsx', 'json', 'html'];
export const INDICATORS_FORMATS: readonly IndicatorsFormat[] = ['json', 'text', 'csv'];

export async function exportSummary(summary: MonthlySummary, format: SummaryFormat): Promise<ExportFile> {
  const filename = `kasane-summary-${summary.month}${summary.public ? '-public' : ''}.${format}`;
  switch (format) {
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', filename, body: summaryCsv(summary) };
    case 'xlsx': {
      // exceljs is loaded only for XLSX: it is a large module and every other export would pay for it.
      const { summaryXlsx } = await import('./summary-xlsx');
      return {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename,
        body: await summaryXlsx(summary),
      };
    }
    case 'json':
      return { contentType: 'application/json; charset=utf-8', filename, body: summaryJson(summary) };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', filename, body: Buffer.from(summaryHtml(summary), 'utf8') };
  }
}

export async function exportIndicators(doc: IndicatorsDoc, format: IndicatorsFormat): Promise<ExportFile> {
  const p = doc.period;
  const base = `kasane-indicators-${p.value}${p.asOf !== null ? `-asof-${p.asOf}` : ''}`;
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', filename: `${base}.json`, body: indicatorsJson(doc) };
    case 'text':
      return {
        contentType: 'text/plain; charset=utf-8',
        filename: `${base}.txt`,
        body: Buffer.from(indicatorsText(doc), 'utf8'),
      };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, body: indicatorsCsv(doc) };
  }
}
