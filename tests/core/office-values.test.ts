// Cells as office clerks type them: stray spaces of either width, full-width digits, units after
// numbers, weekdays after dates. Every path (JSON, XLSX, Sheets, the add-on) reads them through
// parseCell, and a fault's message quotes what was typed (never for a PII column).
import {
  cellParser,
  parseCell,
  matchKnown,
  splitMulti,
  isEmptyCell,
  UnreadFormula,
  type CellResult,
} from '../../core/registry/cells';
import { cellMessage } from '../../core/registry/messages';
import { sheetDef, type ColumnDef, type SheetKey } from '../../core/registry/definition';

const col = (sheet: SheetKey, key: string): ColumnDef => sheetDef(sheet).columns.find((c) => c.key === key)!;
const lists = {
  areas: ['東', '西'],
  windows: ['地域包括支援センター'],
  placeTypes: ['サロン'],
  issueTags: ['ひきこもり', '8050', 'ヤングケアラー'],
};
const NBSP = '\u00a0';
const IDEOGRAPHIC_SPACE = '\u3000';

/** The message read.ts makes for a cell: the fault's own message, with what parseCell found. */
function messageFor(sheet: SheetKey, row: number, column: ColumnDef, raw: unknown): string {
  const r = parseCell(column, raw, lists);
  if (r.ok) throw new Error(`expected a fault for ${String(raw)}`);
  return cellMessage(sheetDef(sheet), row, column, r.fault, r.bad, lists, r.detail);
}

describe('choice values: spaces of either width and full/half-width forms', () => {
  test.each<[SheetKey, string, string, unknown]>([
    ['cases', 'channel', '訪問 ', '訪問'],
    ['cases', 'channel', ` 訪問${IDEOGRAPHIC_SPACE}`, '訪問'],
    ['cases', 'gender', `男性${IDEOGRAPHIC_SPACE}`, '男性'],
    ['cases', 'gender', `${NBSP}女性${NBSP}`, '女性'],
    ['cases', 'channel', 'メール･ＳＮＳ', 'メール・SNS'], // half-width ･ and full-width ＳＮＳ
    ['places', 'operator', 'ＮＰＯ法人', 'NPO法人'],
    ['activities', 'kind', 'ｱｳﾄﾘｰﾁ', 'アウトリーチ'], // half-width katakana
    ['activities', 'kind', ' 参加支援(就労体験)　', '参加支援（就労体験）'],
    ['cases', 'area', `${IDEOGRAPHIC_SPACE}東`, '東'],
    ['cases', 'area', `西${NBSP}`, '西'],
    ['cases', 'window', '地域包括支援センター ', '地域包括支援センター'],
    // Other forms offices write for a value (VALUE_ALIASES).
    ['cases', 'gender', '男', '男性'],
    ['cases', 'gender', ' 女 ', '女性'],
    ['cases', 'ageGroup', '80代', '70代以上'],
    ['cases', 'ageGroup', '９０代', '70代以上'],
    ['cases', 'ageGroup', '70代', '70代以上'],
    ['cases', 'ageGroup', '10代', '10代以下'],
    ['cases', 'ageGroup', '40歳代', '40代'],
    // An age in 年代 is its 年代 (ofAge): offices that keep ages fill the column with them.
    ['cases', 'ageGroup', '45', '40代'],
    ['cases', 'ageGroup', '45歳', '40代'],
    ['cases', 'ageGroup', '４５', '40代'],
    ['cases', 'ageGroup', '19', '10代以下'],
    ['cases', 'ageGroup', '1', '10代以下'],
    ['cases', 'ageGroup', '69歳', '60代'],
    ['cases', 'ageGroup', '70', '70代以上'],
    ['cases', 'ageGroup', '103', '70代以上'],
    // 分野 as most offices and laws write it (the contract's 障がい, こども).
    ['cases', 'domains', '障害', ['障がい']],
    ['cases', 'domains', '高齢・障害', ['高齢', '障がい']],
    ['cases', 'domains', '子ども、生活困窮', ['こども', '生活困窮']],
    ['cases', 'domains', '子供', ['こども']],
  ])('%s.%s %j is %j', (sheet, key, typed, value) => {
    expect(parseCell(col(sheet, key), typed, lists)).toEqual({ ok: true, value });
  });

  test('an office form of a value is read only in a list that holds the value, and never over a listed value', () => {
    // A settings list of an office's own: 男 is one of its values, not 男性 (which the list lacks).
    expect(matchKnown('男', ['男', '女'])).toBe('男');
    expect(matchKnown('男', ['東', '西'])).toBeUndefined();
    expect(matchKnown('80代', ['男性', '女性'])).toBeUndefined();
    expect(matchKnown('男', ['男性', '女性'])).toBe('男性');
    // Not a form with one meaning: still a fault that quotes it.
    expect(parseCell(col('cases', 'gender'), 'M', lists)).toEqual({ ok: false, fault: 'enum', bad: ['M'] });
    expect(parseCell(col('cases', 'ageGroup'), '高齢者', lists)).toEqual({ ok: false, fault: 'enum', bad: ['高齢者'] });
  });

  test('multi values split on 、 , ， ､ and each part forgives the same', () => {
    const domains = col('cases', 'domains');
    expect(parseCell(domains, `高齢${IDEOGRAPHIC_SPACE}、 障がい`, lists)).toEqual({
      ok: true,
      value: ['高齢', '障がい'],
    });
    expect(parseCell(domains, `${IDEOGRAPHIC_SPACE}こども ,生活困窮${NBSP}`, lists)).toEqual({
      ok: true,
      value: ['こども', '生活困窮'],
    });
    expect(parseCell(domains, '高齢，障がい､こども', lists)).toEqual({ ok: true, value: ['高齢', '障がい', 'こども'] });
    expect(parseCell(domains, `${IDEOGRAPHIC_SPACE}高齢${IDEOGRAPHIC_SPACE}`, lists)).toEqual({
      ok: true,
      value: ['高齢'],
    });
    const issues = col('cases', 'issues');
    expect(parseCell(issues, '８０５０、 ひきこもり　', lists)).toEqual({ ok: true, value: ['8050', 'ひきこもり'] });
    expect(parseCell(issues, 'ﾔﾝｸﾞｹｱﾗｰ', lists)).toEqual({ ok: true, value: ['ヤングケアラー'] });
    expect(parseCell(col('foodPartners', 'activities'), [' 食品の回収', '食品の回収　'], lists)).toEqual({
      ok: true,
      value: ['食品の回収'],
    });
    expect(splitMulti(`高齢${IDEOGRAPHIC_SPACE}、${NBSP}障がい､`)).toEqual(['高齢', '障がい']);
    // Values on lines of their own in one cell (Alt+Enter in Excel).
    expect(parseCell(domains, '高齢\n障がい\r\nこども\n', lists)).toEqual({
      ok: true,
      value: ['高齢', '障がい', 'こども'],
    });
  });

  test('choices joined with ・ (高齢・障がい) are split only when no value is the whole and every piece is one', () => {
    const domains = col('cases', 'domains');
    expect(parseCell(domains, '高齢・障がい', lists)).toEqual({ ok: true, value: ['高齢', '障がい'] });
    expect(parseCell(domains, '高齢･障がい、こども', lists)).toEqual({ ok: true, value: ['高齢', '障がい', 'こども'] });
    expect(parseCell(domains, ' 高齢・高齢・ ', lists)).toEqual({ ok: true, value: ['高齢'] });
    // A piece that is no value leaves the whole part unread, quoted as typed.
    expect(parseCell(domains, '障がい・疑い', lists)).toEqual({ ok: false, fault: 'enum', bad: ['障がい・疑い'] });
    expect(parseCell(domains, 'こども、高齢・介護', lists)).toEqual({ ok: false, fault: 'enum', bad: ['高齢・介護'] });
    // A value that holds ・ itself is read whole, first.
    const tags = { ...lists, issueTags: ['精神疾患・疑い', '障がい・疑い', 'ひきこもり'] };
    const issues = col('cases', 'issues');
    expect(parseCell(issues, '精神疾患・疑い', tags)).toEqual({ ok: true, value: ['精神疾患・疑い'] });
    expect(parseCell(issues, '精神疾患・疑い、ひきこもり', tags)).toEqual({
      ok: true,
      value: ['精神疾患・疑い', 'ひきこもり'],
    });
    expect(parseCell(issues, 'ひきこもり・精神疾患・疑い', tags)).toEqual({
      ok: false,
      fault: 'list',
      bad: ['ひきこもり・精神疾患・疑い'],
    });
  });

  test('an id or a reference as the add-on looks it up: full width, other dashes, lower case, spaces', () => {
    for (const [sheet, key] of [
      ['cases', 'caseId'],
      ['activities', 'caseId'],
    ] as const)
      for (const typed of ['K-2024-0001', 'Ｋ－２０２４－０００１', 'k-2024-0001', ' K−2024ー0001　'])
        expect(parseCell(col(sheet, key), typed, lists)).toEqual({ ok: true, value: 'K-2024-0001' });
    // Free text keeps what was typed, but for the spaces around it.
    expect(parseCell(col('places', 'name'), ' ｻﾛﾝ ひなた ', lists)).toEqual({ ok: true, value: 'ｻﾛﾝ ひなた' });
  });

  test('an apostrophe typed first (Excel’s “keep as text”, kept as a character by a CSV) is not part of the value', () => {
    expect(parseCell(col('cases', 'caseId'), "'K-2025-0008", lists)).toEqual({ ok: true, value: 'K-2025-0008' });
    expect(parseCell(col('activities', 'caseId'), '＇ｋ－２０２５－０００８', lists)).toEqual({
      ok: true,
      value: 'K-2025-0008',
    });
    expect(parseCell(col('cases', 'receivedOn'), "'2025/5/3", lists)).toEqual({ ok: true, value: '2025-05-03' });
    expect(parseCell(col('cases', 'householdSize'), "'3", lists)).toEqual({ ok: true, value: 3 });
    expect(parseCell(col('cases', 'area'), "'東", lists)).toEqual({ ok: true, value: '東' });
    // Free text keeps it; an apostrophe alone is no empty cell made from something typed.
    expect(parseCell(col('places', 'name'), "'ひなた", lists)).toEqual({ ok: true, value: "'ひなた" });
    expect(parseCell(col('cases', 'caseId'), "'", lists)).toEqual({ ok: true, value: "'" });
    expect(parseCell(col('cases', 'receivedOn'), "'", lists)).toMatchObject({ ok: false, fault: 'date' });
  });

  test('characters that show nothing (zero-width space, soft hyphen, direction marks) are not part of a value', () => {
    for (const mark of ['\u200b', '\u00ad', '\u200e', '\u2060', '\u202c'])
      expect([
        parseCell(col('activities', 'caseId'), `K-2025-0006${mark}`, lists),
        parseCell(col('cases', 'referralSource'), `本人${mark}`, lists),
        parseCell(col('cases', 'receivedOn'), `2025/5/2${mark}`, lists),
        parseCell(col('cases', 'issues'), `ひきこもり、${mark}8050`, lists),
        parseCell(col('cases', 'area'), mark, lists),
      ]).toEqual([
        { ok: true, value: 'K-2025-0006' },
        { ok: true, value: '本人' },
        { ok: true, value: '2025-05-02' },
        { ok: true, value: ['ひきこもり', '8050'] },
        { ok: true, value: undefined },
      ]);
    // A fault quotes what the clerk sees.
    expect(parseCell(col('cases', 'referralSource'), '本人さん\u200b', lists)).toMatchObject({
      ok: false,
      bad: ['本人さん'],
    });
  });

  test('a 0 in 年代 (what a formula leaves) is no age: a fault, not 10代以下; nor is a year or an age with a fraction', () => {
    for (const typed of [0, '0', '2025', '45.5', '４５才くらい'])
      expect(parseCell(col('cases', 'ageGroup'), typed, lists)).toMatchObject({ ok: false, fault: 'enum' });
  });

  test('yes marks offices use (◎ ● ✅ 説明済 実施) are yes, ☐ is no; a dash in a check column stays a fault (なし or 不明?)', () => {
    const confirmed = col('meetings', 'confidentialityConfirmed');
    for (const mark of ['◎', '●', '✅', '説明済', '説明済み', '実施', '実施済'])
      expect(parseCell(confirmed, mark, lists)).toEqual({ ok: true, value: true });
    expect(parseCell(confirmed, '☐', lists)).toEqual({ ok: true, value: false });
    expect(parseCell(confirmed, '－', lists)).toMatchObject({ ok: false, fault: 'boolean' });
  });

  test('a weight in g or t is not told to drop its unit (that would be 1,000 times off); kg and キロ are', () => {
    const weight = col('donations', 'weightKg');
    expect(messageFor('donations', 4, weight, '160600g')).toBe(
      '「寄付」シート 4行目「重量(kg)」: 「160600g」は数値として読めません。kg に直して、数字だけを入力してください。',
    );
    expect(messageFor('donations', 4, weight, '0.16t')).toContain('kg に直して');
    expect(messageFor('donations', 4, weight, '12.5kg')).toContain('単位を付けずに数字だけ（例: 12.5）');
    expect(messageFor('donations', 4, weight, '12.5キロ')).toContain('単位を付けずに数字だけ（例: 12.5）');
  });

  test('a number typed into a list cell (a spreadsheet stores 8050 as a number) is its text', () => {
    expect(parseCell(col('cases', 'issues'), 8050, lists)).toEqual({ ok: true, value: ['8050'] });
    expect(parseCell(col('cases', 'area'), 8050, lists)).toEqual({ ok: false, fault: 'list', bad: ['8050'] });
  });

  test('spaces alone are an empty cell, whatever their width', () => {
    for (const v of [IDEOGRAPHIC_SPACE, NBSP, ` ${IDEOGRAPHIC_SPACE} `]) {
      expect(isEmptyCell(v)).toBe(true);
      expect(parseCell(col('cases', 'gender'), v, lists)).toEqual({ ok: true, value: undefined });
    }
  });

  test('what is not a choice stays a fault, quoting the trimmed text', () => {
    expect(parseCell(col('cases', 'gender'), `${IDEOGRAPHIC_SPACE}男子${IDEOGRAPHIC_SPACE}`, lists)).toEqual({
      ok: false,
      fault: 'enum',
      bad: ['男子'],
    });
    expect(parseCell(col('cases', 'area'), ' 北 ', lists)).toEqual({ ok: false, fault: 'list', bad: ['北'] });
    // A space inside the value is not forgiven: 訪 問 is not a channel.
    expect(parseCell(col('cases', 'channel'), '訪 問', lists)).toEqual({ ok: false, fault: 'enum', bad: ['訪 問'] });
    expect(parseCell(col('cases', 'domains'), `高齢、${IDEOGRAPHIC_SPACE}宇宙 `, lists)).toEqual({
      ok: false,
      fault: 'enum',
      bad: ['宇宙'],
    });
    expect(matchKnown('訪問 ', ['訪問'])).toBe('訪問');
    expect(matchKnown('訪問所', ['訪問'])).toBeUndefined();
  });

  test('a value typed exactly as listed gets the one result made for it (no allocation per cell)', () => {
    const channel = col('cases', 'channel');
    expect(parseCell(channel, '訪問', lists)).toBe(parseCell(channel, '訪問', lists));
    expect(parseCell(channel, '訪問 ', lists)).toBe(parseCell(channel, '訪問', lists));
  });
});

describe('booleans as clerks mark them', () => {
  const c = col('meetings', 'confidentialityConfirmed');
  test.each([
    '○',
    '〇',
    '◯',
    '✓',
    '✔',
    'レ',
    'ﾚ',
    'はい',
    'TRUE',
    'true',
    'True',
    '1',
    '１',
    'ＴＲＵＥ',
    'ｔｒｕｅ',
    ' ○ ',
    `${IDEOGRAPHIC_SPACE}はい${IDEOGRAPHIC_SPACE}`,
    `TRUE${NBSP}`,
  ])('%j is true', (v) => {
    expect(parseCell(c, v, lists)).toEqual({ ok: true, value: true });
  });

  test.each([
    '×',
    '✗',
    'いいえ',
    'FALSE',
    'false',
    '0',
    '０',
    'ＦＡＬＳＥ',
    ` × `,
    `${IDEOGRAPHIC_SPACE}いいえ`,
    `false${IDEOGRAPHIC_SPACE}`,
  ])('%j is false', (v) => {
    expect(parseCell(c, v, lists)).toEqual({ ok: true, value: false });
  });

  test('checkbox cells and the numbers 1 and 0, with the results made once', () => {
    expect(parseCell(c, true, lists)).toEqual({ ok: true, value: true });
    expect(parseCell(c, 1, lists)).toEqual({ ok: true, value: true });
    expect(parseCell(c, 0, lists)).toEqual({ ok: true, value: false });
    expect(parseCell(c, '○', lists)).toBe(parseCell(c, true, lists));
    expect(parseCell(c, ' ＴＲＵＥ ', lists)).toBe(parseCell(c, true, lists));
  });

  test.each<[string, boolean]>([
    ['あり', true],
    ['有', true],
    [' 有り ', true],
    ['なし', false],
    ['無', false],
    ['無し', false],
    // A check ticked off on paper (守秘義務確認).
    ['済', true],
    [' 済み ', true],
    ['確認済', true],
    ['確認済み', true],
    ['未', false],
    ['未確認', false],
  ])('%j, as a form’s 有無 column is filled in, is %s', (v, b) => {
    expect(parseCell(c, v, lists)).toBe(parseCell(c, b, lists));
  });

  test.each<[unknown, string]>([
    ['たぶん', 'たぶん'],
    [' 未済 ', '未済'],
    [`${IDEOGRAPHIC_SPACE}△${IDEOGRAPHIC_SPACE}`, '△'],
    ['2', '2'],
    [2, '2'],
    ['TRUE FALSE', 'TRUE FALSE'],
  ])('%j is a boolean fault quoting %j', (v, bad) => {
    expect(parseCell(c, v, lists)).toEqual({ ok: false, fault: 'boolean', bad: [bad] });
  });
});

describe('numbers in full width, with separators, and with units', () => {
  const household = col('cases', 'householdSize');
  const weight = col('donations', 'weightKg');
  test.each<[ColumnDef, unknown, number]>([
    [household, '３', 3],
    [household, ' 3 ', 3],
    [household, `${IDEOGRAPHIC_SPACE}４${IDEOGRAPHIC_SPACE}`, 4],
    [household, '3.0', 3],
    [weight, '１，２３４', 1234],
    [weight, '1,234', 1234],
    [weight, '1,234,567.5', 1234567.5],
    [weight, '３５．５', 35.5],
    [weight, '35.5', 35.5],
    [weight, '.5', 0.5],
    [weight, `12.5${NBSP}`, 12.5],
    [weight, 1234, 1234],
  ])('%#: %j reads as %d', (column, v, n) => {
    expect(parseCell(column, v, lists)).toEqual({ ok: true, value: n });
  });

  test.each<[ColumnDef, unknown, string, string]>([
    [household, '3人', 'integer', '3人'],
    [household, '３人', 'integer', '３人'],
    [household, ' 3 人 ', 'integer', '3 人'],
    [household, '約3', 'integer', '約3'],
    [household, '二人', 'integer', '二人'],
    [household, '2.5', 'integer', '2.5'],
    [household, 2.5, 'integer', '2.5'],
    [weight, '35.5kg', 'number', '35.5kg'],
    [weight, '３５．５ｋｇ', 'number', '３５．５ｋｇ'],
    [weight, '1,5', 'number', '1,5'], // a comma not between groups of three: perhaps a decimal comma
    [weight, '12,34', 'number', '12,34'],
    [weight, '1.2.3', 'number', '1.2.3'],
    [weight, 'たくさん', 'number', 'たくさん'],
    [household, '０', 'min', '０'],
    [weight, '－１', 'min', '－１'],
  ])('%#: %j is a %s fault quoting %j', (column, v, fault, bad) => {
    expect(parseCell(column, v, lists)).toEqual({ ok: false, fault, bad: [bad] });
  });

  test('small whole numbers share their results; other numbers are read all the same', () => {
    expect(parseCell(household, 3, lists)).toBe(parseCell(household, '３', lists));
    expect(parseCell(col('meetings', 'attendees'), 500, lists)).toEqual({ ok: true, value: 500 });
    expect(parseCell(weight, -0, lists)).toEqual({ ok: true, value: 0 });
  });
});

describe('dates as parseCell reads them', () => {
  const received = col('cases', 'receivedOn');
  test.each([
    '令和7年5月21日（水）',
    '令和7年5月21日(水)',
    '2025年5月21日（水曜日）',
    '2025/5/21(水)',
    '2025.5.21',
    '2025年5月21日',
    '２０２５／５／２１',
    `${IDEOGRAPHIC_SPACE}2025-05-21${IDEOGRAPHIC_SPACE}`,
    '2025/5/21 0:00', // a date-time cell turned into text
    '2025-05-21T09:30:00',
  ])('%j is 2025-05-21', (v) => {
    expect(parseCell(received, v, lists)).toEqual({ ok: true, value: '2025-05-21' });
  });

  test('a wrong weekday is a date fault that says so, quoting the typed text', () => {
    expect(parseCell(received, ' 令和7年5月21日（木） ', lists)).toEqual({
      ok: false,
      fault: 'date',
      bad: ['令和7年5月21日（木）'],
      detail: 'weekday',
    });
  });

  test('other date faults quote the typed text (trimmed) or the serial number', () => {
    expect(parseCell(received, '　2025/2/30　', lists)).toEqual({ ok: false, fault: 'date', bad: ['2025/2/30'] });
    expect(parseCell(received, 'あした', lists)).toEqual({ ok: false, fault: 'date', bad: ['あした'] });
    expect(parseCell(received, 20250231, lists)).toEqual({ ok: false, fault: 'date', bad: ['20250231'] });
    expect(parseCell(received, 30000000, lists)).toEqual({ ok: false, fault: 'date', bad: ['30000000'] });
    // Eight digits keyed as a number are the day they spell.
    expect(parseCell(received, 20250521, lists)).toEqual({ ok: true, value: '2025-05-21' });
    expect(parseCell(received, new Date(NaN), lists)).toEqual({ ok: false, fault: 'date' });
  });
});

describe('PII columns: what was typed is never kept for a message', () => {
  // The contract has only text PII columns; these stand for any PII column of another type.
  const pii = (c: ColumnDef): ColumnDef => ({ ...c, pii: true });
  test.each<[ColumnDef, unknown, CellResult]>([
    [pii(col('cases', 'receivedOn')), '1950年1月1日(月)', { ok: false, fault: 'date', detail: 'weekday' }],
    [pii(col('cases', 'receivedOn')), '山田の誕生日', { ok: false, fault: 'date' }],
    [pii(col('cases', 'householdSize')), '3人', { ok: false, fault: 'integer' }],
    [pii(col('cases', 'householdSize')), 0, { ok: false, fault: 'min' }],
    [pii(col('meetings', 'confidentialityConfirmed')), '山田', { ok: false, fault: 'boolean' }],
    [pii(col('cases', 'gender')), '山田', { ok: false, fault: 'enum' }],
    [pii(col('cases', 'domains')), '高齢、山田', { ok: false, fault: 'enum' }],
    [pii(col('cases', 'area')), '山田', { ok: false, fault: 'list' }],
    [col('cases', 'name'), true, { ok: false, fault: 'text' }],
  ])('%#', (column, v, expected) => {
    expect(parseCell(column, v, lists)).toEqual(expected);
  });

  test('and a message for a PII column quotes nothing even when given the text', () => {
    const cases = sheetDef('cases');
    const size = pii(col('cases', 'householdSize'));
    expect(cellMessage(cases, 5, size, 'integer', ['山田3人'], lists)).toBe(
      '「ケース」シート 5行目「世帯人数」: 整数（小数点のない数）を入力してください。',
    );
    const day = pii(col('cases', 'receivedOn'));
    expect(cellMessage(cases, 5, day, 'date', ['令和7年5月21日（木）'], lists, 'weekday')).toBe(
      '「ケース」シート 5行目「受付日」: 曜日が日付と合いません。日付を確かめて入力してください（曜日は書かなくても構いません）。',
    );
    const name = col('cases', 'name');
    for (const fault of ['date', 'integer', 'number', 'min', 'boolean', 'enum', 'list', 'text'] as const) {
      const m = cellMessage(cases, 5, { ...name, min: 1 }, fault, ['山田太郎'], lists);
      expect(m.startsWith('「ケース」シート 5行目「氏名」: ')).toBe(true);
      expect(m).not.toContain('山田');
    }
  });
});

describe('messages quote what was typed and say what to type', () => {
  test.each<[SheetKey, string, unknown, string]>([
    [
      'cases',
      'householdSize',
      '3人',
      '「ケース」シート 5行目「世帯人数」: 「3人」は整数として読めません。数字だけ（例: 3）を入力してください。',
    ],
    [
      'cases',
      'householdSize',
      '３人',
      '「ケース」シート 5行目「世帯人数」: 「３人」は整数として読めません。数字だけ（例: 3）を入力してください。',
    ],
    [
      'cases',
      'householdSize',
      '約4人',
      '「ケース」シート 5行目「世帯人数」: 「約4人」は整数として読めません。数字だけ（例: 4）を入力してください。',
    ],
    [
      'cases',
      'householdSize',
      '二人',
      '「ケース」シート 5行目「世帯人数」: 「二人」は整数として読めません。数字だけ（例: 3）を入力してください。',
    ],
    [
      'cases',
      'householdSize',
      2.5,
      '「ケース」シート 5行目「世帯人数」: 「2.5」は整数ではありません。小数点のない数を入力してください。',
    ],
    [
      'cases',
      'householdSize',
      '2.5人',
      '「ケース」シート 5行目「世帯人数」: 「2.5人」は整数として読めません。単位を付けずに、小数点のない数字だけを入力してください。',
    ],
    [
      'cases',
      'householdSize',
      '0',
      '「ケース」シート 5行目「世帯人数」: 「0」は 1 より小さい数です。1 以上の数を入力してください。',
    ],
    [
      'donations',
      'weightKg',
      '35.5kg',
      '「寄付」シート 5行目「重量(kg)」: 「35.5kg」は数値として読めません。単位を付けずに数字だけ（例: 35.5）を入力してください。',
    ],
    [
      'donations',
      'weightKg',
      '１，２００ｇ',
      '「寄付」シート 5行目「重量(kg)」: 「１，２００ｇ」は数値として読めません。kg に直して、数字だけを入力してください。',
    ],
    [
      'donations',
      'weightKg',
      'たくさん',
      '「寄付」シート 5行目「重量(kg)」: 「たくさん」は数値として読めません。数字だけ（例: 12.5）を入力してください。',
    ],
    [
      'donations',
      'weightKg',
      '1,5',
      '「寄付」シート 5行目「重量(kg)」: 「1,5」は数値として読めません。数字だけ（例: 12.5）を入力してください。',
    ],
    [
      'donations',
      'weightKg',
      -3,
      '「寄付」シート 5行目「重量(kg)」: 「-3」は 0 より小さい数です。0 以上の数を入力してください。',
    ],
    [
      'cases',
      'receivedOn',
      '令和7年5月21日（木）',
      '「ケース」シート 5行目「受付日」: 「令和7年5月21日（木）」は曜日が日付と合いません。2025-05-21（令和7年5月21日）は水曜日です。日付を確かめて入力してください（曜日は書かなくても構いません）。',
    ],
    [
      'cases',
      'receivedOn',
      '2025/2/30',
      '「ケース」シート 5行目「受付日」: 「2025/2/30」は日付として読めません。2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のように実在する日付を入力してください。',
    ],
    [
      'meetings',
      'confidentialityConfirmed',
      ' たぶん ',
      '「会議」シート 5行目「守秘義務確認」: 「たぶん」は「はい」「いいえ」のどちらとも読めません。チェックボックス（TRUE / FALSE）か ○ / × で入力してください。',
    ],
    [
      'cases',
      'gender',
      '男子',
      '「ケース」シート 5行目「性別」: 選択肢にない値です（「男子」）。次のいずれかを選んでください: 男性、女性、その他、不明。',
    ],
    [
      'cases',
      'area',
      '北 ',
      '「ケース」シート 5行目「エリア」: 「設定」シートの「エリア」にない値です（「北」）。一覧から選ぶか、「設定」シートに追加してください（現在: 東、西）。',
    ],
    [
      'places',
      'name',
      true,
      '「居場所・拠点」シート 5行目「名称」: 「TRUE」は文字として読めません。文字で入力してください。',
    ],
    [
      'cases',
      'leadAgency',
      '包括東',
      '「ケース」シート 5行目「主担当機関」: 「設定」シートの「関係機関」が空欄です（「包括東」）。「設定」シートの「関係機関」に登録してください。',
    ],
  ])('%s.%s %j', (sheet, key, raw, message) => {
    expect(messageFor(sheet, 5, col(sheet, key), raw)).toBe(message);
  });

  test('without the typed text, each fault still says what to type', () => {
    const cases = sheetDef('cases');
    const at = '「ケース」シート 5行目';
    expect(cellMessage(cases, 5, col('cases', 'receivedOn'), 'date', undefined, lists)).toBe(
      `${at}「受付日」: 日付として読めません。2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のように実在する日付を入力してください。`,
    );
    expect(cellMessage(cases, 5, col('cases', 'receivedOn'), 'date', undefined, lists, 'weekday')).toBe(
      `${at}「受付日」: 曜日が日付と合いません。日付を確かめて入力してください（曜日は書かなくても構いません）。`,
    );
    expect(cellMessage(cases, 5, col('cases', 'householdSize'), 'min', undefined, lists)).toBe(
      `${at}「世帯人数」: 1 以上の数を入力してください。`,
    );
    expect(cellMessage(cases, 5, col('cases', 'multiAgency'), 'boolean', [], lists)).toBe(
      `${at}「多機関協働」: チェックボックス（TRUE / FALSE）で入力してください。`,
    );
    expect(cellMessage(sheetDef('places'), 5, col('places', 'name'), 'text', undefined, lists)).toBe(
      '「居場所・拠点」シート 5行目「名称」: 文字で入力してください。',
    );
  });
});

describe('what offices leave in cells that hold no value', () => {
  const cases = sheetDef('cases');
  const received = col('cases', 'receivedOn');
  test.each([
    ['cases', 'caseId'],
    ['cases', 'receivedOn'],
    ['cases', 'channel'],
    ['cases', 'domains'],
    ['cases', 'householdSize'],
    ['cases', 'multiAgency'],
    ['cases', 'name'],
  ] as Array<[SheetKey, string]>)(
    'a formula’s error value (#N/A) is no value of %s.%s, not even text',
    (sheet, key) => {
      const c = col(sheet, key);
      for (const e of ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#ERROR!']) {
        const r = parseCell(c, e, lists);
        expect(r).toEqual(c.pii ? { ok: false, fault: 'error' } : { ok: false, fault: 'error', bad: [e] });
      }
      // Text that only starts with # is text.
      if (c.type === 'text') expect(parseCell(c, '#3 の部屋', lists)).toEqual({ ok: true, value: '#3 の部屋' });
    },
  );

  test('the message names the error and says what to do; for a PII column it quotes nothing', () => {
    expect(messageFor('cases', 7, col('cases', 'caseId'), '#N/A')).toBe(
      '「ケース」シート 7行目「ケースID」: 「#N/A」は数式のエラーです。数式を直すか、値を入力してください。',
    );
    const r = parseCell(col('cases', 'name'), '#REF!', lists);
    if (r.ok) throw new Error('expected a fault');
    expect(cellMessage(cases, 7, col('cases', 'name'), r.fault, r.bad, lists)).toBe(
      '「ケース」シート 7行目「氏名」: 数式のエラーです。数式を直すか、値を入力してください。',
    );
  });

  test.each<[SheetKey, string, string]>([
    ['cases', 'closedOn', '－'],
    ['cases', 'closedOn', '-'],
    ['cases', 'closedOn', ' ー '],
    ['cases', 'closedOn', '未'],
    ['cases', 'consentRevokedOn', 'なし'],
    ['cases', 'planOn', '未定'],
    ['cases', 'householdSize', '－'],
    ['cases', 'channel', '―'],
    ['cases', 'issues', '－'],
  ])('%s.%s %j is an empty cell, not a fault that asks for a value', (sheet, key, typed) => {
    expect(parseCell(col(sheet, key), typed, lists)).toEqual({ ok: true, value: undefined });
  });

  test('a placeholder is not taken where it could mean something: a check (守秘義務確認) or text', () => {
    const check = col('meetings', 'confidentialityConfirmed');
    expect(parseCell(check, '－', lists)).toEqual({ ok: false, fault: 'boolean', bad: ['－'] });
    expect(parseCell(col('cases', 'name'), '－', lists)).toEqual({ ok: true, value: '－' });
    // The words for "none yet" only in a date: 未 is no 受付方法.
    expect(parseCell(col('cases', 'channel'), '未', lists)).toEqual({ ok: false, fault: 'enum', bad: ['未'] });
  });

  test.each<[unknown, string | undefined]>([
    [3, '3'], // a 3 typed into a date cell: 1900-01-03
    [250503, '250503'], // YYMMDD as a number: the year 2585
    ['2205/5/3', '2205/5/3'],
    ['1999-12-31', '1999-12-31'],
    ['2100-01-01', '2100-01-01'],
    [new Date(Date.UTC(1900, 0, 2, 15)), undefined],
  ])('%j is a real day but no registry date (2000–2099): a date fault that says so', (typed, bad) => {
    const r = parseCell(received, typed, lists);
    expect(r).toEqual(
      bad === undefined
        ? { ok: false, fault: 'date', detail: 'range' }
        : { ok: false, fault: 'date', bad: [bad], detail: 'range' },
    );
  });

  test('the range message, and the days at its ends', () => {
    expect(messageFor('cases', 4, received, 3)).toBe(
      '「ケース」シート 4行目「受付日」: 「3」は台帳の日付（2000年〜2099年）になりません。数字が日付として読まれていないか、年を確かめて入力してください。',
    );
    expect(parseCell(received, '2000-01-01', lists)).toEqual({ ok: true, value: '2000-01-01' });
    expect(parseCell(received, '2099-12-31', lists)).toEqual({ ok: true, value: '2099-12-31' });
  });

  test('a formula saved without its result is a fault quoting the formula (never 0 or FALSE)', () => {
    const lost = new UnreadFormula('SUM(A1:A3)');
    expect(parseCell(col('cases', 'householdSize'), lost, lists)).toEqual({
      ok: false,
      fault: 'formula',
      bad: ['=SUM(A1:A3)'],
    });
    expect(parseCell(col('cases', 'multiAgency'), lost, lists)).toMatchObject({ ok: false, fault: 'formula' });
    expect(parseCell(col('cases', 'name'), lost, lists)).toEqual({ ok: false, fault: 'formula' });
  });
});

describe('messages never carry free text out of the sheet', () => {
  test('a long text typed into a choice column is not quoted; a short one is', () => {
    const reason = col('cases', 'closureReason');
    expect(messageFor('cases', 105, reason, '本人の希望（長男が8050でひきこもり、母は認知症）')).toBe(
      '「ケース」シート 105行目「終結理由」: 選択肢にない値です。次のいずれかを選んでください: 課題解決、他機関へ移行、相談・情報提供のみで終了、中断、転出、死亡、連絡不通、本人の希望、その他。',
    );
    expect(messageFor('cases', 105, reason, '転居')).toContain('選択肢にない値です（「転居」）。');
    // Several values: only the short ones are quoted.
    const domains = col('cases', 'domains');
    expect(messageFor('cases', 5, domains, '高齢、宇宙、長い長い長い長い長い長い長い長い長い長い説明')).toContain(
      '選択肢にない値です（「宇宙」）。',
    );
  });
});

test('a list value written 東・西 in 設定: the message on a cell of 東 says how to write the list', () => {
  const area = col('cases', 'area');
  const r = parseCell(area, '東', { ...lists, areas: ['東・西'] });
  if (r.ok) throw new Error('expected a fault');
  expect(cellMessage(sheetDef('cases'), 3, area, r.fault, r.bad, { ...lists, areas: ['東・西'] })).toBe(
    '「ケース」シート 3行目「エリア」: 「設定」シートの「エリア」では「東・西」が1つの値です（「東」）。別々の値にするなら、「設定」シートで「、」で区切って書いてください。',
  );
});

test.each(['東 西', '東　西', '東／西', '東/西'])('a list value written %j in 設定 gets the same hint', (written) => {
  const area = col('cases', 'area');
  const r = parseCell(area, '西', { ...lists, areas: [written] });
  if (r.ok) throw new Error('expected a fault');
  expect(cellMessage(sheetDef('cases'), 3, area, r.fault, r.bad, { ...lists, areas: [written] })).toContain(
    `では「${written}」が1つの値です（「西」）。別々の値にするなら、「設定」シートで「、」で区切って書いてください。`,
  );
});

// The row rules read every cell through cellParser: it keeps results, and must give what parseCell gives.
test('cellParser gives what parseCell gives, again and again; a kept list is frozen (records share it)', () => {
  const domains = col('cases', 'domains');
  const read = cellParser(domains, lists);
  for (const typed of ['高齢・障害', '高齢・障害', '不明な分野', '', 45, '高齢、こども'])
    for (let k = 0; k < 2; k++) expect(read(typed)).toEqual(parseCell(domains, typed, lists));
  const first = read('高齢・障害');
  expect(read('高齢・障害')).toBe(first);
  expect(Object.isFrozen(first.ok && first.value)).toBe(true);
  // A column of no list or choices is parsed afresh each time.
  const received = cellParser(col('cases', 'receivedOn'), lists);
  expect(received('2025/4/1')).toEqual({ ok: true, value: '2025-04-01' });
});
