// The layout of a workbook as every face reads it (core/registry/layout.ts, workbook.ts): which row
// holds the headers, which column holds which key, what the office added, which sheet is which. The
// XLSX reader's own tests (tests/sheets-templates/read.test.ts) read .xlsx bytes; these read grids of
// cell values, as the add-on does, and follow each layout fault down to the figures.
import { columnOfHeader, findLayout, findSheets, headerKey } from '../../core/registry/layout';
import { sheetDef } from '../../core/registry/definition';
import type { Issue } from '../../core/issues';
import { readGridWorkbook, SETTINGS_MISSING } from '../../core/registry/workbook';
import { readRegistry } from '../../core/registry/read';
import { computeIndicators } from '../../core/indicators';
import { fiscalYear } from './indicators/builders';
import {
  brief,
  CASE_HEADERS,
  caseCells,
  checkGrid,
  grid,
  templateHeader,
  withTemplateSheets,
} from '../fixtures/registry';

const CASES = sheetDef('cases');
// The fixtures' ケース has only the required headers: its optional ones are absent (column.absent),
// which the tests of column.absent check; the others look at the rest.
const otherNotices = (notices: readonly Issue[]) => notices.filter((n) => n.code !== 'column.absent');
const DONATIONS = sheetDef('donations');
const FY2025 = fiscalYear(2025);

describe('the header row', () => {
  test('on row 1: every row below it is a record at its sheet row', () => {
    const layout = findLayout(CASES, [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')]);
    expect(layout).toMatchObject({ headerRow: 1, readable: true, issues: [] });
    expect(otherNotices(layout.notices)).toEqual([]);
    expect([...layout.columns]).toEqual(CASES.columns.filter((c) => c.required === true).map((c, i) => [c.key, i]));

    const { issues, read } = checkGrid(
      withTemplateSheets({
        ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01'), caseCells('K-2025-0002', '2025-04-02')],
      }),
    );
    expect(issues).toEqual([]);
    expect(read.rows.cases.rows).toEqual([2, 3]);
    expect(read.registry.cases.map((c) => [c.caseId, c.receivedOn])).toEqual([
      ['K-2025-0001', '2025-04-01'],
      ['K-2025-0002', '2025-04-02'],
    ]);
  });

  test('on row 3, under a title and a blank row: a bad cell on sheet row 5 is reported as row 5', () => {
    const values = [
      ['令和7年度 相談受付台帳'],
      [],
      CASE_HEADERS,
      caseCells('K-2025-0001', '2025-04-01'),
      caseCells('K-2025-0002', '2025-04-31'), // sheet row 5: no such day
      caseCells('K-2025-0003', '2025-04-03'),
    ];
    expect(findLayout(CASES, values.slice(0, 5))).toMatchObject({ headerRow: 3, readable: true, issues: [] });
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
    expect(issues.map(brief)).toEqual([['cases', 5, 'receivedOn', 'value.date']]);
    expect(issues[0]!.message).toMatch(/^「ケース」シート 5行目「受付日」: /);
    // The title is no record; the rows keep their sheet numbers; the faulty row stays, without its 受付日.
    expect(read.rows.cases.rows).toEqual([4, 5, 6]);
    expect(read.registry.cases.map((c) => c.receivedOn)).toEqual(['2025-04-01', undefined, '2025-04-03']);
    expect(read.registry.cases[1]!.caseId).toBe('K-2025-0002');
  });

  // A title, the town, a date and six lines of 記入上の注意 above the header: row 10 is still found.
  test('a header row is found on row 10 but not on row 11', () => {
    const above = (n: number) => [['令和7年度 相談受付台帳'], ...Array.from({ length: n - 1 }, () => [])];
    const on10 = [...above(9), CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')];
    expect(findLayout(CASES, on10.slice(0, 10))).toMatchObject({ headerRow: 10, readable: true });
    expect(checkGrid(withTemplateSheets({ ケース: on10 })).read.rows.cases.rows).toEqual([11]);

    const on11 = [...above(10), CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')];
    const layout = findLayout(CASES, on11.slice(0, 10));
    expect(layout).toMatchObject({ headerRow: 0, readable: false });
    expect(layout.issues.map(brief)).toEqual([['cases', null, null, 'column.missing']]);
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: on11 }));
    expect(issues.map(brief)).toEqual([['cases', null, null, 'column.missing']]);
    expect(read.registry.cases).toEqual([]);
    expect(read.warnings).toEqual([
      '「ケース」シートの見出しの行が見つからないため、このシートの行は0件として集計しています。見出しの行を確かめてください。',
    ]);
  });

  // Rows 1–11 blank, the header and the rows from row 12: there is no header within 10 rows, and
  // the sheet is not empty. Read as an empty sheet, its cases would silently count as none.
  const fromRow12 = [
    ...Array.from({ length: 11 }, () => []),
    CASE_HEADERS,
    caseCells('K-2025-0001', '2025-04-01'),
    caseCells('K-2025-0002', '2025-04-02'),
  ];

  test('content only from row 12: findLayout, shown the whole sheet, calls it unreadable', () => {
    const layout = findLayout(CASES, fromRow12);
    expect(layout).toMatchObject({ headerRow: 0, readable: false });
    expect(layout.issues.map(brief)).toEqual([['cases', null, null, 'column.missing']]);
    expect(layout.issues[0]!.message).toContain('10行目までに見出しの行が見つかりません');
  });

  test('content only from row 12: the workbook reader says the sheet is unreadable and warns, not an empty sheet', () => {
    const raw = readGridWorkbook(withTemplateSheets({ ケース: fromRow12 }));
    const read = readRegistry(raw);
    expect(read.issues.map(brief)).toEqual([['cases', null, null, 'column.missing']]);
    expect(read.warnings).toEqual([
      '「ケース」シートの見出しの行が見つからないため、このシートの行は0件として集計しています。見出しの行を確かめてください。',
    ]);
  });

  test('a wholly empty sheet is an empty sheet: no header, no rows, no issue, no warning', () => {
    for (const values of [[], [[]], [['', '  ', null], [], [undefined, '\u3000']]]) {
      expect(findLayout(CASES, values)).toMatchObject({ headerRow: 0, readable: true, issues: [], notices: [] });
      const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
      expect(issues).toEqual([]);
      expect(read.warnings).toEqual([]);
      expect(read.registry.cases).toEqual([]);
    }
  });
});

describe('headers as offices type them', () => {
  test('重量（kg）, 重量(kg) and 重量 (ＫＧ) are one header; 重量 and 重量(g) are not it', () => {
    expect(new Set(['重量（kg）', '重量(kg)', '重量 (ＫＧ)', ' 重量(KG)\u3000'].map(headerKey))).toEqual(
      new Set(['重量(kg)']),
    );
    for (const h of ['重量（kg）', '重量(kg)', '重量 (ＫＧ)'])
      expect(columnOfHeader(DONATIONS, h)?.key).toBe('weightKg');
    expect(columnOfHeader(DONATIONS, '重量')).toBeUndefined();
    expect(columnOfHeader(DONATIONS, '重量(g)')).toBeUndefined();

    for (const h of ['重量（kg）', '重量 (ＫＧ)']) {
      const header = [...templateHeader('donations').slice(0, 5), h];
      const { issues, read } = checkGrid(
        withTemplateSheets({ 寄付: [header, ['D-1', '2025-05-01', '企業', '', '', 12.5]] }),
      );
      expect(issues).toEqual([]);
      expect(read.notices).toEqual([]);
      expect(read.registry.donations).toEqual([
        { donationId: 'D-1', receivedOn: '2025-05-01', donorType: '企業', weightKg: 12.5 },
      ]);
    }
  });

  test('「受付 日」 (either width of space) is 受付日; 「受付日付」 is not', () => {
    expect(columnOfHeader(CASES, '受付 日')?.key).toBe('receivedOn');
    expect(columnOfHeader(CASES, '受付\u3000日')?.key).toBe('receivedOn');
    expect(columnOfHeader(CASES, '受付日付')).toBeUndefined();
    const header = CASE_HEADERS.map((h) => (h === '受付日' ? '受付 日' : h));
    const { issues, read } = checkGrid(
      withTemplateSheets({ ケース: [header, caseCells('K-2025-0001', '2025-04-01')] }),
    );
    expect(issues).toEqual([]);
    expect(read.registry.cases[0]!.receivedOn).toBe('2025-04-01');
  });

  test('a header marked as required or optional (受付日（必須）, ※受付日, 受付日＊) is the column; 受付日（旧） is not', () => {
    for (const h of [
      '受付日（必須）',
      '受付日(必須)',
      '受付日 （任意）',
      '※受付日',
      '受付日※',
      '受付日＊',
      '＊受付日',
      '受付日*（必須）',
    ])
      expect(columnOfHeader(CASES, h)?.key).toBe('receivedOn');
    for (const h of ['受付日（旧）', '受付日（必須', '必須受付日', '受付日（必須）（旧）'])
      expect(columnOfHeader(CASES, h)).toBeUndefined();
    const header = CASE_HEADERS.map((h) => (h === '受付日' ? '受付日（必須）' : h === 'ケースID' ? '※ケースID' : h));
    const { issues, read } = checkGrid(
      withTemplateSheets({ ケース: [header, caseCells('K-2025-0001', '2025-04-01')] }),
    );
    expect(issues).toEqual([]);
    expect(read.registry.cases[0]!.receivedOn).toBe('2025-04-01');
    expect(read.registry.cases[0]!.caseId).toBe('K-2025-0001');
    // The same column twice, once marked: a repeated header, as for any other.
    const twice = checkGrid(
      withTemplateSheets({ ケース: [[...CASE_HEADERS, '受付日（必須）'], caseCells('K-2025-0001', '2025-04-01')] }),
    );
    expect(twice.issues.map((i) => i.code)).toEqual(['column.duplicate']);
  });

  // Many offices' forms say 受付年月日, 同意年月日, 終結年月日: the same day, and the same column.
  test('a date column headed with 年月日 (受付年月日, 同意年月日, 終結年月日) is the column; 受付年 is not', () => {
    expect(columnOfHeader(CASES, '受付年月日')?.key).toBe('receivedOn');
    expect(columnOfHeader(CASES, '同意年月日')?.key).toBe('consentOn');
    expect(columnOfHeader(CASES, '終結年月日（必須）')?.key).toBe('closedOn');
    for (const h of ['受付年', 'ケースID年月日', '受付年月']) expect(columnOfHeader(CASES, h)).toBeUndefined();
    const header = CASE_HEADERS.map((h) => (h === '受付日' ? '受付年月日' : h));
    const { issues, read } = checkGrid(
      withTemplateSheets({ ケース: [header, caseCells('K-2025-0001', '2025-04-01')] }),
    );
    expect(issues).toEqual([]);
    expect(read.registry.cases[0]!.receivedOn).toBe('2025-04-01');
  });

  test('the column key caseId is accepted as well as 「ケースID」; case_id is not', () => {
    expect(columnOfHeader(CASES, 'caseId')?.key).toBe('caseId');
    expect(columnOfHeader(CASES, 'CASEID')?.key).toBe('caseId');
    expect(columnOfHeader(CASES, 'case_id')).toBeUndefined();
    const header = ['caseId', ...CASE_HEADERS.slice(1)];
    const { issues, read } = checkGrid(
      withTemplateSheets({ ケース: [header, caseCells('K-2025-0001', '2025-04-01')] }),
    );
    expect(issues).toEqual([]);
    expect(read.registry.cases[0]!.caseId).toBe('K-2025-0001');
  });

  test('「No.」「連番」「備考」: one column.office notice for the sheet naming them, nothing of them read', () => {
    const header = ['No.', '連番', ...CASE_HEADERS, '備考'];
    const values = [
      header,
      [1, 'A-1', ...caseCells('K-2025-0001', '2025-04-01'), '電話で初回相談'],
      [2, 'A-2', ...caseCells('K-2025-0002', '2025-04-02'), '来所'],
      [3, 'A-3'], // numbered in advance, nothing else: no record
    ];
    const layout = findLayout(CASES, values.slice(0, 5));
    expect(layout.keys.slice(0, 3)).toEqual([undefined, undefined, 'caseId']);
    expect(otherNotices(layout.notices).map(brief)).toEqual([['cases', 1, null, 'column.office']]);

    const raw = readGridWorkbook(withTemplateSheets({ ケース: values }));
    expect(raw.sheets.cases!.map((r) => Object.keys(r))).toEqual([
      ['caseId', 'receivedOn', 'referralSource', 'window', 'domains', 'area', 'consent', 'stage'],
      ['caseId', 'receivedOn', 'referralSource', 'window', 'domains', 'area', 'consent', 'stage'],
    ]);
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
    expect(issues).toEqual([]);
    expect(otherNotices(read.notices).map(brief)).toEqual([['cases', 1, null, 'column.office']]);
    expect(read.notices[0]!.message).toBe(
      '「ケース」シートの「No.」「連番」「備考」列は台帳の項目ではないため、読み込んでいません（集計・同期・書き出しには使いません）。',
    );
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001', 'K-2025-0002']);
    expect(JSON.stringify(read.registry)).not.toMatch(/電話で初回相談|来所|A-1/);

    // The template's own headers: no notice.
    const plain = checkGrid(withTemplateSheets({ ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')] }));
    expect(otherNotices(plain.read.notices)).toEqual([]);
  });

  test('a header twice: one column.duplicate issue naming both columns, the first one read', () => {
    const header = [...CASE_HEADERS, '受付日']; // B and I
    const values = [
      header,
      [...caseCells('K-2025-0001', '2025-04-01'), '2025-05-01'],
      [...caseCells('K-2025-0002', '2025-04-02'), 'いつか'],
    ];
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
    expect(issues.map(brief)).toEqual([['cases', 1, 'receivedOn', 'column.duplicate']]);
    expect(issues[0]!.message).toBe(
      '「ケース」シート 1行目: 見出し「受付日」がB列とI列の2か所にあります。どちらかの見出しを消すか名前を変えてください（B列を読み、I列は読んでいません）。',
    );
    // Column I is not read: its 「いつか」 is no value.date, and it is no office column either.
    expect(read.registry.cases.map((c) => c.receivedOn)).toEqual(['2025-04-01', '2025-04-02']);
    expect(otherNotices(read.notices)).toEqual([]);
    // Once is fine.
    expect(checkGrid(withTemplateSheets({ ケース: [CASE_HEADERS, values[1]!.slice(0, 8)] })).issues).toEqual([]);
  });

  test('a required header missing: one column.missing issue and a warning; the figures needing it leave every row out', () => {
    const full = [...CASE_HEADERS, '終結日', '終結理由'];
    const rows = [
      ['K-2025-0001', '2025-04-01', '本人', '地域包括支援センター', '高齢', '東', '未確認', '受付'],
      ['K-2025-0002', '2025-05-01', '本人', '地域包括支援センター', '高齢', '西', '未確認', '支援中'],
      [
        'K-2025-0003',
        '2025-06-01',
        '本人',
        '地域包括支援センター',
        '高齢',
        '東',
        '未確認',
        '終結',
        '2025-09-01',
        '課題解決',
      ],
    ];
    // With 受付日: three new cases, two open at the year's end, one closed; nothing left out.
    const whole = checkGrid(withTemplateSheets({ ケース: [full, ...rows] }));
    expect(whole.issues).toEqual([]);
    const before = computeIndicators(whole.read.registry, FY2025, whole.read);
    expect([
      before.indicators['cases.new'],
      before.indicators['cases.active'],
      before.indicators['cases.closed'],
    ]).toEqual([3, 2, 1]);
    expect(before.leftOut['cases.new']).toBe(0);

    // Without the 受付日 column (B).
    const drop = (r: unknown[]) => r.filter((_, i) => i !== 1);
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: [drop(full), ...rows.map(drop)] }));
    expect(issues.map(brief)).toEqual([['cases', 1, 'receivedOn', 'column.missing']]);
    expect(read.warnings).toEqual([
      '「ケース」シートに必須の見出し「受付日」がないため、この列を使う集計からこのシートの行を除外しています。',
    ]);
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001', 'K-2025-0002', 'K-2025-0003']);
    const doc = computeIndicators(read.registry, FY2025, read);
    // The read's warnings first, then the optional columns the figures count and the sheet lacks.
    expect(doc.warnings.slice(0, read.warnings.length)).toEqual(read.warnings);
    expect(doc.warnings.slice(read.warnings.length)).toEqual([
      expect.stringMatching(
        /^「ケース」シートに見出し「課題」「年代」「性別」「同意日」「同意撤回日」「プラン作成日」がないため/,
      ),
    ]);
    // 新規相談件数 and 支援中ケース数 need 受付日: every row left out, none counted.
    expect([doc.indicators['cases.new'], doc.leftOut['cases.new']]).toEqual([0, 3]);
    expect([doc.indicators['cases.active'], doc.leftOut['cases.active']]).toEqual([0, 3]);
    expect(doc.leftOut['cases.new.byDomain']).toBe(3);
    // 終結件数 needs only 終結日: still counted.
    expect([doc.indicators['cases.closed'], doc.leftOut['cases.closed']]).toEqual([1, 0]);
    expect([doc.indicators['cases.closed.byReason.課題解決'], doc.leftOut['cases.closed.byReason']]).toEqual([1, 0]);
    expect(doc.indicators['data.excludedRows']).toBe(3);
  });
});

describe('optional columns a sheet lacks (column.absent)', () => {
  const donationsWith = (weightHeader: string) =>
    checkGrid(
      withTemplateSheets({
        寄付: [
          [...templateHeader('donations').slice(0, 5), weightHeader],
          ['D-1', '2025-05-01', '企業', '', '', 12.5],
          ['D-2', '2025-06-01', '個人', '', '', 7],
        ],
      }),
    );

  test('「重量」 typed for 「重量(kg)」: a notice naming it, and every figure that counts it says so; not a silent 0', () => {
    const right = donationsWith('重量(kg)');
    expect(computeIndicators(right.read.registry, FY2025, right.read).indicators['donations.weightKg']).toBe(19.5);

    const { issues, read } = donationsWith('重量');
    expect(issues).toEqual([]);
    expect(read.notices.map(brief)).toEqual([
      ['donations', 1, null, 'column.office'],
      ['donations', 1, 'weightKg', 'column.absent'],
    ]);
    expect(read.notices[1]!.message).toBe(
      '「寄付」シートに見出し「重量(kg)」がありません（空欄として読みます）。「重量」列が「重量(kg)」にあたるなら、見出しを「重量(kg)」に変えてください。',
    );
    const doc = computeIndicators(read.registry, FY2025, read);
    expect(doc.indicators['donations.weightKg']).toBe(0);
    expect(doc.warnings).toEqual([
      '「寄付」シートに見出し「重量(kg)」がないため、この列を使う数字（寄付重量(kg)）は空欄として集計しています。「重量」列が「重量(kg)」にあたるなら、見出しを「重量(kg)」に変えてください。',
    ]);
  });

  test('「終了日」 for 「終結日」: open and closed cases would swap silently; the figures name it', () => {
    const header = [...CASE_HEADERS, '終了日', '終結理由'];
    const closed = [...caseCells('K-2025-0001', '2025-04-01'), '2025-09-01', '課題解決'];
    const { read } = checkGrid(withTemplateSheets({ ケース: [header, closed] }));
    const absent = read.notices.find((n) => n.code === 'column.absent')!;
    expect(absent.message).toContain('「終了日」列が「終結日」にあたるなら、見出しを「終結日」に変えてください。');
    const warning = computeIndicators(read.registry, FY2025, read).warnings.find((w) => w.includes('「終結日」'))!;
    expect(warning).toMatch(
      /^「ケース」シートに見出し「終結日」がないため、この列を使う数字（支援中ケース数、うち本人同意あり、終結件数など）は空欄として集計しています。「終了日」列が「終結日」にあたるなら、見出しを「終結日」に変えてください。$/,
    );
    expect(warning).toContain('「終了日」列が「終結日」にあたるなら');
  });

  test('columns no figure counts (受付方法, 世帯人数) are noticed but do not warn; PII and free text are never asked for', () => {
    const { read } = checkGrid(withTemplateSheets({ ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')] }));
    const notice = read.notices.find((n) => n.code === 'column.absent')!;
    expect(notice.message).toContain('「受付方法」');
    expect(notice.message).toContain('「世帯人数」');
    expect(notice.message).not.toMatch(/氏名|連絡先|住所|メモ/);
    const warnings = computeIndicators(read.registry, FY2025, read).warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/受付方法|世帯人数|多機関協働/);
    // The template's own headers: nothing absent, no notice, no warning.
    const { read: full } = checkGrid(withTemplateSheets({}));
    expect(full.notices).toEqual([]);
    expect(computeIndicators(full.registry, FY2025, full).warnings).toEqual([]);
  });
});

test('a rule that fires on every row only because its column is absent is one issue naming the rows', () => {
  const header = [...CASE_HEADERS, '終了日', '終結理由'];
  const closed = (id: string) => [...caseCells(id, '2025-04-01').slice(0, 7), '終結', '2025-09-01', '課題解決'];
  const values = [
    header,
    closed('K-2025-0001'),
    closed('K-2025-0002'),
    caseCells('K-2025-0003', '2025-04-01'),
    closed('K-2025-0004'),
  ];
  const { issues } = checkGrid(withTemplateSheets({ ケース: values }));
  expect(issues.map(brief)).toEqual([['cases', 2, 'closedOn', 'closure']]);
  expect(issues[0]!.message).toBe(
    '「ケース」シートに見出し「終結日」がないため、2〜3、5行目（3行）について: 支援状況が「終結」のときは終結日が必要です。「終了日」列が「終結日」にあたるなら、見出しを「終結日」に変えてください。',
  );
});

describe('rows that are no record', () => {
  test('a 記入例, the header again, rows a formula filled with 0 or #N/A: no records, no faults, one notice each', () => {
    const header = [...CASE_HEADERS, '氏名', '世帯人数', '終結日'];
    const values = [
      header,
      [...caseCells('K-2025-0000', '2025-04-01'), '記入例 花子', 2, ''], // 2: an example by its 氏名
      [...caseCells('K-2025-0001', '2025-04-01'), '', 3, 0], // 3: a case; 終結日 0 is no date yet
      header, // 4: the header again (a printed page's)
      ['K-2025-0002', '', '', '', '', '', '', '', '', 0, '#N/A'], // 5: an id and what formulas left
      ['', '', '', '', '', '', '', '', '', 0, ''], // 6: no id, a 0
      ['#N/A', '', '', '', '', '', '', '', '', '', '－'], // 7
      ['', '', '', '', '', '', '', '', false, false, ''], // 8: unticked checkboxes inserted down a column
      [...caseCells('K-2025-0003', '2025-05-01'), '', '', ''], // 9: a case
    ];
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
    expect(issues).toEqual([]);
    expect(read.registry.cases.map((c) => [c.caseId, c.closedOn])).toEqual([
      ['K-2025-0001', undefined],
      ['K-2025-0003', undefined],
    ]);
    expect(otherNotices(read.notices).map((n) => [n.code, n.row, n.message])).toEqual([
      ['row.example', 2, '「ケース」シートの2行目は記入例のため、読み込んでいません。'],
      ['row.header', 4, '「ケース」シートの4行目は見出しの繰り返しのため、読み込んでいません。'],
      [
        'row.blank',
        5,
        '「ケース」シートの5〜8行目（4行）は「ケースID」のほかに値がない（空欄か、数式の 0・エラーや未チェックのチェックボックスだけの）ため、空の行として読み込んでいません。',
      ],
    ]);
  });

  test('a total, a count and 以下余白 under the rows: no records, no faults, one notice; a word with a date or a name is a row', () => {
    const header = [...CASE_HEADERS, '世帯人数'];
    const blank = header.map(() => '');
    const at = (i: number, v: unknown, row: unknown[] = blank) => row.map((x, j) => (j === i ? v : x));
    const values = [
      header,
      [...caseCells('K-2025-0001', '2025-04-01'), 3],
      at(header.length - 1, 321, at(0, '合計')), // 3: 合計 and a SUBTOTAL under 世帯人数
      at(1, '1900-07-18', at(0, '件 数')), // 4: 件数 and a COUNTA under 受付日 (a day of 1900)
      at(2, '以下余白'), // 5: the close of a printed form, in another column
      at(0, '計'), // 6
      [...caseCells('K-2025-0002', '2025-04-02'), 2],
      at(0, '合計', at(2, '本人')), // 8: 合計 with a word of a case: a row (its faults said)
    ];
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001', 'K-2025-0002', '合計']);
    expect(issues.every((i) => i.row === 8)).toBe(true);
    expect(otherNotices(read.notices).map((n) => [n.code, n.row, n.message])).toEqual([
      ['row.total', 3, '「ケース」シートの3〜6行目は合計・件数・「以下余白」の行のため、読み込んでいません。'],
    ]);
  });

  test('a 設定 list left empty (関係機関): one issue naming the rows, not one per row; a single row keeps its own', () => {
    const header = [...CASE_HEADERS, '主担当機関'];
    const rows = [1, 2, 3, 4].map((n) => [...caseCells(`K-2025-000${n}`, '2025-04-01'), n === 3 ? '' : '社協']);
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: [header, ...rows] }));
    expect(issues.map((i) => [i.row, i.column, i.code, i.message])).toEqual([
      [
        2,
        'leadAgency',
        'value.list',
        '「ケース」シート 2〜3、5行目（3行）「主担当機関」: 「設定」シートの「関係機関」が空のため、値を確かめられません。「設定」シートの「関係機関」に一覧を入力してください（アドオンの「台帳を初期設定」で台帳の値から作れます）。',
      ],
    ]);
    // Each row's cell is still unreadable for the figures that read it.
    expect(read.faults.cases.filter((f) => f?.has('leadAgency'))).toHaveLength(3);
    const one = checkGrid(withTemplateSheets({ ケース: [header, rows[0]!] }));
    expect(one.issues.map((i) => i.message)).toEqual([
      '「ケース」シート 2行目「主担当機関」: 「設定」シートの「関係機関」が空欄です（「社協」）。「設定」シートの「関係機関」に登録してください。',
    ]);
  });

  test('a row with data is read, whatever it holds besides: an error value in its id is its fault', () => {
    const values = [CASE_HEADERS, ['#N/A', ...caseCells('', '2025-04-01').slice(1)]];
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: values }));
    expect(issues.map(brief)).toEqual([['cases', 2, 'caseId', 'value.error']]);
    expect(read.registry.cases).toHaveLength(1);
  });
});

describe('a header typed twice', () => {
  test('the figures say which column they read: a hidden empty 受付日 on the left no longer makes a silent 0', () => {
    const header = ['受付日', ...CASE_HEADERS]; // A (empty, hidden in the office's file) and C
    const row = ['', ...caseCells('K-2025-0001', '2025-04-01')];
    const { issues, read } = checkGrid(withTemplateSheets({ ケース: [header, row] }));
    expect(issues.map(brief)).toEqual([
      ['cases', 1, 'receivedOn', 'column.duplicate'],
      ['cases', 2, 'receivedOn', 'value.required'],
    ]);
    const doc = computeIndicators(read.registry, FY2025, read);
    expect(doc.warnings[0]).toBe(
      '「ケース」シート 1行目: 見出し「受付日」がA列とC列の2か所にあります。どちらかの見出しを消すか名前を変えてください（A列を読み、C列は読んでいません）。',
    );
  });
});

describe('sheets by name', () => {
  const ALL = [
    'ケース',
    '会議',
    '検討ケース',
    '支援記録',
    '居場所・拠点',
    'プラットフォーム参加団体',
    'フードドライブ参画団体',
    '寄付',
  ];
  const without = (...names: string[]) => ALL.filter((n) => !names.includes(n));
  const nearOf = (names: string[]) => Object.fromEntries(findSheets(names).missing.map((m) => [m.key, m.near]));

  test('検討ケース一覧 is the near name of 検討ケース, not of ケース', () => {
    const found = findSheets(['検討ケース一覧', ...without('検討ケース', 'ケース'), '設定']);
    expect(found.missing).toEqual([
      { key: 'cases', near: undefined },
      { key: 'meetingCases', near: '検討ケース一覧' },
    ]);
    const issue = found.issues.find((i) => i.sheet === 'meetingCases')!;
    expect(brief(issue)).toEqual(['meetingCases', null, null, 'sheet.missing']);
    expect(issue.message).toBe(
      '「検討ケース」シートがありません。「検討ケース一覧」シートがそれにあたるなら、シート名を「検討ケース」に変えてください（今は読んでいません）。',
    );
    expect(found.issues.find((i) => i.sheet === 'cases')!.message).not.toContain('検討ケース一覧');
  });

  test('支援記録（R7） is the near name of 支援記録, 会議録 of 会議', () => {
    expect(nearOf(['支援記録（R7）', '会議録', ...without('支援記録', '会議')])).toEqual({
      activities: '支援記録（R7）',
      meetings: '会議録',
    });
    // Named as the contract names them, they are found, and nothing is missing.
    expect(findSheets(ALL).missing).toEqual([]);
  });

  test('the sheets kasane writes or keeps for itself are never near names', () => {
    const own = ['指標', '月次集計', '検証結果', '_lists', '準備シート'];
    const found = findSheets(own);
    expect(found.found.size).toBe(0);
    expect(found.missing.map((m) => m.near)).toEqual(Array(8).fill(undefined));
    for (const i of found.issues) expect(i.message).not.toMatch(/指標|月次集計|検証結果|_lists|準備シート/);
  });

  test('a trailing space and full- or half-width variants are the sheet itself', () => {
    const names = [
      'ケース ',
      '会議\u3000',
      '検討ｹｰｽ',
      '支援記録',
      '居場所･拠点',
      'ﾌﾟﾗｯﾄﾌｫｰﾑ参加団体',
      'フードドライブ参画団体',
      '寄付',
      'settings',
    ];
    const found = findSheets(names);
    expect(found.issues).toEqual([]);
    expect(found.missing).toEqual([]);
    expect([...found.found.values()]).toEqual(names.slice(0, 8));
    expect(found.settings).toBe('settings');
    // … and its rows are read.
    const { issues, read } = checkGrid(
      withTemplateSheets({ 'ケース ': [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')] }),
    );
    expect(issues).toEqual([]);
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001']);
  });

  test('two sheets for one contract sheet: one sheet.duplicate issue, the first read', () => {
    const sheets = [
      ...grid({ ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')] }),
      ...grid({ 'ケース ': [CASE_HEADERS, caseCells('K-2025-0099', '2025-04-01')] }),
      ...withTemplateSheets({ ケース: [] }).filter((s) => s.name !== 'ケース'), // the other sheets and 設定
    ];
    const { issues, read } = checkGrid(sheets);
    expect(issues.map(brief)).toEqual([['cases', null, null, 'sheet.duplicate']]);
    expect(issues[0]!.message).toBe(
      '「ケース」にあたるシートが「ケース」と「ケース 」の2つあります。1つにまとめてください（「ケース」を読み、「ケース 」は読んでいません）。',
    );
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001']);
  });

  test('a copy or an archive beside the sheet (ケース (2), ケース（R6）) is not read, and said once each', () => {
    const found = findSheets(['ケース', 'ケース (2)', 'ケース（R6）', '検討ケース', '検討ケース一覧', '指標', 'メモ']);
    expect(found.issues.filter((i) => i.code !== 'sheet.missing')).toEqual([]);
    expect(found.notices.map((n) => [n.sheet, n.code, n.message])).toEqual([
      [
        'cases',
        'sheet.extra',
        '「ケース (2)」シートは読んでいません（台帳は「ケース」シートを読みます）。集計に入れる行があるなら、「ケース」シートに移してください。',
      ],
      [
        'cases',
        'sheet.extra',
        '「ケース（R6）」シートは読んでいません（台帳は「ケース」シートを読みます）。集計に入れる行があるなら、「ケース」シートに移してください。',
      ],
      [
        'meetingCases',
        'sheet.extra',
        '「検討ケース一覧」シートは読んでいません（台帳は「検討ケース」シートを読みます）。集計に入れる行があるなら、「検討ケース」シートに移してください。',
      ],
    ]);
    // Named as the likely rename of a missing sheet, it is in that warning instead.
    expect(findSheets(['ケース', '検討ケース一覧']).notices).toEqual([]);
    const { read } = checkGrid(
      withTemplateSheets({ 'ケース (2)': [CASE_HEADERS, caseCells('K-2025-0009', '2025-04-01')] }),
    );
    expect(read.notices.map((n) => n.code)).toContain('sheet.extra');
    expect(read.registry.cases.map((c) => c.caseId)).not.toContain('K-2025-0009');
  });

  test('a sheet of any name holding a contract sheet’s rows is named, and every figure says its rows are not in it', () => {
    const memberHeader = templateHeader('platformMembers');
    const member = ['P-01', 'ひなた会', 'NPO法人', '東', '2024-04-01'];
    const { issues, read } = checkGrid(
      withTemplateSheets({
        ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')],
        // Last year's cases, under a title, in a sheet whose name says nothing of ケース.
        R6年度分: [['令和6年度'], CASE_HEADERS, caseCells('K-2024-0001', '2024-05-01')],
        // Named like a copy, with rows: the notice it had, and a warning now.
        'ケース (2)': [CASE_HEADERS, caseCells('K-2025-0009', '2025-04-01')],
        // An empty copy, a sheet of notes, a copy of the header alone: a notice at most, no warning.
        'ケース (3)': [CASE_HEADERS],
        メモ: [['5月分は課長確認済み']],
        様式: [CASE_HEADERS],
        // The template's empty 「プラットフォーム参加団体」, and the members in a sheet of their own name.
        PF参加団体: [memberHeader, member.slice(0, memberHeader.length)],
      }),
    );
    expect(issues).toEqual([]);
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001']);
    expect(read.notices.filter((n) => n.code === 'sheet.extra').map((n) => n.message)).toEqual([
      '「ケース (3)」シートは読んでいません（台帳は「ケース」シートを読みます）。集計に入れる行があるなら、「ケース」シートに移してください。',
      '「R6年度分」シートは読んでいません（台帳は「ケース」シートを読みます）。集計に入れる行があるなら、「ケース」シートに移してください。',
      '「ケース (2)」シートは読んでいません（台帳は「ケース」シートを読みます）。集計に入れる行があるなら、「ケース」シートに移してください。',
      '「PF参加団体」シートは読んでいません（台帳は「プラットフォーム参加団体」シートを読みます）。集計に入れる行があるなら、「プラットフォーム参加団体」シートに移してください。',
    ]);
    expect(read.warnings).toEqual([
      '「R6年度分」シートの行（「ケース」と同じ見出し）は集計に入っていません。集計に入れる行なら「ケース」シートに移してください。',
      '「ケース (2)」シートの行（「ケース」と同じ見出し）は集計に入っていません。集計に入れる行なら「ケース」シートに移してください。',
      '「PF参加団体」シートの行（「プラットフォーム参加団体」と同じ見出し）は集計に入っていません。集計に入れる行なら「プラットフォーム参加団体」シートに移してください。',
    ]);
    expect(read.publicWarnings[0]).toBe('「R6年度分」シートの行（「ケース」と同じ見出し）は集計に入っていません。');
    expect(computeIndicators(read.registry, FY2025, read).warnings.slice(0, 3)).toEqual(read.warnings);
  });

  test('a copy of a sheet’s rows (a print sheet of formulas, a duplicated tab) is no uncounted rows: a notice, no warning', () => {
    const rows = [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01'), caseCells('K-2025-0002', '2025-04-02')];
    const { read } = checkGrid(
      withTemplateSheets({ ケース: rows, 印刷用: [['相談受付台帳（印刷用）'], ...rows.map((r) => [...r])] }),
    );
    expect(read.warnings).toEqual([]);
    expect(read.notices.filter((n) => n.code === 'sheet.extra').map((n) => n.message)).toEqual([
      '「印刷用」シートは読んでいません（台帳は「ケース」シートを読みます）。集計に入れる行があるなら、「ケース」シートに移してください。',
    ]);
  });

  test('「設定一覧」 for 「設定」: the missing 設定 names it', () => {
    const sheets = withTemplateSheets({ ケース: [CASE_HEADERS] }).map((s) =>
      s.name === '設定' ? { ...s, name: '設定一覧' } : s,
    );
    const { issues } = checkGrid(sheets);
    expect(issues.filter((i) => i.sheet === 'settings').map((i) => i.message)).toEqual([
      '「設定」シートがありません。「設定一覧」シートがそれにあたるなら、シート名を「設定」に変えてください（今は設定の既定値で集計しています）。',
    ]);
  });

  test('a missing sheet is named after the sheet that has its headers, when no name comes near', () => {
    const { issues, read } = checkGrid(
      withTemplateSheets({ 相談受付台帳: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')], ケース: [] }).filter(
        (s) => s.name !== 'ケース',
      ),
    );
    expect(issues.filter((i) => i.code === 'sheet.missing').map((i) => i.message)).toEqual([
      '「ケース」シートがありません。「相談受付台帳」シートがそれにあたるなら、シート名を「ケース」に変えてください（今は読んでいません）。',
    ]);
    expect(read.warnings[0]).toBe(
      '「ケース」シートがないため、このシートの行は0件として集計しています。「相談受付台帳」シートがそれにあたるなら、名前を「ケース」に変えてください。',
    );
  });

  test('a renamed sheet is not read, and the figures say so', () => {
    const sheets = withTemplateSheets({
      '支援記録（R7）': [templateHeader('activities'), ['A-2025-00001', 'K-2025-0001', '2025-04-03', 'アウトリーチ']],
      ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')],
    }).filter((s) => s.name !== '支援記録');
    const { issues, read } = checkGrid(sheets);
    expect(issues.map(brief)).toEqual([['activities', null, null, 'sheet.missing']]);
    expect(read.registry.activities).toEqual([]);
    expect(read.warnings).toEqual([
      '「支援記録」シートがないため、このシートの行は0件として集計しています。「支援記録（R7）」シートがそれにあたるなら、名前を「支援記録」に変えてください。',
    ]);
    expect(computeIndicators(read.registry, FY2025, read).warnings.slice(0, 1)).toEqual(read.warnings);
  });

  test('a renamed ケース: one sheet.missing issue, not a ref.missing for every row that names a case', () => {
    const activity = (n: number) => [`A-2025-0000${n}`, 'K-2025-0001', '2025-04-03', 'アウトリーチ'];
    const sheets = withTemplateSheets({
      'ケース（R7）': [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')],
      支援記録: [templateHeader('activities'), activity(1), activity(2), activity(3)],
    }).filter((s) => s.name !== 'ケース');
    const { issues, read } = checkGrid(sheets);
    expect(issues.map(brief)).toEqual([['cases', null, null, 'sheet.missing']]);
    expect(read.registry.activities).toHaveLength(3);
    // With the sheet back under its name, a reference to a case it lacks is still one issue per row.
    const { issues: named } = checkGrid(
      withTemplateSheets({
        ケース: [CASE_HEADERS, caseCells('K-2025-0002', '2025-04-01')],
        支援記録: [templateHeader('activities'), activity(1), activity(2)],
      }),
    );
    expect(named.map(brief)).toEqual([
      ['activities', 2, 'caseId', 'ref.missing'],
      ['activities', 3, 'caseId', 'ref.missing'],
    ]);
  });

  test('a ケース sheet without its ケースID header: the missing header once, no ref.missing per row', () => {
    const sheets = withTemplateSheets({
      ケース: [CASE_HEADERS.slice(1), caseCells('K-2025-0001', '2025-04-01').slice(1)],
      支援記録: [templateHeader('activities'), ['A-2025-00001', 'K-2025-0001', '2025-04-03', 'アウトリーチ']],
    });
    const { issues } = checkGrid(sheets);
    expect(issues.filter((i) => i.code === 'ref.missing')).toEqual([]);
    expect(issues.map(brief)).toContainEqual(['cases', 1, 'caseId', 'column.missing']);
  });

  test('「設定」 missing: a SETTINGS_MISSING issue, and a warning that the settings take their defaults', () => {
    const sheets = withTemplateSheets({ ケース: [CASE_HEADERS, caseCells('K-2025-0001', '2025-04-01')] });
    expect(checkGrid(sheets).issues).toEqual([]);

    const { issues, read } = checkGrid(sheets.filter((s) => s.name !== '設定'));
    expect(issues).toEqual([SETTINGS_MISSING]);
    expect(read.warnings).toEqual([
      '「設定」シートがないため、設定（年度開始月・一覧・人口など）は既定値で集計しています。',
    ]);
    expect(read.registry.settings.areas).toEqual(['東', '西']);
    expect(read.registry.cases).toHaveLength(1);
  });
});
