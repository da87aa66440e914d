// The meeting form: the 会議 row and the cases discussed, validated with the core row rules and
// the consent rule (重層的支援会議 needs consent in force on the meeting day; 支援会議 needs the
// duty of confidentiality confirmed), by the sidebar and again by Apps Script inside the lock.
import * as z from 'zod/mini';
import { idFormatOf, sheetDef, type SheetDef, type SheetDefOf, type Settings } from '../../core/registry/definition';
import { pendingId } from '../../core/registry/ids';
import { validateRegistry } from '../../core/validate';
import type { RawRow } from '../../core/registry/records';
import { fieldErrors } from './field-errors';
import { fieldsShape, text, withFields } from './payload';
import { consentGap, consentRefusal, MULTI_MEETING, SUPPORT_MEETING, type CaseChoice } from './consent';

// The sheets as the definition types them, so the payload's fields keep their keys and types.
const MEETINGS_DEF = sheetDef('meetings') as SheetDefOf<'meetings'>;
const MEETING_CASES_DEF = sheetDef('meetingCases') as SheetDefOf<'meetingCases'>;
type MeetingColumn = SheetDefOf<'meetings'>['columns'][number];
type MeetingCaseColumn = SheetDefOf<'meetingCases'>['columns'][number];

export const MEETINGS: SheetDef = MEETINGS_DEF;
export const MEETING_CASES: SheetDef = MEETING_CASES_DEF;
export const PENDING_MEETING_ID = pendingId(idFormatOf('meetings'));
/** Every column of 「会議」 but the id, which the add-on makes inside the lock. */
const MEETING_FORM_COLUMNS = MEETINGS_DEF.columns.filter(
  (c): c is Exclude<MeetingColumn, { key: 'meetingId' }> => c.key !== 'meetingId',
);
/**
 * A discussed case's fields: every column of 「検討ケース」 but the meeting's id (made in the lock)
 * and the case's id, which names the entry and so is always there.
 */
const DISCUSSED_COLUMNS = MEETING_CASES_DEF.columns.filter(
  (c): c is Exclude<MeetingCaseColumn, { key: 'meetingId' | 'caseId' }> => c.key !== 'meetingId' && c.key !== 'caseId',
);

/** The meeting form's payload, derived from the definition as the intake's is (case-form.ts). */
export const meetingPayloadSchema = z.strictObject({
  ...fieldsShape(MEETING_FORM_COLUMNS),
  cases: z.array(z.strictObject({ caseId: text, ...fieldsShape(DISCUSSED_COLUMNS) })).check(z.maxLength(200)),
});
export type MeetingPayload = z.infer<typeof meetingPayloadSchema>;

export type MeetingFormResult =
  | { ok: true; meeting: Record<string, unknown>; discussed: Array<Record<string, unknown>> }
  | { ok: false; errors: Record<string, string> };

export function validateMeetingForm(
  payload: MeetingPayload,
  settings: Settings,
  cases: ReadonlyMap<string, CaseChoice>,
  meetingId = PENDING_MEETING_ID,
): MeetingFormResult {
  const meeting = withFields({ meetingId }, payload, MEETING_FORM_COLUMNS);
  const discussedRaw: RawRow[] = payload.cases.map((c) =>
    withFields({ meetingId, caseId: c.caseId.trim() }, c, DISCUSSED_COLUMNS),
  );
  const { read, issues } = validateRegistry({
    settings: { ...settings },
    sheets: { meetings: [meeting], meetingCases: discussedRaw },
  });
  const errors = fieldErrors(issues, (i) => {
    if (i.sheet === 'meetings' && i.column && i.column !== 'meetingId') return i.column;
    // References and repeats are checked below against the real 「ケース」 rows, in the form's words.
    if (
      i.sheet === 'meetingCases' &&
      i.row !== null &&
      i.column &&
      i.code !== 'ref.missing' &&
      i.code !== 'duplicate.pair' &&
      i.column !== 'meetingId'
    )
      return `cases.${i.row - 2}.${i.column}`;
    return null;
  });
  const heldOn = read.registry.meetings[0]?.heldOn;
  const type = read.registry.meetings[0]?.type;
  // The two meetings of the law discuss cases: none chosen is a mistake (the one case typed could not
  // be chosen), not a meeting of nobody. A プラットフォーム or 推進会議 may discuss none.
  if (!payload.cases.length && (type === MULTI_MEETING || type === SUPPORT_MEETING))
    errors.cases = `${type}で検討したケースを1件以上選んでください。`;
  const seen = new Set<string>();
  payload.cases.forEach((c, i) => {
    const key = `cases.${i}.caseId`;
    if (key in errors) return;
    const id = c.caseId.trim();
    const known = cases.get(id);
    if (!known) errors[key] = `「${id}」は「ケース」シートにありません。一覧から選んでください。`;
    else if (seen.has(id)) errors[key] = `「${id}」は同じ会議に2回選ばれています。`;
    else if (heldOn && type === MULTI_MEETING) {
      const gap = consentGap(known, heldOn);
      if (gap) errors[key] = consentRefusal(id, gap);
    }
    if (!(key in errors) && heldOn && known?.receivedOn && known.receivedOn > heldOn) {
      errors[key] =
        `「${id}」の受付日（${known.receivedOn}）より前の会議では検討できません。開催日を確認してください。`;
    }
    seen.add(id);
  });
  const record = read.registry.meetings[0];
  if (Object.keys(errors).length || !record)
    return { ok: false, errors: Object.keys(errors).length ? errors : { heldOn: '入力を確認してください。' } };
  return {
    ok: true,
    meeting: record as unknown as Record<string, unknown>,
    discussed: read.registry.meetingCases as unknown as Array<Record<string, unknown>>,
  };
}
