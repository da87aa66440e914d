// 「会議を記録する」: google.script.run targets of the meeting sidebar. The 会議 row and its
// 検討ケース rows are written in one locked batch (one setValues per sheet), after the consent
// rule is checked again on the cases as they stand inside the lock.
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS } from '../core/registry/definition';
import { readRegistry } from '../core/registry/read';
import { BUSY_MESSAGE, failure, type Failure } from './errors';
import type { CaseChoice } from './forms/consent';
import { MEETINGS, MEETING_CASES, meetingPayloadSchema, validateMeetingForm } from './forms/meeting-form';
import { nextId } from './ids';
import { appendRows, columnsByKey, rowFor, type Table } from './sheet-adapter';
import { openWorkbook, rawRegistryOf, readSettingsSheet, readSheetTable, type Workbook } from './workbook';

export interface MeetingContext {
  ok: true;
  today: string;
  areas: string[];
  types: readonly string[];
  purposes: readonly string[];
  cases: CaseChoice[];
}

export interface MeetingSaved {
  ok: true;
  meetingId: string;
  cases: number;
}

/** Cases as the meeting form needs them: id, receipt day and consent; rows with faults are marked. */
function caseChoices(settingsRows: Array<[unknown, unknown]>, cases: Table): CaseChoice[] {
  const read = readRegistry(rawRegistryOf(settingsRows, { cases }));
  const out: CaseChoice[] = read.registry.cases.map((c) => {
    const choice: CaseChoice = { caseId: c.caseId, consent: c.consent, receivedOn: c.receivedOn };
    if (c.consentOn) choice.consentOn = c.consentOn;
    if (c.consentRevokedOn) choice.consentRevokedOn = c.consentRevokedOn;
    return choice;
  });
  const good = new Set(out.map((c) => c.caseId));
  for (const id of read.rows.cases.ids) if (!good.has(id)) out.push({ caseId: id, consent: '未確認', faulty: true });
  return out.sort((a, b) => a.caseId.localeCompare(b.caseId));
}

export function meetingContext(wb: Workbook = openWorkbook()): MeetingContext {
  const s = readSettingsSheet(wb);
  const cases = readSheetTable(wb, 'cases');
  return {
    ok: true,
    today: todayInJapan(),
    areas: s.settings.areas,
    types: ENUMS.meetingType,
    purposes: ENUMS.purpose,
    cases: caseChoices(s.rows, cases),
  };
}

export function submitMeeting(payload: unknown): MeetingSaved | Failure {
  const parsed = meetingPayloadSchema.safeParse(payload);
  if (!parsed.success)
    return failure('payload.invalid', '送信された内容の形式が正しくありません。サイドバーを開き直してください。');
  const p = parsed.data;
  const wb = openWorkbook();
  const s = readSettingsSheet(wb);
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(10000)) return failure('lock.busy', BUSY_MESSAGE);
  try {
    const cases = readSheetTable(wb, 'cases');
    const choices = new Map(caseChoices(s.rows, cases).map((c) => [c.caseId, c]));
    const checked = validateMeetingForm(p, s.settings, choices);
    if (!checked.ok)
      return failure('form.invalid', '入力に誤りがあります。赤字の項目を直してください。', checked.errors);
    const meetings = readSheetTable(wb, 'meetings');
    const discussed = readSheetTable(wb, 'meetingCases');
    const idCol = columnsByKey(meetings, MEETINGS).get('meetingId');
    const ids = idCol === undefined ? [] : meetings.values.slice(1).map((r) => String(r[idCol] ?? ''));
    const meetingId = nextId(
      'M',
      fiscalYearOf(checked.meeting.heldOn as string, s.settings.fiscalYearStartMonth),
      4,
      ids,
    );
    appendRows(meetings, [rowFor(meetings, MEETINGS, { ...checked.meeting, meetingId })]);
    appendRows(
      discussed,
      checked.discussed.map((d) => rowFor(discussed, MEETING_CASES, { ...d, meetingId })),
    );
    SpreadsheetApp.flush();
    return { ok: true, meetingId, cases: checked.discussed.length };
  } finally {
    lock.releaseLock();
  }
}
