// 「会議の準備シート」 through THE BUILT add-on on tests/fixtures/coordinator.ts dated from 2025-10-01
// (so every date below is checked by hand): a 重層的支援会議 refuses an unconsented case with the reason
// and writes nothing; a 支援会議 gets one block per case — 世帯像, 支援状況 and 主担当機関, the last five
// 支援記録, the earlier meetings' 検討内容 and 次回確認日, empty lines to fill — under 取扱注意, rewritten
// in place and protected warning-only. And the coordinator's actions cost the same Sheets calls at 1k
// and 10k cases.
import { newEnvironment } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { fromInterchange, toInterchange } from '../../core/registry/interchange';
import { generateSampleRegistry } from '../../core/sample';
import type { RawRegistry } from '../../core/registry/records';
import type { GasEnvironment } from '../../gas-emulator';
import { coordinatorRegistry } from '../fixtures/coordinator';

// T = 2025-10-01: T-220 = 2025-02-23, T-200 = 2025-03-15, T-40 = 2025-08-22, T-31 = 2025-08-31,
// T-5 = 2025-09-26, T-3 = 2025-09-28; the meeting is prepared for 2025-10-08 (令和7年10月8日).
const PROTECTION = '自動作成のシートです。台帳のシートを直してください（このシートは直さないでください）。';
const CAUTION = '取扱注意：支援の内容を含みます。会議の参加者のほかに渡さず、会議が終わったら回収・破棄してください。';

function ready(raw: RawRegistry = coordinatorRegistry('2025-10-01')): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, raw);
  env.log.reset();
  return env;
}
const prep = (env: GasEnvironment, request: unknown) => env.run('writePrepSheet', [request]);

test('a 重層的支援会議 refuses a case without consent on its day, with the reason, and writes nothing', () => {
  const env = ready();
  const r = prep(env, { type: '重層的支援会議', heldOn: '2025-10-08', caseIds: ['K-2025-0001', 'K-2025-0003'] });
  expect(r).toEqual({
    ok: false,
    code: 'form.invalid',
    message: '準備シートを作成していません。赤字の項目を直してください。',
    errors: {
      'cases.1.caseId':
        '「K-2025-0003」は開催日に本人同意がありません（本人同意が「未確認」です）。重層的支援会議では同意のあるケースだけを検討できます。同意のないケースは支援会議（社会福祉法第106条の6）で検討できます。',
    },
  });
  expect(env.spreadsheet.sheetForHost('準備シート')).toBeNull();
  expect(env.log.count('Range.setValues')).toBe(0);
});

test('unknown and repeated cases, no case, no type and an unreadable day are refused next to their fields', () => {
  const env = ready();
  expect(prep(env, { type: '', heldOn: '来週', caseIds: [] })).toMatchObject({
    ok: false,
    errors: {
      type: expect.any(String),
      heldOn: expect.any(String),
      cases: '検討するケースを1件以上選んでください。',
    },
  });
  expect(
    prep(env, { type: '支援会議', heldOn: '2025-10-08', caseIds: ['K-2099-0001', 'K-2025-0001', 'K-2025-0001'] }),
  ).toMatchObject({
    ok: false,
    errors: {
      'cases.0.caseId': '「K-2099-0001」は「ケース」シートにありません。一覧から選んでください。',
      'cases.2.caseId': '「K-2025-0001」は同じ会議に2回選ばれています。',
    },
  });
  expect(prep(env, { type: '支援会議', heldOn: '2025-10-08', caseIds: ['K-2025-0001'], extra: 1 })).toMatchObject({
    ok: false,
    code: 'payload.invalid',
  });
  expect(env.spreadsheet.sheetForHost('準備シート')).toBeNull();
});

test('a 支援会議 on 2025-10-08: one block per case under 取扱注意, by hand', () => {
  const env = ready();
  const r = prep(env, { type: '支援会議', heldOn: '令和7年10月8日', caseIds: ['K-2025-0001', 'K-2025-0003'] });
  expect(r).toEqual({ ok: true, sheet: '準備シート', cases: 2 });
  const sheet = env.spreadsheet.sheetForHost('準備シート')!;
  const values = sheet.valuesForHost();
  const five = (...cells: string[]) => [...cells, '', '', '', '', ''].slice(0, 5);
  expect(values[2]![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(values).toEqual([
    five('取扱注意', CAUTION),
    five('会議の準備シート', '支援会議　開催予定日 2025-10-08（令和7年10月8日）'),
    five('作成日時', values[2]![1] as string),
    five('検討ケース', '2件（K-2025-0001、K-2025-0003）'),
    five(),
    five('■ K-2025-0001', '支援中', '担当 佐藤', '受付 2025-02-23'),
    five('世帯像', '年代', '50代'),
    five('', '性別', '男性'),
    five('', '世帯人数', '2人'),
    five('', '分野', '高齢、生活困窮'),
    five('', '課題', '8050、ひきこもり'),
    five('支援状況', '支援状況', '支援中'),
    five('', '主担当機関', '地域包括支援センター東'),
    five('最近の支援記録（5件まで）', '実施日', '種別', '受け入れ先'),
    five('', '2025-08-22', '家庭訪問'),
    five('', '2025-09-26', '同行支援', 'ハローワーク'),
    five('これまでの会議', '開催日', '会議種別', '検討内容', '次回確認日'),
    five('', '2025-03-15', '支援会議', '情報共有'),
    five('', '2025-08-22', '重層的支援会議', 'プラン協議', '2025-09-28'),
    five('今回の検討事項'),
    five(),
    five(),
    five('関わってほしい機関'),
    five(),
    five(),
    five('お願い'),
    five(),
    five(),
    five(),
    five('■ K-2025-0003', '受付', '担当 佐藤', '受付 2025-08-31'),
    five('世帯像', '年代', '10代以下'),
    five('', '性別', '男性'),
    five('', '世帯人数', '4人'),
    five('', '分野', 'こども'),
    five('', '課題'),
    five('支援状況', '支援状況', '受付'),
    five('', '主担当機関'),
    five('最近の支援記録（5件まで）', '実施日', '種別', '受け入れ先'),
    five('', 'なし'),
    five('これまでの会議', '開催日', '会議種別', '検討内容', '次回確認日'),
    five('', 'なし'),
    five('今回の検討事項'),
    five(),
    five(),
    five('関わってほしい機関'),
    five(),
    five(),
    five('お願い'),
  ]);
  // No name, no メモ, no 議事メモ: the sheet is for the meeting's table.
  expect(JSON.stringify(values)).not.toMatch(/山田|高橋|メモ/);
  // 取扱注意 is the frozen, shaded header; each case's heading is bold; warning-only protection.
  expect(sheet.getFrozenRowsForHost()).toBe(1);
  const bold = sheet.fontWeightsForHost();
  expect([bold[0]![0], bold[5]![0], bold[5]![4], bold[29]![2], bold[13]![3], bold[14]![1]]).toEqual([
    'bold',
    'bold',
    'bold',
    'bold',
    'bold',
    'normal',
  ]);
  expect(sheet.protectionsForHost().map((p) => [p.getDescription(), p.isWarningOnly()])).toEqual([[PROTECTION, true]]);
});

test('the last five contacts up to the meeting day, and only meetings before it', () => {
  const raw = coordinatorRegistry('2025-10-01');
  const more = ['2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-10-09'].map((on, i) => ({
    activityId: `A-2025-0010${i}`,
    caseId: 'K-2025-0001',
    on,
    kind: '連絡調整',
  }));
  raw.sheets.activities = [...raw.sheets.activities!, ...more];
  raw.sheets.meetings = [...raw.sheets.meetings!, { meetingId: 'M-2025-0009', heldOn: '2025-10-08', type: '支援会議' }];
  raw.sheets.meetingCases = [
    ...raw.sheets.meetingCases!,
    { meetingId: 'M-2025-0009', caseId: 'K-2025-0001', purpose: '情報共有' },
  ];
  const env = ready(raw);
  expect(prep(env, { type: '支援会議', heldOn: '2025-10-08', caseIds: ['K-2025-0001'] })).toMatchObject({ ok: true });
  const values = env.spreadsheet.sheetForHost('準備シート')!.valuesForHost();
  const at = values.findIndex((r) => r[0] === '最近の支援記録（5件まで）');
  // 08-22 and 10-09 (after the day) are out; the five before: 09-01 … 09-04 and 09-26.
  expect(values.slice(at + 1, at + 7).map((r) => r.slice(1, 3))).toEqual([
    ['2025-09-01', '連絡調整'],
    ['2025-09-02', '連絡調整'],
    ['2025-09-03', '連絡調整'],
    ['2025-09-04', '連絡調整'],
    ['2025-09-26', '同行支援'],
    ['開催日', '会議種別'],
  ]);
  const m = values.findIndex((r) => r[0] === 'これまでの会議');
  expect(values.slice(m + 1, m + 4).map((r) => r[1])).toEqual(['2025-03-15', '2025-08-22', '']);
});

test('a second run rewrites the sheet in place; a 「準備シート」 the add-on did not make is left alone', () => {
  const env = ready();
  expect(prep(env, { type: '支援会議', heldOn: '2025-10-08', caseIds: ['K-2025-0001', 'K-2025-0003'] })).toMatchObject({
    ok: true,
  });
  expect(prep(env, { type: '重層的支援会議', heldOn: '2025-10-08', caseIds: ['K-2025-0004'] })).toEqual({
    ok: true,
    sheet: '準備シート',
    cases: 1,
  });
  const sheet = env.spreadsheet.sheetForHost('準備シート')!;
  const values = sheet.valuesForHost();
  expect(values[1]![1]).toBe('重層的支援会議　開催予定日 2025-10-08（令和7年10月8日）');
  expect(values.filter((r) => String(r[0]).startsWith('■ ')).map((r) => r[0])).toEqual(['■ K-2025-0004']);
  expect(sheet.protectionsForHost()).toHaveLength(1);
  expect(env.spreadsheet.getSheets().filter((s) => s.getName() === '準備シート')).toHaveLength(1);

  const other = ready();
  other.spreadsheet.insertSheet('準備シート').getRange('A1').setValue('係のメモ');
  expect(prep(other, { type: '支援会議', heldOn: '2025-10-08', caseIds: ['K-2025-0001'] })).toMatchObject({
    ok: false,
    code: 'sheet.notOurs',
  });
  expect(other.spreadsheet.sheetForHost('準備シート')!.valuesForHost()).toEqual([['係のメモ']]);
});

describe('Sheets calls: the same at 1k and at 10k cases', () => {
  function sample(cases: number) {
    const registry = generateSampleRegistry({ cases, seed: 7 });
    const r = fromInterchange(JSON.parse(JSON.stringify(toInterchange(registry))));
    if (!r.ok) throw new Error(r.message);
    // The three cases received first (as a meeting long after could take them), and a case to tell.
    const first = [...registry.cases].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1)).slice(0, 3);
    return { raw: r.raw, ids: first.map((c) => c.caseId) };
  }
  const OPS = ['getMeetingContext', 'getDueList', 'getCaseStory', 'writePrepSheet'] as const;
  const measured = [1000, 10000].map((n) => {
    const { raw, ids } = sample(n);
    const env = ready(raw);
    const args: Record<(typeof OPS)[number], unknown[]> = {
      getMeetingContext: [],
      getDueList: [],
      getCaseStory: [ids[0]],
      writePrepSheet: [{ type: '支援会議', heldOn: '2030-01-01', caseIds: ids }],
    };
    const calls = {} as Record<(typeof OPS)[number], Record<string, number>>;
    for (const op of OPS) {
      env.log.reset();
      expect(env.run(op, args[op])).toMatchObject({ ok: true });
      calls[op] = env.log.snapshot();
    }
    return calls;
  });
  test.each(OPS)('%s', (op) => {
    expect(measured[1]![op]).toEqual(measured[0]![op]);
    // One getSheetValues per sheet read (the eight registry sheets and 設定), nothing per row.
    expect(measured[1]![op]['Sheet.getSheetValues']).toBe(9);
    expect(measured[1]![op]['Range.setValues'] ?? 0).toBe(op === 'writePrepSheet' ? 1 : 0);
  });
});
