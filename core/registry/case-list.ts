// Cases as a coordinator looks for them in a long registry: by ケースID, 氏名, 担当者 or 支援状況,
// typed in any width, case or spacing; the open cases first and, among them, the most recently
// active. Shared by every case picker (会議, 準備シート, ケースの経過) and by what Apps Script sends
// them (the latest activity of each case, from 支援記録 and 検討ケース).
import type { IsoDate } from '../dates/calendar';
import { foldText } from './fold';
import type { Registry } from './records';

/** What a picker shows of a case and searches. */
export interface CaseLine {
  caseId: string;
  receivedOn?: IsoDate;
  name?: string;
  staff?: string;
  stage?: string;
  /** The latest 支援記録 or meeting of the case (absent: none yet). */
  lastOn?: IsoDate;
  /** 次回確認日 of the case's latest 検討ケース row, when that row has one … */
  nextReviewOn?: IsoDate;
  /** … and the day of that meeting. */
  reviewSetOn?: IsoDate;
  /** The latest 支援記録 alone (確認予定 counts the days without one). */
  lastContactOn?: IsoDate;
  /** Its row in 「ケース」 (a link to the row). */
  row?: number;
}

export const CLOSED_STAGE = '終結';

/**
 * Text as searched, as every lookup of a case folds it (fold.ts): NFKC (全角 letters and digits,
 * 半角 kana), dashes as `-`, no spaces, one case — 「ｋ－２０２５」 finds K-2025, 「山田 太郎」 山田太郎.
 */
export const searchKey = (text: string): string => foldText(text);

/** The day a case was last seen to: its latest activity, else its receipt. */
export const latestOn = (c: CaseLine): IsoDate | undefined =>
  c.lastOn !== undefined && (c.receivedOn === undefined || c.lastOn > c.receivedOn) ? c.lastOn : c.receivedOn;

/**
 * Open cases (受付・アセスメント・支援中・見守り, or a 支援状況 not read) before 終結; then the latest
 * activity or receipt, newest first (a case with neither last); then ケースID.
 */
export function compareCases(a: CaseLine, b: CaseLine): number {
  const closed = Number(a.stage === CLOSED_STAGE) - Number(b.stage === CLOSED_STAGE);
  if (closed) return closed;
  const la = latestOn(a) ?? '';
  const lb = latestOn(b) ?? '';
  if (la !== lb) return la < lb ? 1 : -1;
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

/** Cases in picker order, each with its searched texts made once. */
export interface CaseIndex<T extends CaseLine> {
  entries: ReadonlyArray<{ c: T; keys: string[] }>;
}

export function indexCases<T extends CaseLine>(cases: readonly T[]): CaseIndex<T> {
  const sorted = [...cases].sort(compareCases);
  return {
    entries: sorted.map((c) => ({
      c,
      keys: [c.caseId, c.name, c.staff, c.stage].flatMap((t) => (t ? [searchKey(t)] : [])),
    })),
  };
}

export interface Found<T> {
  /** The first `limit` matches, in picker order. */
  shown: T[];
  /** How many more match (never hidden silently: the picker says so). */
  more: number;
  total: number;
}

/** The cases whose ケースID, 氏名, 担当者 or 支援状況 contains the query (all of them for an empty one). */
export function findCases<T extends CaseLine>(index: CaseIndex<T>, query: string, limit: number): Found<T> {
  const q = searchKey(query);
  const shown: T[] = [];
  let total = 0;
  for (const { c, keys } of index.entries) {
    if (q && !keys.some((k) => k.includes(q))) continue;
    total++;
    if (shown.length < limit) shown.push(c);
  }
  return { shown, more: total - shown.length, total };
}

/** Per case: the latest 支援記録, the latest meeting, and the 検討ケース row of that meeting. */
export interface CaseActivity {
  lastContactOn?: IsoDate;
  lastMeetingOn?: IsoDate;
  /** 次回確認日 set at the latest meeting that discussed the case (absent: none set there). */
  nextReviewOn?: IsoDate;
}

/**
 * The activity of every case that has some. A 検討ケース row counts on its meeting's 開催日; of two
 * rows on the same day the later row is the latest. Rows whose date cannot be read are left out.
 */
export function caseActivity(
  reg: Pick<Registry, 'meetings' | 'meetingCases' | 'activities'>,
): Map<string, CaseActivity> {
  const out = new Map<string, CaseActivity>();
  const of = (id: string): CaseActivity => {
    let a = out.get(id);
    if (!a) out.set(id, (a = {}));
    return a;
  };
  for (const r of reg.activities) {
    if (!r.caseId || !r.on) continue;
    const a = of(r.caseId);
    if (a.lastContactOn === undefined || r.on > a.lastContactOn) a.lastContactOn = r.on;
  }
  const heldOn = new Map<string, IsoDate>();
  for (const m of reg.meetings)
    if (m.meetingId && m.heldOn && !heldOn.has(m.meetingId)) heldOn.set(m.meetingId, m.heldOn);
  for (const r of reg.meetingCases) {
    const on = r.meetingId ? heldOn.get(r.meetingId) : undefined;
    if (!r.caseId || !on) continue;
    const a = of(r.caseId);
    if (a.lastMeetingOn !== undefined && on < a.lastMeetingOn) continue;
    a.lastMeetingOn = on;
    if (r.nextReviewOn) a.nextReviewOn = r.nextReviewOn;
    else delete a.nextReviewOn;
  }
  return out;
}

/** The later of the two: what a picker orders a case by. */
export function lastActivityOn(a: CaseActivity | undefined): IsoDate | undefined {
  if (!a) return undefined;
  const { lastContactOn: c, lastMeetingOn: m } = a;
  return c === undefined ? m : m === undefined || c > m ? c : m;
}
