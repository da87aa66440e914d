// 「月次集計を作成」: the 月次集計 of `kasane summary` (当月, 前年同月, 年度累計; grouped rows;
// suppression and its footnote when public, the 内部用 line when not) written to the sheet 「月次集計」
// with a native column chart of new cases by 分野 over twelve months, and the same summary as a CSV
// the dialog downloads. The chart's data is written beside the table as numbers: a suppressed `*`
// becomes an empty cell, so the chart shows exactly what the table shows.
import { buildMonthlySummary, SummaryError } from '../../core/summary/build';
import type { MonthlySummary } from '../../core/summary/types';
import { SUPPRESSED, type Cell } from '../../core/summary/suppress';
import { monthLabel } from '../../core/dates/fiscal';
import { OUTPUT_SHEETS } from '../../core/registry/definition';
import { summaryCsvRows, summaryDates, summaryLines, summaryMode, type PlainCell } from '../../reports/summary-table';
import { csvText } from '../../reports/csv-text';
import { CHART_TITLES } from '../../reports/svg-charts';
import { failure, isFailure, type Failure } from '../errors';
import { withDocumentLock } from '../lock';
import { openWorkbook, type Workbook } from '../workbook';
import { madeAt, outputSheet, writeOutput, type OutputLine } from './output-sheet';
import { readForFigures, readLines, type FiguresRead } from './read';
import { readSummaryRequest } from './request';
import type { CsvDownload, SheetWritten } from './types';

const WIDTHS = [150, 300, 140, 140, 140, 110];
/** The chart stands right of the table, one empty column between. */
const CHART_GAP = 2;

interface Built {
  summary: MonthlySummary;
  figures: FiguresRead;
}

function build(input: unknown, wb: Workbook): Built | Failure {
  const request = readSummaryRequest(input);
  if (isFailure(request)) return request;
  const figures = readForFigures(wb);
  if (isFailure(figures)) return figures;
  try {
    const summary = buildMonthlySummary(figures.read.registry, request.month, {
      public: request.public,
      read: figures.read,
    });
    return { summary, figures };
  } catch (e) {
    if (e instanceof SummaryError) return failure('period.invalid', e.message, { month: e.message });
    throw e;
  }
}

/** A chart cell: the number, or nothing where the table shows `*` (or no figure). */
const chartValue = (c: Cell): number | null => (c === SUPPRESSED ? null : c);

export function chartTitle(s: MonthlySummary): string {
  const { months } = s.charts.newCasesByDomain;
  const span = `${monthLabel(months[0]!)}〜${monthLabel(months[months.length - 1]!)}`;
  return `${CHART_TITLES.newCasesByDomain} ${span}${s.public ? '（公表用）' : ''}`;
}

/** The chart's data: a header of 分野, then one line per month. */
export function chartLines(s: MonthlySummary): OutputLine[] {
  const chart = s.charts.newCasesByDomain;
  return [
    ['月', ...chart.series.map((x) => x.domain)],
    ...chart.labels.map((label, i): OutputLine => [label, ...chart.series.map((x) => chartValue(x.values[i]!))]),
  ];
}

const plain = (line: PlainCell[]): OutputLine => line;

export function makeMonthlySummarySheet(input: unknown, wb: Workbook = openWorkbook()): SheetWritten | Failure {
  const built = build(input, wb);
  if (isFailure(built)) return built;
  const { summary: s, figures } = built;
  // The lines every file of the summary prints under its title (mode, 基準日 and 作成日), then when
  // this sheet was made and what was read.
  const above: OutputLine[] = [
    [s.title],
    ['種類', summaryMode(s)],
    ['日付', summaryDates(s)],
    ['作成日時', madeAt(wb)],
    ...readLines(figures, s.excludedRows, s.warnings),
    [],
  ];
  const table = summaryLines(s).map(plain);
  const notes: OutputLine[] = [[], ...s.notes.map((n): OutputLine => ['注', n]), []];
  const chartData = chartLines(s);
  const title = chartTitle(s);
  const chartHeading: OutputLine[] = [
    ['グラフのデータ', s.public ? `${title}。秘匿した値（${SUPPRESSED}）は空欄です。` : title],
  ];
  const lines = [...above, ...table, ...notes, ...chartHeading, ...chartData];
  const headerRow = above.length + 1;
  const chartTop = lines.length - chartData.length + 1;
  const name = OUTPUT_SHEETS.monthlySummary;
  return withDocumentLock((): SheetWritten | Failure => {
    const target = outputSheet(wb, name);
    if (isFailure(target)) return target;
    const { sheet } = target;
    writeOutput(target, { name, lines, headerRow, widths: WIDTHS });
    const width = table[0]!.length;
    const chart = sheet
      .newChart()
      .addRange(sheet.getRange(chartTop, 1, chartData.length, chartData[0]!.length))
      .setNumHeaders(1)
      .setMergeStrategy(Charts.ChartMergeStrategy.MERGE_COLUMNS)
      .setPosition(headerRow, width + CHART_GAP, 0, 0)
      .asColumnChart()
      .setTitle(title)
      .setLegendPosition(Charts.Position.BOTTOM)
      .setYAxisTitle('件数')
      .build();
    sheet.insertChart(chart);
    wb.ss.setActiveSheet(sheet);
    return { ok: true, sheet: name, rows: table.length - 1, warnings: s.warnings };
  });
}

/** The CSV file name the dialog downloads: 月次集計_2025-05_公表用.csv. */
export const csvFilename = (s: MonthlySummary): string => `月次集計_${s.month}_${s.public ? '公表用' : '内部用'}.csv`;

/**
 * The 月次集計 as `kasane summary --format csv` writes it: the same rows (summaryCsvRows), as csvText
 * makes them — BOM, CRLF, formula-safe cells. Returned as text: the dialog saves it with a Blob, so
 * the add-on needs no Drive scope.
 */
export function monthlySummaryCsv(input: unknown, wb: Workbook = openWorkbook()): CsvDownload | Failure {
  const built = build(input, wb);
  if (isFailure(built)) return built;
  const s = built.summary;
  return {
    ok: true,
    filename: csvFilename(s),
    mimeType: 'text/csv;charset=utf-8',
    text: csvText(summaryCsvRows(s)),
    warnings: s.warnings,
  };
}
