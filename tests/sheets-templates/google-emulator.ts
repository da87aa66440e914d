// An emulated Sheets API v4, just the two methods the template uses, as Google documents them:
// POST /v4/spreadsheets (spreadsheets.create) and POST /v4/spreadsheets/{id}:batchUpdate. It checks
// the bearer token, validates every request the way the real API refuses them (unknown sheetId,
// range outside the grid, missing field mask) with Google's error body, applies a batch atomically
// to a small model of the sheets, and records every call for the tests.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request as HttpRequest, type Response as HttpResponse } from 'express';
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';

type Json = Record<string, unknown>;

export interface Bounds {
  startRowIndex: number;
  endRowIndex: number;
  startColumnIndex: number;
  endColumnIndex: number;
}

export interface EmulatedSheet {
  properties: sheets_v4.Schema$SheetProperties & {
    sheetId: number;
    title: string;
    gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number };
  };
  cells: Map<string, sheets_v4.Schema$CellData>;
  /** repeatCell and setDataValidation apply to whole ranges: kept as ranges, latest last. */
  formats: Array<{ range: Bounds; format: sheets_v4.Schema$CellFormat }>;
  validations: Array<{ range: Bounds; rule: sheets_v4.Schema$DataValidationRule | undefined }>;
  protectedRanges: Array<sheets_v4.Schema$ProtectedRange & { range: Bounds }>;
  columnPixels: Map<number, number>;
}

export interface EmulatedSpreadsheet {
  spreadsheetId: string;
  properties: sheets_v4.Schema$SpreadsheetProperties;
  sheets: EmulatedSheet[];
}

export interface Call {
  method: 'create' | 'batchUpdate';
  authorization: string | undefined;
  body: Json;
}

export interface Refusal {
  method: 'create' | 'batchUpdate';
  code: number;
  status: string;
  message: string;
}

export interface SheetsEmulator {
  rootUrl: string;
  calls: Call[];
  spreadsheets: Map<string, EmulatedSpreadsheet>;
  /** The next call of `method` fails with this error, as Google would answer it. */
  refuse(refusal: Refusal): void;
  /** The next call of `method` answers only after `ms` (a slow or stuck API); resolves once it has. */
  stall(method: Call['method'], ms: number): Promise<void>;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new ApiError(400, 'INVALID_ARGUMENT', message);

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const int = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

function sheetOf(book: EmulatedSpreadsheet, id: unknown, where: string): EmulatedSheet {
  const sheet = book.sheets.find((s) => s.properties.sheetId === id);
  if (!sheet) throw invalid(`Invalid ${where}: No grid with id: ${String(id)}`);
  return sheet;
}

/** A GridRange made concrete; an unset bound means the edge of the grid, as in the API. */
function bounds(book: EmulatedSpreadsheet, range: unknown, where: string): { sheet: EmulatedSheet; b: Bounds } {
  if (!isObj(range)) throw invalid(`Invalid ${where}: range is required`);
  const sheet = sheetOf(book, range.sheetId ?? 0, where);
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  const b: Bounds = {
    startRowIndex: int(range.startRowIndex, 0),
    endRowIndex: int(range.endRowIndex, rowCount),
    startColumnIndex: int(range.startColumnIndex, 0),
    endColumnIndex: int(range.endColumnIndex, columnCount),
  };
  if (
    b.startRowIndex < 0 ||
    b.startColumnIndex < 0 ||
    b.startRowIndex > b.endRowIndex ||
    b.startColumnIndex > b.endColumnIndex
  )
    throw invalid(`Invalid ${where}: Invalid range`);
  if (b.endRowIndex > rowCount || b.endColumnIndex > columnCount)
    throw invalid(
      `Invalid ${where}: Range ('${sheet.properties.title}'!R${b.startRowIndex + 1}C${b.startColumnIndex + 1}:R${b.endRowIndex}C${b.endColumnIndex}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`,
    );
  return { sheet, b };
}

/** Top-level names of a field mask: `a,b.c,d(e,f)` → a, b, d. */
function maskRoots(fields: unknown, where: string): Set<string> {
  if (typeof fields !== 'string' || fields === '')
    throw invalid(`Invalid ${where}: At least one field must be specified.`);
  const roots = new Set<string>();
  let depth = 0;
  let cur = '';
  for (const ch of fields + ',') {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      roots.add(cur.trim().split(/[.(]/)[0]!);
      cur = '';
    } else cur += ch;
  }
  return roots;
}

function a1(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

const CONDITIONS = new Set([
  'ONE_OF_LIST',
  'ONE_OF_RANGE',
  'BOOLEAN',
  'DATE_IS_VALID',
  'NUMBER_GREATER_THAN_EQ',
  'NUMBER_GREATER',
  'NUMBER_BETWEEN',
  'TEXT_CONTAINS',
  'CUSTOM_FORMULA',
]);

function checkRule(book: EmulatedSpreadsheet, rule: unknown, where: string): void {
  if (!isObj(rule) || !isObj(rule.condition)) throw invalid(`Invalid ${where}: rule.condition is required`);
  const type = rule.condition.type;
  const values = Array.isArray(rule.condition.values) ? (rule.condition.values as Json[]) : [];
  if (typeof type !== 'string' || !CONDITIONS.has(type))
    throw invalid(`Invalid ${where}: Invalid value at 'rule.condition.type' (${String(type)})`);
  if (type === 'ONE_OF_LIST' && values.length === 0)
    throw invalid(`Invalid ${where}: ConditionType 'ONE_OF_LIST' requires at least one ConditionValue.`);
  if (type === 'BOOLEAN' && values.length > 2)
    throw invalid(`Invalid ${where}: ConditionType 'BOOLEAN' requires 0-2 ConditionValues.`);
  if (type === 'ONE_OF_RANGE') {
    const formula = values.length === 1 ? values[0]!.userEnteredValue : undefined;
    // `='sheet'!$A$2:$A$7`: the sheet must exist and the range lie inside it.
    const m = typeof formula === 'string' ? /^='?(.+?)'?!(\$?[A-Z]+\$?\d+):(\$?[A-Z]+\$?\d+)$/.exec(formula) : null;
    const sheet = m ? book.sheets.find((s) => s.properties.title === m[1]) : undefined;
    const from = m ? a1(m[2]!) : null;
    const to = m ? a1(m[3]!) : null;
    if (!sheet || !from || !to)
      throw invalid(
        `Invalid ${where}: ConditionType 'ONE_OF_RANGE' requires a single range value (${String(formula)}).`,
      );
    const { rowCount, columnCount } = sheet.properties.gridProperties;
    if (to.row > rowCount || to.col > columnCount || from.row > to.row || from.col > to.col)
      throw invalid(`Invalid ${where}: ONE_OF_RANGE range ${String(formula)} exceeds grid limits.`);
  }
}

/** Checks one request against the spreadsheet as it stands; returns how to apply it. */
function check(book: EmulatedSpreadsheet, request: unknown, i: number): () => Json {
  if (!isObj(request)) throw invalid(`Invalid requests[${i}]: request must be an object`);
  const kinds = Object.keys(request);
  if (kinds.length !== 1) throw invalid(`Invalid requests[${i}]: exactly one kind of request must be set`);
  const kind = kinds[0]!;
  const r = request[kind];
  const where = `requests[${i}].${kind}`;
  if (!isObj(r)) throw invalid(`Invalid ${where}: request body must be an object`);
  switch (kind) {
    case 'updateCells': {
      const roots = maskRoots(r.fields, where);
      const rows = Array.isArray(r.rows) ? (r.rows as Json[]) : [];
      let sheet: EmulatedSheet;
      let top: number;
      let left: number;
      if (isObj(r.start)) {
        sheet = sheetOf(book, r.start.sheetId ?? 0, where);
        top = int(r.start.rowIndex, 0);
        left = int(r.start.columnIndex, 0);
        const width = Math.max(0, ...rows.map((row) => (Array.isArray(row.values) ? row.values.length : 0)));
        bounds(
          book,
          {
            sheetId: sheet.properties.sheetId,
            startRowIndex: top,
            endRowIndex: top + rows.length,
            startColumnIndex: left,
            endColumnIndex: left + width,
          },
          where,
        );
      } else {
        const g = bounds(book, r.range, where);
        sheet = g.sheet;
        top = g.b.startRowIndex;
        left = g.b.startColumnIndex;
      }
      return () => {
        rows.forEach((row, dr) => {
          const values = Array.isArray(row.values) ? (row.values as Json[]) : [];
          values.forEach((cell, dc) => {
            const key = `${top + dr},${left + dc}`;
            const next: Json = { ...(sheet.cells.get(key) ?? {}) };
            for (const root of roots) {
              if (cell[root] === undefined) delete next[root];
              else next[root] = cell[root];
            }
            sheet.cells.set(key, next as sheets_v4.Schema$CellData);
          });
        });
        return {};
      };
    }
    case 'repeatCell': {
      maskRoots(r.fields, where);
      const { sheet, b } = bounds(book, r.range, where);
      const cell = isObj(r.cell) ? r.cell : {};
      return () => {
        sheet.formats.push({ range: b, format: (cell.userEnteredFormat ?? {}) as sheets_v4.Schema$CellFormat });
        return {};
      };
    }
    case 'setDataValidation': {
      const { sheet, b } = bounds(book, r.range, where);
      if (r.rule !== undefined) checkRule(book, r.rule, where);
      return () => {
        sheet.validations.push({ range: b, rule: r.rule as sheets_v4.Schema$DataValidationRule | undefined });
        return {};
      };
    }
    case 'addProtectedRange': {
      const pr = isObj(r.protectedRange) ? r.protectedRange : {};
      const { sheet, b } = bounds(book, pr.range, where);
      if (pr.warningOnly === true && pr.editors !== undefined)
        throw invalid(`Invalid ${where}: Cannot set editors on a warning-only protected range.`);
      return () => {
        const protectedRangeId = Math.floor(Math.random() * 1e9);
        const added = { ...(pr as sheets_v4.Schema$ProtectedRange), range: b, protectedRangeId };
        sheet.protectedRanges.push(added);
        return { addProtectedRange: { protectedRange: { ...added, range: pr.range } } };
      };
    }
    case 'updateSheetProperties': {
      const roots = maskRoots(r.fields, where);
      const props = isObj(r.properties) ? r.properties : {};
      const sheet = sheetOf(book, props.sheetId, where);
      const grid = isObj(props.gridProperties) ? props.gridProperties : {};
      if (roots.has('gridProperties') && int(grid.frozenRowCount, 0) >= sheet.properties.gridProperties.rowCount)
        throw invalid(`Invalid ${where}: You can't freeze all visible rows on the sheet.`);
      return () => {
        if (roots.has('gridProperties')) Object.assign(sheet.properties.gridProperties, grid);
        if (roots.has('hidden')) sheet.properties.hidden = props.hidden === true;
        return {};
      };
    }
    case 'updateDimensionProperties': {
      maskRoots(r.fields, where);
      const range = isObj(r.range) ? r.range : {};
      const sheet = sheetOf(book, range.sheetId, where);
      const limit =
        range.dimension === 'COLUMNS'
          ? sheet.properties.gridProperties.columnCount
          : sheet.properties.gridProperties.rowCount;
      const start = int(range.startIndex, 0);
      const end = int(range.endIndex, limit);
      if (range.dimension !== 'COLUMNS' && range.dimension !== 'ROWS')
        throw invalid(`Invalid ${where}: range.dimension is required`);
      if (start < 0 || end > limit || start >= end)
        throw invalid(`Invalid ${where}: Invalid dimension range ${start}..${end} (limit ${limit})`);
      const pixels = isObj(r.properties) ? r.properties.pixelSize : undefined;
      return () => {
        if (range.dimension === 'COLUMNS' && typeof pixels === 'number')
          for (let c = start; c < end; c++) sheet.columnPixels.set(c, pixels);
        return {};
      };
    }
    default:
      throw invalid(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
  }
}

function createSpreadsheet(body: Json, n: number): EmulatedSpreadsheet {
  const spreadsheetId = `emulated-${n}-${Math.random().toString(36).slice(2, 10)}`;
  const props = isObj(body.properties) ? body.properties : {};
  const asked = Array.isArray(body.sheets) && body.sheets.length ? (body.sheets as Json[]) : [{}];
  const sheets: EmulatedSheet[] = [];
  asked.forEach((s, index) => {
    const p = isObj(s.properties) ? s.properties : {};
    const grid = isObj(p.gridProperties) ? p.gridProperties : {};
    const sheetId = typeof p.sheetId === 'number' ? p.sheetId : index === 0 ? 0 : 1000 + index;
    const title = typeof p.title === 'string' ? p.title : `シート${index + 1}`;
    if (sheetId < 0) throw invalid(`Invalid sheets[${index}].properties.sheetId: must be non-negative`);
    if (sheets.some((x) => x.properties.sheetId === sheetId))
      throw invalid(`Invalid sheets[${index}]: A sheet with id ${sheetId} already exists.`);
    if (sheets.some((x) => x.properties.title === title))
      throw invalid(
        `Invalid sheets[${index}]: A sheet with the name "${title}" already exists. Please enter another name.`,
      );
    sheets.push({
      properties: {
        sheetId,
        title,
        index,
        sheetType: 'GRID',
        hidden: p.hidden === true,
        gridProperties: { rowCount: int(grid.rowCount, 1000), columnCount: int(grid.columnCount, 26) },
      },
      cells: new Map(),
      formats: [],
      validations: [],
      protectedRanges: [],
      columnPixels: new Map(),
    });
  });
  if (sheets.every((s) => s.properties.hidden))
    throw invalid("Invalid sheets: You can't hide all the sheets in a document.");
  return {
    spreadsheetId,
    properties: {
      title: typeof props.title === 'string' ? props.title : '無題のスプレッドシート',
      locale: typeof props.locale === 'string' ? props.locale : 'en_US',
      timeZone: typeof props.timeZone === 'string' ? props.timeZone : 'Etc/GMT',
      autoRecalc: 'ON_CHANGE',
    },
    sheets,
  };
}

function sendError(res: HttpResponse, e: unknown): void {
  const err = e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', 'Internal error encountered.');
  res.status(err.code).json({ error: { code: err.code, message: err.message, status: err.status } });
}

export async function startSheetsEmulator(options: { token: string }): Promise<SheetsEmulator> {
  const app = express();
  app.use(express.json({ limit: '20mb' }));
  const calls: Call[] = [];
  const spreadsheets = new Map<string, EmulatedSpreadsheet>();
  const refusals: Refusal[] = [];
  const stalls: Array<{ method: Call['method']; ms: number; answered: () => void }> = [];
  const pause = async (method: Call['method']): Promise<void> => {
    const i = stalls.findIndex((x) => x.method === method);
    if (i < 0) return;
    const stall = stalls.splice(i, 1)[0]!;
    await new Promise((resolve) => setTimeout(resolve, stall.ms));
    stall.answered();
  };

  const guard = (method: Call['method'], req: HttpRequest): void => {
    calls.push({ method, authorization: req.get('authorization'), body: isObj(req.body) ? req.body : {} });
    if (req.get('authorization') !== `Bearer ${options.token}`)
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    const i = refusals.findIndex((r) => r.method === method);
    if (i >= 0) {
      const [r] = refusals.splice(i, 1);
      throw new ApiError(r!.code, r!.status, r!.message);
    }
  };

  app.post('/v4/spreadsheets', async (req, res) => {
    await pause('create');
    if (req.socket.destroyed) return; // the client gave up waiting: nothing was created
    try {
      guard('create', req);
      const book = createSpreadsheet(isObj(req.body) ? req.body : {}, spreadsheets.size + 1);
      spreadsheets.set(book.spreadsheetId, book);
      res.json({
        spreadsheetId: book.spreadsheetId,
        properties: book.properties,
        sheets: book.sheets.map((s) => ({ properties: s.properties })),
        spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.spreadsheetId}/edit`,
      });
    } catch (e) {
      sendError(res, e);
    }
  });

  app.post(/^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/, async (req, res) => {
    await pause('batchUpdate');
    if (req.socket.destroyed) return;
    try {
      guard('batchUpdate', req);
      const id = decodeURIComponent(String((req.params as Record<string, string>)[0]));
      const book = spreadsheets.get(id);
      if (!book) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
      const body = isObj(req.body) ? req.body : {};
      const requests = Array.isArray(body.requests) ? body.requests : [];
      if (requests.length === 0) throw invalid('Invalid requests: must specify at least one request.');
      // Atomic, as the API is: every request is checked before any is applied.
      const apply = requests.map((r, i) => check(book, r, i));
      const replies = apply.map((f) => f());
      res.json({ spreadsheetId: id, replies });
    } catch (e) {
      sendError(res, e);
    }
  });

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // A stalled answer must not hold close() open after the client gave up.
  const close = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    });
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    calls,
    spreadsheets,
    refuse: (r) => refusals.push(r),
    stall: (method, ms) => new Promise<void>((answered) => stalls.push({ method, ms, answered })),
    close,
  };
}

/** The cell format in force at (row, col): range formats in order, then the cell's own. */
export function formatAt(sheet: EmulatedSheet, row: number, col: number): sheets_v4.Schema$CellFormat {
  let format: sheets_v4.Schema$CellFormat = {};
  for (const f of sheet.formats) if (inside(f.range, row, col)) format = { ...format, ...f.format };
  return { ...format, ...(sheet.cells.get(`${row},${col}`)?.userEnteredFormat ?? {}) };
}

export function validationAt(
  sheet: EmulatedSheet,
  row: number,
  col: number,
): sheets_v4.Schema$DataValidationRule | undefined {
  let rule: sheets_v4.Schema$DataValidationRule | undefined;
  for (const v of sheet.validations) if (inside(v.range, row, col)) rule = v.rule;
  return rule;
}

export function inside(b: Bounds, row: number, col: number): boolean {
  return row >= b.startRowIndex && row < b.endRowIndex && col >= b.startColumnIndex && col < b.endColumnIndex;
}

/** The shown text of a cell's value (string, number or boolean), or undefined when empty. */
export function valueAt(sheet: EmulatedSheet, row: number, col: number): string | number | boolean | undefined {
  const v = sheet.cells.get(`${row},${col}`)?.userEnteredValue;
  return v?.stringValue ?? v?.numberValue ?? v?.boolValue ?? v?.formulaValue ?? undefined;
}
