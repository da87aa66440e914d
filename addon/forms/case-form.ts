// The intake form: its payload (what google.script.run carries) and its validation, run by the
// sidebar before sending and by Apps Script again before writing — the same core row rules.
// Editing a registered case works on what the row's cells mean (read by the core parser), and a
// save carries only the fields the coordinator changed: every other cell stays as it was.
import * as z from 'zod/mini';
import { idFormatOf, settingsLists, sheetDef, type ColumnDef, type Settings } from '../../core/registry/definition';
import { pendingId } from '../../core/registry/ids';
import { matchKnown, parseCell, splitMulti } from '../../core/registry/cells';
import { validateRegistry } from '../../core/validate';
import { fieldErrors } from './field-errors';
import { fieldsShape, withFields, type FieldValue } from './payload';

export const CASES = sheetDef('cases');
/** Every column of 「ケース」 but the id, which the add-on makes inside the lock. */
export const CASE_FORM_COLUMNS: readonly ColumnDef[] = CASES.columns.filter((c) => c.key !== 'caseId');

/** A field's value as the form carries it (a date or a number as typed, choices as their values). */
export type CaseFieldValue = FieldValue;
export type CasePayload = Record<string, CaseFieldValue | undefined>;

/** A new case (submitIntake), and the changed fields of an edit ('' or [] clears a field). */
export const casePayloadSchema = z.strictObject(
  fieldsShape(CASE_FORM_COLUMNS) as Record<string, z.ZodMiniType<CaseFieldValue | undefined>>,
);

const caseId = z.string().check(z.minLength(1), z.maxLength(100));

/** loadCase's argument: the ケースID typed into the sidebar. */
export const caseIdSchema = z.string().check(z.maxLength(100));

/** updateCase's argument: the case, the version of its row when loaded, and only the changed fields. */
export const caseUpdateSchema = z.strictObject({
  caseId,
  version: z.string().check(z.minLength(1), z.maxLength(100)),
  changes: casePayloadSchema,
});
export interface CaseUpdate {
  caseId: string;
  version: string;
  changes: CasePayload;
}

/** A cell the core parser cannot read: what it holds as typed, and which parts are not choices. */
export interface UnreadableCell {
  text: string;
  /** For choice fields (select or check boxes): the typed values that are not choices. */
  notChoices: string[];
}

/** What the cells of a case row mean, keyed by column key. */
export interface CaseCells {
  /**
   * Each readable, non-empty cell's meaning: a choice as listed (`訪問 ` → `訪問`), a date as
   * `YYYY-MM-DD`, a boolean (○ → true), the values of a multi-value cell, a number, trimmed text.
   * A multi-value cell with values that are not choices has its readable values here too.
   */
  values: Record<string, CaseFieldValue>;
  /** Non-empty cells the parser cannot read (世帯人数 「3人」, a choice that is not listed). */
  unreadable: Record<string, UnreadableCell>;
}

/** loadCase's answer. */
export interface LoadedCase extends CaseCells {
  ok: true;
  caseId: string;
  /** Sheet row of the case. */
  row: number;
  /** Version of the row as loaded; updateCase refuses if the row changed since. */
  version: string;
}

/** updateCase's answer. */
export interface UpdatedCase {
  ok: true;
  caseId: string;
  row: number;
  /** Version of the row as written, for the next save from the same form. */
  version: string;
  /** Column keys of the cells written (a change to what a cell already means writes nothing). */
  written: string[];
}

/** A placeholder id while validating a case that has none yet. */
export const PENDING_CASE_ID = pendingId(idFormatOf('cases'));

export type CaseFormResult =
  { ok: true; record: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

export type CaseChangeResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** The settings lists the case columns take their choices from, as the core row rules use them. */
export function listsOf(settings: Settings): Record<string, readonly string[]> {
  return settingsLists(settings);
}

const isChoice = (col: ColumnDef) =>
  col.type === 'enum' || col.type === 'list' || col.type === 'multiEnum' || col.type === 'multiList';
const isMulti = (col: ColumnDef) => col.type === 'multiEnum' || col.type === 'multiList';
const choicesOf = (col: ColumnDef, lists: Record<string, readonly string[]>): readonly string[] =>
  col.type === 'enum' || col.type === 'multiEnum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);

function isFieldValue(v: unknown): v is CaseFieldValue {
  return (
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    (Array.isArray(v) && v.every((x) => typeof x === 'string'))
  );
}

/** A cell as a spreadsheet shows it: text as typed, TRUE/FALSE, a number. */
function typedText(raw: unknown): string {
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return String(raw);
}

/**
 * What each cell of a case row means, read by the core parser with the settings' lists. `raw` holds
 * the row's non-empty cells by column key as the core takes them (a Date cell as its ISO date).
 */
export function readCaseCells(raw: Readonly<Record<string, unknown>>, settings: Settings): CaseCells {
  const lists = listsOf(settings);
  const out: CaseCells = { values: {}, unreadable: {} };
  for (const col of CASE_FORM_COLUMNS) {
    const cell = raw[col.key];
    if (cell === undefined) continue;
    const r = parseCell(col, cell, lists);
    if (r.ok) {
      if (isFieldValue(r.value)) out.values[col.key] = r.value;
      continue;
    }
    const typed = typedText(cell);
    const notChoices: string[] = [];
    if (isChoice(col)) {
      const known = choicesOf(col, lists);
      const parts = isMulti(col) ? splitMulti(typed) : [typed.trim()];
      const readable: string[] = [];
      for (const part of parts) {
        const m = matchKnown(part, known);
        if (m === undefined) notChoices.push(part);
        else if (!readable.includes(m)) readable.push(m);
      }
      if (isMulti(col) && readable.length) out.values[col.key] = readable;
    }
    out.unreadable[col.key] = { text: typed, notChoices };
  }
  return out;
}

/** Consent dates exist for the consent states that have them; closure fields for 終結. */
export function visibleFields(payload: CasePayload): {
  consentOn: boolean;
  consentRevokedOn: boolean;
  closure: boolean;
} {
  const consent = payload.consent;
  return {
    consentOn: consent === '同意あり' || consent === '撤回',
    consentRevokedOn: consent === '撤回',
    closure: payload.stage === '終結',
  };
}

function caseIssues(payload: CasePayload, settings: Settings, caseId: string, ignore: ReadonlySet<string>) {
  const row = withFields({ caseId }, payload, CASE_FORM_COLUMNS);
  const { read, issues } = validateRegistry({ settings: { ...settings }, sheets: { cases: [row] } });
  const errors = fieldErrors(issues, (i) =>
    i.sheet === 'cases' && i.column && i.column !== 'caseId' && !ignore.has(i.column) ? i.column : null,
  );
  const ignored = issues.some((i) => i.sheet === 'cases' && i.column !== null && ignore.has(i.column));
  return { errors, record: read.registry.cases[0], ignored };
}

const CHECK_INPUT = '入力を確認してください。';

export function validateCaseForm(payload: CasePayload, settings: Settings, caseId = PENDING_CASE_ID): CaseFormResult {
  const { errors, record } = caseIssues(payload, settings, caseId, new Set());
  if (Object.keys(errors).length || !record)
    return { ok: false, errors: Object.keys(errors).length ? errors : { receivedOn: CHECK_INPUT } };
  return { ok: true, record: record as unknown as Record<string, unknown> };
}

/** A change's field value or '' / [] / false: how a save says a field was emptied. */
export function clearedValue(col: ColumnDef): CaseFieldValue {
  if (isMulti(col)) return [];
  return col.type === 'boolean' ? false : '';
}

const same = (a: CaseFieldValue | undefined, b: CaseFieldValue | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose values differ between two readings of the form; an emptied field as cleared. */
export function changedFields(before: CasePayload, after: CasePayload): CasePayload {
  const out: CasePayload = {};
  for (const col of CASE_FORM_COLUMNS) {
    const a = after[col.key];
    if (!same(before[col.key], a)) out[col.key] = a ?? clearedValue(col);
  }
  return out;
}

/**
 * Validates a case as it will be after a save: the row's cells with the changes applied. A cell the
 * parser cannot read that the change leaves alone stays as it is and its fault is not the save's to
 * refuse (「台帳を検証する」 still reports it), so an unrelated 「3人」 never blocks a save; it is
 * still given to the rules as typed, so none of them reads it as empty. A changed field is always
 * checked. Sidebar and Apps Script run this same function on the same values.
 */
export function validateCaseChange(
  current: CaseCells,
  changes: CasePayload,
  settings: Settings,
  caseId: string,
): CaseChangeResult {
  const after: CasePayload = {};
  const untouchedUnreadable = new Set<string>();
  for (const col of CASE_FORM_COLUMNS) {
    const k = col.key;
    const unreadable = current.unreadable[k];
    if (changes[k] !== undefined) after[k] = changes[k];
    else if (unreadable) {
      untouchedUnreadable.add(k);
      after[k] = unreadable.text;
    } else after[k] = current.values[k];
  }
  const { errors, record, ignored } = caseIssues(after, settings, caseId, untouchedUnreadable);
  if (Object.keys(errors).length) return { ok: false, errors };
  // Without a record every row fault must be one of the left-alone cells'.
  if (!record && !ignored) return { ok: false, errors: { receivedOn: CHECK_INPUT } };
  return { ok: true };
}

/** What a field value means (the value a cell should hold), or undefined when it cannot be read. */
export function meaningOf(
  col: ColumnDef,
  value: unknown,
  settings: Settings,
): { ok: true; value: CaseFieldValue | undefined } | { ok: false } {
  const r = parseCell(col, value, listsOf(settings));
  if (!r.ok) return { ok: false };
  const v = r.value ?? col.default;
  return { ok: true, value: isFieldValue(v) ? v : undefined };
}

/** Two meanings of a field are the same (a multi-value field's values in any order). */
export function sameMeaning(col: ColumnDef, a: CaseFieldValue | undefined, b: CaseFieldValue | undefined): boolean {
  if (isMulti(col) && Array.isArray(a) && Array.isArray(b)) return same([...a].sort(), [...b].sort());
  return same(a, b);
}
