// 確認予定 through THE BUILT add-on: getDueList gives the open cases with the dates core's dueCases
// judges (the sidebar lists the due ones), as of the real today; the hand-picked due, overdue and
// silent cases of tests/fixtures/coordinator.ts come out in the order they became due, one 担当者's
// with 「佐 藤」 folded into 佐藤, and not the one that is not due; 「開く」 shows the intake sidebar
// naming the case; a 確認の目安日数 in 「設定」 moves the boundary.
import { newEnvironment } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { todayInJapan } from '../../core/dates/calendar';
import { addDays } from '../../core/dates/day-count';
import { dueCases, dueReasonText, type DueCase } from '../../core/registry/due';
import type { DueContext } from '../../addon/coordinator/types';
import type { CaseChoice } from '../../addon/forms/consent';
import type { GasEnvironment } from '../../gas-emulator';
import { coordinatorRegistry } from '../fixtures/coordinator';

const T = todayInJapan();
const d = (n: number) => addDays(T, n);

function ready(settingsRows?: Array<[string, unknown]>): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  const raw = coordinatorRegistry(T);
  if (settingsRows) raw.settingsRows = settingsRows;
  loadRegistry(env, raw);
  env.log.reset();
  return env;
}

const context = (env: GasEnvironment) => env.run('getDueList') as DueContext;
const brief = (due: Array<DueCase<CaseChoice>>, today = T) =>
  due.map(({ c, dueOn, reasons }) => [c.caseId, dueOn, reasons.map((r) => dueReasonText(r, today))]);

test('the due list as of today: review, silent and consent cases in the order they became due', () => {
  const env = ready();
  const ctx = context(env);
  // 「設定」's 担当者: the filter's choices.
  expect(ctx).toMatchObject({ ok: true, today: T, followUpDays: 30, listedStaff: ['佐藤', '田中'] });
  // 終結 is not sent; every other case is, with the dates it is judged by.
  expect(ctx.cases.map((c) => c.caseId)).toEqual([
    'K-2025-0001',
    'K-2025-0002',
    'K-2025-0003',
    'K-2025-0004',
    'K-2025-0005',
    'K-2025-0007',
  ]);
  expect(ctx.cases[0]).toMatchObject({
    caseId: 'K-2025-0001',
    name: '山田 一郎',
    staff: '佐藤',
    stage: '支援中',
    row: 2,
    lastContactOn: d(-5),
    lastOn: d(-5),
    nextReviewOn: d(-3),
    reviewSetOn: d(-40),
  });
  expect(brief(dueCases(ctx.cases, ctx))).toEqual([
    ['K-2025-0002', d(-15), [`支援記録が 45日ありません（最後 ${d(-45)}）`]],
    ['K-2025-0001', d(-3), [`次回確認日 ${d(-3)}（3日超過。${d(-40)} の会議で設定）`]],
    ['K-2025-0003', d(-1), [`本人同意が未確認のまま受付から 31日（受付 ${d(-31)}）`]],
    ['K-2025-0004', T, [`次回確認日 ${T}（今日。${d(-20)} の会議で設定）`]],
    ['K-2025-0007', T, ['受付から 30日、支援記録がありません']],
  ]);
});

test('one 担当者: 「佐 藤」 is 佐藤 (spaces and width folded); 田中 has the other two', () => {
  const ctx = context(ready());
  const ids = (staff: string) => dueCases(ctx.cases, { ...ctx, staff }).map((x) => x.c.caseId);
  expect(ids('佐藤')).toEqual(['K-2025-0001', 'K-2025-0003', 'K-2025-0007']);
  expect(ids('田中')).toEqual(['K-2025-0002', 'K-2025-0004']);
  expect(ids('ｻﾄｳ')).toEqual([]);
});

test('each line links to its row of 「ケース」 (#gid=…&range=A<row>)', () => {
  const env = ready();
  const ctx = context(env);
  const gid = env.spreadsheet.sheetForHost('ケース')!.idForHost();
  expect(ctx.link).toBe(`https://docs.google.com/spreadsheets/d/${env.spreadsheet.getId()}/edit#gid=${gid}&range=A`);
  expect(ctx.cases.map((c) => [c.caseId, c.row])).toEqual([
    ['K-2025-0001', 2],
    ['K-2025-0002', 3],
    ['K-2025-0003', 4],
    ['K-2025-0004', 5],
    ['K-2025-0005', 6],
    ['K-2025-0007', 8],
  ]);
});

test('確認の目安日数 from 「設定」: at 46 days only the review cases are due', () => {
  const env = ready([['確認の目安日数', 46]]);
  const ctx = context(env);
  expect(ctx.followUpDays).toBe(46);
  expect(dueCases(ctx.cases, ctx).map((x) => x.c.caseId)).toEqual(['K-2025-0001', 'K-2025-0004']);
});

test('「開く」 shows the intake sidebar with the case named for loading; a bad id shows nothing', () => {
  const env = ready();
  expect(env.run('openCaseInIntake', ['K-2025-0003'])).toEqual({ ok: true, caseId: 'K-2025-0003' });
  const shown = env.ui.shown.at(-1)!;
  expect(shown).toMatchObject({ kind: 'sidebar', file: 'intake', title: '相談を受け付ける' });
  expect(shown.content).toContain('<meta name="kasane-open-case" content="K-2025-0003" />');
  expect(env.run('openCaseInIntake', ['"><script>'])).toMatchObject({ ok: true });
  expect(env.ui.shown.at(-1)!.content).toContain('content="&#34;&#62;&#60;script&#62;"');
  const before = env.ui.shown.length;
  expect(env.run('openCaseInIntake', [{ caseId: 'K-2025-0003' }])).toMatchObject({
    ok: false,
    code: 'payload.invalid',
  });
  expect(env.run('openCaseInIntake', [''])).toMatchObject({ ok: false, code: 'payload.invalid' });
  expect(env.ui.shown.length).toBe(before);
});

describe('dueCases alone', () => {
  const line = (c: Partial<CaseChoice>): CaseChoice => ({ caseId: 'K-1', stage: '支援中', ...c });
  test('the boundary: 29 days is not due, 30 is', () => {
    const at = (days: number) =>
      dueCases([line({ receivedOn: '2025-01-01', lastContactOn: addDays('2025-03-01', -days) })], {
        today: '2025-03-01',
        followUpDays: 30,
      }).length;
    expect(at(29)).toBe(0);
    expect(at(30)).toBe(1);
  });
  test('a 終結 case and a case whose 支援状況 cannot be read are never due', () => {
    const old = { receivedOn: '2020-01-01', consent: '未確認', nextReviewOn: '2020-02-01' };
    const opts = { today: '2025-03-01', followUpDays: 30 };
    expect(dueCases([line({ ...old, stage: '終結' })], opts)).toEqual([]);
    const { stage: _unread, ...noStage } = line(old);
    expect(dueCases([noStage], opts)).toEqual([]);
  });
  test('受付 and アセスメント are not silent, only 支援中 and 見守り', () => {
    const opts = { today: '2025-03-01', followUpDays: 30 };
    const kinds = (stage: string) =>
      dueCases([line({ stage, receivedOn: '2024-12-01', consent: '同意あり' })], opts).map((x) =>
        x.reasons.map((r) => r.kind),
      );
    expect(kinds('受付')).toEqual([]);
    expect(kinds('アセスメント')).toEqual([]);
    expect(kinds('支援中')).toEqual([['silent']]);
    expect(kinds('見守り')).toEqual([['silent']]);
  });
});
