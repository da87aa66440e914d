// Intake (「相談を受け付ける」) and edit of a case: google.script.run targets of the intake sidebar.
// The payload is checked with zod, validated with the core rules, and written inside the document
// lock with a ケースID made inside that lock. An edit writes only the cells the coordinator changed.
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS, type Settings } from '../core/registry/definition';
import {
  CASES,
  CASE_FORM_COLUMNS,
  caseIdSchema,
  casePayloadSchema,
  caseUpdateSchema,
  meaningOf,
  readCaseCells,
  sameMeaning,
  validateCaseChange,
  validateCaseForm,
  type CaseCells,
  type CasePayload,
  type LoadedCase,
  type UpdatedCase,
} from './forms/case-form';
import { failure, formInvalid, isFailure, payloadInvalid, type Failure } from './errors';
import { rowVersion } from './hash';
import { nextRecordId } from './ids';
import { withDocumentLock } from './lock';
import {
  appendRows,
  cellValue,
  columnsByKey,
  columnTexts,
  dataRows,
  rawValue,
  rowFor,
  type CellValue,
  type Table,
} from './sheet-adapter';
import { openWorkbook, readSettingsSheet, readSheetTable, type Workbook } from './workbook';

export interface FormContext {
  ok: true;
  today: string;
  lists: Pick<Settings, 'areas' | 'windows' | 'issueTags'>;
  enums: typeof ENUMS;
  fiscalYearStartMonth: number;
}

export interface Saved {
  ok: true;
  caseId: string;
  row: number;
  version: string;
}

export function formContext(wb: Workbook = openWorkbook()): FormContext {
  const { settings } = readSettingsSheet(wb);
  return {
    ok: true,
    today: todayInJapan(),
    lists: { areas: settings.areas, windows: settings.windows, issueTags: settings.issueTags },
    enums: ENUMS,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
  };
}

function parsePayload(payload: unknown): CasePayload | Failure {
  const p = casePayloadSchema.safeParse(payload);
  if (!p.success) return payloadInvalid();
  return p.data;
}

export function submitIntake(payload: unknown): Saved | Failure {
  const p = parsePayload(payload);
  if (isFailure(p)) return p;
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  const checked = validateCaseForm(p, settings);
  if (!checked.ok) return formInvalid(checked.errors);
  return withDocumentLock((): Saved | Failure => {
    // Ids are made from the rows as they are now, inside the lock: two intakes never share one.
    const table = readSheetTable(wb, 'cases');
    const fy = fiscalYearOf(checked.record.receivedOn as string, settings.fiscalYearStartMonth);
    const caseId = nextRecordId('cases', fy, columnTexts(table, CASES, 'caseId'));
    const final = validateCaseForm(p, settings, caseId);
    if (!final.ok) return formInvalid(final.errors);
    const line = rowFor(table, CASES, final.record);
    const row = appendRows(table, [line]);
    return { ok: true, caseId, row, version: rowVersion(line) };
  });
}

/** The sheet row of the case, or -1. */
function findCase(table: Table, caseId: string): number {
  const col = columnsByKey(table, CASES).get('caseId');
  if (col === undefined) return -1;
  for (const { row, line } of dataRows(table)) if (String(line[col] ?? '').trim() === caseId) return row;
  return -1;
}

/** What the form's cells of one row mean (each read by the core parser, as the validator reads it). */
function caseCellsOf(table: Table, line: readonly CellValue[], settings: Settings): CaseCells {
  const columns = columnsByKey(table, CASES);
  const raw: Record<string, unknown> = {};
  for (const col of CASE_FORM_COLUMNS) {
    const i = columns.get(col.key);
    const v = i === undefined ? undefined : line[i];
    if (v !== undefined && v !== '') raw[col.key] = rawValue(v, table.timeZone);
  }
  return readCaseCells(raw, settings);
}

const notFound = (caseId: string, errors: Record<string, string> = {}): Failure =>
  failure('case.notFound', `ケースID「${caseId}」は「${CASES.name}」シートにありません。`, errors);

export function loadCase(request: unknown): LoadedCase | Failure {
  const p = caseIdSchema.safeParse(request);
  if (!p.success) return payloadInvalid();
  const caseId = p.data.trim();
  if (!caseId)
    return failure('form.invalid', 'ケースIDを入力してください。', { caseId: 'ケースIDを入力してください。' });
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  const table = readSheetTable(wb, 'cases');
  const row = findCase(table, caseId);
  if (row < 0) return notFound(caseId, { caseId: `「${caseId}」は見つかりません。` });
  const line = table.values[row - 1]!;
  return { ok: true, caseId, row, version: rowVersion(line), ...caseCellsOf(table, line, settings) };
}

/**
 * Writes cells of one sheet row: one setValues (after its getRange) per run of adjacent changed
 * columns, so a cell the coordinator did not change is never written — not even with its own value,
 * which would turn a formula into its value or race a person typing in the next cell. A save of n
 * changed cells makes at most n getRange + n setValues calls, and one pair when they are adjacent.
 */
function writeCells(table: Table, row: number, cells: ReadonlyArray<readonly [number, CellValue]>): void {
  const sorted = [...cells].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]![0] === sorted[j - 1]![0] + 1) j++;
    const run = sorted.slice(i, j);
    table.sheet.getRange(row, run[0]![0] + 1, 1, run.length).setValues([run.map(([, v]) => v)]);
    i = j;
  }
}

const CHANGED =
  'このケースは読み込んだ後に、ほかの人またはシート上で変更されています。保存していません。もう一度読み込んでから直してください。';

/**
 * Saves the changed fields of a registered case. Inside the document lock the row is read again and
 * refused if its version changed since it was loaded; the case as it will be (the row's readable
 * cells + the changes) is validated with the core rules; then only the changed cells are written.
 * A change to what a cell already means (`訪問` for a cell holding `訪問 `) writes nothing.
 */
export function updateCase(request: unknown): UpdatedCase | Failure {
  const p = caseUpdateSchema.safeParse(request);
  if (!p.success) return payloadInvalid();
  const caseId = p.data.caseId.trim();
  const { version, changes } = p.data;
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  return withDocumentLock((): UpdatedCase | Failure => {
    const table = readSheetTable(wb, 'cases');
    const row = findCase(table, caseId);
    if (row < 0) return notFound(caseId);
    const current = table.values[row - 1]!;
    if (rowVersion(current) !== version) return failure('case.changed', CHANGED);
    const cells = caseCellsOf(table, current, settings);
    const checked = validateCaseChange(cells, changes, settings, caseId);
    if (!checked.ok) return formInvalid(checked.errors);
    const columns = columnsByKey(table, CASES);
    const writes: Array<[number, CellValue]> = [];
    const written: string[] = [];
    const errors: Record<string, string> = {};
    for (const col of CASE_FORM_COLUMNS) {
      const change = changes[col.key];
      if (change === undefined) continue;
      const next = meaningOf(col, change, settings);
      if (!next.ok) {
        errors[col.key] = '入力を確認してください。';
        continue;
      }
      const readable = !(col.key in cells.unreadable);
      if (readable && sameMeaning(col, next.value, cells.values[col.key] ?? col.default)) continue;
      const i = columns.get(col.key);
      if (i === undefined) {
        errors[col.key] =
          `「${CASES.name}」シートに「${col.label}」の列がないため保存できません。メニューの「台帳を初期設定」で列を補ってください。`;
        continue;
      }
      writes.push([i, cellValue(col, next.value, table.timeZone)]);
      written.push(col.key);
    }
    if (Object.keys(errors).length) return formInvalid(errors);
    writeCells(table, row, writes);
    const line = [...current];
    for (const [i, v] of writes) line[i] = v;
    return { ok: true, caseId, row, version: rowVersion(line), written };
  });
}
