// ケースの経過 in core: every event of a case from every sheet, in date order, same-day events in the
// order 受付 → 同意 → 同意撤回 → 支援記録 → 会議 → プラン作成 → 終結 (then row order), events whose date
// cannot be read last. Checked by hand on a small registry:
//
//   K-2025-0001 (row 2): 受付 2025-04-01 (電話, 本人, 地域包括支援センター, 高齢), 同意あり 2025-04-10,
//     プラン作成 2025-05-20 (主担当機関 包括東), 撤回 2025-07-01, 終結 2025-07-01 本人の希望.
//   K-2025-0002 (row 3): another case; nothing of it may appear.
//   会議: M-1 2025-04-10 支援会議 (row 2), M-2 2025-05-20 重層的支援会議 (row 3),
//         M-3 2025-05-20 地域ケア会議 (row 4), M-4 「四月ごろ」 (row 5, date unreadable).
//   検討ケース: (M-2, K-1) プラン協議 next 2025-06-20 (row 2); (M-1, K-1) 情報共有 (row 3);
//         (M-3, K-1) 役割分担 (row 4); (M-1, K-2) (row 5); (M-9, K-1) 情報共有 (row 6: no such meeting);
//         (M-4, K-1) 情報共有 (row 7).
//   支援記録: A-2 2025-05-20 同行支援 ハローワーク (row 2); A-1 2025-04-10 家庭訪問 (row 3);
//         A-3 2025-07-01 連絡調整 (row 4); A-4 2025-05-20 家庭訪問 (row 5); A-5 K-2 (row 6).
//
// Expected, by hand:
//   2025-04-01 受付; 2025-04-10 同意, 支援記録 A-1, 会議 M-1 (支援会議);
//   2025-05-20 支援記録 A-2 (row 2), 支援記録 A-4 (row 5), 会議 M-2 (row 2), 会議 M-3 (row 4), プラン作成;
//   2025-07-01 同意撤回, 支援記録 A-3, 終結; then undated: 会議 M-9 (row 6), 会議 M-4 (row 7).
import { readRegistry } from '../../core/registry/read';
import { caseRecords, caseTimeline } from '../../core/registry/timeline';
import { addDays, dateOfDayNumber, dayNumber, daysBetween } from '../../core/dates/day-count';
import type { RawRegistry } from '../../core/registry/records';

const RAW: RawRegistry = {
  // 主担当機関 and 受け入れ先 are chosen from 「設定」's lists.
  settings: { agencies: ['包括東'], placements: ['ハローワーク'] },
  sheets: {
    cases: [
      {
        caseId: 'K-2025-0001',
        receivedOn: '2025-04-01',
        channel: '電話',
        referralSource: '本人',
        window: '地域包括支援センター',
        domains: ['高齢'],
        area: '東',
        consent: '撤回',
        consentOn: '2025-04-10',
        consentRevokedOn: '2025-07-01',
        planOn: '2025-05-20',
        leadAgency: '包括東',
        stage: '終結',
        closedOn: '2025-07-01',
        closureReason: '本人の希望',
        name: '山田 一郎',
        note: '個人のメモ',
      },
      {
        caseId: 'K-2025-0002',
        receivedOn: '2025-04-02',
        referralSource: '本人',
        window: '地域包括支援センター',
        domains: ['こども'],
        area: '西',
        consent: '未確認',
        stage: '受付',
      },
    ],
    meetings: [
      { meetingId: 'M-1', heldOn: '2025-04-10', type: '支援会議', confidentialityConfirmed: true },
      { meetingId: 'M-2', heldOn: '2025-05-20', type: '重層的支援会議', minutes: '議事メモ' },
      { meetingId: 'M-3', heldOn: '2025-05-20', type: '地域ケア会議' },
      { meetingId: 'M-4', heldOn: '四月ごろ', type: '支援会議', confidentialityConfirmed: true },
    ],
    meetingCases: [
      { meetingId: 'M-2', caseId: 'K-2025-0001', purpose: 'プラン協議', nextReviewOn: '2025-06-20' },
      { meetingId: 'M-1', caseId: 'K-2025-0001', purpose: '情報共有' },
      { meetingId: 'M-3', caseId: 'K-2025-0001', purpose: '役割分担' },
      { meetingId: 'M-1', caseId: 'K-2025-0002', purpose: '情報共有' },
      { meetingId: 'M-9', caseId: 'K-2025-0001', purpose: '情報共有' },
      { meetingId: 'M-4', caseId: 'K-2025-0001', purpose: '情報共有' },
    ],
    activities: [
      { activityId: 'A-2', caseId: 'K-2025-0001', on: '2025-05-20', kind: '同行支援', placement: 'ハローワーク' },
      { activityId: 'A-1', caseId: 'K-2025-0001', on: '2025-04-10', kind: '家庭訪問', note: '訪問のメモ' },
      { activityId: 'A-3', caseId: 'K-2025-0001', on: '2025-07-01', kind: '連絡調整' },
      { activityId: 'A-4', caseId: 'K-2025-0001', on: '2025-05-20', kind: '家庭訪問' },
      { activityId: 'A-5', caseId: 'K-2025-0002', on: '2025-04-20', kind: 'アウトリーチ' },
    ],
  },
};

const read = readRegistry(RAW);

test('every event of the case, in date order, same-day events in the fixed order, undated last', () => {
  const events = caseTimeline(read.registry, read.rows, 'K-2025-0001');
  expect(events.map((e) => [e.on, e.kind, e.title, e.sheet, e.row])).toEqual([
    ['2025-04-01', 'received', '相談を受付', 'cases', 2],
    ['2025-04-10', 'consent', '本人同意を得た', 'cases', 2],
    ['2025-04-10', 'contact', '家庭訪問', 'activities', 3],
    ['2025-04-10', 'meeting', '支援会議', 'meetingCases', 3],
    ['2025-05-20', 'contact', '同行支援', 'activities', 2],
    ['2025-05-20', 'contact', '家庭訪問', 'activities', 5],
    ['2025-05-20', 'meeting', '重層的支援会議', 'meetingCases', 2],
    ['2025-05-20', 'meeting', '地域ケア会議', 'meetingCases', 4],
    ['2025-05-20', 'plan', '支援プランを作成', 'cases', 2],
    ['2025-07-01', 'revoked', '本人同意の撤回', 'cases', 2],
    ['2025-07-01', 'contact', '連絡調整', 'activities', 4],
    ['2025-07-01', 'closed', '終結', 'cases', 2],
    [null, 'meeting', '会議（「会議」シートにない会議ID）', 'meetingCases', 6],
    [null, 'meeting', '支援会議', 'meetingCases', 7],
  ]);
});

test('what each event says: 受付 details, the meeting’s 検討内容 and 次回確認日, the contact’s 受け入れ先, the closure’s 理由', () => {
  const events = caseTimeline(read.registry, read.rows, 'K-2025-0001');
  const of = (kind: string, i = 0) => events.filter((e) => e.kind === kind)[i]!.details;
  expect(of('received')).toEqual([
    ['受付方法', '電話'],
    ['相談経路', '本人'],
    ['受付窓口', '地域包括支援センター'],
    ['分野', '高齢'],
  ]);
  expect(of('meeting', 1)).toEqual([
    ['会議ID', 'M-2'],
    ['検討内容', 'プラン協議'],
    ['次回確認日', '2025-06-20'],
  ]);
  expect(of('contact', 1)).toEqual([
    ['受け入れ先', 'ハローワーク'],
    ['記録ID', 'A-2'],
  ]);
  expect(of('plan')).toEqual([['主担当機関', '包括東']]);
  expect(of('closed')).toEqual([['理由', '本人の希望']]);
  // Nothing of the other case, and no PII column (メモ, 議事メモ) anywhere.
  expect(JSON.stringify(events)).not.toMatch(/K-2025-0002|A-5|メモ/);
});

test('the same order from the rows Apps Script sends the dialog: the case’s rows only, PII columns left out', () => {
  const sent = caseRecords(read.registry, read.rows, 'K-2025-0001');
  expect(sent.registry.cases).toHaveLength(1);
  expect(sent.registry.cases[0]).not.toHaveProperty('name');
  expect(sent.registry.cases[0]).not.toHaveProperty('note');
  expect(sent.registry.activities.map((a) => a.activityId)).toEqual(['A-2', 'A-1', 'A-3', 'A-4']);
  expect(sent.registry.activities[1]).not.toHaveProperty('note');
  expect(sent.registry.meetings.map((m) => m.meetingId)).toEqual(['M-1', 'M-2', 'M-3', 'M-4']);
  expect(sent.registry.meetings[1]).not.toHaveProperty('minutes');
  expect(sent.rows).toEqual({
    cases: { rows: [2] },
    activities: { rows: [2, 3, 4, 5] },
    meetingCases: { rows: [2, 3, 4, 6, 7] },
    meetings: { rows: [2, 3, 4, 5] },
  });
  // Through JSON, as google.script.run carries it.
  const wire = JSON.parse(JSON.stringify(sent)) as typeof sent;
  expect(caseTimeline(wire.registry, wire.rows, 'K-2025-0001')).toEqual(
    caseTimeline(read.registry, read.rows, 'K-2025-0001'),
  );
});

test('a case that is not there has no events', () => {
  expect(caseTimeline(read.registry, read.rows, 'K-2099-0001')).toEqual([]);
});

test('day numbers: 1970-01-01 is 0, leap days and century years counted, and back again', () => {
  expect(dayNumber('1970-01-01')).toBe(0);
  expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
  expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1);
  expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
  expect(daysBetween('2025-03-01', '2024-03-01')).toBe(-365);
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(addDays('2025-01-01', -30)).toBe('2024-12-02');
  for (let n = -700000; n <= 800000; n += 997) expect(dayNumber(dateOfDayNumber(n))).toBe(n);
  // Against the platform's own calendar, for a span of days around now.
  for (let n = 19000; n < 21000; n += 7)
    expect(dateOfDayNumber(n)).toBe(new Date(n * 86400000).toISOString().slice(0, 10));
});
