// 福井市 令和7年度実施計画 (seeds/003): six indicators for 令和5年度 and 令和6年度 as of 2025-02-28
// (「令和7年2月末 実績」), rebuilt from row-level data with records after the cut-off that must not count.
import type { Case } from '../../core/registry/records';
import { RegistryBuilder, figures, fiscalYear, spread, times } from './builders';

const b = new RegistryBuilder({ placeTypes: ['通いの場', 'サロン', 'ささえあいの家', 'その他'] });

// 多機関協働会議: 支援会議 and 重層的支援会議 together. R5 24, R6 to February 24 (+2 in March).
b.meetings(spread(14, '2023-04-12', '2024-03-27'), '支援会議');
b.meetings(spread(10, '2023-05-10', '2024-03-13'), '重層的支援会議');
b.meetings(spread(12, '2024-04-10', '2025-02-28'), '支援会議');
b.meetings(spread(12, '2024-04-24', '2025-02-12'), '重層的支援会議');
b.meetings(['2025-03-05', '2025-03-19'], '重層的支援会議');
// 地域ネットワーク参加: 地域ケア会議, つながりづくりプラットフォーム, フードドライブ連絡会. R5 48, R6 54 (+5 in March).
b.meetings(spread(24, '2023-04-05', '2024-03-29'), '地域ケア会議');
b.meetings(spread(12, '2023-04-20', '2024-03-21'), 'つながりづくりプラットフォーム');
b.meetings(spread(12, '2023-04-25', '2024-03-26'), 'フードドライブ連絡会');
b.meetings(spread(30, '2024-04-03', '2025-02-26'), '地域ケア会議');
b.meetings(spread(14, '2024-04-18', '2025-02-20'), 'つながりづくりプラットフォーム');
b.meetings(spread(10, '2024-04-23', '2025-02-25'), 'フードドライブ連絡会');
b.meetings(spread(5, '2025-03-01', '2025-03-31'), '地域ケア会議');
// Meetings that are neither.
b.meetings(spread(8, '2023-04-01', '2025-02-28'), '研修会');
b.meetings(spread(4, '2023-04-01', '2025-02-28'), '包括的支援推進会議');

// People: 60 cases received before R5 so every contact follows its case's receipt.
const people: Case[] = b.cases(spread(60, '2022-04-01', '2023-03-31'), { stage: '支援中' });
const person = (i: number): Case => people[i % people.length]!;

// アウトリーチ延べ: アウトリーチ, 家庭訪問, 同行支援. R5 446, R6 to February 459 (+40 in March). 連絡調整 never counts.
const outreach = (from: string, to: string, n: number, kind: '家庭訪問' | 'アウトリーチ' | '同行支援') =>
  spread(n, from, to).forEach((on, i) => b.activity(person(i), on, kind));
outreach('2023-04-01', '2024-03-31', 300, '家庭訪問');
outreach('2023-04-01', '2024-03-31', 100, 'アウトリーチ');
outreach('2023-04-01', '2024-03-31', 46, '同行支援');
outreach('2024-04-01', '2025-02-28', 310, '家庭訪問');
outreach('2024-04-01', '2025-02-28', 120, 'アウトリーチ');
outreach('2024-04-01', '2025-02-28', 29, '同行支援');
outreach('2025-03-01', '2025-03-31', 40, '家庭訪問');
spread(200, '2023-04-01', '2025-02-28').forEach((on, i) => b.activity(person(i), on, '連絡調整'));

// 就労体験 実人数: R5 31 people (several sessions each), R6 to February 24 people.
times(31, (i) => b.activities(person(i), spread(1 + (i % 4), '2023-05-01', '2024-03-15'), '参加支援（就労体験）'));
times(24, (i) => b.activities(person(i + 20), spread(2 + (i % 3), '2024-04-15', '2025-02-20'), '参加支援（就労体験）'));
b.activity(person(50), '2025-03-10', '参加支援（就労体験）'); // a 25th person, after the cut-off

// ボランティア延べ: R5 104, R6 to February 133.
spread(104, '2023-04-01', '2024-03-31').forEach((on, i) => b.activity(person(i), on, '参加支援（ボランティア）'));
spread(133, '2024-04-01', '2025-02-28').forEach((on, i) => b.activity(person(i + 7), on, '参加支援（ボランティア）'));
spread(9, '2025-03-01', '2025-03-31').forEach((on, i) => b.activity(person(i), on, '参加支援（ボランティア）'));

// ささえあいの家: 6 open at the end of R5, 7 on 2025-02-28.
times(5, (i) => b.place({ type: 'ささえあいの家', openedOn: `201${5 + i}-04-01` }));
b.place({ type: 'ささえあいの家', openedOn: '2023-10-01' });
b.place({ type: 'ささえあいの家', openedOn: '2019-04-01', closedOn: '2023-09-30' }); // closed before R5's end
b.place({ type: 'ささえあいの家', openedOn: '2024-07-01' });
b.place({ type: 'ささえあいの家', openedOn: '2025-03-15' }); // after the cut-off
b.place({ type: 'サロン', openedOn: '2020-01-01' });

const r5 = figures(b.registry, fiscalYear(2023));
const r6 = figures(b.registry, fiscalYear(2024, '2025-02-28'));

test.each([
  ['meetings.multiAgency', 24, 24],
  ['community.networkMeetings', 48, 54],
  ['outreach.contacts', 446, 459],
  ['participation.workExperience.persons', 31, 24],
  ['participation.volunteer.contacts', 104, 133],
  ['places.active.byType.ささえあいの家', 6, 7],
])('福井 %s: 令和5年度 %i, 令和6年度（2月末） %i', (key, want5, want6) => {
  expect(r5[key]).toBe(want5);
  expect(r6[key]).toBe(want6);
});

test('the cut-off is what holds the later records back', () => {
  const whole = figures(b.registry, fiscalYear(2024));
  expect(whole['meetings.multiAgency']).toBe(26);
  expect(whole['community.networkMeetings']).toBe(59);
  expect(whole['outreach.contacts']).toBe(499);
  expect(whole['participation.workExperience.persons']).toBe(25);
  expect(whole['participation.volunteer.contacts']).toBe(142);
  expect(whole['places.active.byType.ささえあいの家']).toBe(8);
});
