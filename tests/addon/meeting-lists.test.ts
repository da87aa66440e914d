// The meeting sidebar on a real list, through THE BUILT add-on and the pickers' search (core's
// indexCases/findCases, as the sidebar runs them on getMeetingContext): a case found by ケースID, 氏名,
// 担当者 or 支援状況 in any width, case or spacing; open and recently active cases first; the first
// matches shown and the rest counted; a meeting logged with 次回確認日, written to 検討ケース and shown
// on the case the next time the sidebar opens.
import { newEnvironment, records } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { findCases, indexCases } from '../../core/registry/case-list';
import type { CaseChoice } from '../../addon/forms/consent';
import type { GasEnvironment } from '../../gas-emulator';
import { coordinatorRegistry } from '../fixtures/coordinator';

// Dated from T = 2025-10-01 (tests/fixtures/coordinator.ts): latest activity or receipt per case —
//   0001 支援中 09-26 (contact T-5) · 0002 見守り 08-17 (contact T-45) · 0003 受付 08-31 (receipt T-31)
//   0004 支援中 09-21 (contact T-10) · 0005 支援中 09-11 (meeting T-20) · 0006 終結 · 0007 見守り 09-01.
interface Context {
  ok: true;
  cases: CaseChoice[];
}

function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, coordinatorRegistry('2025-10-01'));
  env.log.reset();
  return env;
}
const context = (env: GasEnvironment) => env.run('getMeetingContext') as Context;
const ids = (found: { shown: CaseChoice[] }) => found.shown.map((c) => c.caseId);

test('the context carries what the sidebar searches and orders by', () => {
  const ctx = context(ready());
  expect(ctx.cases.find((c) => c.caseId === 'K-2025-0005')).toEqual({
    caseId: 'K-2025-0005',
    consent: '同意あり',
    consentOn: '2025-07-13',
    receivedOn: '2025-07-03',
    row: 6,
    name: '渡辺 四郎',
    staff: '佐藤',
    stage: '支援中',
    lastOn: '2025-09-11',
    lastContactOn: '2025-09-02',
    nextReviewOn: '2025-10-06',
    reviewSetOn: '2025-09-11',
  });
});

test('open cases first, the most recently active first; 終結 last', () => {
  const index = indexCases(context(ready()).cases);
  expect(ids(findCases(index, '', 50))).toEqual([
    'K-2025-0001', // 09-26
    'K-2025-0004', // 09-21
    'K-2025-0005', // 09-11
    'K-2025-0007', // 09-01
    'K-2025-0003', // 08-31
    'K-2025-0002', // 08-17
    'K-2025-0006', // 終結
  ]);
});

test('found by 氏名, 担当者, ケースID and 支援状況, in any width, case or spacing', () => {
  const index = indexCases(context(ready()).cases);
  expect(ids(findCases(index, '山田', 50))).toEqual(['K-2025-0001']);
  expect(ids(findCases(index, '山田一郎', 50))).toEqual(['K-2025-0001']);
  expect(ids(findCases(index, '鈴木　花子', 50))).toEqual(['K-2025-0002']);
  expect(ids(findCases(index, '田中', 50))).toEqual(['K-2025-0004', 'K-2025-0002']);
  // 「佐 藤」 as typed in the sheet is 佐藤.
  expect(ids(findCases(index, '佐藤', 50))).toEqual([
    'K-2025-0001',
    'K-2025-0005',
    'K-2025-0007',
    'K-2025-0003',
    'K-2025-0006',
  ]);
  expect(ids(findCases(index, 'ｋ－２０２５－０００３', 50))).toEqual(['K-2025-0003']);
  expect(ids(findCases(index, '見守り', 50))).toEqual(['K-2025-0007', 'K-2025-0002']);
  expect(ids(findCases(index, '該当なし', 50))).toEqual([]);
});

test('no silent cap: the first matches are shown and the others counted', () => {
  const index = indexCases(context(ready()).cases);
  const found = findCases(index, 'K-2025', 3);
  expect(ids(found)).toEqual(['K-2025-0001', 'K-2025-0004', 'K-2025-0005']);
  expect([found.total, found.more]).toEqual([7, 4]);
});

test('a meeting with 次回確認日: written to 検討ケース, and shown on the case the next time', () => {
  const env = ready();
  const r = env.run('submitMeeting', [
    {
      type: '重層的支援会議',
      heldOn: '2025-10-08',
      cases: [
        { caseId: 'K-2025-0002', purpose: '支援方針検討', nextReviewOn: '令和7年11月5日' },
        { caseId: 'K-2025-0004', purpose: 'プラン評価' },
      ],
    },
  ]);
  expect(r).toEqual({ ok: true, meetingId: 'M-2025-0006', cases: 2 });
  const rows = records(env, '検討ケース').slice(-2);
  expect(rows.map((x) => [x['会議ID'], x['ケースID'], x['検討内容']])).toEqual([
    ['M-2025-0006', 'K-2025-0002', '支援方針検討'],
    ['M-2025-0006', 'K-2025-0004', 'プラン評価'],
  ]);
  // 次回確認日 is a date cell (2025-11-05 in Japan), the other left empty.
  expect(rows[0]!['次回確認日']).toEqual(new Date(Date.UTC(2025, 10, 5) - 9 * 3600000));
  expect(rows[1]!['次回確認日']).toBe('');
  const after = context(env).cases;
  expect(after.find((c) => c.caseId === 'K-2025-0002')).toMatchObject({
    nextReviewOn: '2025-11-05',
    reviewSetOn: '2025-10-08',
    lastOn: '2025-10-08',
  });
  // The latest meeting set none for K-2025-0004: its earlier 次回確認日 no longer stands.
  expect(after.find((c) => c.caseId === 'K-2025-0004')).not.toHaveProperty('nextReviewOn');
  // And the case now comes first: its meeting is the latest activity.
  expect(ids(findCases(indexCases(after), '', 2))).toEqual(['K-2025-0002', 'K-2025-0004']);
});

test('an unreadable 次回確認日 is refused next to its case and nothing is written', () => {
  const env = ready();
  const r = env.run('submitMeeting', [
    {
      type: '支援会議',
      heldOn: '2025-10-08',
      confidentialityConfirmed: true,
      cases: [{ caseId: 'K-2025-0003', purpose: '情報共有', nextReviewOn: '来月' }],
    },
  ]);
  expect(r).toMatchObject({
    ok: false,
    errors: {
      'cases.0.nextReviewOn':
        '「来月」は日付として読めません。2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のように実在する日付を入力してください。',
    },
  });
  expect(records(env, '会議')).toHaveLength(5);
});
