// 「支援を記録する」 through THE BUILT add-on (build/addon) on the emulated spreadsheet: the global
// functions the activity sidebar calls (getActivityContext, submitActivity). Hand-checked ids, rows,
// the プランに基づく / プラン作成前 answer, refusals that write nothing, the lock, and the Sheets calls
// at 1k and 10k cases.
import { newEnvironment, records } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { fromInterchange, toInterchange } from '../../core/registry/interchange';
import type { RawRegistry } from '../../core/registry/records';
import { generateSampleRegistry } from '../../core/sample';
import { todayInJapan } from '../../core/dates/calendar';
import { ENUMS } from '../../core/registry/definition';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';

type Result =
  | { ok: true; activityId: string; caseId: string; row: number; planBased: boolean; planOn?: string }
  | { ok: false; code: string; message: string; errors: Record<string, string> };

/** K-2025-0001: received 2025-04-01, its plan made 2025-05-01. K-2025-0002: received 2025-04-15, no plan. */
const PLANNED = { ...CONSENTED_CASE, planOn: '2025-05-01', name: '山田 太郎', staff: '佐藤' };
const JST_MIDNIGHT = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 9 * 3600000);

function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  // 「設定」 lists the office's 受け入れ先; 担当者 is left empty (the pickers still show what is typed).
  loadRegistry(env, {
    settings: { placements: ['かさね農園', 'ひだまり食堂'] },
    sheets: { cases: [PLANNED, { ...UNCONSENTED_CASE, staff: '鈴木' }] },
  });
  env.log.reset();
  return env;
}
const record = (env: GasEnvironment, p: unknown) => env.run('submitActivity', [p]) as Result;
const contact = { caseId: 'K-2025-0001', on: '2025-06-02', kind: '参加支援（就労体験）', placement: 'かさね農園' };

test('the context: today in Japan, the kinds, 「設定」’s 受け入れ先, and the cases to search', () => {
  const env = ready();
  expect(env.run('getActivityContext')).toEqual({
    ok: true,
    today: todayInJapan(),
    fiscalYearStartMonth: 4,
    kinds: ENUMS.activityKind,
    placements: ['かさね農園', 'ひだまり食堂'],
    cases: [
      { caseId: 'K-2025-0002', staff: '鈴木', stage: '受付', receivedOn: '2025-04-15' },
      {
        caseId: 'K-2025-0001',
        name: '山田 太郎',
        staff: '佐藤',
        stage: '支援中',
        planOn: '2025-05-01',
        receivedOn: '2025-04-01',
      },
    ],
  });
});

test('a contact gets A-2025-00001, then A-2025-00002: one more 支援記録 row each, in one locked setValues', () => {
  const env = ready();
  expect(records(env, '支援記録')).toEqual([]);
  env.log.reset();
  expect(record(env, { ...contact, note: '初回。緊張していた' })).toEqual({
    ok: true,
    activityId: 'A-2025-00001',
    caseId: 'K-2025-0001',
    row: 2,
    planBased: true,
    planOn: '2025-05-01',
  });
  expect(env.log.count('Lock.tryLock')).toBe(1);
  expect(env.log.count('Lock.releaseLock')).toBe(1);
  expect(env.log.count('Range.setValues')).toBe(1);
  // 設定, ケース and 支援記録, one getValues each.
  expect(env.log.count('Sheet.getSheetValues')).toBe(3);
  expect(records(env, '支援記録')).toEqual([
    {
      記録ID: 'A-2025-00001',
      ケースID: 'K-2025-0001',
      実施日: JST_MIDNIGHT(2025, 6, 2),
      種別: '参加支援（就労体験）',
      受け入れ先: 'かさね農園',
      メモ: '初回。緊張していた',
    },
  ]);
  // 和暦 as clerks write it; the second contact of the same case.
  expect(record(env, { caseId: 'K-2025-0001', on: '令和7年6月9日', kind: '定着支援' })).toMatchObject({
    ok: true,
    activityId: 'A-2025-00002',
    row: 3,
    planBased: true,
  });
  expect(records(env, '支援記録')).toHaveLength(2);
  expect(records(env, '支援記録')[1]).toEqual({
    記録ID: 'A-2025-00002',
    ケースID: 'K-2025-0001',
    実施日: JST_MIDNIGHT(2025, 6, 9),
    種別: '定着支援',
    受け入れ先: '',
    メモ: '',
  });
  // Nothing is logged (the メモ never reaches Logger or console).
  expect(env.logs).toEqual([]);
});

test('プランに基づく from the day of the plan on; プラン作成前 before it and for a case without a plan', () => {
  const env = ready();
  expect(record(env, { ...contact, on: '2025-04-30' })).toMatchObject({
    activityId: 'A-2025-00001',
    planBased: false,
    planOn: '2025-05-01',
  });
  expect(record(env, { ...contact, on: '2025-05-01' })).toMatchObject({
    activityId: 'A-2025-00002',
    planBased: true,
  });
  const r = record(env, { ...contact, caseId: 'K-2025-0002' });
  expect(r).toEqual({ ok: true, activityId: 'A-2025-00003', caseId: 'K-2025-0002', row: 4, planBased: false });
});

test('the 記録ID counts by the fiscal year of 実施日 (年度開始月 from 設定)', () => {
  const env = ready();
  expect(record(env, { ...contact, on: '2026-03-31' })).toMatchObject({ activityId: 'A-2025-00001' });
  expect(record(env, { ...contact, on: '2026-04-01' })).toMatchObject({ activityId: 'A-2026-00001' });
  // An id typed by hand in the sheet is counted on from.
  env.spreadsheet
    .sheetForHost('支援記録')!
    .getRange(4, 1, 1, 4)
    .setValues([['A-2025-00041', 'K-2025-0002', '2025-06-01', '家庭訪問']]);
  expect(record(env, contact)).toMatchObject({ activityId: 'A-2025-00042', row: 5 });
});

test('a ケースID in any width or case finds the case; the row holds the id as the sheet does', () => {
  const env = ready();
  // Three contacts of one day, told apart by their notes (the same row twice is one record: below).
  for (const [k, typed] of ['ｋ－２０２５－０００１', 'k-2025-0001', ' Ｋ−2025−0001 '].entries())
    expect(record(env, { ...contact, caseId: typed, note: `${k + 1}回目` })).toMatchObject({
      ok: true,
      caseId: 'K-2025-0001',
    });
  expect(records(env, '支援記録').map((r) => r['ケースID'])).toEqual(['K-2025-0001', 'K-2025-0001', 'K-2025-0001']);
});

test('a case not in ケース is refused in Japanese next to the case, and nothing is written', () => {
  const env = ready();
  env.log.reset();
  expect(record(env, { ...contact, caseId: 'K-2025-0404' })).toEqual({
    ok: false,
    code: 'case.notFound',
    message: '「K-2025-0404」は「ケース」シートにありません。ケースID・氏名・担当者で探して選んでください。',
    errors: { caseId: '「K-2025-0404」は「ケース」シートにありません。ケースID・氏名・担当者で探して選んでください。' },
  });
  expect(record(env, { ...contact, caseId: '' })).toMatchObject({
    ok: false,
    code: 'case.notFound',
    errors: { caseId: 'ケースを選んでください。' },
  });
  expect(env.log.count('Range.setValues')).toBe(0);
  expect(records(env, '支援記録')).toEqual([]);
});

test('the core rules: 実施日 before 受付日, an unreadable date, a kind not in the list — each next to its field', () => {
  const env = ready();
  expect(record(env, { ...contact, on: '2025-03-31' })).toEqual({
    ok: false,
    code: 'form.invalid',
    message: '入力に誤りがあります。赤字の項目を直してください。',
    errors: {
      on: '実施日がケース「K-2025-0001」の受付日 2025-04-01（令和7年4月1日） より前です。日付かケースIDを確認してください。',
    },
  });
  const r = record(env, { caseId: 'K-2025-0001', on: '2025-02-30', kind: '電話' });
  expect(r).toMatchObject({ ok: false, code: 'form.invalid' });
  if (r.ok) return;
  expect(Object.keys(r.errors).sort()).toEqual(['kind', 'on']);
  expect(r.errors.on).toContain('日付として読めません');
  expect(record(env, { caseId: 'K-2025-0001', kind: '家庭訪問' })).toMatchObject({
    ok: false,
    errors: { on: '必須項目が空欄です。入力してください。' },
  });
  expect(records(env, '支援記録')).toEqual([]);
});

test('a 受け入れ先 not in 「設定」 is refused next to its field, and nothing is written; a listed one in any width is saved as listed', () => {
  const env = ready();
  expect(record(env, { ...contact, placement: 'どこかの農園' })).toEqual({
    ok: false,
    code: 'form.invalid',
    message: '入力に誤りがあります。赤字の項目を直してください。',
    errors: {
      placement:
        '「設定」シートの「受け入れ先」にない値です（「どこかの農園」）。一覧から選ぶか、「設定」シートに追加してください（現在: かさね農園、ひだまり食堂）。',
    },
  });
  expect(records(env, '支援記録')).toEqual([]);
  expect(record(env, { ...contact, placement: ' かさね農園 ' })).toMatchObject({ ok: true, row: 2 });
  expect(records(env, '支援記録')[0]!['受け入れ先']).toBe('かさね農園');
});

test('a payload of the wrong shape is refused at the boundary', () => {
  const env = ready();
  for (const p of [null, 'K-2025-0001', { ...contact, activityId: 'A-2025-00009' }, { ...contact, on: 20250602 }])
    expect(record(env, p)).toMatchObject({ ok: false, code: 'payload.invalid' });
  expect(records(env, '支援記録')).toEqual([]);
});

test('before setup the sidebar is told to run 台帳を初期設定', () => {
  const env = newEnvironment();
  expect(record(env, contact)).toMatchObject({ ok: false, code: 'registry.notSetUp' });
  expect(env.run('getActivityContext')).toMatchObject({ ok: false, code: 'registry.notSetUp' });
});

test("an office's 支援記録 (a title row above the headers, its own No. and 備考 columns) keeps its layout", () => {
  const env = ready();
  const sheet = env.spreadsheet.sheetForHost('支援記録')!;
  sheet.clear();
  sheet.getRange(1, 1, 4, 8).setValues([
    ['令和7年度 支援記録（かさね町）', '', '', '', '', '', '', ''],
    ['', '', '', '', '', '', '', ''],
    ['No.', '記録ID', 'ケースID', '実施日', '種別', '受け入れ先', 'メモ', '備考'],
    [1, 'A-2025-00007', 'K-2025-0002', '2025/5/1', '家庭訪問', '', '', '手書きから転記'],
  ]);
  expect(record(env, contact)).toMatchObject({ ok: true, activityId: 'A-2025-00008', row: 5 });
  expect(sheet.valuesForHost()[4]).toEqual([
    '',
    'A-2025-00008',
    'K-2025-0001',
    JST_MIDNIGHT(2025, 6, 2),
    '参加支援（就労体験）',
    'かさね農園',
    '',
    '',
  ]);
  expect(sheet.valuesForHost()[3]![7]).toBe('手書きから転記');
});

describe('two contacts racing for the lock never share a 記録ID', () => {
  // B runs while A is at each of its calls in turn: before A takes the lock B gets in first; while
  // A holds it B is refused (Apps Script would make B wait until A finished).
  const probe = ready();
  record(probe, contact);
  const steps = probe.log.total();

  test.each(Array.from({ length: steps }, (_, k) => k + 1))('B starts at call %i of A', (k) => {
    const env = ready();
    let n = 0;
    let b: Result | null = null;
    const stop = env.log.listen(() => {
      if (++n === k && b === null) b = record(env, { ...contact, kind: '家庭訪問' });
    });
    const a = record(env, contact);
    stop();
    expect(a.ok).toBe(true);
    const results = [a, b!];
    const ids = results.filter((r) => r.ok).map((r) => (r as { activityId: string }).activityId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of results) if (!r.ok) expect(r).toMatchObject({ code: 'lock.busy' });
    expect(
      records(env, '支援記録')
        .map((r) => r['記録ID'])
        .sort(),
    ).toEqual([...ids].sort());
  });
});

describe('Sheets calls at 1k and 10k cases', () => {
  function rawOf(doc: unknown): RawRegistry {
    const r = fromInterchange(JSON.parse(JSON.stringify(doc)));
    if (!r.ok) throw new Error(r.message);
    return r.raw;
  }
  const measured = [1000, 10000].map((cases) => {
    const registry = generateSampleRegistry({ cases, seed: 7 });
    const env = newEnvironment();
    env.run('setupRegistry');
    loadRegistry(env, rawOf(toInterchange(registry)));
    const target = registry.cases[registry.cases.length - 1]!;
    env.log.reset();
    const r = record(env, { caseId: target.caseId, on: target.receivedOn, kind: '家庭訪問' });
    const calls = env.log.snapshot();
    return { r, calls, activities: registry.activities.length, rows: records(env, '支援記録').length };
  });

  test('submitActivity makes the same calls, whatever the number of rows', () => {
    for (const m of measured) {
      expect(m.r).toMatchObject({ ok: true });
      expect(m.rows).toBe(m.activities + 1);
    }
    expect(measured[1]!.calls).toEqual(measured[0]!.calls);
    expect(measured[0]!.calls['Sheet.getSheetValues']).toBe(3);
    expect(measured[0]!.calls['Range.setValues']).toBe(1);
  });
});

// A save whose answer was lost is sent again by a clerk told to retry: the row it wrote is found.
test('the same contact sent again is refused and writes nothing; a different note or day is another record', () => {
  const env = ready();
  expect(record(env, contact)).toMatchObject({ ok: true, activityId: 'A-2025-00001' });
  expect(record(env, { ...contact, caseId: 'k-2025-0001' })).toEqual({
    ok: false,
    code: 'record.duplicate',
    message:
      '同じ内容の記録（2行目）がすでにあります。二重に記録しないよう、保存しませんでした。別の記録なら、内容の違いを書き加えてください。',
    errors: {},
  });
  expect(records(env, '支援記録')).toHaveLength(1);
  expect(record(env, { ...contact, note: '2回目の訪問' })).toMatchObject({ ok: true, activityId: 'A-2025-00002' });
  expect(record(env, { ...contact, on: '2025-06-03' })).toMatchObject({ ok: true, activityId: 'A-2025-00003' });
  expect(records(env, '支援記録')).toHaveLength(3);
});
