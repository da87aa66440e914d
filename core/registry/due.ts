// 確認予定: the open cases that call for a look today. Three reasons, each from the case's line as
// the pickers have it (case-list.ts: caseActivity gives the dates):
//   review  — 次回確認日 of the case's latest 検討ケース row is today or past;
//   silent  — 支援中 or 見守り, and no 支援記録 for followUpDays days (since the last one, or since 受付);
//   consent — 本人同意 still 未確認 followUpDays days after 受付.
// A 終結 case is never due. Cases come in the order they became due (the longest overdue first).
import type { IsoDate } from '../dates/calendar';
import { addDays, daysBetween } from '../dates/day-count';
import { CLOSED_STAGE, searchKey, type CaseLine } from './case-list';
import type { ConsentFields } from './consent';

export const FOLLOW_UP_STAGES: readonly string[] = ['支援中', '見守り'];

export type DueReason =
  | { kind: 'review'; dueOn: IsoDate; setOn?: IsoDate }
  | { kind: 'silent'; dueOn: IsoDate; lastContactOn?: IsoDate; days: number }
  | { kind: 'consent'; dueOn: IsoDate; receivedOn: IsoDate; days: number };

export type DueInput = CaseLine & ConsentFields;

export interface DueCase<T extends DueInput = DueInput> {
  c: T;
  /** The earliest dueOn of its reasons. */
  dueOn: IsoDate;
  reasons: DueReason[];
}

export interface DueOptions {
  today: IsoDate;
  followUpDays: number;
  /** Only the cases of this 担当者 (compared as searched: width, case and spaces ignored). */
  staff?: string;
}

/** Why a case is due today, or nothing. */
export function dueReasons(c: DueInput, today: IsoDate, followUpDays: number): DueReason[] {
  const reasons: DueReason[] = [];
  if (c.stage === undefined || c.stage === CLOSED_STAGE) return reasons;
  if (c.nextReviewOn !== undefined && c.nextReviewOn <= today) {
    const review: DueReason = { kind: 'review', dueOn: c.nextReviewOn };
    if (c.reviewSetOn !== undefined) review.setOn = c.reviewSetOn;
    reasons.push(review);
  }
  const since = c.lastContactOn ?? c.receivedOn;
  if (FOLLOW_UP_STAGES.includes(c.stage) && since !== undefined && daysBetween(since, today) >= followUpDays) {
    const silent: DueReason = { kind: 'silent', dueOn: addDays(since, followUpDays), days: daysBetween(since, today) };
    if (c.lastContactOn !== undefined) silent.lastContactOn = c.lastContactOn;
    reasons.push(silent);
  }
  if (c.consent === '未確認' && c.receivedOn !== undefined && daysBetween(c.receivedOn, today) >= followUpDays)
    reasons.push({
      kind: 'consent',
      dueOn: addDays(c.receivedOn, followUpDays),
      receivedOn: c.receivedOn,
      days: daysBetween(c.receivedOn, today),
    });
  return reasons;
}

export function dueCases<T extends DueInput>(
  cases: readonly T[],
  { today, followUpDays, staff }: DueOptions,
): DueCase<T>[] {
  const wanted = staff === undefined || staff.trim() === '' ? null : searchKey(staff);
  const out: DueCase<T>[] = [];
  for (const c of cases) {
    if (wanted !== null && searchKey(c.staff ?? '') !== wanted) continue;
    const reasons = dueReasons(c, today, followUpDays);
    if (!reasons.length) continue;
    const dueOn = reasons.reduce((d, r) => (r.dueOn < d ? r.dueOn : d), reasons[0]!.dueOn);
    out.push({ c, dueOn, reasons });
  }
  return out.sort((a, b) =>
    a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : a.c.caseId < b.c.caseId ? -1 : a.c.caseId > b.c.caseId ? 1 : 0,
  );
}

/** A reason in words, as the 確認予定 list says it. */
export function dueReasonText(r: DueReason, today: IsoDate): string {
  switch (r.kind) {
    case 'review': {
      const late = daysBetween(r.dueOn, today);
      const set = r.setOn ? `。${r.setOn} の会議で設定` : '';
      return `次回確認日 ${r.dueOn}（${late === 0 ? '今日' : `${late}日超過`}${set}）`;
    }
    case 'silent':
      return r.lastContactOn
        ? `支援記録が ${r.days}日ありません（最後 ${r.lastContactOn}）`
        : `受付から ${r.days}日、支援記録がありません`;
    case 'consent':
      return `本人同意が未確認のまま受付から ${r.days}日（受付 ${r.receivedOn}）`;
  }
}
