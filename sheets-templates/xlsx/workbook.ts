// Writes the registry workbook with exceljs's streaming writer: the empty template and a filled
// registry come out of the same code, and 100k-case registries never sit in memory as a workbook.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { SHEETS, type ColumnDef, type Settings } from '../../core/registry/definition';
import type { Registry } from '../../core/registry/records';
import { LOOK_COLORS, registryLook, settingsLook, type CellRule } from '../../core/registry/look';
import {
  INLINE_LIST_LIMIT,
  LISTS_NOTE,
  LISTS_SHEET,
  LISTS_WIDTH,
  TEMPLATE_ROWS,
  argb,
  listColumns,
  listRange,
  listRows,
} from '../layout';
import { columnLetter } from '../../core/registry/layout';

type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };
const validationsOf = (ws: ExcelJS.Worksheet): Validations =>
  (ws as unknown as { dataValidations: Validations }).dataValidations;

const headerFont: Partial<ExcelJS.Font> = { bold: true };
const fill = (argbColor: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argbColor } });

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

function writeHeader(ws: ExcelJS.Worksheet, cells: ReadonlyArray<{ label: string; note: string; fill: string }>): void {
  const row = ws.getRow(1);
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.label;
    cell.font = headerFont;
    cell.fill = fill(argb(c.fill));
    if (c.note) cell.note = c.note;
  });
  row.commit();
}

/** Excel's first day (serial 1): a date rule "on or after" it accepts every date. */
const FIRST_EXCEL_DAY = new Date(Date.UTC(1900, 0, 1));

/**
 * A cell rule as Excel's data validation. Excel has no checkbox: a check box is a TRUE/FALSE
 * dropdown (kasane reads both). A strict rule stops a value outside it; the others warn and let the
 * coordinator keep it. The rule's help is the input message and the refusal's text.
 */
function excelValidation(label: string, rule: CellRule, settings: Settings): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: rule.strict ? 'stop' : 'warning',
    errorTitle: label,
  } as const;
  const said = (help: string) => ({ ...common, error: help, showInputMessage: true, promptTitle: label, prompt: help });
  switch (rule.kind) {
    case 'choice': {
      const inline = `"${rule.values.join(',')}"`;
      // None of the contract's enums comes close; a longer one would need the lists sheet.
      if (inline.length > INLINE_LIST_LIMIT) throw new Error(`${label}: the choices exceed Excel's inline list`);
      return { type: 'list', formulae: [inline], ...said(rule.help) };
    }
    case 'settingsList':
      return { type: 'list', formulae: [listRange(rule.list, settings)], ...said(rule.help) };
    case 'checkbox':
      return { type: 'list', formulae: ['"TRUE,FALSE"'], ...common, error: 'TRUE か FALSE を選んでください。' };
    case 'date':
      return { type: 'date', operator: 'greaterThanOrEqual', formulae: [FIRST_EXCEL_DAY], ...said(rule.help) };
    case 'number': {
      const type = rule.integer ? 'whole' : 'decimal';
      if (rule.min !== undefined && rule.max !== undefined)
        return { type, operator: 'between', formulae: [rule.min, rule.max], ...said(rule.help) };
      if (rule.min !== undefined)
        return { type, operator: 'greaterThanOrEqual', formulae: [rule.min], ...said(rule.help) };
      return { type, operator: 'lessThanOrEqual', formulae: [rule.max], ...said(rule.help) };
    }
  }
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

  const looks = registryLook(settings);
  for (const [k, sheet] of SHEETS.entries()) {
    const look = looks[k]!;
    const ws = wb.addWorksheet(look.name, {
      views: [{ state: 'frozen', ySplit: look.frozenRows, activeCell: 'A2' }],
    });
    ws.columns = look.columns.map((c) => ({
      key: c.key,
      width: c.width,
      ...(c.numberFormat ? { style: { numFmt: c.numberFormat } } : {}),
    }));
    writeHeader(ws, look.columns);
    const records = (registry?.[sheet.key] ?? []) as ReadonlyArray<Record<string, unknown>>;
    const cols = sheet.columns;
    // One style object per column: exceljs recognises a style object it has seen (a WeakMap) and
    // skips re-serialising it, which is most of the writer's time on a large registry.
    const styles: Array<Partial<ExcelJS.Style>> = look.columns.map((c) =>
      c.numberFormat ? { numFmt: c.numberFormat } : {},
    );
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
    look.columns.forEach((c, i) => {
      if (c.rule)
        dv.add(`${columnLetter(i + 1)}2:${columnLetter(i + 1)}${lastRow}`, excelValidation(c.label, c.rule, settings));
    });
    // No sheet protection: Excel's locks the whole sheet (sorting and filters too) and has no
    // warning-only kind, and an uploaded file would keep it as a hard lock in Google Sheets. The
    // add-on's 「台帳を初期設定」 adds the warning-only header protection once the file is in Sheets.
    await ws.commit();
  }

  // 「設定」: one row per setting, a list written in one cell with 、 between its values; the item's
  // note says what the setting is for, a number's cell takes its bounds.
  const sl = settingsLook(settings);
  const st = wb.addWorksheet(sl.name, { views: [{ state: 'frozen', ySplit: sl.frozenRows, activeCell: 'B2' }] });
  st.columns = sl.widths.map((width) => ({ width }));
  writeHeader(st, sl.header);
  const sdv = validationsOf(st);
  sl.rows.forEach((s, i) => {
    const row = st.getRow(i + 2);
    const item = row.getCell(1);
    item.value = s.label;
    item.note = s.note;
    const value = row.getCell(2);
    if (s.value !== undefined) value.value = s.value;
    value.style = { numFmt: s.numberFormat };
    row.commit();
    if (s.rule) sdv.add(`B${i + 2}`, excelValidation(s.label, s.rule, settings));
  });
  await st.commit();

  // The dropdowns' source: Excel caps an inline list at 255 characters, so lists live here.
  const lists = listColumns(settings);
  const ls = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  ls.columns = lists.map(() => ({ width: LISTS_WIDTH }));
  writeHeader(
    ls,
    lists.map((l) => ({ label: l.label, note: LISTS_NOTE, fill: LOOK_COLORS.settings })),
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
