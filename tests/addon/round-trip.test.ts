// The edit round trip of the intake sidebar against the built add-on: loadCase reads what each cell
// means with the core parser, and updateCase writes only the changed cells — every other cell of
// the row keeps its value, its type and its formula.
import { newEnvironment } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE } from '../fixtures/cases';

const JST_MIDNIGHT = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 9 * 3600000);
const ID = 'K-2025-0007';
const WIDTH = 26; // A … Y are the contract's columns; Z is one a coordinator added (ふりがな).

/** Row 2 of ケース as a coordinator may have typed it: every variant the parser accepts. */
const VARIANT_ROW: unknown[] = [
  ID, // A ケースID
  JST_MIDNIGHT(2025, 5, 21), // B 受付日: a date cell
  '訪問 ', // C 受付方法: trailing half-width space
  '家族・親族　', // D 相談経路: trailing full-width space
  '地域包括支援センター ', // E 受付窓口
  '高齢、障がい', // F 分野
  '8050,ひきこもり', // G 課題
  '70代以上', // H 年代
  '男性　', // I 性別
  ' 東', // J エリア
  '3人', // K 世帯人数: not a number
  '同意あり ', // L 本人同意
  '令和7年5月21日', // M 同意日: 和暦 text
  '', // N 同意撤回日
  '○', // O 多機関協働
  'R7.6.2', // P プラン作成日
  '支援中 ', // Q 支援状況
  '  地域包括支援センター東  ', // R 主担当機関
  '=HYPERLINK("mailto:yamada@example.org","山田")', // S 担当者: a formula
  '', // T 終結日
  '', // U 終結理由
  '架空　花子 ', // V 氏名
  '0120-000-000', // W 連絡先
  '  かさね町1-2-3', // X 住所
  'メモ\n二行目 ', // Y メモ
  'かくう はなこ', // Z ふりがな (not a column of the contract)
];

/** The meanings the sidebar receives for that row (hand-checked against docs/registry.md's cell rules). */
const MEANINGS = {
  receivedOn: '2025-05-21',
  channel: '訪問',
  referralSource: '家族・親族',
  window: '地域包括支援センター',
  domains: ['高齢', '障がい'],
  issues: ['8050', 'ひきこもり'],
  ageGroup: '70代以上',
  gender: '男性',
  area: '東',
  consent: '同意あり',
  consentOn: '2025-05-21',
  multiAgency: true,
  planOn: '2025-06-02',
  stage: '支援中',
  leadAgency: '地域包括支援センター東',
  staff: '山田',
  name: '架空　花子',
  contact: '0120-000-000',
  address: 'かさね町1-2-3',
  note: 'メモ\n二行目',
};

interface Loaded {
  ok: true;
  caseId: string;
  row: number;
  version: string;
  values: Record<string, unknown>;
  unreadable: Record<string, { text: string; notChoices: string[] }>;
}
type Updated =
  | { ok: true; caseId: string; row: number; version: string; written: string[] }
  | { ok: false; code: string; message: string; errors: Record<string, string> };

/** A set-up registry with the variant row at row 2 and `more` ordinary cases below it. */
function withVariantRow(more = 1, row: unknown[] = VARIANT_ROW): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  const cases = Array.from({ length: more }, (_, i) => ({
    ...CONSENTED_CASE,
    caseId: `K-2025-${String(i + 100).padStart(4, '0')}`,
  }));
  // 「設定」 lists the office's 主担当機関 and 担当者.
  loadRegistry(env, {
    settings: { agencies: ['地域包括支援センター東'], staff: ['山田', '佐藤'] },
    sheets: { cases: [{ caseId: 'placeholder' }, ...cases] },
  });
  const sheet = env.spreadsheet.sheetForHost('ケース')!;
  sheet.getRange('Z1').setValue('ふりがな');
  // 担当者 holds a formula, as a cell formatted as plain text cannot.
  sheet.getRange('S2').setNumberFormat('General');
  sheet.getRange(2, 1, 1, WIDTH).setValues([row]);
  env.log.reset();
  return env;
}

/** Each cell of a sheet row as [type, value] (a Date as its instant), and its formula. */
function cellsOf(env: GasEnvironment, row = 2): { cells: Array<[string, unknown]>; formulas: string[] } {
  const range = env.spreadsheet.sheetForHost('ケース')!.getRange(row, 1, 1, WIDTH);
  const cells = range.getValues()[0]!.map((v): [string, unknown] => {
    if (Object.prototype.toString.call(v) === '[object Date]') return ['date', (v as Date).getTime()];
    return [typeof v, v];
  });
  return { cells, formulas: range.getFormulas()[0]! };
}

const load = (env: GasEnvironment, id = ID) => env.run('loadCase', [id]) as Loaded;
const update = (env: GasEnvironment, version: string, changes: Record<string, unknown>) =>
  env.run('updateCase', [{ caseId: ID, version, changes }]) as Updated;

test('the row as typed is what the sheet holds (strings stay strings, the date a Date, S2 a formula)', () => {
  const env = withVariantRow();
  const { cells, formulas } = cellsOf(env);
  expect(cells[1]).toEqual(['date', JST_MIDNIGHT(2025, 5, 21).getTime()]);
  expect(cells[2]).toEqual(['string', '訪問 ']);
  expect(cells[10]).toEqual(['string', '3人']);
  expect(cells[12]).toEqual(['string', '令和7年5月21日']);
  expect(cells[14]).toEqual(['string', '○']);
  expect(cells[18]).toEqual(['string', '山田']);
  expect(formulas[18]).toBe('=HYPERLINK("mailto:yamada@example.org","山田")');
});

test('loadCase gives what each cell means: trimmed choices, true for ○, ISO dates, a list of values', () => {
  const env = withVariantRow();
  expect(load(env)).toEqual({
    ok: true,
    caseId: ID,
    row: 2,
    version: expect.any(String),
    values: MEANINGS,
    // 「3人」 is no number: shown as typed, never blanked.
    unreadable: { householdSize: { text: '3人', notChoices: [] } },
  });
});

test.each<[string, string, unknown, unknown]>([
  ['多機関協働', 'O2', '〇', true],
  ['多機関協働', 'O2', 'はい', true],
  ['多機関協働', 'O2', true, true],
  ['多機関協働', 'O2', 1, true],
  ['多機関協働', 'O2', '✓', true],
  ['多機関協働', 'O2', '×', false],
  ['受付日', 'B2', 'R7.5.21', '2025-05-21'],
  ['受付日', 'B2', '令7.5.21', '2025-05-21'],
  ['受付日', 'B2', '2025/5/21', '2025-05-21'],
  ['分野', 'F2', '高齢,障がい', ['高齢', '障がい']],
  ['分野', 'F2', ' 障がい 、高齢', ['障がい', '高齢']],
  ['受付窓口', 'E2', '　地域包括支援センター　', '地域包括支援センター'],
])('%s %s typed as %j reads as %j and stays as typed after a save', (_label, a1, typed, meaning) => {
  const env = withVariantRow();
  env.spreadsheet.sheetForHost('ケース')!.getRange(a1).setValue(typed);
  const before = cellsOf(env);
  const loaded = load(env);
  const key = { O2: 'multiAgency', B2: 'receivedOn', F2: 'domains', E2: 'window' }[a1]!;
  expect(loaded.values[key]).toEqual(meaning);
  expect(update(env, loaded.version, { staff: '佐藤' })).toMatchObject({ ok: true, written: ['staff'] });
  const after = cellsOf(env);
  expect(after.cells.filter((_, i) => i !== 18)).toEqual(before.cells.filter((_, i) => i !== 18));
});

test('saving without a change leaves every cell of the row as it was', () => {
  const env = withVariantRow();
  const before = cellsOf(env);
  const all = env.spreadsheet.sheetForHost('ケース')!.getDataRange().getValues();
  const { version } = load(env);
  env.log.reset();
  expect(update(env, version, {})).toEqual({ ok: true, caseId: ID, row: 2, version, written: [] });
  expect(env.log.count('Range.setValues') + env.log.count('Range.setValue')).toBe(0);
  const after = cellsOf(env);
  expect(after.cells).toHaveLength(WIDTH);
  after.cells.forEach((cell, i) => expect([i, cell]).toEqual([i, before.cells[i]]));
  expect(after.formulas).toEqual(before.formulas);
  expect(env.spreadsheet.sheetForHost('ケース')!.getDataRange().getValues()).toEqual(all);
});

test('a save that sends every readable field as loaded writes nothing: each already means that', () => {
  const env = withVariantRow();
  const before = cellsOf(env);
  const { version } = load(env);
  // Multi values in another order mean the same.
  const changes = { ...MEANINGS, domains: ['障がい', '高齢'] };
  expect(update(env, version, changes)).toEqual({ ok: true, caseId: ID, row: 2, version, written: [] });
  expect(cellsOf(env)).toEqual(before);
});

test('changing one field (支援状況) writes that cell only', () => {
  const env = withVariantRow(3);
  const before = cellsOf(env);
  const below = cellsOf(env, 3);
  const { version } = load(env);
  env.log.reset();
  const r = update(env, version, { stage: 'アセスメント' });
  expect(r).toMatchObject({ ok: true, caseId: ID, row: 2, written: ['stage'] });
  expect(env.log.count('Range.setValues')).toBe(1);
  expect(env.log.count('Range.setValue')).toBe(0);
  const after = cellsOf(env);
  after.cells.forEach((cell, i) =>
    expect([i, cell]).toEqual([i, i === 16 ? ['string', 'アセスメント'] : before.cells[i]]),
  );
  expect(after.formulas).toEqual(before.formulas);
  expect(cellsOf(env, 3)).toEqual(below);
  // The version returned is the row's as it now is: the next load sees the same one.
  expect(r.ok && r.version).toBe(load(env).version);
  expect(load(env).values).toEqual({ ...MEANINGS, stage: 'アセスメント' });
});

test('a changed date is written as a date cell, a cleared field as an empty cell, 「3人」 corrected as a number', () => {
  const env = withVariantRow();
  const before = cellsOf(env);
  const { version } = load(env);
  const r = update(env, version, { planOn: '', consentOn: 'R7.5.22', householdSize: '3', multiAgency: false });
  expect(r).toMatchObject({ ok: true, written: ['householdSize', 'consentOn', 'multiAgency', 'planOn'] });
  const after = cellsOf(env);
  const expected = [...before.cells];
  expected[10] = ['number', 3];
  expected[12] = ['date', JST_MIDNIGHT(2025, 5, 22).getTime()];
  expected[14] = ['boolean', false];
  expected[15] = ['string', ''];
  expect(after.cells).toEqual(expected);
  expect(after.formulas).toEqual(before.formulas);
  expect(load(env).unreadable).toEqual({});
});

test('a cell the parser cannot read that the change leaves alone does not block the save', () => {
  const row = [...VARIANT_ROW];
  row[4] = '市役所'; // 受付窓口: not in 設定 (a required field)
  row[5] = '高齢、介護'; // 分野: 介護 is not a choice
  row[14] = '未済'; // 多機関協働: neither yes nor no
  const env = withVariantRow(1, row);
  const loaded = load(env);
  expect(loaded.unreadable).toEqual({
    householdSize: { text: '3人', notChoices: [] },
    window: { text: '市役所', notChoices: ['市役所'] },
    domains: { text: '高齢、介護', notChoices: ['介護'] },
    multiAgency: { text: '未済', notChoices: [] },
  });
  // The readable part of 分野 is ticked; 受付窓口 and 多機関協働 have no meaning to show.
  expect(loaded.values).toMatchObject({ domains: ['高齢'] });
  expect(loaded.values).not.toHaveProperty('window');
  expect(loaded.values).not.toHaveProperty('multiAgency');
  const before = cellsOf(env);
  const r = update(env, loaded.version, { stage: '見守り' });
  expect(r).toMatchObject({ ok: true, written: ['stage'] });
  const after = cellsOf(env);
  expect(after.cells.filter((_, i) => i !== 16)).toEqual(before.cells.filter((_, i) => i !== 16));
  // A changed field is checked as always.
  const refused = update(env, r.ok ? r.version : '', { window: '市役所' });
  expect(refused).toMatchObject({ ok: false, code: 'form.invalid', errors: { window: expect.any(String) } });
  expect(refused.ok || refused.errors.window).toContain('「設定」シートの「受付窓口」にない値です（「市役所」）');
});

test('the case as it will be is validated: consent set back to 未確認 with 同意日 and a plan still there is refused', () => {
  const env = withVariantRow();
  const before = cellsOf(env);
  const { version } = load(env);
  const r = update(env, version, { consent: '未確認' });
  expect(r).toMatchObject({
    ok: false,
    code: 'form.invalid',
    errors: {
      consentOn:
        '本人同意が「未確認」なのに同意日が入っています。同意を得たなら本人同意を「同意あり」に、そうでなければ同意日を消してください。',
      planOn: expect.stringContaining('プラン作成日 2025-06-02'),
    },
  });
  expect(Object.keys(r.ok ? {} : r.errors).sort()).toEqual(['consentOn', 'planOn']);
  expect(r.ok || r.errors.planOn).toContain('に本人同意がありません。支援プランには本人の同意が必要です。');
  expect(cellsOf(env)).toEqual(before);
  // With the two dates cleared as well, the row is consistent and the three cells are written.
  const all = update(env, version, { consent: '未確認', consentOn: '', planOn: '' });
  expect(all).toMatchObject({ ok: true, written: ['consent', 'consentOn', 'planOn'] });
  const after = cellsOf(env);
  expect(after.cells.filter((_, i) => ![11, 12, 15].includes(i))).toEqual(
    before.cells.filter((_, i) => ![11, 12, 15].includes(i)),
  );
  expect([after.cells[11], after.cells[12], after.cells[15]]).toEqual([
    ['string', '未確認'],
    ['string', ''],
    ['string', ''],
  ]);
});

test('a trailing space in a required choice no longer blocks a save', () => {
  const env = withVariantRow();
  const { version } = load(env);
  // 相談経路 (a full-width space after it), 受付窓口, エリア and 支援状況 (half-width spaces) are all required.
  expect(update(env, version, { staff: '佐藤' })).toMatchObject({ ok: true, written: ['staff'] });
  expect(cellsOf(env).cells[3]).toEqual(['string', '家族・親族　']);
});

test('a save makes the same Sheets calls with 5 rows and with 400, one setValues per run of adjacent changed cells', () => {
  const callsOf = (n: number) => {
    const env = withVariantRow(n);
    const { version } = load(env);
    env.log.reset();
    // 年代 and 性別 are adjacent (H, I); 支援状況 (Q) is not.
    const r = update(env, version, { ageGroup: '60代', gender: '女性', stage: '見守り' });
    expect(r).toMatchObject({ ok: true, written: ['ageGroup', 'gender', 'stage'] });
    return env.log.snapshot();
  };
  const small = callsOf(5);
  expect(callsOf(400)).toEqual(small);
  expect(small['Sheet.getSheetValues']).toBe(2);
  expect(small['Range.setValues']).toBe(2);
  expect(small['Range.setValue'] ?? 0).toBe(0);
});
