// 「支援を記録する」: google.script.run targets of the activity sidebar. A contact is one 支援記録
// row: the case found by its ケースID in any width or case, the row checked with the core rules
// against the case as it stands inside the document lock, its 記録ID made there (A-<年度>-<5桁>, the
// fiscal year of 実施日), and written in one setValues below the sheet's rows.
import { fiscalYearOf } from '../../core/dates/fiscal';
import { todayInJapan } from '../../core/dates/calendar';
import { ENUMS } from '../../core/registry/definition';
import { isPlanBased } from '../../core/registry/plan';
import { duplicateRecord, failure, formInvalid, payloadInvalid, type Failure } from '../errors';
import { nextRecordId } from '../ids';
import { withDocumentLock } from '../lock';
import { appendRows, columnTexts, rowFor, sameRows } from '../sheet-adapter';
import { openWorkbook, readSettingsSheet, readSheetTable, type Workbook } from '../workbook';
import {
  ACTIVITIES,
  activityPayloadSchema,
  caseNotFound,
  validateActivityForm,
  type ActivityContext,
  type ActivitySaved,
} from './form';
import { caseSummaries, caseSummary, findCaseRow } from './cases';

export function activityContext(wb: Workbook = openWorkbook()): ActivityContext {
  const { settings } = readSettingsSheet(wb);
  return {
    ok: true,
    today: todayInJapan(),
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    kinds: ENUMS.activityKind,
    placements: settings.placements,
    cases: caseSummaries(readSheetTable(wb, 'cases')),
  };
}

export function saveActivity(payload: unknown): ActivitySaved | Failure {
  const parsed = activityPayloadSchema.safeParse(payload);
  if (!parsed.success) return payloadInvalid();
  const p = parsed.data;
  const wb = openWorkbook();
  const { settings } = readSettingsSheet(wb);
  return withDocumentLock((): ActivitySaved | Failure => {
    const typed = (p.caseId ?? '').trim();
    const cases = readSheetTable(wb, 'cases');
    const at = findCaseRow(cases, typed);
    const found = at && caseSummary(cases, at.line);
    const checked = validateActivityForm(p, settings, found);
    if (!checked.ok)
      return found ? formInvalid(checked.errors) : failure('case.notFound', caseNotFound(typed), checked.errors);
    if (!found) return failure('case.notFound', caseNotFound(typed));
    const table = readSheetTable(wb, 'activities');
    const on = checked.record.on as string;
    const fy = fiscalYearOf(on, settings.fiscalYearStartMonth);
    const activityId = nextRecordId('activities', fy, columnTexts(table, ACTIVITIES, 'activityId'));
    const line = rowFor(table, ACTIVITIES, { ...checked.record, activityId, caseId: found.caseId });
    const [same] = sameRows(table, line, 'activityId');
    if (same) return duplicateRecord(`記録（${same}行目）`);
    const row = appendRows(table, [line]);
    const saved: ActivitySaved = {
      ok: true,
      activityId,
      caseId: found.caseId,
      row,
      planBased: isPlanBased(found.planOn, on),
    };
    if (found.planOn) saved.planOn = found.planOn;
    return saved;
  });
}
