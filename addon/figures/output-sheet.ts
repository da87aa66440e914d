// The add-on's own output sheets (指標, 月次集計): rewritten in place, never one more sheet per run.
// The whole content is one setValues; formatting is a fixed number of calls whatever the number
// of rows, so a refresh costs the same at 1k and at 10k cases. A sheet of that name that the add-on
// did not make (no protection of ours, and content) is left alone: it may be a clerk's own work.
import { failure, type Failure } from '../errors';
import type { Workbook } from '../workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** A sheet made ready for writing, with its protection when it already has ours. */
export interface Target {
  sheet: Sheet;
  protection: Protection | undefined;
}

/** A cell of an output sheet: text is written as text, numbers as numbers, null as an empty cell. */
export type OutputCell = string | number | null;
export type OutputLine = OutputCell[];

export const OUTPUT_PROTECTION =
  '自動作成のシートです。台帳のシートを直してください（このシートは直さないでください）。';

const HEADER_BACKGROUND = '#e8eaed';

export interface OutputSheet {
  name: string;
  /** Every line from row 1 (title, what was read, the table, notes …). */
  lines: OutputLine[];
  /** 1-based row of the table's header (frozen with everything above it). */
  headerRow: number;
  /** Column widths in pixels, from column A. */
  widths: number[];
}

/**
 * Text is written with a leading apostrophe, which Sheets reads as "this is text": a label from the
 * 設定 sheet that starts with `=` never becomes a formula, and 2025年5月 or 0120 stay as typed.
 */
export function cellOf(v: OutputCell): string | number {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  return v === '' ? '' : `'${v}`;
}

/** When the sheet was made, in the spreadsheet's time zone (yyyy-MM-dd HH:mm). */
export function madeAt(wb: Workbook, now: Date = new Date()): string {
  return Utilities.formatDate(now, wb.timeZone, 'yyyy-MM-dd HH:mm');
}

/** Why a sheet the office made, of the name kasane writes, is left alone. */
export const notOurs = (name: string): string =>
  `「${name}」シートは、かさねが作ったシートではないため書き換えませんでした。そのシートの名前を変えてから、もう一度実行してください。`;

/** The sheet to rewrite, emptied, or a refusal when a sheet of that name is someone else's. */
export function outputSheet(wb: Workbook, name: string): Target | Failure {
  const existing = wb.ss.getSheetByName(name);
  if (!existing) return { sheet: wb.ss.insertSheet(name), protection: undefined };
  const protection = existing
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .find((p) => p.getDescription() === OUTPUT_PROTECTION);
  if (!protection && existing.getLastRow() > 0) return failure('sheet.notOurs', notOurs(name));
  // Contents and formats go; the sheet, its place among the tabs and its protection stay.
  existing.clear();
  for (const chart of existing.getCharts()) existing.removeChart(chart);
  return { sheet: existing, protection };
}

/** Writes the lines in one setValues and formats the sheet. */
export function writeOutput({ sheet, protection }: Target, spec: OutputSheet): void {
  const width = Math.max(spec.widths.length, ...spec.lines.map((l) => l.length));
  const values = spec.lines.map((l) => Array.from({ length: width }, (_, i) => cellOf(l[i] ?? null)));
  const maxRows = sheet.getMaxRows();
  if (values.length > maxRows) sheet.insertRowsAfter(maxRows, values.length - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (width > maxCols) sheet.insertColumnsAfter(maxCols, width - maxCols);
  // Values, bold and the header's colour of the whole block at once: three calls whatever the
  // number of rows. Bold: the title and the labels above the table (column A), and the header row.
  const h = spec.headerRow;
  const bold = values.map((line, r) => line.map((_, c) => (r + 1 === h || (r + 1 < h && c === 0) ? 'bold' : null)));
  const fill = values.map((line, r) => line.map(() => (r + 1 === h ? HEADER_BACKGROUND : null)));
  sheet.getRange(1, 1, values.length, width).setValues(values).setFontWeights(bold).setBackgrounds(fill);
  sheet.setFrozenRows(h);
  // Column widths and the protection outlive clear(): set once, when the sheet is made.
  if (protection) return;
  setWidths(sheet, spec.widths);
  // Warning-only: anyone editing is asked first. It guards against a clerk fixing a figure here
  // instead of in the registry; it is no confidentiality (whoever opens the file reads the sheet).
  sheet.protect().setDescription(OUTPUT_PROTECTION).setWarningOnly(true);
}

/** One call per run of equal widths. */
function setWidths(sheet: Sheet, widths: readonly number[]): void {
  let start = 0;
  for (let i = 1; i <= widths.length; i++) {
    if (i < widths.length && widths[i] === widths[start]) continue;
    if (i - start === 1) sheet.setColumnWidth(start + 1, widths[start]!);
    else sheet.setColumnWidths(start + 1, i - start, widths[start]!);
    start = i;
  }
}
