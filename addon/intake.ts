// Intake (「相談を受け付ける」) and edit of a case: google.script.run targets of the intake sidebar.
// The payload is checked with zod, validated with the core rules, and written inside the document
// lock with a ケースID made inside that lock. An edit writes only the cells the coordinator changed.
// Before a new case is first saved, its 氏名, 連絡先 and 住所 are compared with every case's in the
// rows that read already holds: a likely match writes nothing and answers with the matching cases.
import * as z from 'zod/mini';
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS, type Settings } from '../core/registry/definition';
import { findDuplicates } from '../core/registry/duplicates';
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
import type { DuplicateCase, DuplicateWarning, FormContext, Saved } from './calls';
import { failure, formInvalid, isFailure, payloadInvalid, type Failure } from './errors';
import { rowVersion } from './hash';
import { nextRecordId } from './ids';
import { withDocumentLock } from './lock';
import { caseSummary, findCaseRow } from './activity/cases';

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

export function formContext(wb: Workbook = openWorkbook()): FormContext {
  const { settings } = readSettingsSheet(wb);
  return {
    ok: true,
    today: todayInJapan(),
    lists: {
      areas: settings.areas,
      windows: settings.windows,
      issueTags: settings.issueTags,
      staff: settings.staff,
      agencies: settings.agencies,
    },
    enums: ENUMS,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
  };
}

function parsePayload(payload: unknown): CasePayload | Failure {
  const p = casePayloadSchema.safeParse(payload);
  if (!p.success) return payloadInvalid();
  return p.data;
}

/** A case that may be the same person: how a sidebar shows it, and which of the fields matched. */

/** submitIntake's answer when the new case looks like one already registered: nothing was written. */

const DUPLICATES_LISTED = 5;

/** submitIntake's second argument: `{ confirmNew: true }` once the coordinator chose 「別のケースとして登録」. */
const submitOptionsSchema = z.optional(z.strictObject({ confirmNew: z.optional(z.boolean()) }));

/** The registered cases with the same 氏名, 連絡先 or 住所, from the rows already read (no Sheets call). */
function duplicateWarning(table: Table, record: Record<string, unknown>): DuplicateWarning | undefined {
  const at = (key: string) => table.columns.get(key);
  const [name, contact, address] = [at('name'), at('contact'), at('address')];
  const rows = dataRows(table);
  const matches = findDuplicates(
    record,
    rows.map(({ line }) => ({
      name: name === undefined ? undefined : line[name],
      contact: contact === undefined ? undefined : line[contact],
      address: address === undefined ? undefined : line[address],
    })),
  );
  const duplicates: DuplicateCase[] = [];
  for (const m of matches) {
    const c = caseSummary(table, rows[m.index]!.line);
    if (c && duplicates.length < DUPLICATES_LISTED) duplicates.push({ ...c, fields: m.fields });
  }
  if (!duplicates.length) return undefined;
  return {
    ...failure(
      'case.duplicate',
      '似ているケースがすでにあります。同じ人でないか確かめてください。まだ保存していません。',
    ),
    code: 'case.duplicate',
    duplicates,
    more: matches.length - duplicates.length,
  };
}

export function saveIntake(payload: unknown, options?: unknown): Saved | DuplicateWarning | Failure {
  const p = parsePayload(payload);
  if (isFailure(p)) return p;
  const o = submitOptionsSchema.safeParse(options);
  if (!o.success) return payloadInvalid();
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  const checked = validateCaseForm(p, settings);
  if (!checked.ok) return formInvalid(checked.errors);
  return withDocumentLock((): Saved | DuplicateWarning | Failure => {
    // Ids are made from the rows as they are now, inside the lock: two intakes never share one.
    const table = readSheetTable(wb, 'cases');
    const warning = o.data?.confirmNew ? undefined : duplicateWarning(table, checked.record);
    if (warning) return warning;
    const fy = fiscalYearOf(checked.record.receivedOn as string, settings.fiscalYearStartMonth);
    const caseId = nextRecordId('cases', fy, columnTexts(table, CASES, 'caseId'));
    const final = validateCaseForm(p, settings, caseId);
    if (!final.ok) return formInvalid(final.errors);
    const line = rowFor(table, CASES, final.record);
    const row = appendRows(table, [line]);
    return { ok: true, caseId, row, version: rowVersion(line) };
  });
}

/** The sheet row of the case (its ケースID in any width or case: ｋ－２０２５－０００１), or -1. */
function findCase(table: Table, caseId: string): number {
  return findCaseRow(table, caseId)?.row ?? -1;
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

export function readCaseForEdit(request: unknown): LoadedCase | Failure {
  const p = caseIdSchema.safeParse(request);
  if (!p.success) return payloadInvalid();
  const typed = p.data.trim();
  if (!typed)
    return failure('form.invalid', 'ケースIDを入力してください。', { caseId: 'ケースIDを入力してください。' });
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  const table = readSheetTable(wb, 'cases');
  const found = findCaseRow(table, typed);
  if (!found) return notFound(typed, { caseId: `「${typed}」は見つかりません。` });
  const { row, line } = found;
  // The id as the sheet holds it: the edit and its save name the case as the sheet does.
  const caseId = String(line[table.columns.get('caseId')!] ?? '').trim();
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
export function saveCaseEdit(request: unknown): UpdatedCase | Failure {
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
