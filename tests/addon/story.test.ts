// ケースの経過 through THE BUILT add-on: getCaseStory sends the case's rows from every sheet (PII
// columns left out but 氏名, shown above the events) and the dialog's timeline puts them in order —
// checked by hand on tests/fixtures/coordinator.ts; an unknown case and a bad payload are refused.
import { newEnvironment } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { todayInJapan } from '../../core/dates/calendar';
import { addDays } from '../../core/dates/day-count';
import { caseTimeline } from '../../core/registry/timeline';
import type { CaseStory } from '../../addon/coordinator/types';
import type { GasEnvironment } from '../../gas-emulator';
import { coordinatorRegistry } from '../fixtures/coordinator';

const T = todayInJapan();
const d = (n: number) => addDays(T, n);

function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, coordinatorRegistry(T));
  env.log.reset();
  return env;
}
const story = (env: GasEnvironment, id: unknown) => env.run('getCaseStory', [id]) as CaseStory;
const events = (s: CaseStory) =>
  caseTimeline(s.registry, s.rows, s.caseId).map((e) => [e.on, e.kind, e.title, ...e.details.map((x) => x.join(': '))]);

test('山田 一郎: every event in date order, 同意 before that day’s meeting, 支援記録 before the meeting, プラン作成 after it', () => {
  const s = story(ready(), 'K-2025-0001');
  expect(s).toMatchObject({ ok: true, caseId: 'K-2025-0001' });
  expect(s.about).toEqual([
    ['氏名', '山田 一郎'],
    ['支援状況', '支援中'],
    ['本人同意', '同意あり'],
    ['担当者', '佐藤'],
    ['主担当機関', '地域包括支援センター東'],
    ['エリア', '東'],
  ]);
  expect(s.madeAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(events(s)).toEqual([
    [
      d(-220),
      'received',
      '相談を受付',
      '受付方法: 電話',
      '相談経路: 本人',
      '受付窓口: 地域包括支援センター',
      '分野: 高齢、生活困窮',
      '課題: 8050、ひきこもり',
    ],
    [d(-200), 'consent', '本人同意を得た'],
    [d(-200), 'meeting', '支援会議', '会議ID: M-2025-0001', '検討内容: 情報共有'],
    [d(-40), 'contact', '家庭訪問', '記録ID: A-2025-00001'],
    [d(-40), 'meeting', '重層的支援会議', '会議ID: M-2025-0004', '検討内容: プラン協議', `次回確認日: ${d(-3)}`],
    [d(-40), 'plan', '支援プランを作成', '主担当機関: 地域包括支援センター東'],
    [d(-5), 'contact', '同行支援', '受け入れ先: ハローワーク', '記録ID: A-2025-00002'],
  ]);
  // The rows sent hold no メモ or 議事メモ, and no other case.
  expect(JSON.stringify(s)).not.toMatch(/メモ|K-2025-0002/);
});

test('中村 五郎: on the day consent was revoked, 同意撤回 then the contact then 終結 with its 理由', () => {
  const s = story(ready(), 'K-2025-0006');
  expect(events(s)).toEqual([
    [d(-300), 'received', '相談を受付', '相談経路: 本人', '受付窓口: 地域包括支援センター', '分野: その他'],
    [d(-290), 'consent', '本人同意を得た'],
    [d(-250), 'revoked', '本人同意の撤回'],
    [d(-250), 'contact', '家庭訪問', '記録ID: A-2025-00006'],
    [d(-250), 'closed', '終結', '理由: 本人の希望'],
  ]);
});

test('an unknown case and a payload that is no case id are refused', () => {
  const env = ready();
  expect(story(env, 'K-2099-0001')).toMatchObject({
    ok: false,
    code: 'case.unknown',
    message: '「K-2099-0001」は「ケース」シートにありません。',
  });
  expect(story(env, { caseId: 'K-2025-0001' })).toMatchObject({ ok: false, code: 'payload.invalid' });
});

test('the dialog opens from the menu as a modal, under 150 KB', () => {
  const env = ready();
  env.run('showStoryDialog');
  const shown = env.ui.shown.at(-1)!;
  expect(shown).toMatchObject({ kind: 'modal', file: 'story', title: 'ケースの経過', width: 760, height: 620 });
  expect(shown.content).toContain('取扱注意（個人情報）');
  expect(shown.content).toContain('@media print');
  expect(Buffer.byteLength(shown.content)).toBeLessThan(150 * 1024);
});
