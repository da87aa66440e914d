// Cross-sheet and consistency rules of REGISTRY.md, run on the rows that passed the row rules.
import type { ReadResult } from '../registry/read';
import type { Issue } from '../issues';
import { consentInForce } from '../registry/consent';
import { sheetDef, type SheetKey } from '../registry/definition';
import type { Case, Meeting } from '../registry/records';
import * as say from './messages';

type Emit = (sheet: SheetKey, row: number, column: string, code: Issue['code'], message: string) => void;

export function crossSheetIssues(read: ReadResult): Issue[] {
  const issues: Issue[] = [];
  const emit: Emit = (sheet, row, column, code, message) => issues.push({ sheet, row, column, code, message });
  const { registry: r, rows } = read;
  const rowOf = (sheet: SheetKey, i: number): number => rows[sheet].rows[i]!;
  const caseById = new Map<string, Case>(r.cases.map((c) => [c.caseId, c]));
  const meetingById = new Map<string, Meeting>(r.meetings.map((m) => [m.meetingId, m]));

  const reference = (
    sheet: SheetKey,
    row: number,
    column: string,
    target: SheetKey,
    id: string | undefined,
  ): boolean => {
    if (id === undefined) return false;
    if (rows[target].ids.has(id)) return true;
    emit(sheet, row, column, 'ref.missing', say.refMissing(say.at(sheet, row)(column), sheetDef(target), id));
    return false;
  };

  r.cases.forEach((c, i) => {
    const row = rowOf('cases', i);
    const at = say.at('cases', row);
    if (c.consent === '同意あり') {
      if (!c.consentOn)
        emit('cases', row, 'consentOn', 'consent.date', say.consentOnNeeded(at('consentOn'), c.consent));
      if (c.consentRevokedOn)
        emit('cases', row, 'consentRevokedOn', 'consent.date', say.revokedButConsented(at('consentRevokedOn')));
    } else if (c.consent === '撤回') {
      if (!c.consentOn)
        emit('cases', row, 'consentOn', 'consent.date', say.consentOnNeeded(at('consentOn'), c.consent));
      if (!c.consentRevokedOn)
        emit('cases', row, 'consentRevokedOn', 'consent.date', say.revokedOnNeeded(at('consentRevokedOn')));
      if (c.consentOn && c.consentRevokedOn && c.consentRevokedOn < c.consentOn)
        emit('cases', row, 'consentRevokedOn', 'consent.date', say.revokedBeforeConsent(at('consentRevokedOn')));
    } else if (c.consentOn) {
      emit('cases', row, 'consentOn', 'consent.date', say.consentOnWithoutConsent(at('consentOn'), c.consent));
    }
    if (c.planOn && !consentInForce(c, c.planOn))
      emit('cases', row, 'planOn', 'consent.plan', say.planWithoutConsent(at('planOn'), c.planOn));
    if (c.stage === '終結' && !c.closedOn)
      emit('cases', row, 'closedOn', 'closure', say.closedOnNeeded(at('closedOn')));
    if (c.stage !== '終結' && c.closedOn)
      emit('cases', row, 'stage', 'closure', say.stageNotClosed(at('stage'), c.stage));
    if (c.closedOn && !c.closureReason)
      emit('cases', row, 'closureReason', 'closure', say.closureReasonNeeded(at('closureReason')));
    if (c.closedOn && c.closedOn < c.receivedOn)
      emit('cases', row, 'closedOn', 'closure', say.closedBeforeReceived(at('closedOn'), c.receivedOn));
  });

  r.meetings.forEach((m, i) => {
    const row = rowOf('meetings', i);
    if (m.type === '支援会議' && m.confidentialityConfirmed !== true)
      emit(
        'meetings',
        row,
        'confidentialityConfirmed',
        'confidentiality',
        say.confidentiality(say.at('meetings', row)('confidentialityConfirmed')),
      );
  });

  const firstRowOfPair = new Map<string, number>();
  r.meetingCases.forEach((mc, i) => {
    const row = rowOf('meetingCases', i);
    const at = say.at('meetingCases', row);
    const meetingKnown = reference('meetingCases', row, 'meetingId', 'meetings', mc.meetingId);
    const caseKnown = reference('meetingCases', row, 'caseId', 'cases', mc.caseId);
    const pair = `${mc.meetingId}\u0000${mc.caseId}`;
    const first = firstRowOfPair.get(pair);
    if (first !== undefined)
      emit(
        'meetingCases',
        row,
        'caseId',
        'duplicate.pair',
        say.duplicatePair(at('caseId'), mc.meetingId, mc.caseId, first),
      );
    else firstRowOfPair.set(pair, row);
    const m = meetingKnown ? meetingById.get(mc.meetingId) : undefined;
    const c = caseKnown ? caseById.get(mc.caseId) : undefined;
    if (!m || !c) return; // a faulty meeting or case row is reported where it stands
    if (m.type === '重層的支援会議' && !consentInForce(c, m.heldOn))
      emit(
        'meetingCases',
        row,
        'caseId',
        'consent.required',
        say.consentRequired(at('caseId'), mc.caseId, mc.meetingId, m.heldOn),
      );
    if (m.heldOn < c.receivedOn)
      emit(
        'meetingCases',
        row,
        'meetingId',
        'date.order',
        say.discussedBeforeReceived(at('meetingId'), mc.caseId, m.heldOn, c.receivedOn),
      );
  });

  r.activities.forEach((a, i) => {
    const row = rowOf('activities', i);
    if (!reference('activities', row, 'caseId', 'cases', a.caseId)) return;
    const c = caseById.get(a.caseId);
    if (c && a.on < c.receivedOn)
      emit(
        'activities',
        row,
        'on',
        'date.order',
        say.activityBeforeReceived(say.at('activities', row)('on'), a.caseId, c.receivedOn),
      );
  });

  r.donations.forEach((d, i) => {
    const row = rowOf('donations', i);
    reference('donations', row, 'partnerId', 'foodPartners', d.partnerId);
  });

  const ended =
    (sheet: 'places' | 'platformMembers' | 'foodPartners', start: string, end: string) =>
    (rec: Record<string, unknown>, i: number) => {
      const s = rec[start] as string;
      const e = rec[end] as string | undefined;
      if (e !== undefined && e <= s) {
        const row = rowOf(sheet, i);
        emit(sheet, row, end, 'date.order', say.endNotAfterStart(sheet, row, end, start, s));
      }
    };
  r.places.forEach(ended('places', 'openedOn', 'closedOn'));
  r.platformMembers.forEach(ended('platformMembers', 'joinedOn', 'leftOn'));
  r.foodPartners.forEach(ended('foodPartners', 'joinedOn', 'leftOn'));

  return issues;
}
