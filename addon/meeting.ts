// 「会議を記録する」: google.script.run targets of the meeting sidebar. The 会議 row and its
// 検討ケース rows are written in one locked batch (one setValues per sheet), after the consent
// rule is checked again on the cases as they stand inside the lock.
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS } from '../core/registry/definition';
import type { MeetingContext, MeetingSaved } from './calls';
import { formInvalid, payloadInvalid, type Failure } from './errors';

import { MEETINGS, MEETING_CASES, meetingPayloadSchema, validateMeetingForm } from './forms/meeting-form';
import { caseChoices, caseLines, readCoordinator } from './coordinator/cases';
import { nextRecordId } from './ids';
import { withDocumentLock } from './lock';
import { appendRows, columnTexts, rowFor } from './sheet-adapter';
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

export function submitMeeting(payload: unknown): MeetingSaved | Failure {
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
    appendRows(meetings, [rowFor(meetings, MEETINGS, { ...checked.meeting, meetingId })]);
    appendRows(
      discussed,
      checked.discussed.map((d) => rowFor(discussed, MEETING_CASES, { ...d, meetingId })),
    );
    return { ok: true, meetingId, cases: checked.discussed.length };
  });
}
