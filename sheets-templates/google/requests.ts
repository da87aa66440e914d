// The registry template as Sheets API requests: the `spreadsheets.create` body and the one
// `batchUpdate` that gives every sheet its header, notes, widths, formats and dropdowns. Pure data
// from the shared look (core/registry/look.ts), so the Google file, the XLSX template and the
// add-on's 「台帳を初期設定」 look alike.
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { SETTINGS_SHEET, SHEETS, type SheetDef, type Settings } from '../../core/registry/definition';
import {
  HEADER_PROTECTION,
  LOOK_COLORS,
  NUMBER_FORMATS,
  sheetLook,
  settingsLook,
  widthPixels,
  type CellRule,
  type NumberFormat,
} from '../../core/registry/look';
import { LISTS_NOTE, LISTS_SHEET, LISTS_WIDTH, TEMPLATE_ROWS, listColumns, listRange, listRows } from '../layout';

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;
type GridRange = sheets_v4.Schema$GridRange;

/** The only scope asked for: create and edit spreadsheets, nothing else in the user's Drive. */
export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets'] as const;

/** The add-on's description (core/registry/look.ts): 「台帳を初期設定」 on this file repairs, not doubles, it. */
export { HEADER_PROTECTION, widthPixels };

/** 「設定」 rows in the grid: room for a coordinator's own rows below the settings. */
export const SETTINGS_ROWS = 50;

export type SheetRole = 'contract' | 'settings' | 'lists';

export interface SheetPlan {
  readonly title: string;
  readonly role: SheetRole;
  /** The id asked for in the create body; the batch uses the ids the API answers with. */
  readonly sheetId: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly def?: SheetDef;
}

/** Every sheet of the new spreadsheet, in tab order: the contract's sheets, 「設定」, the hidden lists. */
export function sheetPlans(settings: Settings): SheetPlan[] {
  const lists = listColumns(settings);
  const depth = Math.max(1, listRows(lists).length);
  return [
    ...SHEETS.map((def, i): SheetPlan => ({
      title: def.name,
      role: 'contract',
      sheetId: i,
      // Header plus TEMPLATE_ROWS rows, like the XLSX: the dropdowns reach the last row of the grid.
      rowCount: TEMPLATE_ROWS + 1,
      columnCount: def.columns.length,
      def,
    })),
    {
      title: SETTINGS_SHEET.name,
      role: 'settings',
      sheetId: SHEETS.length,
      rowCount: SETTINGS_ROWS,
      columnCount: 2,
    },
    {
      title: LISTS_SHEET,
      role: 'lists',
      sheetId: SHEETS.length + 1,
      rowCount: depth + 1,
      columnCount: lists.length,
    },
  ];
}

export function spreadsheetTitle(settings: Settings): string {
  const name = settings.municipality.trim();
  return name ? `かさね台帳（${name}）` : 'かさね台帳';
}

export function createBody(settings: Settings): sheets_v4.Schema$Spreadsheet {
  return {
    properties: { title: spreadsheetTitle(settings), locale: 'ja_JP', timeZone: 'Asia/Tokyo' },
    sheets: sheetPlans(settings).map((p, index) => ({
      properties: {
        sheetId: p.sheetId,
        title: p.title,
        index,
        hidden: p.role === 'lists',
        gridProperties: { rowCount: p.rowCount, columnCount: p.columnCount },
      },
    })),
  };
}

/** `#dde7f3` (LOOK_COLORS) → the API's 0–1 floats. */
export function rgb(hex: string): sheets_v4.Schema$Color {
  const byte = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: byte(1), green: byte(3), blue: byte(5) };
}

function text(value: string): sheets_v4.Schema$ExtendedValue {
  return { stringValue: value };
}

function headerCell(c: { label: string; note: string; fill: string }): CellData {
  return {
    userEnteredValue: text(c.label),
    userEnteredFormat: { textFormat: { bold: true }, backgroundColorStyle: { rgbColor: rgb(c.fill) } },
    ...(c.note ? { note: c.note } : {}),
  };
}

function headerRow(sheetId: number, cells: CellData[]): Request {
  return {
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: 0 },
      rows: [{ values: cells }],
      fields: 'userEnteredValue,userEnteredFormat,note',
    },
  };
}

function frozenHeader(sheetId: number, rows: number): Request {
  return {
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { frozenRowCount: rows } },
      fields: 'gridProperties.frozenRowCount',
    },
  };
}

function protectHeader(sheetId: number, width: number, description: string): Request {
  return {
    addProtectedRange: {
      protectedRange: {
        range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width },
        description,
        warningOnly: true,
      },
    },
  };
}

function widths(sheetId: number, pixels: readonly number[]): Request[] {
  return pixels.map((pixelSize, i) => ({
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 },
      properties: { pixelSize },
      fields: 'pixelSize',
    },
  }));
}

/** A data column below the header, to the last row of the grid. */
function columnBody(plan: SheetPlan, col: number): GridRange {
  return {
    sheetId: plan.sheetId,
    startRowIndex: 1,
    endRowIndex: plan.rowCount,
    startColumnIndex: col,
    endColumnIndex: col + 1,
  };
}

/** A number format of the shared look as the API's: its type follows the pattern. */
export function apiNumberFormat(format: NumberFormat): sheets_v4.Schema$NumberFormat {
  const type = format === NUMBER_FORMATS.date ? 'DATE' : format === NUMBER_FORMATS.integer ? 'NUMBER' : 'TEXT';
  return { type, pattern: format };
}

/** A cell rule of the shared look as the API's: the help shows when a cell is selected. */
export function apiRule(rule: CellRule, settings: Settings): sheets_v4.Schema$DataValidationRule {
  switch (rule.kind) {
    case 'choice':
      return {
        condition: { type: 'ONE_OF_LIST', values: rule.values.map((v) => ({ userEnteredValue: v })) },
        strict: rule.strict,
        showCustomUi: true,
        inputMessage: rule.help,
      };
    case 'settingsList':
      // The range on the hidden lists sheet, as in the XLSX.
      return {
        condition: { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: `=${listRange(rule.list, settings)}` }] },
        strict: rule.strict,
        showCustomUi: true,
        inputMessage: rule.help,
      };
    case 'checkbox':
      // A checkbox: TRUE when ticked, FALSE when not.
      return { condition: { type: 'BOOLEAN' }, strict: rule.strict };
    case 'date':
      return { condition: { type: 'DATE_IS_VALID' }, strict: rule.strict, inputMessage: rule.help };
    case 'number': {
      const bound = (n: number) => ({ userEnteredValue: String(n) });
      const condition: sheets_v4.Schema$BooleanCondition =
        rule.min !== undefined && rule.max !== undefined
          ? { type: 'NUMBER_BETWEEN', values: [bound(rule.min), bound(rule.max)] }
          : rule.min !== undefined
            ? { type: 'NUMBER_GREATER_THAN_EQ', values: [bound(rule.min)] }
            : { type: 'NUMBER_LESS_THAN_EQ', values: [bound(rule.max ?? 0)] };
      return { condition, strict: rule.strict, inputMessage: rule.help };
    }
  }
}

function contractRequests(plan: SheetPlan, def: SheetDef, settings: Settings): Request[] {
  const id = plan.sheetId;
  const look = sheetLook(def, settings);
  const requests: Request[] = [
    headerRow(id, look.columns.map(headerCell)),
    frozenHeader(id, look.frozenRows),
    ...widths(
      id,
      look.columns.map((c) => widthPixels(c.width)),
    ),
  ];
  look.columns.forEach((c, i) => {
    if (c.numberFormat)
      requests.push({
        repeatCell: {
          range: columnBody(plan, i),
          cell: { userEnteredFormat: { numberFormat: apiNumberFormat(c.numberFormat) } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
    if (c.rule) requests.push({ setDataValidation: { range: columnBody(plan, i), rule: apiRule(c.rule, settings) } });
  });
  requests.push(protectHeader(id, look.columns.length, look.protection));
  return requests;
}

function settingValue(cell: string | number | undefined): sheets_v4.Schema$ExtendedValue | undefined {
  if (cell === undefined) return undefined;
  return typeof cell === 'number' ? { numberValue: cell } : text(cell);
}

function settingsRequests(plan: SheetPlan, settings: Settings): Request[] {
  const id = plan.sheetId;
  const look = settingsLook(settings);
  const rows: sheets_v4.Schema$RowData[] = look.rows.map((r) => {
    const value = settingValue(r.value);
    return {
      values: [{ userEnteredValue: text(r.label), note: r.note }, value ? { userEnteredValue: value } : {}],
    };
  });
  const valueCell = (i: number): GridRange => ({
    sheetId: id,
    startRowIndex: i + 1,
    endRowIndex: i + 2,
    startColumnIndex: 1,
    endColumnIndex: 2,
  });
  return [
    headerRow(id, look.header.map(headerCell)),
    {
      updateCells: {
        start: { sheetId: id, rowIndex: 1, columnIndex: 0 },
        rows,
        fields: 'userEnteredValue,note',
      },
    },
    frozenHeader(id, look.frozenRows),
    ...widths(id, look.widths.map(widthPixels)),
    // Each value cell's format and bounds: a list or a name stays as typed, a number takes its range.
    ...look.rows.flatMap((r, i): Request[] => [
      {
        repeatCell: {
          range: valueCell(i),
          cell: { userEnteredFormat: { numberFormat: apiNumberFormat(r.numberFormat) } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      ...(r.rule ? [{ setDataValidation: { range: valueCell(i), rule: apiRule(r.rule, settings) } }] : []),
    ]),
    protectHeader(id, 2, look.protection),
  ];
}

function listsRequests(plan: SheetPlan, settings: Settings): Request[] {
  const id = plan.sheetId;
  const lists = listColumns(settings);
  const rows: sheets_v4.Schema$RowData[] = listRows(lists).map((row) => ({
    values: row.map((v) => (v === undefined ? {} : { userEnteredValue: text(v) })),
  }));
  return [
    headerRow(
      id,
      lists.map((l) => headerCell({ label: l.label, note: LISTS_NOTE, fill: LOOK_COLORS.settings })),
    ),
    ...(rows.length
      ? [{ updateCells: { start: { sheetId: id, rowIndex: 1, columnIndex: 0 }, rows, fields: 'userEnteredValue' } }]
      : []),
    frozenHeader(id, 1),
    ...widths(
      id,
      lists.map(() => widthPixels(LISTS_WIDTH)),
    ),
  ];
}

/**
 * The one batchUpdate after create. `sheetIds` maps each sheet's title to the id the create call
 * answered with; a missing title is a fault of the API's answer, not of the definition.
 */
export function batchRequests(settings: Settings, sheetIds: ReadonlyMap<string, number>): Request[] {
  const requests: Request[] = [];
  for (const planned of sheetPlans(settings)) {
    const sheetId = sheetIds.get(planned.title);
    if (sheetId === undefined) throw new Error(`sheet 「${planned.title}」 missing from the create response`);
    const plan = { ...planned, sheetId };
    if (plan.role === 'contract') requests.push(...contractRequests(plan, plan.def!, settings));
    else if (plan.role === 'settings') requests.push(...settingsRequests(plan, settings));
    else requests.push(...listsRequests(plan, settings));
  }
  return requests;
}
