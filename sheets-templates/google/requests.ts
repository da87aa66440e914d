// The registry template as Sheets API requests: the `spreadsheets.create` body and the one
// `batchUpdate` that gives every sheet its header, notes, widths, formats and dropdowns. Pure data
// from the definition and the shared layout, so the Google file and the XLSX template look alike.
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import {
  SETTINGS_SHEET,
  SETTING_DEFS,
  type ColumnDef,
  type SheetDef,
  type Settings,
} from '../../core/registry/definition';
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
  columnWidth,
  dropdown,
  headerNote,
  listColumns,
  listRows,
  minText,
  settingCell,
} from '../layout';

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;
type GridRange = sheets_v4.Schema$GridRange;

/** The only scope asked for: create and edit spreadsheets, nothing else in the user's Drive. */
export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets'] as const;

/**
 * The same description as the add-on's 「台帳を初期設定」 (addon/setup.ts HEADER_PROTECTION): the
 * add-on finds its header protection by this text, so running it on a file made here repairs the
 * protection instead of adding a second one. A warning-only protection is an edit lock against
 * accidents, not confidentiality: everyone with edit access can still confirm and change the header.
 */
export const HEADER_PROTECTION = 'かさね: 見出し行（列名を変えると台帳として読めなくなります）';

export const SETTINGS_ROWS = 50;

export const LIST_MESSAGE =
  '「設定」シートの一覧から選びます。一覧にない値は警告になります（必要なら「設定」に追加）。';
export const DATE_MESSAGE = '日付（2024-04-01、2024/4/1、令和6年4月1日 など）';

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
    ...SHEET_DEFS.map((def, i): SheetPlan => ({
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
      sheetId: SHEET_DEFS.length,
      rowCount: SETTINGS_ROWS,
      columnCount: 2,
    },
    {
      title: LISTS_SHEET,
      role: 'lists',
      sheetId: SHEET_DEFS.length + 1,
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

/** `FFDDE7F3` (ARGB, as in layout.COLORS) → the API's 0–1 floats. */
export function rgb(argb: string): sheets_v4.Schema$Color {
  const byte = (i: number) => parseInt(argb.slice(i, i + 2), 16) / 255;
  return { red: byte(2), green: byte(4), blue: byte(6) };
}

/** Excel width units (layout.columnWidth) → pixels, the same formula Excel uses for Calibri 11. */
export function widthPixels(excelWidth: number): number {
  return Math.round(excelWidth * 7 + 5);
}

function text(value: string): sheets_v4.Schema$ExtendedValue {
  return { stringValue: value };
}

function headerCell(label: string, fill: string, note: string | undefined): CellData {
  return {
    userEnteredValue: text(label),
    userEnteredFormat: {
      textFormat: { bold: true },
      backgroundColorStyle: { rgbColor: rgb(fill) },
      verticalAlignment: 'MIDDLE',
    },
    ...(note ? { note } : {}),
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

function frozenHeader(sheetId: number): Request {
  return {
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
      fields: 'gridProperties.frozenRowCount',
    },
  };
}

function protectHeader(sheetId: number, width: number): Request {
  return {
    addProtectedRange: {
      protectedRange: {
        range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width },
        description: HEADER_PROTECTION,
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

/**
 * Same choices as the add-on: dates as yyyy-mm-dd, integers as integers, and everything that is
 * text kept as typed (an id, a phone number, the tag 8050 stay text, not numbers).
 */
export function numberFormatOf(col: ColumnDef): sheets_v4.Schema$NumberFormat | null {
  switch (col.type) {
    case 'date':
      return { type: 'DATE', pattern: DATE_FORMAT };
    case 'integer':
      return { type: 'NUMBER', pattern: '0' };
    case 'number':
    case 'boolean':
      return null;
    default:
      return { type: 'TEXT', pattern: '@' };
  }
}

export function validationOf(col: ColumnDef, settings: Settings): sheets_v4.Schema$DataValidationRule | null {
  switch (col.type) {
    case 'enum':
      return {
        condition: { type: 'ONE_OF_LIST', values: (col.values ?? []).map((v) => ({ userEnteredValue: v })) },
        strict: true,
        showCustomUi: true,
        inputMessage: `${col.label}: ${ENUM_MESSAGE}`,
      };
    case 'list': {
      const d = dropdown(col, settings);
      if (!d) return null;
      // The range on the hidden lists sheet, as in the XLSX; a value outside it only warns.
      return {
        condition: { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: `=${d.formula}` }] },
        strict: false,
        showCustomUi: true,
        inputMessage: `${col.label}: ${LIST_MESSAGE}`,
      };
    }
    case 'boolean':
      // A checkbox: TRUE when ticked, FALSE when not.
      return { condition: { type: 'BOOLEAN' } };
    case 'date':
      // Not strict: 令和6年4月1日 typed as text is read by kasane, so it warns rather than refuses.
      return {
        condition: { type: 'DATE_IS_VALID' },
        strict: false,
        inputMessage: `${col.label}: ${DATE_MESSAGE}`,
      };
    case 'integer':
    case 'number':
      return col.min === undefined
        ? null
        : {
            condition: { type: 'NUMBER_GREATER_THAN_EQ', values: [{ userEnteredValue: String(col.min) }] },
            strict: true,
            inputMessage: `${col.label}: ${minText(col)}`,
          };
    default:
      return null;
  }
}

function contractRequests(plan: SheetPlan, def: SheetDef, settings: Settings): Request[] {
  const id = plan.sheetId;
  const requests: Request[] = [
    headerRow(
      id,
      def.columns.map((c) => headerCell(c.label, c.pii ? COLORS.pii : COLORS.header, headerNote(c))),
    ),
    frozenHeader(id),
    ...widths(
      id,
      def.columns.map((c) => widthPixels(columnWidth(c, settings))),
    ),
  ];
  def.columns.forEach((c, i) => {
    const numberFormat = numberFormatOf(c);
    if (numberFormat)
      requests.push({
        repeatCell: {
          range: columnBody(plan, i),
          cell: { userEnteredFormat: { numberFormat } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
    const rule = validationOf(c, settings);
    if (rule) requests.push({ setDataValidation: { range: columnBody(plan, i), rule } });
  });
  requests.push(protectHeader(id, def.columns.length));
  return requests;
}

function settingValue(v: Settings[keyof Settings]): sheets_v4.Schema$ExtendedValue | undefined {
  const cell = settingCell(v);
  if (cell === undefined) return undefined;
  return typeof cell === 'number' ? { numberValue: cell } : text(cell);
}

function settingsRequests(plan: SheetPlan, settings: Settings): Request[] {
  const id = plan.sheetId;
  const rows: sheets_v4.Schema$RowData[] = SETTING_DEFS.map((d) => {
    const value = settingValue(settings[d.key]);
    return { values: [{ userEnteredValue: text(d.label) }, value ? { userEnteredValue: value } : {}] };
  });
  return [
    headerRow(id, [
      headerCell(SETTINGS_SHEET.itemLabel, COLORS.settings, SETTINGS_NOTES[0]),
      headerCell(SETTINGS_SHEET.valueLabel, COLORS.settings, SETTINGS_NOTES[1]),
    ]),
    {
      updateCells: {
        start: { sheetId: id, rowIndex: 1, columnIndex: 0 },
        rows,
        fields: 'userEnteredValue',
      },
    },
    frozenHeader(id),
    ...widths(id, SETTINGS_WIDTHS.map(widthPixels)),
    // The values stay as typed: 「8050」 in a list or a name must not turn into a number.
    {
      repeatCell: {
        range: { sheetId: id, startRowIndex: 1, endRowIndex: plan.rowCount, startColumnIndex: 0, endColumnIndex: 2 },
        cell: { userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    },
    protectHeader(id, 2),
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
      lists.map((l) => headerCell(l.label, COLORS.settings, LISTS_NOTE)),
    ),
    ...(rows.length
      ? [{ updateCells: { start: { sheetId: id, rowIndex: 1, columnIndex: 0 }, rows, fields: 'userEnteredValue' } }]
      : []),
    frozenHeader(id),
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
