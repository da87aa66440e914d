// ケースの経過: every event of one case from every sheet, in date order. On one day the events keep
// the order a day of support has under the consent rule (consent given or revoked on a day counts
// from that day's start, so it comes before that day's contacts and meetings):
//   受付 → 同意 → 同意撤回 → 支援記録 → 会議 → プラン作成 → 終結,
// and events of one kind on one day keep their sheet's row order. Events whose date cannot be read
// come last, in the same order, so nothing the registry holds about the case is left out.
import type { IsoDate } from '../dates/calendar';
import { piiKeys, sheetDef, type SheetKey } from './definition';
import type { Registry } from './records';

export type TimelineKind = 'received' | 'consent' | 'revoked' | 'contact' | 'meeting' | 'plan' | 'closed';

/** The same-day order, and the heading of each kind. */
export const TIMELINE_KINDS: Readonly<Record<TimelineKind, { rank: number; label: string }>> = {
  received: { rank: 0, label: '受付' },
  consent: { rank: 1, label: '同意' },
  revoked: { rank: 2, label: '同意撤回' },
  contact: { rank: 3, label: '支援記録' },
  meeting: { rank: 4, label: '会議' },
  plan: { rank: 5, label: 'プラン作成' },
  closed: { rank: 6, label: '終結' },
};

export interface TimelineEvent {
  /** Null when the date cell cannot be read. */
  on: IsoDate | null;
  kind: TimelineKind;
  /** What happened, in a few words: the meeting's 種別, the contact's 種別 … */
  title: string;
  /** Label and value pairs, only those with a value. */
  details: Array<[string, string]>;
  sheet: SheetKey;
  /** Sheet row (as the read numbered it). */
  row: number;
}

/** Sheet rows parallel to the registry's records (ReadResult.rows). */
export type RowsOf = Partial<Record<SheetKey, { rows: readonly number[] }>>;

export type TimelineRegistry = Pick<Registry, 'cases' | 'meetings' | 'meetingCases' | 'activities'>;

const pairs = (list: Array<[string, string | number | readonly string[] | undefined]>): Array<[string, string]> =>
  list.flatMap(([k, v]) =>
    v === undefined || v === '' ? [] : [[k, Array.isArray(v) ? v.join('、') : String(v)] as [string, string]],
  );

export function caseTimeline(reg: TimelineRegistry, rows: RowsOf, caseId: string): TimelineEvent[] {
  const rowOf = (sheet: SheetKey, i: number): number => rows[sheet]?.rows[i] ?? i + 2;
  const events: TimelineEvent[] = [];
  const push = (
    kind: TimelineKind,
    on: IsoDate | undefined,
    title: string,
    details: Array<[string, string]>,
    sheet: SheetKey,
    i: number,
  ) => events.push({ on: on ?? null, kind, title, details, sheet, row: rowOf(sheet, i) });

  const ci = reg.cases.findIndex((c) => c.caseId === caseId);
  const c = reg.cases[ci];
  if (c) {
    push(
      'received',
      c.receivedOn,
      '相談を受付',
      pairs([
        ['受付方法', c.channel],
        ['相談経路', c.referralSource],
        ['受付窓口', c.window],
        ['分野', c.domains],
        ['課題', c.issues],
      ]),
      'cases',
      ci,
    );
    if (c.consentOn) push('consent', c.consentOn, '本人同意を得た', [], 'cases', ci);
    if (c.consentRevokedOn) push('revoked', c.consentRevokedOn, '本人同意の撤回', [], 'cases', ci);
    if (c.planOn) push('plan', c.planOn, '支援プランを作成', pairs([['主担当機関', c.leadAgency]]), 'cases', ci);
    if (c.closedOn || c.stage === '終結')
      push('closed', c.closedOn, '終結', pairs([['理由', c.closureReason]]), 'cases', ci);
  }
  reg.activities.forEach((a, i) => {
    if (a.caseId !== caseId) return;
    push(
      'contact',
      a.on,
      a.kind ?? '支援記録',
      pairs([
        ['受け入れ先', a.placement],
        ['記録ID', a.activityId],
      ]),
      'activities',
      i,
    );
  });
  const meetings = new Map<string, (typeof reg.meetings)[number]>();
  for (const m of reg.meetings) if (m.meetingId && !meetings.has(m.meetingId)) meetings.set(m.meetingId, m);
  reg.meetingCases.forEach((r, i) => {
    if (r.caseId !== caseId) return;
    const m = r.meetingId ? meetings.get(r.meetingId) : undefined;
    push(
      'meeting',
      m?.heldOn,
      m ? (m.type ?? '会議') : '会議（「会議」シートにない会議ID）',
      pairs([
        ['会議ID', r.meetingId],
        ['検討内容', r.purpose],
        ['次回確認日', r.nextReviewOn],
      ]),
      'meetingCases',
      i,
    );
  });
  // The sheets are walked in a fixed order, so the index breaks every remaining tie the same way.
  return events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => {
      const a = x.e;
      const b = y.e;
      if (a.on !== b.on) {
        if (a.on === null) return 1;
        if (b.on === null) return -1;
        return a.on < b.on ? -1 : 1;
      }
      const rank = TIMELINE_KINDS[a.kind].rank - TIMELINE_KINDS[b.kind].rank;
      return rank || a.row - b.row || x.i - y.i;
    })
    .map(({ e }) => e);
}

/**
 * The rows a case's timeline is made of — its 「ケース」 row, its 支援記録 and 検討ケース rows and their
 * 会議 — with their sheet rows, and without the PII columns (メモ, 議事メモ, 氏名 …): what Apps Script
 * sends the ケースの経過 dialog, which makes the timeline itself.
 */
export function caseRecords(
  reg: TimelineRegistry,
  rows: RowsOf,
  caseId: string,
): { registry: TimelineRegistry; rows: Record<keyof TimelineRegistry, { rows: number[] }> } {
  const outRows = {} as Record<keyof TimelineRegistry, { rows: number[] }>;
  const take = <K extends keyof TimelineRegistry>(key: K, keep: (r: TimelineRegistry[K][number]) => boolean) => {
    const pii = new Set(piiKeys(sheetDef(key)));
    const records: Array<TimelineRegistry[K][number]> = [];
    const at: number[] = [];
    (reg[key] as Array<TimelineRegistry[K][number]>).forEach((r, i) => {
      if (!keep(r)) return;
      records.push(Object.fromEntries(Object.entries(r).filter(([k]) => !pii.has(k))) as TimelineRegistry[K][number]);
      at.push(rows[key]?.rows[i] ?? i + 2);
    });
    outRows[key] = { rows: at };
    return records as TimelineRegistry[K];
  };
  const meetingCases = take('meetingCases', (r) => r.caseId === caseId);
  const ids = new Set(meetingCases.map((r) => r.meetingId));
  const registry: TimelineRegistry = {
    cases: take('cases', (r) => r.caseId === caseId).slice(0, 1),
    activities: take('activities', (r) => r.caseId === caseId),
    meetingCases,
    meetings: take('meetings', (r) => ids.has(r.meetingId)),
  };
  outRows.cases.rows = outRows.cases.rows.slice(0, 1);
  return { registry, rows: outRows };
}
