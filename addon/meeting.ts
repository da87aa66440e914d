// 「会議を記録する」: google.script.run targets of the meeting sidebar. The 会議 row and its
// 検討ケース rows are written in one locked batch (one setValues per sheet), after the consent
// rule is checked again on the cases as they stand inside the lock.
import { fiscalYearOf } from '../core/dates/fiscal';
import { todayInJapan } from '../core/dates/calendar';
import { ENUMS } from '../core/registry/definition';
import { parseCell } from '../core/registry/cells';
import { formInvalid, payloadInvalid, type Failure } from './errors';
import type { CaseChoice } from './forms/consent';
import { MEETINGS, MEETING_CASES, meetingPayloadSchema, validateMeetingForm } from './forms/meeting-form';
import { CASES } from './forms/case-form';
import { nextRecordId } from './ids';
import { withDocumentLock } from './lock';
import { appendRows, columnTexts, columnsByKey, dataRows, rawValue, rowFor, type Table } from './sheet-adapter';
import { openWorkbook, readSettingsSheet, readSheetTable, type Workbook } from './workbook';

export interface MeetingContext {
  ok: true;
  today: string;
  /** For the fiscal year of today, as ids count it (the sidebar's example ケースID). */
  fiscalYearStartMonth: number;
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

const CHOICE_KEYS = ['caseId', 'receivedOn', 'consent', 'consentOn', 'consentRevokedOn'] as const;

/**
 * Cases as the meeting form needs them: id, receipt day and consent, each read with the core's cell
 * parser. A fault in one of those cells marks the case (its consent cannot be trusted); faults in
 * other columns are 「台帳を検証する」's business and do not keep a case out of a meeting.
 */
function caseChoices(cases: Table): CaseChoice[] {
  const cols = columnsByKey(cases, CASES);
  const defs = CHOICE_KEYS.map((k) => CASES.columns.find((c) => c.key === k)!);
  const out: CaseChoice[] = [];
  const seen = new Set<string>();
  for (const { line } of dataRows(cases)) {
    const v: Record<string, unknown> = {};
    let faulty = false;
    for (const def of defs) {
      const i = cols.get(def.key);
      const r = parseCell(def, i === undefined ? undefined : rawValue(line[i] ?? '', cases.timeZone), {});
      if (!r.ok) faulty = true;
      else if (r.value !== undefined) v[def.key] = r.value;
    }
    const caseId = v.caseId as string | undefined;
    if (!caseId || seen.has(caseId)) continue;
    seen.add(caseId);
    const choice: CaseChoice = { caseId, consent: (v.consent as string | undefined) ?? '未確認' };
    if (v.receivedOn) choice.receivedOn = v.receivedOn as string;
    if (v.consentOn) choice.consentOn = v.consentOn as string;
    if (v.consentRevokedOn) choice.consentRevokedOn = v.consentRevokedOn as string;
    if (faulty) choice.faulty = true;
    out.push(choice);
  }
  return out.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

export function meetingContext(wb: Workbook = openWorkbook()): MeetingContext {
  const s = readSettingsSheet(wb);
  const cases = readSheetTable(wb, 'cases');
  return {
    ok: true,
    today: todayInJapan(),
    fiscalYearStartMonth: s.settings.fiscalYearStartMonth,
    areas: s.settings.areas,
    types: ENUMS.meetingType,
    purposes: ENUMS.purpose,
    cases: caseChoices(cases),
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
