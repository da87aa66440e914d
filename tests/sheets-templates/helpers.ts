// Hand-built workbooks for reader tests, written by exceljs's ordinary (non-streaming) writer —
// a different writer from the template's, closer to what Excel saves.
import ExcelJS from 'exceljs';

export type SheetSpec = { name: string; rows: ExcelJS.CellValue[][]; dateColumns?: number[] };

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
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
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
