// Hand-built workbooks for reader tests, written by exceljs's ordinary (non-streaming) writer —
// a different writer from the template's, closer to what Excel saves.
import ExcelJS from 'exceljs';
import { SETTINGS_SHEET, SHEETS } from '../../core/registry/definition';

/** A sheet: its rows from row 1, date-formatted columns, and merged ranges in A1 notation ('A3:A5'). */
export type SheetSpec = { name: string; rows: ExcelJS.CellValue[][]; dateColumns?: number[]; merges?: string[] };

export async function workbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((values, i) => {
      const row = ws.getRow(i + 1);
      values.forEach((v, j) => {
        if (v !== undefined) row.getCell(j + 1).value = v;
      });
    });
    for (const c of s.dateColumns ?? []) ws.getColumn(c).numFmt = 'yyyy-mm-dd';
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The sheets given, then every contract sheet and 「設定」 they lack, with the template's headers
 * and no rows: a workbook without them is read with a `sheet.missing` issue per missing sheet,
 * which is beside the point of a test about cells.
 */
export function withAllSheets(sheets: SheetSpec[]): SheetSpec[] {
  const names = new Set(sheets.map((s) => s.name));
  const rest: SheetSpec[] = SHEETS.filter((d) => !names.has(d.name)).map((d) => ({
    name: d.name,
    rows: [d.columns.map((c) => c.label)],
  }));
  if (!names.has(SETTINGS_SHEET.name))
    rest.push({ name: SETTINGS_SHEET.name, rows: [[SETTINGS_SHEET.itemLabel, SETTINGS_SHEET.valueLabel]] });
  return [...sheets, ...rest];
}

/** The ケース headers every file needs (the required columns) plus a few optional ones. */
export const CASE_HEADERS = ['ケースID', '受付日', '相談経路', '受付窓口', '分野', 'エリア', '本人同意', '支援状況'];

export function caseRow(
  id: string,
  receivedOn: ExcelJS.CellValue,
  extra: ExcelJS.CellValue[] = [],
): ExcelJS.CellValue[] {
  return [id, receivedOn, '本人', '地域包括支援センター', '高齢', '東', '未確認', '受付', ...extra];
}

export const utcDate = (y: number, m: number, d: number, h = 0, min = 0): Date =>
  new Date(Date.UTC(y, m - 1, d, h, min));
