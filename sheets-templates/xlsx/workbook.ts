// Writes the registry workbook with exceljs's streaming writer: the empty template and a filled
// registry come out of the same code, and 100k-case registries never sit in memory as a workbook.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { SETTINGS_SHEET, SETTING_DEFS, type ColumnDef, type Settings } from '../../core/registry/definition';
import type { Registry } from '../../core/registry/records';
import {
  COLORS,
  DATE_FORMAT,
  ENUM_MESSAGE,
  LISTS_NOTE,
  LISTS_SHEET,
  LISTS_WIDTH,
  SETTINGS_NOTES,
  SETTINGS_WIDTHS,
  SHEET_DEFS,
  TEMPLATE_ROWS,
  columnLetter,
  columnWidth,
  dropdown,
  headerNote,
  listColumns,
  listRows,
  minText,
  settingCell,
} from '../layout';

type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };
const validationsOf = (ws: ExcelJS.Worksheet): Validations =>
  (ws as unknown as { dataValidations: Validations }).dataValidations;

const headerFont: Partial<ExcelJS.Font> = { bold: true };
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

function isoToDate(iso: string): Date {
  // UTC midnight: exceljs turns a Date into a serial day with UTC arithmetic, so the day is exact.
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

function cellValue(col: ColumnDef, v: unknown): ExcelJS.CellValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (col.type === 'date' && typeof v === 'string') return isoToDate(v);
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function writeHeader(ws: ExcelJS.Worksheet, labels: string[], notes: Array<string | undefined>, fills: string[]): void {
  const row = ws.getRow(1);
  labels.forEach((label, i) => {
    const cell = row.getCell(i + 1);
    cell.value = label;
    cell.font = headerFont;
    cell.fill = fill(fills[i] ?? COLORS.header);
    cell.alignment = { vertical: 'middle' };
    const note = notes[i];
    if (note) cell.note = note;
  });
  row.commit();
}

/** The workbook as bytes; `registry` absent writes the empty template. */
export async function writeWorkbook(settings: Settings, registry?: Registry): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'kasane';

  for (const sheet of SHEET_DEFS) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
    ws.columns = sheet.columns.map((c) => ({
      key: c.key,
      width: columnWidth(c, settings),
      ...(c.type === 'date' ? { style: { numFmt: DATE_FORMAT } } : {}),
    }));
    writeHeader(
      ws,
      sheet.columns.map((c) => c.label),
      sheet.columns.map(headerNote),
      sheet.columns.map((c) => (c.pii ? COLORS.pii : COLORS.header)),
    );
    const records = (registry?.[sheet.key] ?? []) as ReadonlyArray<Record<string, unknown>>;
    const cols = sheet.columns;
    // One style object per column: exceljs recognises a style object it has seen (a WeakMap) and
    // skips re-serialising it, which is most of the writer's time on a large registry.
    const styles: Array<Partial<ExcelJS.Style>> = cols.map((c) => (c.type === 'date' ? { numFmt: DATE_FORMAT } : {}));
    let r = 2;
    for (const rec of records) {
      const row = ws.getRow(r++);
      for (let i = 0; i < cols.length; i++) {
        const v = cellValue(cols[i]!, rec[cols[i]!.key]);
        if (v === undefined) continue;
        const cell = row.getCell(i + 1);
        cell.value = v;
        cell.style = styles[i]!;
      }
      row.commit();
      // Let the zip stream drain now and then instead of holding a whole sheet's XML in memory.
      if ((r & 4095) === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const lastRow = Math.max(TEMPLATE_ROWS, records.length + 1000) + 1;
    const dv = validationsOf(ws);
    sheet.columns.forEach((c, i) => {
      const range = `${columnLetter(i + 1)}2:${columnLetter(i + 1)}${lastRow}`;
      const d = dropdown(c, settings);
      if (d) {
        dv.add(range, {
          type: 'list',
          allowBlank: true,
          formulae: [d.formula],
          showErrorMessage: true,
          errorStyle: d.strict ? 'stop' : 'warning',
          errorTitle: c.label,
          error: d.strict
            ? ENUM_MESSAGE
            : '「設定」シートの一覧にない値です。必要なら「設定」シートに追加してください。',
        });
      } else if ((c.type === 'integer' || c.type === 'number') && c.min !== undefined) {
        dv.add(range, {
          type: c.type === 'integer' ? 'whole' : 'decimal',
          operator: 'greaterThanOrEqual',
          allowBlank: true,
          formulae: [c.min],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: c.label,
          error: `${minText(c)}を入力してください。`,
        });
      }
    });
    await ws.commit();
  }

  // 「設定」: one row per setting, a list written in one cell with 、 between its values.
  const st = wb.addWorksheet(SETTINGS_SHEET.name, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'B2' }] });
  st.columns = SETTINGS_WIDTHS.map((width) => ({ width }));
  writeHeader(
    st,
    [SETTINGS_SHEET.itemLabel, SETTINGS_SHEET.valueLabel],
    [...SETTINGS_NOTES],
    [COLORS.settings, COLORS.settings],
  );
  for (const def of SETTING_DEFS) {
    const value = settingCell(settings[def.key]);
    const values: ExcelJS.CellValue[] = [];
    values[1] = def.label;
    if (value !== undefined) values[2] = value;
    st.addRow(values).commit();
  }
  await st.commit();

  // The dropdowns' source: Excel caps an inline list at 255 characters, so lists live here.
  const lists = listColumns(settings);
  const ls = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  ls.columns = lists.map(() => ({ width: LISTS_WIDTH }));
  writeHeader(
    ls,
    lists.map((l) => l.label),
    lists.map(() => LISTS_NOTE),
    lists.map(() => COLORS.settings),
  );
  for (const row of listRows(lists)) {
    const values: ExcelJS.CellValue[] = [];
    row.forEach((v, i) => {
      if (v !== undefined) values[i + 1] = v;
    });
    ls.addRow(values).commit();
  }
  await ls.commit();

  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
