// Cross-sheet and consistency rules of docs/registry.md. A rule runs on every row whose cells it
// needs could be read: an unrelated typo (世帯人数 「3人」) never switches off the consent check, and a
// cell that could not be read is reported once, by the row rules, not again as a rule's fault.
import { absentHint } from '../registry/layout';
import { rowRanges } from '../registry/messages';
import type { ReadResult } from '../registry/read';
import type { Issue } from '../issues';
import { consentInForce } from '../registry/consent';
import {
  SHEETS,
  SHEET_KEYS,
  columnLabel,
  idColumn,
  sheetDef,
  type ColumnDef,
  type SheetKey,
} from '../registry/definition';
import type {
  ReadActivity as Activity,
  ReadCase as Case,
  ReadMeeting as Meeting,
  ReadMeetingCase as MeetingCase,
  Registry,
} from '../registry/records';
import * as say from './messages';

/**
 * What follows an id as a note, in an id as read (folded: no spaces, half width): anything but what
 * an id goes on with (K-2025-0006(再), K-2025-0006再; not K-2025-00061).
 */
const NOTE_AFTER = /^[^0-9A-Z_-]/;

type Emit = (sheet: SheetKey, row: number, column: string, code: Issue['code'], message: string) => void;

function perSheet<T>(f: (columns: readonly ColumnDef[]) => T): Record<SheetKey, T> {
  const out = {} as Record<SheetKey, T>;
  for (const s of SHEETS) out[s.key] = f(s.columns);
  return out;
}

/** Each sheet's reference columns, from the definition (`references`). */
const REFERENCE_COLUMNS = perSheet((columns) =>
  columns.filter((c): c is ColumnDef & { references: SheetKey } => c.references !== undefined),
);

/** Each sheet's date columns that end what another starts, from the definition (`after`). */
const DATE_PAIRS = perSheet((columns) =>
  columns.filter((c): c is ColumnDef & { after: string } => c.after !== undefined),
);

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
  // A sheet whose ids cannot be known — missing, no header row, or no id column — makes every reference
  // into it look wrong. The layout issue already says why, once; a ref.missing per row would bury it.
  const idsUnknown = new Set<string>();
  for (const i of read.issues)
    if (
      i.code === 'sheet.missing' ||
      (i.code === 'column.missing' &&
        i.sheet !== 'settings' &&
        i.sheet !== 'registry' &&
        (i.row === null || i.column === idColumn(sheetDef(i.sheet))?.key))
    )
      idsUnknown.add(i.sheet);
  const CONSENT = ['consent', 'consentOn', 'consentRevokedOn'];
  const NONE: ReadonlySet<string> = new Set();

  // An id the other sheet holds with a note after it (K-2025-0006（再）), or this one does: named in
  // the message, which would otherwise point only at the rows that refer to it. Found once per id.
  const nearIds = new Map<string, string | undefined>();
  const nearId = (target: SheetKey, id: string): string | undefined => {
    const key = `${target}\u0000${id}`;
    if (!nearIds.has(key)) {
      let near: string | undefined;
      for (const x of rows[target].ids)
        if (
          (x.startsWith(id) && NOTE_AFTER.test(x.slice(id.length))) ||
          (id.startsWith(x) && NOTE_AFTER.test(id.slice(x.length)))
        ) {
          near = x;
          break;
        }
      nearIds.set(key, near);
    }
    return nearIds.get(key);
  };

  /** The row's reference columns checked (`ref.missing` for an id the other sheet lacks); the keys of those that name a row. */
  const references = (sheet: SheetKey, row: number, record: Readonly<Record<string, unknown>>): ReadonlySet<string> => {
    if (!REFERENCE_COLUMNS[sheet].length) return NONE;
    const known = new Set<string>();
    for (const col of REFERENCE_COLUMNS[sheet]) {
      const id = record[col.key] as string | undefined;
      if (id === undefined || idsUnknown.has(col.references)) continue;
      if (rows[col.references].ids.has(id)) known.add(col.key);
      else
        emit(
          sheet,
          row,
          col.key,
          'ref.missing',
          say.refMissing(say.at(sheet, row)(col.key), sheetDef(col.references), id, nearId(col.references, id)),
        );
    }
    return known;
  };

  /** End-after-start pairs declared on the columns (`after`): a 閉鎖日 not after its 開設日 is `date.order`. */
  const datePairs = (sheet: SheetKey, row: number, record: Readonly<Record<string, unknown>>): void => {
    for (const col of DATE_PAIRS[sheet]) {
      const start = record[col.after] as string | undefined;
      const end = record[col.key] as string | undefined;
      if (start !== undefined && end !== undefined && end <= start)
        emit(sheet, row, col.key, 'date.order', say.endNotAfterStart(sheet, row, col.key, col.after, start));
    }
  };

  const caseRules = (c: Case, i: number, row: number): void => {
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
  };

  const meetingRules = (m: Meeting, i: number, row: number): void => {
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
  };

  const firstRowOfPair = new Map<string, number>();
  const meetingCaseRules = (mc: MeetingCase, _i: number, row: number, known: ReadonlySet<string>): void => {
    const at = say.at('meetingCases', row);
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
    const mi = known.has('meetingId') ? meetingIndex.get(mc.meetingId!) : undefined;
    const ci = known.has('caseId') ? caseIndex.get(mc.caseId!) : undefined;
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
  };

  const activityRules = (a: Activity, _i: number, row: number, known: ReadonlySet<string>): void => {
    if (!known.has('caseId')) return;
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
  };

  /** The rules written for one sheet; references and date pairs come from the definition. */
  const sheetRules: {
    [K in SheetKey]?: (record: Registry[K][number], i: number, row: number, known: ReadonlySet<string>) => void;
  } = {
    cases: caseRules,
    meetings: meetingRules,
    meetingCases: meetingCaseRules,
    activities: activityRules,
  };

  // Sheet by sheet in the contract's order, row by row: the row's references, its sheet's own rules,
  // then its date pairs.
  for (const sheet of SHEET_KEYS) {
    const records = r[sheet] as ReadonlyArray<Readonly<Record<string, unknown>>>;
    const rule = sheetRules[sheet] as
      | ((record: Readonly<Record<string, unknown>>, i: number, row: number, known: ReadonlySet<string>) => void)
      | undefined;
    if (!rule && !REFERENCE_COLUMNS[sheet].length && !DATE_PAIRS[sheet].length) continue;
    records.forEach((record, i) => {
      const row = rowOf(sheet, i);
      const known = references(sheet, row, record);
      rule?.(record, i, row, known);
      datePairs(sheet, row, record);
    });
  }

  return collapsedByAbsentColumn(issues, read.absentColumns);
}

/**
 * A rule that fires on every row because its column is not in the sheet at all (「終結日」 retyped
 * 「終了日」: 「終結日が必要です」 on each closed case) is said once, with the rows and the header to
 * fix: one cause, one issue, not a list that buries it.
 */
function collapsedByAbsentColumn(issues: Issue[], absent: ReadResult['absentColumns']): Issue[] {
  const groups = new Map<string, Issue[]>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const sheet = issue.sheet as SheetKey;
    if (issue.row === null || !absent[sheet]?.some((a) => a.key === issue.column)) {
      out.push(issue);
      continue;
    }
    const key = `${sheet}\u0000${issue.column}\u0000${issue.code}`;
    const group = groups.get(key);
    if (group) group.push(issue);
    else {
      groups.set(key, [issue]);
      out.push(issue); // its place in the order; its message is rewritten below
    }
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const def = sheetDef(first.sheet as SheetKey);
    const label = columnLabel(def, first.column!);
    // What the rule says, without the cell it names.
    const what = first.message.slice(first.message.indexOf(': ') + 2);
    first.message = `「${def.name}」シートに見出し「${label}」がないため、${rowRanges(
      group.map((i) => i.row!),
      10,
    )}（${group.length}行）について: ${what}${absentHint(
      def,
      absent[def.key]!.filter((a) => a.key === first.column),
    )}`;
  }
  return out;
}
