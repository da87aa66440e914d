// The registry as the coordinator's views read it (the case pickers, 確認予定, ケースの経過, 準備シート):
// readWorkbook (one getValues per sheet, however many rows) → core readRegistry, and each case as a
// picker offers it — its consent as the meeting form judges it, its name, 担当者, 支援状況 and latest
// activity for searching and ordering.
import { parseCell } from '../../core/registry/cells';
import { caseActivity, lastActivityOn, type CaseActivity } from '../../core/registry/case-list';
import { readRegistry, type ReadResult } from '../../core/registry/read';
import type { ReadCase } from '../../core/registry/records';
import { CASES } from '../forms/case-form';
import type { CaseChoice } from '../forms/consent';
import { dataRows, rawValue, type Table } from '../sheet-adapter';
import { readSheetTable, readWorkbook, type Workbook, type WorkbookRead } from '../workbook';

const CHOICE_KEYS = ['caseId', 'receivedOn', 'consent', 'consentOn', 'consentRevokedOn'] as const;

/**
 * Cases as the meeting form needs them: id, receipt day and consent, each read with the core's cell
 * parser. A fault in one of those cells marks the case (its consent cannot be trusted); faults in
 * other columns are 「台帳を検証する」's business and do not keep a case out of a meeting.
 */
export function caseChoices(cases: Table): CaseChoice[] {
  const cols = cases.columns;
  const defs = CHOICE_KEYS.map((k) => CASES.columns.find((c) => c.key === k)!);
  const out: CaseChoice[] = [];
  const seen = new Set<string>();
  for (const { row, line } of dataRows(cases)) {
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
    const choice: CaseChoice = { caseId, consent: (v.consent as string | undefined) ?? '未確認', row };
    if (v.receivedOn) choice.receivedOn = v.receivedOn as string;
    if (v.consentOn) choice.consentOn = v.consentOn as string;
    if (v.consentRevokedOn) choice.consentRevokedOn = v.consentRevokedOn as string;
    if (faulty) choice.faulty = true;
    out.push(choice);
  }
  return out.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

export interface CoordinatorRead {
  read: ReadResult;
  tables: WorkbookRead['tables'];
  cases: Table;
  activity: Map<string, CaseActivity>;
  /** registry.cases index of each ケースID (its first row). */
  caseIndex: Map<string, number>;
}

/** The whole registry, once: a fixed number of Sheets calls whatever the number of rows. */
export function readCoordinator(wb: Workbook): CoordinatorRead {
  const { raw, tables } = readWorkbook(wb);
  // No 「ケース」 sheet: the message of a missing sheet (with a near name, if any).
  const cases = tables.cases ?? readSheetTable(wb, 'cases');
  const read = readRegistry(raw);
  const caseIndex = new Map<string, number>();
  read.registry.cases.forEach((c, i) => {
    if (c.caseId && !caseIndex.has(c.caseId)) caseIndex.set(c.caseId, i);
  });
  return { read, tables, cases, activity: caseActivity(read.registry), caseIndex };
}

/** The case of an id as read, or undefined. */
export function caseOf(r: CoordinatorRead, caseId: string): ReadCase | undefined {
  const i = r.caseIndex.get(caseId);
  return i === undefined ? undefined : r.read.registry.cases[i];
}

/** Every case as the pickers offer it: consent (caseChoices) with what they show, search and order by. */
export function caseLines(r: CoordinatorRead): CaseChoice[] {
  const staffAt = r.cases.columns.get('staff');
  return caseChoices(r.cases).map((choice) => {
    const c = caseOf(r, choice.caseId);
    const a = r.activity.get(choice.caseId);
    const line: CaseChoice = { ...choice };
    if (c?.name) line.name = c.name;
    // 担当者 as the sheet shows it when 「設定」 does not list it: a search by 担当者 still finds the case.
    const typed = staffAt === undefined || !choice.row ? undefined : r.cases.values[choice.row - 1]?.[staffAt];
    const staff = c?.staff ?? (typeof typed === 'string' ? typed.trim() : undefined);
    if (staff) line.staff = staff;
    if (c?.stage) line.stage = c.stage;
    const last = lastActivityOn(a);
    if (last) line.lastOn = last;
    if (a?.lastContactOn) line.lastContactOn = a.lastContactOn;
    if (a?.nextReviewOn) {
      line.nextReviewOn = a.nextReviewOn;
      line.reviewSetOn = a.lastMeetingOn;
    }
    return line;
  });
}
