// 「会議を記録する」: google.script.run targets of the meeting sidebar. The 会議 row and its
// 検討ケース rows are written in one locked batch (one setValues per sheet), after the consent
// rule is checked again on the cases as they stand inside the lock.
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS } from '../core/registry/definition';
import type { MeetingContext, MeetingSaved } from './calls';
import { duplicateRecord, formInvalid, payloadInvalid, type Failure } from './errors';

import { MEETINGS, MEETING_CASES, meetingPayloadSchema, validateMeetingForm } from './forms/meeting-form';
import { caseChoices, caseLines, readCoordinator } from './coordinator/cases';
import { nextRecordId } from './ids';
import { withDocumentLock } from './lock';
import { appendRows, columnTexts, rowFor, sameRows, type CellValue, type Table } from './sheet-adapter';
import { openWorkbook, readSettingsSheet, readSheetTable, type Workbook } from './workbook';

/**
 * What every case picker starts from (会議, 準備シート, ケースの経過): the cases in ケースID order with
 * their consent, name, 担当者, 支援状況, latest activity and 次回確認日 — the pickers search and order
 * them (core/registry/case-list.ts). The whole registry is read once, in a fixed number of calls.
 */
export function meetingContext(wb: Workbook = openWorkbook()): MeetingContext {
  const r = readCoordinator(wb);
  const s = r.read.registry.settings;
  return {
    ok: true,
    today: todayInJapan(),
    fiscalYearStartMonth: s.fiscalYearStartMonth,
    areas: s.areas,
    types: ENUMS.meetingType,
    purposes: ENUMS.purpose,
    cases: caseLines(r),
  };
}

export function saveMeeting(payload: unknown): MeetingSaved | Failure {
  const parsed = meetingPayloadSchema.safeParse(payload);
  if (!parsed.success) return payloadInvalid();
  const p = parsed.data;
  const wb = openWorkbook();
  const s = readSettingsSheet(wb);
  return withDocumentLock((): MeetingSaved | Failure => {
    const cases = readSheetTable(wb, 'cases');
    const choices = new Map(caseChoices(cases).map((c) => [c.caseId, c]));
    const checked = validateMeetingForm(p, s.settings, choices);
    if (!checked.ok) return formInvalid(checked.errors);
    const meetings = readSheetTable(wb, 'meetings');
    const discussed = readSheetTable(wb, 'meetingCases');
    const fy = fiscalYearOf(checked.meeting.heldOn as string, s.settings.fiscalYearStartMonth);
    const meetingId = nextRecordId('meetings', fy, columnTexts(meetings, MEETINGS, 'meetingId'));
    const line = rowFor(meetings, MEETINGS, { ...checked.meeting, meetingId });
    const same = sameMeeting(meetings, discussed, line, checked.discussed);
    if (same) return duplicateRecord(`会議（「会議」シート ${same}行目）`);
    appendRows(meetings, [line]);
    appendRows(
      discussed,
      checked.discussed.map((d) => rowFor(discussed, MEETING_CASES, { ...d, meetingId })),
    );
    return { ok: true, meetingId, cases: checked.discussed.length };
  });
}

/**
 * The sheet row of a meeting already recorded as this one, with the same cases discussed, or 0: the
 * meeting row alike but for its id (sameRows), and its 検討ケース rows naming the same cases.
 */
function sameMeeting(
  meetings: Table,
  discussed: Table,
  line: CellValue[],
  cases: Array<Record<string, unknown>>,
): number {
  const idAt = meetings.columns.get('meetingId');
  if (idAt === undefined) return 0;
  const set = (ids: unknown[]) => ids.map(String).sort().join();
  const meetingIds = columnTexts(discussed, MEETING_CASES, 'meetingId');
  const caseIds = columnTexts(discussed, MEETING_CASES, 'caseId');
  const chosen = set(cases.map((c) => c.caseId));
  return (
    sameRows(meetings, line, 'meetingId').find((row) => {
      const id = String(meetings.values[row - 1]![idAt]);
      return set(caseIds.filter((_, i) => meetingIds[i] === id)) === chosen;
    }) ?? 0
  );
}
