// Intake (「相談を受け付ける」) and edit of a case: google.script.run targets of the intake sidebar.
// The payload is checked with zod, validated with the core rules, and written inside the document
// lock with a ケースID made inside that lock.
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS, type Settings } from '../core/registry/definition';
import { CASES, casePayloadSchema, validateCaseForm, type CasePayload } from './forms/case-form';
import { failure, formInvalid, isFailure, payloadInvalid, type Failure } from './errors';
import { rowVersion } from './hash';
import { nextId } from './ids';
import { withDocumentLock } from './lock';
import { appendRows, columnTexts, rawRows, rowFor, writeRow, type Table } from './sheet-adapter';
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

export interface Loaded {
  ok: true;
  caseId: string;
  row: number;
  version: string;
  values: Record<string, unknown>;
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
  return p.data as CasePayload;
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
    const caseId = nextId('K', fy, 4, columnTexts(table, CASES, 'caseId'));
    const final = validateCaseForm(p, settings, caseId);
    if (!final.ok) return formInvalid(final.errors);
    const line = rowFor(table, CASES, final.record);
    const row = appendRows(table, [line]);
    return { ok: true, caseId, row, version: rowVersion(line) };
  });
}

/** The sheet row of the case, or -1. */
function findCase(table: Table, caseId: string): number {
  const i = columnTexts(table, CASES, 'caseId').findIndex((id) => id.trim() === caseId);
  return i < 0 ? -1 : i + 2;
}

export function loadCase(request: unknown): Loaded | Failure {
  const caseId = typeof request === 'string' ? request.trim() : '';
  if (!caseId)
    return failure('form.invalid', 'ケースIDを入力してください。', { caseId: 'ケースIDを入力してください。' });
  const table = readSheetTable(openWorkbook(), 'cases');
  const row = findCase(table, caseId);
  if (row < 0)
    return failure('case.notFound', `ケースID「${caseId}」は「ケース」シートにありません。`, {
      caseId: `「${caseId}」は見つかりません。`,
    });
  const line = table.values[row - 1]!;
  const values = rawRows({ ...table, values: [table.values[0]!, line] }, CASES)[0] ?? {};
  return { ok: true, caseId, row, version: rowVersion(line), values };
}

export function updateCase(request: unknown): Saved | Failure {
  const r = request as { caseId?: unknown; version?: unknown; fields?: unknown } | null;
  if (!r || typeof r.caseId !== 'string' || typeof r.version !== 'string')
    return failure('payload.invalid', '送信された内容の形式が正しくありません。');
  const p = parsePayload(r.fields);
  if (isFailure(p)) return p;
  const caseId = r.caseId.trim();
  const version = r.version;
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  const checked = validateCaseForm(p, settings, caseId);
  if (!checked.ok) return formInvalid(checked.errors);
  return withDocumentLock((): Saved | Failure => {
    const table = readSheetTable(wb, 'cases');
    const row = findCase(table, caseId);
    if (row < 0) return failure('case.notFound', `ケースID「${caseId}」は「ケース」シートにありません。`);
    const current = table.values[row - 1]!;
    if (rowVersion(current) !== version) {
      return failure(
        'case.changed',
        'このケースは読み込んだ後に、ほかの人またはシート上で変更されています。保存していません。もう一度読み込んでから直してください。',
      );
    }
    const line = rowFor(table, CASES, checked.record, current);
    writeRow(table, row, line);
    return { ok: true, caseId, row, version: rowVersion(line) };
  });
}
