// The intake form: its payload (what google.script.run carries) and its validation, run by the
// sidebar before sending and by Apps Script again before writing — the same core row rules.
import * as z from 'zod/mini';
import { sheetDef, type ColumnDef, type Settings } from '../../core/registry/definition';
import { validateRegistry } from '../../core/validate';
import { fieldErrors } from './field-errors';
import { text, withFields } from './payload';

export const CASES = sheetDef('cases');
/** Every column of 「ケース」 but the id, which the add-on makes inside the lock. */
export const CASE_FORM_COLUMNS: readonly ColumnDef[] = CASES.columns.filter((c) => c.key !== 'caseId');

const fieldSchema = (col: ColumnDef): z.ZodMiniType => {
  if (col.type === 'multiEnum' || col.type === 'multiList') return z.optional(z.array(text).check(z.maxLength(100)));
  if (col.type === 'boolean') return z.optional(z.boolean());
  if (col.type === 'integer' || col.type === 'number') return z.optional(z.union([text, z.number()]));
  return z.optional(text);
};

export const casePayloadSchema = z.strictObject(
  Object.fromEntries(CASE_FORM_COLUMNS.map((c) => [c.key, fieldSchema(c)])),
);
export type CasePayload = Record<string, string | number | boolean | string[] | undefined>;

/** A placeholder id while validating a case that has none yet. */
export const PENDING_CASE_ID = 'K-0000-0000';

export type CaseFormResult =
  { ok: true; record: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** Consent dates exist only for the consent states that have them; closure fields only for 終結. */
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

export function validateCaseForm(payload: CasePayload, settings: Settings, caseId = PENDING_CASE_ID): CaseFormResult {
  const row = withFields({ caseId }, payload, CASE_FORM_COLUMNS);
  const { read, issues } = validateRegistry({ settings: { ...settings }, sheets: { cases: [row] } });
  const errors = fieldErrors(issues, (i) =>
    i.sheet === 'cases' && i.column && i.column !== 'caseId' ? i.column : null,
  );
  const record = read.registry.cases[0];
  if (Object.keys(errors).length || !record)
    return { ok: false, errors: Object.keys(errors).length ? errors : { receivedOn: '入力を確認してください。' } };
  return { ok: true, record: record as unknown as Record<string, unknown> };
}
