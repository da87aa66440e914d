// The 支援記録 form (「支援を記録する」): its payload, what it answers, and its validation — the core
// row rules on the 支援記録 row and the cross-sheet rules against the chosen case (the case must be
// in 「ケース」; 実施日 not before its 受付日). The sidebar runs this before sending, and Apps Script
// again inside the lock on the case as it stands there.
import * as z from 'zod/mini';
import { idFormatOf, sheetDef, type SheetDef, type SheetDefOf, type Settings } from '../../core/registry/definition';
import { pendingId } from '../../core/registry/ids';
import { validateRegistry } from '../../core/validate';
import { fieldErrors } from '../forms/field-errors';
import { fieldsShape, withFields } from '../forms/payload';

const ACTIVITIES_DEF = sheetDef('activities') as SheetDefOf<'activities'>;
type ActivityColumn = SheetDefOf<'activities'>['columns'][number];

export const ACTIVITIES: SheetDef = ACTIVITIES_DEF;
export const PENDING_ACTIVITY_ID = pendingId(idFormatOf('activities'));
/** Every column of 「支援記録」 but the id, which the add-on makes inside the lock. */
const ACTIVITY_FORM_COLUMNS = ACTIVITIES_DEF.columns.filter(
  (c): c is Exclude<ActivityColumn, { key: 'activityId' }> => c.key !== 'activityId',
);

/** submitActivity's argument: ケースID (as typed or chosen), 実施日, 種別, 受け入れ先, メモ. */
export const activityPayloadSchema = z.strictObject(fieldsShape(ACTIVITY_FORM_COLUMNS));
export type ActivityPayload = z.infer<typeof activityPayloadSchema>;

/**
 * A case as a sidebar finds and shows it: searched by ケースID, 氏名 and 担当者 (the sidebar runs in
 * the spreadsheet the names live in; they go nowhere else).
 */
export interface CaseSummary {
  caseId: string;
  name?: string;
  staff?: string;
  stage?: string;
  /** プラン作成日 and 受付日 as ISO dates, when their cells can be read. */
  planOn?: string;
  receivedOn?: string;
}

/** getActivityContext's answer. */
export interface ActivityContext {
  ok: true;
  today: string;
  fiscalYearStartMonth: number;
  kinds: readonly string[];
  /** 「設定」's 受け入れ先: the field's choices (a value outside them is refused, as in the sheet). */
  placements: string[];
  cases: CaseSummary[];
}

/** submitActivity's answer. */
export interface ActivitySaved {
  ok: true;
  activityId: string;
  caseId: string;
  /** Sheet row written. */
  row: number;
  /** The case's プラン作成日 is on or before 実施日: プランに基づく (else プラン作成前). */
  planBased: boolean;
  planOn?: string;
}

export type ActivityFormResult =
  { ok: true; record: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

export const caseNotFound = (caseId: string): string =>
  caseId
    ? `「${caseId}」は「ケース」シートにありません。ケースID・氏名・担当者で探して選んでください。`
    : 'ケースを選んでください。';

/**
 * Validates a contact for `found`, the case its ケースID names (undefined: no such case). The row is
 * checked as the validator checks 「支援記録」, beside a 「ケース」 row holding the case's id and 受付日.
 */
export function validateActivityForm(
  payload: ActivityPayload,
  settings: Settings,
  found: CaseSummary | undefined,
  activityId = PENDING_ACTIVITY_ID,
): ActivityFormResult {
  const typed = (payload.caseId ?? '').trim();
  const row = withFields({ activityId }, { ...payload, caseId: found?.caseId ?? typed }, ACTIVITY_FORM_COLUMNS);
  const cases = found
    ? [found.receivedOn ? { caseId: found.caseId, receivedOn: found.receivedOn } : { caseId: found.caseId }]
    : [];
  const { read, issues } = validateRegistry({ settings: { ...settings }, sheets: { cases, activities: [row] } });
  const errors = fieldErrors(issues, (i) =>
    i.sheet === 'activities' && i.column && i.column !== 'activityId' ? i.column : null,
  );
  if (!found) errors.caseId = caseNotFound(typed);
  const record = read.registry.activities[0];
  if (Object.keys(errors).length || !record)
    return { ok: false, errors: Object.keys(errors).length ? errors : { on: '入力を確認してください。' } };
  return { ok: true, record: record as unknown as Record<string, unknown> };
}
