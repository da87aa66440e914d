// Cross-sheet and consistency rules of docs/registry.md. A rule runs on every row whose cells it
// needs could be read: an unrelated typo (世帯人数 「3人」) never switches off the consent check, and a
// cell that could not be read is reported once, by the row rules, not again as a rule's fault.
import type { ReadResult } from '../registry/read';
import type { Issue } from '../issues';
import { consentInForce } from '../registry/consent';
import { sheetDef, type SheetKey } from '../registry/definition';
import type { ReadCase as Case, ReadMeeting as Meeting } from '../registry/records';
import * as say from './messages';

type Emit = (sheet: SheetKey, row: number, column: string, code: Issue['code'], message: string) => void;

export function crossSheetIssues(read: ReadResult): Issue[] {
  const issues: Issue[] = [];
  const emit: Emit = (sheet, row, column, code, message) => issues.push({ sheet, row, column, code, message });
  const { registry: r, rows, faults } = read;
  const rowOf = (sheet: SheetKey, i: number): number => rows[sheet].rows[i]!;
  /** Whether every named cell of record i could be read (empty counts as read). */
  const readable = (sheet: SheetKey, i: number, ...columns: string[]): boolean => {
    const f = faults[sheet][i];
    return !f || columns.every((c) => !f.has(c));
  };
  const caseIndex = new Map<string, number>();
  r.cases.forEach((c, i) => {
    if (c.caseId !== undefined) caseIndex.set(c.caseId, i);
  });
  const meetingIndex = new Map<string, number>();
  r.meetings.forEach((m, i) => {
    if (m.meetingId !== undefined) meetingIndex.set(m.meetingId, i);
  });
  const CONSENT = ['consent', 'consentOn', 'consentRevokedOn'];

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
    if (readable('cases', i, ...CONSENT)) {
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
      } else if (c.consentOn && c.consent !== undefined) {
        emit('cases', row, 'consentOn', 'consent.date', say.consentOnWithoutConsent(at('consentOn'), c.consent));
      }
      if (c.planOn && readable('cases', i, 'planOn') && !consentInForce(c, c.planOn))
        emit('cases', row, 'planOn', 'consent.plan', say.planWithoutConsent(at('planOn'), c.planOn));
    }
    if (readable('cases', i, 'stage', 'closedOn')) {
      if (c.stage === '終結' && !c.closedOn)
        emit('cases', row, 'closedOn', 'closure', say.closedOnNeeded(at('closedOn')));
      if (c.stage !== '終結' && c.stage !== undefined && c.closedOn)
        emit('cases', row, 'stage', 'closure', say.stageNotClosed(at('stage'), c.stage));
    }
    if (c.closedOn && !c.closureReason && readable('cases', i, 'closureReason'))
      emit('cases', row, 'closureReason', 'closure', say.closureReasonNeeded(at('closureReason')));
    if (c.closedOn && c.receivedOn && c.closedOn < c.receivedOn)
      emit('cases', row, 'closedOn', 'closure', say.closedBeforeReceived(at('closedOn'), c.receivedOn));
  });

  r.meetings.forEach((m, i) => {
    const row = rowOf('meetings', i);
    if (
      m.type === '支援会議' &&
      m.confidentialityConfirmed !== true &&
      readable('meetings', i, 'confidentialityConfirmed')
    )
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
    const first = mc.meetingId === undefined || mc.caseId === undefined ? undefined : firstRowOfPair.get(pair);
    if (first !== undefined)
      emit(
        'meetingCases',
        row,
        'caseId',
        'duplicate.pair',
        say.duplicatePair(at('caseId'), mc.meetingId!, mc.caseId!, first),
      );
    else if (mc.meetingId !== undefined && mc.caseId !== undefined) firstRowOfPair.set(pair, row);
    const mi = meetingKnown ? meetingIndex.get(mc.meetingId!) : undefined;
    const ci = caseKnown ? caseIndex.get(mc.caseId!) : undefined;
    if (mi === undefined || ci === undefined) return; // an unknown id is ref.missing, reported above
    const m: Meeting = r.meetings[mi]!;
    const c: Case = r.cases[ci]!;
    // The law's rule, on every pair whose type, day and consent cells could be read.
    if (
      m.type === '重層的支援会議' &&
      m.heldOn !== undefined &&
      readable('meetings', mi, 'type', 'heldOn') &&
      readable('cases', ci, ...CONSENT) &&
      !consentInForce(c, m.heldOn)
    )
      emit(
        'meetingCases',
        row,
        'caseId',
        'consent.required',
        say.consentRequired(at('caseId'), mc.caseId!, mc.meetingId!, m.heldOn),
      );
    if (m.heldOn !== undefined && c.receivedOn !== undefined && m.heldOn < c.receivedOn)
      emit(
        'meetingCases',
        row,
        'meetingId',
        'date.order',
        say.discussedBeforeReceived(at('meetingId'), mc.caseId!, m.heldOn, c.receivedOn),
      );
  });

  r.activities.forEach((a, i) => {
    const row = rowOf('activities', i);
    if (!reference('activities', row, 'caseId', 'cases', a.caseId)) return;
    const ci = caseIndex.get(a.caseId!);
    const c = ci === undefined ? undefined : r.cases[ci];
    if (c && a.on !== undefined && c.receivedOn !== undefined && a.on < c.receivedOn)
      emit(
        'activities',
        row,
        'on',
        'date.order',
        say.activityBeforeReceived(say.at('activities', row)('on'), a.caseId!, c.receivedOn),
      );
  });

  r.donations.forEach((d, i) => {
    const row = rowOf('donations', i);
    reference('donations', row, 'partnerId', 'foodPartners', d.partnerId);
  });

  const ended =
    (sheet: 'places' | 'platformMembers' | 'foodPartners', start: string, end: string) =>
    (rec: Record<string, unknown>, i: number) => {
      const s = rec[start] as string | undefined;
      const e = rec[end] as string | undefined;
      if (s !== undefined && e !== undefined && e <= s) {
        const row = rowOf(sheet, i);
        emit(sheet, row, end, 'date.order', say.endNotAfterStart(sheet, row, end, start, s));
      }
    };
  r.places.forEach(ended('places', 'openedOn', 'closedOn'));
  r.platformMembers.forEach(ended('platformMembers', 'joinedOn', 'leftOn'));
  r.foodPartners.forEach(ended('foodPartners', 'joinedOn', 'leftOn'));

  return issues;
}
