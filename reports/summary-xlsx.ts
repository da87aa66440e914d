// 月次集計 as an XLSX workbook: styled header, column widths, Japanese labels, printable on A4.
// Text is always written as a string cell (never a formula); numbers as numbers.
import ExcelJS from 'exceljs';
import type { MonthlySummary } from '../core/summary/types';
import { safeCell } from './safe-cell';
import { SUMMARY_HEADER, summaryMode, summaryRow, type PlainCell } from './summary-table';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** Writes a value through safe-cell: numbers as numbers, every text as a string cell. */
function put(cell: ExcelJS.Cell, value: PlainCell): void {
  const c = safeCell(value);
  if (c.kind === 'empty') return;
  cell.value = c.value;
  if (c.kind === 'number') cell.numFmt = Number.isInteger(c.value) ? '#,##0' : '#,##0.0##';
}

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
    views: [{ state: 'frozen', ySplit: 3 + s.warnings.length }],
  });
  const header = SUMMARY_HEADER(s);
  ws.columns = [{ width: 20 }, { width: 50 }, ...s.columns.map(() => ({ width: 22 })), { width: 40 }];

  put(ws.getCell(1, 1), s.title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, header.length - 1);
  put(ws.getCell(2, 1), summaryMode(s));
  ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF595959' } };
  // Sheets the figures had to do without, in red above the table: never a silent zero.
  s.warnings.forEach((w, i) => {
    const cell = ws.getCell(3 + i, 1);
    put(cell, `注意: ${w}`);
    cell.font = { bold: true, color: { argb: 'FFC00000' } };
    ws.mergeCells(3 + i, 1, 3 + i, header.length - 1);
  });

  const head = ws.getRow(3 + s.warnings.length);
  header.forEach((h, i) => put(head.getCell(i + 1), h));
  head.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = THIN;
  });
  head.height = 32;

  let r = 4 + s.warnings.length;
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
      summaryRow(g, row).forEach((v, i) => {
        const cell = xr.getCell(i + 1);
        put(cell, v);
        cell.border = THIN;
      });
      xr.getCell(2).alignment = { indent: row.level };
      for (let i = 3; i < 3 + row.cells.length; i++) xr.getCell(i).alignment = { horizontal: 'right' };
      xr.getCell(1).font = { color: { argb: 'FF808080' } };
      xr.getCell(header.length).font = { color: { argb: 'FF808080' }, size: 9 };
    }
  }
  r++;
  for (const n of s.notes) {
    const cell = ws.getCell(r, 1);
    put(cell, `注: ${n}`);
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 1, r, header.length - 1);
    ws.getRow(r).height = 15 * Math.max(1, Math.ceil(n.length / 70));
    r++;
  }

  const chart = wb.addWorksheet('グラフ用データ');
  const d = s.charts.newCasesByDomain;
  chart.columns = [{ width: 24 }, ...d.months.map(() => ({ width: 10 }))];
  const chartRows: PlainCell[][] = [
    ['新規相談件数（分野別）', ...d.months],
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
