// 月次集計 as an XLSX workbook: styled header, column widths, Japanese labels, printable on A4 with
// the title, 基準日, 作成日 and page numbers on every printed page and the table header repeated.
// Text is always written as a string cell (never a formula); numbers as numbers. A public workbook
// has no key column.
import ExcelJS from 'exceljs';
import { monthLabel } from '../core/dates/fiscal';
import type { MonthlySummary } from '../core/summary/types';
import { safeCell } from './safe-cell';
import { SUMMARY_HEADER, summaryDates, summaryMode, summaryRow, type PlainCell } from './summary-table';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** Text for a printed page's header or footer, where `&` starts a code. */
const headerText = (text: string): string => text.replace(/&/g, '&&');

/** Writes a value through safe-cell: numbers as numbers, every text as a string cell. */
function put(cell: ExcelJS.Cell, value: PlainCell): void {
  const c = safeCell(value);
  if (c.kind === 'empty') return;
  cell.value = c.value;
  if (c.kind === 'number') cell.numFmt = Number.isInteger(c.value) ? '#,##0' : '#,##0.0##';
}

/** Row of the table header when there is no warning: under the title, the mode and the dates. */
const HEAD_ROW = 4;

export async function summaryXlsx(s: MonthlySummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kasane';
  const ws = wb.addWorksheet('月次集計', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', ySplit: HEAD_ROW + s.warnings.length }],
    headerFooter: {
      oddHeader: `&L&8${headerText(s.title)}&R&8${headerText(summaryDates(s))}`,
      oddFooter: `&L&8${headerText(summaryMode(s))}&R&8&P / &N ページ`,
    },
  });
  const header = SUMMARY_HEADER(s);
  // The title, notes and warnings span the label and figure columns (not the key column).
  const lastFigure = 2 + s.columns.length;
  ws.columns = [
    { width: 20 },
    { width: 50 },
    ...s.columns.map(() => ({ width: 22 })),
    ...(s.public ? [] : [{ width: 40 }]),
  ];

  put(ws.getCell(1, 1), s.title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, lastFigure);
  put(ws.getCell(2, 1), summaryMode(s));
  ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF595959' } };
  put(ws.getCell(3, 1), summaryDates(s));
  ws.getCell(3, 1).font = { color: { argb: 'FF595959' } };
  // Sheets the figures had to do without, in red above the table: never a silent zero.
  s.warnings.forEach((w, i) => {
    const cell = ws.getCell(HEAD_ROW + i, 1);
    put(cell, `注意: ${w}`);
    cell.font = { bold: true, color: { argb: 'FFC00000' } };
    ws.mergeCells(HEAD_ROW + i, 1, HEAD_ROW + i, lastFigure);
  });

  const headRow = HEAD_ROW + s.warnings.length;
  // The table header is printed again at the top of every page.
  ws.pageSetup.printTitlesRow = `${headRow}:${headRow}`;
  const head = ws.getRow(headRow);
  header.forEach((h, i) => put(head.getCell(i + 1), h));
  head.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = THIN;
  });
  head.height = 32;

  let r = headRow + 1;
  for (const g of s.groups) {
    const gr = ws.getRow(r++);
    put(gr.getCell(1), g.heading);
    for (let i = 1; i <= header.length; i++) {
      gr.getCell(i).fill = GROUP_FILL;
      gr.getCell(i).border = THIN;
    }
    gr.font = { bold: true };
    for (const row of g.rows) {
      const xr = ws.getRow(r++);
      summaryRow(g, row, !s.public).forEach((v, i) => {
        const cell = xr.getCell(i + 1);
        put(cell, v);
        cell.border = THIN;
      });
      xr.getCell(2).alignment = { indent: row.level };
      for (let i = 3; i < 3 + row.cells.length; i++) xr.getCell(i).alignment = { horizontal: 'right' };
      xr.getCell(1).font = { color: { argb: 'FF808080' } };
      if (!s.public) xr.getCell(header.length).font = { color: { argb: 'FF808080' }, size: 9 };
    }
  }
  r++;
  for (const n of s.notes) {
    const cell = ws.getCell(r, 1);
    put(cell, `注: ${n}`);
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 1, r, lastFigure);
    ws.getRow(r).height = 15 * Math.max(1, Math.ceil(n.length / 70));
    r++;
  }

  const chart = wb.addWorksheet('グラフ用データ');
  const d = s.charts.newCasesByDomain;
  chart.columns = [{ width: 24 }, ...d.months.map(() => ({ width: 10 }))];
  const chartRows: PlainCell[][] = [
    ['新規相談件数（分野別）', ...d.months.map(monthLabel)],
    ...d.series.map((x) => [x.domain, ...x.values]),
    [],
    ['会議開催回数（種別）', s.columns[0]!.label, s.columns[2]!.label],
    ...s.charts.meetingsByType.types.map((t, i) => [
      t,
      s.charts.meetingsByType.month[i] ?? 0,
      s.charts.meetingsByType.fiscalYearToDate[i] ?? 0,
    ]),
  ];
  chartRows.forEach((values, i) => values.forEach((v, j) => put(chart.getCell(i + 1, j + 1), v)));
  chart.getRow(1).font = { bold: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
