import { readRegistry } from '../../core/registry/read';
import { generateSampleRegistry } from '../../core/sample';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import { buildTemplateXlsx } from '../../sheets-templates/xlsx/template';
import { writeRegistryXlsx } from '../../sheets-templates/xlsx/write-xlsx';
import JSZip from 'jszip';
import { CASE_HEADERS, caseRow, utcDate, withAllSheets, workbook } from './helpers';
import { computeIndicators } from '../../core/indicators';
import { fiscalYear, month } from '../core/indicators/builders';
import { MID_YEAR, TOWN, TOWN_EXPECTED } from '../fixtures/town';
import { cleanXlsx, officeXlsx } from '../fixtures/office';

async function readOk(bytes: Buffer) {
  const r = await readRegistryXlsx(bytes);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.raw;
}

describe('round trip: template filled with a registry, read back', () => {
  test.each([
    [0, 1],
    [300, 4],
    [3000, 8], // sheets large enough that exceljs's stream chunks split Japanese characters
  ])('%i cases (seed %i): the same records, no issues, real row numbers', async (cases, seed) => {
    const reg = generateSampleRegistry({ cases, seed });
    const raw = await readOk(await writeRegistryXlsx(reg));
    const read = readRegistry(raw);
    expect(read.issues).toEqual([]);
    expect(read.registry).toEqual(reg);
    expect(read.rows.cases.rows.slice(0, 3)).toEqual(cases ? [2, 3, 4] : []);
  });

  test('the empty template reads as an empty registry with default settings', async () => {
    const raw = await readOk(await buildTemplateXlsx());
    const read = readRegistry(raw);
    expect(read.issues).toEqual([]);
    expect(read.registry.cases).toEqual([]);
    expect(read.registry.settings.areas).toEqual(['東', '西']);
    expect(read.registry.settings.suppressionThreshold).toBe(5);
    expect(raw.sheets.cases).toEqual([]);
  });

  test('cells as written: dates as date cells, multi-values with 、, booleans TRUE/FALSE', async () => {
    const reg = generateSampleRegistry({ cases: 5, seed: 2 });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeRegistryXlsx(reg)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('ケース')!;
    const c = reg.cases[0]!;
    expect(ws.getCell('A2').value).toBe(c.caseId);
    expect(ws.getCell('B2').value).toEqual(
      utcDate(Number(c.receivedOn!.slice(0, 4)), Number(c.receivedOn!.slice(5, 7)), Number(c.receivedOn!.slice(8, 10))),
    );
    expect(ws.getCell('F2').value).toBe(c.domains!.join('、'));
    const m = reg.meetings.findIndex((x) => x.type === '支援会議');
    expect(wb.getWorksheet('会議')!.getCell(`G${m + 2}`).value).toBe(true);
  });
});

describe('readRegistryXlsx: cell values', () => {
  test('date cells and written dates (era, slashes, serials) read as the same ISO day', async () => {
    const bytes = await workbook(
      withAllSheets([
        {
          name: 'ケース',
          dateColumns: [2],
          rows: [
            CASE_HEADERS,
            caseRow('K-2024-0001', '令和6年4月1日'),
            caseRow('K-2024-0002', 'R6.4.1'),
            caseRow('K-2024-0003', '2024/4/1'),
            caseRow('K-2024-0004', utcDate(2024, 4, 1)),
            caseRow('K-2024-0005', utcDate(2024, 4, 1, 23, 30)), // a date-time cell: the day counts
            caseRow('K-2024-0006', 45383), // a serial number in a cell without date format
            caseRow('K-2024-0007', '令和元年5月1日'),
            caseRow('K-2024-0008', '2024-04-01'),
            caseRow('K-2024-0009', utcDate(2025, 3, 31)),
          ],
        },
      ]),
    );
    const raw = await readOk(bytes);
    const read = readRegistry(raw);
    expect(read.issues).toEqual([]);
    expect(read.registry.cases.map((c) => c.receivedOn)).toEqual([
      '2024-04-01',
      '2024-04-01',
      '2024-04-01',
      '2024-04-01',
      '2024-04-01',
      '2024-04-01',
      '2019-05-01',
      '2024-04-01',
      '2025-03-31',
    ]);
  });

  test('rich text, formula results, hyperlinks, booleans and multi-values become plain values', async () => {
    const headers = [...CASE_HEADERS, '担当者', '世帯人数', '主担当機関', '多機関協働', '課題'];
    const bytes = await workbook(
      withAllSheets([
        {
          name: 'ケース',
          rows: [
            headers,
            caseRow('K-2024-0001', '2024-04-01', [
              { richText: [{ text: '相談員' }, { font: { bold: true }, text: 'A' }] },
              { formula: '1+1', result: 2 },
              { text: 'かさね町社会福祉協議会', hyperlink: 'https://example.invalid/' },
              true,
              'ひきこもり、8050',
            ]),
            caseRow('K-2024-0002', '2024-04-02', [undefined, undefined, undefined, false, '住まい,孤独・孤立']),
            // LibreOffice saves booleans as formulas; exceljs drops a formula's falsy result
            caseRow('K-2024-0003', '2024-04-03', [
              undefined,
              undefined,
              undefined,
              { formula: 'FALSE()', result: false },
            ]),
            caseRow('K-2024-0004', '2024-04-04', [undefined, undefined, undefined, { formula: '1>2', result: false }]),
            caseRow('K-2024-0005', '2024-04-05', [
              undefined,
              { formula: 'TRUE()', result: true },
              undefined,
              { formula: 'TRUE()', result: true },
            ]),
          ],
        },
      ]),
    );
    const raw = await readOk(bytes);
    expect(raw.sheets.cases![0]).toMatchObject({
      staff: '相談員A',
      householdSize: 2,
      leadAgency: 'かさね町社会福祉協議会',
      multiAgency: true,
      issues: 'ひきこもり、8050',
    });
    // 担当者 and 主担当機関 are chosen from 「設定」's lists: the office's own values.
    const read = readRegistry({ ...raw, settings: { staff: ['相談員A'], agencies: ['かさね町社会福祉協議会'] } });
    expect(read.issues).toEqual([]);
    expect(read.registry.cases[0]).toMatchObject({
      staff: '相談員A',
      householdSize: 2,
      multiAgency: true,
      issues: ['ひきこもり', '8050'],
    });
    expect(read.registry.cases[1]).toMatchObject({ multiAgency: false, issues: ['住まい', '孤独・孤立'] });
    expect(read.registry.cases.slice(2).map((c) => c.multiAgency)).toEqual([false, false, true]);
    expect(read.registry.cases[4]!.householdSize).toBe(1);
  });

  test('blank rows in the middle keep row numbers; trailing blank rows are dropped', async () => {
    const bytes = await workbook(
      withAllSheets([
        {
          name: 'ケース',
          rows: [
            CASE_HEADERS,
            caseRow('K-2024-0001', '2024-04-01'),
            ['', '  ', undefined, ''], // looks empty: only blanks
            caseRow('K-2024-0002', '2024-04-03'),
            ['K-2024-0003', '2024-04-04', '本人', undefined, '高齢', '東', '未確認', '受付'], // 受付窓口 missing
            ['', ''],
            [' '],
          ],
        },
      ]),
    );
    const raw = await readOk(bytes);
    expect(raw.sheets.cases).toHaveLength(4);
    expect(raw.sheets.cases![1]).toEqual({});
    const read = readRegistry(raw);
    expect(read.issues.map((i) => [i.row, i.column, i.code])).toEqual([[5, 'window', 'value.required']]);
    // The row without its 受付窓口 stays a record (sheet row 5), that cell marked unreadable.
    expect(read.rows.cases.rows).toEqual([2, 4, 5]);
    expect(read.registry.cases[2]).toMatchObject({ caseId: 'K-2024-0003', receivedOn: '2024-04-04' });
    expect(read.registry.cases[2]!.window).toBeUndefined();
    expect([...read.faults.cases[2]!]).toEqual(['window']);
  });

  test('headers may be the column keys; an unknown header is an office column, noticed once, never read', async () => {
    const bytes = await workbook(
      withAllSheets([
        {
          name: 'ケース',
          rows: [
            ['caseId', 'receivedOn', 'referralSource', 'window', 'domains', 'area', 'consent', 'stage', '備考', '予備'],
            caseRow('K-2024-0001', '2024-04-01', ['電話で連絡']),
            caseRow('K-2024-0002', '2024-04-02', [undefined, '予備の値']),
          ],
        },
      ]),
    );
    const raw = await readOk(bytes);
    // The office's columns never reach the rows …
    expect(raw.sheets.cases!.map((r) => Object.keys(r).filter((k) => !/^[a-zA-Z]+$/.test(k)))).toEqual([[], []]);
    expect(JSON.stringify(raw.sheets.cases)).not.toContain('電話で連絡');
    const read = readRegistry(raw);
    // … are no issue, but one notice for the sheet (not one per row, not one per column) …
    expect(read.issues).toEqual([]);
    // (The optional columns this sheet lacks are a notice of their own: column.absent.)
    expect(read.notices.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      ['cases', 1, null, 'column.office'],
      ['cases', 1, 'channel', 'column.absent'],
    ]);
    expect(read.notices[0]!.message).toContain('「備考」「予備」');
    // … and both cases read, with the keys as headers.
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2024-0001', 'K-2024-0002']);
    expect(read.registry.cases[1]).toMatchObject({ receivedOn: '2024-04-02', area: '東', stage: '受付' });
  });

  test('extra sheets, output sheets and the list helper are ignored; absent optional sheets are empty', async () => {
    const bytes = await workbook([
      { name: 'メモ', rows: [['なんでも'], ['自由に']] },
      { name: 'ケース', rows: [CASE_HEADERS, caseRow('K-2024-0001', '2024-04-01')] },
      {
        name: '指標',
        rows: [
          ['指標', '値'],
          ['新規相談', 1],
        ],
      },
      { name: '月次集計', rows: [['月'], ['2024-04']] },
      {
        name: '検証結果',
        rows: [
          ['シート', '行'],
          ['ケース', 2],
        ],
      },
      { name: '_lists', rows: [['エリア'], ['東']] },
    ]);
    const raw = await readOk(bytes);
    expect(Object.keys(raw.sheets)).toEqual(['cases']);
    expect(raw.unknownSheets).toBeUndefined();
    const read = readRegistry(raw);
    // Absent contract sheets are empty, each named once; 指標, 月次集計, 検証結果, _lists and メモ are
    // never offered as a renamed contract sheet.
    expect(read.issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      ...['meetings', 'meetingCases', 'activities', 'places', 'platformMembers', 'foodPartners', 'donations'].map(
        (k) => [k, null, null, 'sheet.missing'],
      ),
      ['settings', null, null, 'sheet.missing'],
    ]);
    for (const i of read.issues) expect(i.message).not.toMatch(/指標|月次集計|検証結果|_lists|メモ/);
    expect(read.issues[0]!.message).toBe(
      '「会議」シートがありません。テンプレート（kasane template）と同じ名前のシートを作ってください。',
    );
    expect(read.registry.cases).toHaveLength(1);
    expect(read.registry.meetings).toEqual([]);
    expect(read.warnings).toHaveLength(8);
    expect(read.warnings[0]).toBe(
      '「設定」シートがないため、設定（年度開始月・一覧・人口など）は既定値で集計しています。',
    );
  });

  test('「設定」 rows become settings: lists with 、, numbers, and lists used by the rows', async () => {
    const bytes = await workbook(
      withAllSheets([
        {
          name: 'ケース',
          rows: [
            CASE_HEADERS,
            ['K-2024-0001', '2024-04-01', '本人', '地域包括支援センター', '高齢', '北', '未確認', '受付'],
          ],
        },
        {
          name: '設定',
          rows: [
            ['項目', '値'],
            ['自治体名', 'かさね町'],
            ['エリア', '北、南'],
            [],
            ['人口', 12000],
            ['年度開始月', '4月'],
          ],
        },
      ]),
    );
    const raw = await readOk(bytes);
    expect(raw.settingsRows).toEqual([
      ['自治体名', 'かさね町'],
      ['エリア', '北、南'],
      [undefined, undefined],
      ['人口', 12000],
      ['年度開始月', '4月'],
    ]);
    const read = readRegistry(raw);
    expect(read.issues).toEqual([]);
    expect(read.registry.settings).toMatchObject({
      municipality: 'かさね町',
      areas: ['北', '南'],
      population: 12000,
      fiscalYearStartMonth: 4,
    });
  });
});

describe('readRegistryXlsx: workbooks as offices keep them', () => {
  test('a title row and a blank row above the header: issues carry the sheet row numbers', async () => {
    const bytes = await workbook(
      withAllSheets([
        {
          name: 'ケース',
          rows: [
            ['令和7年度 相談受付台帳'],
            [],
            ['No.', ...CASE_HEADERS, '備考'],
            [1, ...caseRow('K-2025-0001', '2025-04-01'), '初回は電話'],
            [2, ...caseRow('K-2025-0002', '2025-04-02x')], // sheet row 5: a date that cannot be read
            [3, ...caseRow('K-2025-0003', '2025-04-03')],
          ],
        },
      ]),
    );
    const read = readRegistry(await readOk(bytes));
    expect(read.issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      ['cases', 5, 'receivedOn', 'value.date'],
    ]);
    expect(read.issues[0]!.message).toMatch(/^「ケース」シート 5行目「受付日」: /);
    expect(read.rows.cases.rows).toEqual([4, 5, 6]);
    expect(read.registry.cases.map((c) => c.receivedOn)).toEqual(['2025-04-01', undefined, '2025-04-03']);
    expect(read.notices.map((n) => [n.sheet, n.row, n.code])).toEqual([
      ['cases', 3, 'column.office'],
      ['cases', 3, 'column.absent'],
    ]);
    expect(JSON.stringify(read.registry)).not.toContain('初回は電話');
  });

  test('ひなた町 as its office keeps it gives the figures of its clean twin, with one issue: 「3人」', async () => {
    const office = readRegistry(await readOk(await officeXlsx(TOWN)));
    const clean = readRegistry(await readOk(await cleanXlsx(TOWN)));
    expect(clean.issues).toEqual([]);
    expect(office.issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      // K-2025-0004 is the 8th case: sheet row 3 + 8 (title, blank, header above it).
      ['cases', 11, 'householdSize', 'value.integer'],
    ]);
    expect(office.notices.map((n) => [n.sheet, n.row, n.code])).toEqual([
      ['cases', 3, 'column.office'],
      ['meetings', 1, 'column.office'],
    ]);
    expect(office.warnings).toEqual([]);
    for (const period of [fiscalYear(2025), fiscalYear(2025, MID_YEAR), month('2025-05')]) {
      const a = computeIndicators(office.registry, period, office);
      expect(a.indicators).toEqual(computeIndicators(clean.registry, period, clean).indicators);
    }
    const fy = computeIndicators(office.registry, fiscalYear(2025), office).indicators;
    for (const [key, value] of Object.entries(TOWN_EXPECTED.fiscalYear2025))
      expect([key, fy[key]]).toEqual([key, value]);
  });
});

describe('readRegistryXlsx: how other programs store the parts', () => {
  async function rezip(bytes: Buffer, edit: (path: string, text: string) => string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(bytes);
    for (const path of Object.keys(zip.files)) {
      const f = zip.file(path);
      if (f && (path.endsWith('.xml') || path.endsWith('.rels'))) zip.file(path, edit(path, await f.async('string')));
    }
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  test('absolute part paths in the workbook relationships', async () => {
    const reg = generateSampleRegistry({ cases: 20, seed: 3 });
    const bytes = await rezip(await writeRegistryXlsx(reg), (path, text) =>
      path === 'xl/_rels/workbook.xml.rels'
        ? text.replace(/Target="(worksheets|sharedStrings)/g, 'Target="/xl/$1')
        : text,
    );
    expect((await JSZip.loadAsync(bytes)).file('xl/_rels/workbook.xml.rels')).not.toBeNull();
    const read = readRegistry(await readOk(bytes));
    expect(read.issues).toEqual([]);
    expect(read.registry).toEqual(reg);
  });

  test('the 1904 date system of old Mac workbooks', async () => {
    const plain = await workbook([{ name: 'ケース', rows: [CASE_HEADERS, caseRow('K-2024-0001', 43921)] }]);
    const bytes = await rezip(plain, (path, text) =>
      path === 'xl/workbook.xml' ? text.replace(/<workbookPr([^/]*)\/>/, '<workbookPr date1904="1"$1/>') : text,
    );
    const read = readRegistry(await readOk(bytes));
    expect(read.registry.cases[0]!.receivedOn).toBe('2024-04-01');
    expect(readRegistry(await readOk(plain)).registry.cases[0]!.receivedOn).toBe('2020-03-31');
  });
});

describe('readRegistryXlsx: what a workbook lacks is read and named, not refused', () => {
  const brief = (i: { sheet: string; row: number | null; column: string | null; code: string }) => [
    i.sheet,
    i.row,
    i.column,
    i.code,
  ];

  test('no ケース sheet: the other sheets are read, 「ケース」 is sheet.missing and the figures say so', async () => {
    const r = await readRegistryXlsx(
      await workbook([
        {
          name: '会議',
          rows: [
            ['会議ID', '開催日', '会議種別'],
            ['M-2024-0001', '2024-05-01', '地域ケア会議'],
          ],
        },
      ]),
    );
    if (!r.ok) throw new Error(r.message);
    const missing = r.raw.layout!.issues.filter((i) => i.code === 'sheet.missing');
    expect(missing.map((i) => i.sheet)).toEqual([
      'cases',
      'meetingCases',
      'activities',
      'places',
      'platformMembers',
      'foodPartners',
      'donations',
      'settings',
    ]);
    expect(missing[0]!.message).toContain('「ケース」シートがありません');
    const read = readRegistry(r.raw);
    expect(read.registry.meetings.map((m) => m.meetingId)).toEqual(['M-2024-0001']);
    expect(read.warnings).toContain(
      '「ケース」シートがないため、このシートの行は0件として集計しています。テンプレートと同じ名前のシートを作ってください。',
    );
  });

  test('no contract sheet at all is refused, naming the near names', async () => {
    const r = await readRegistryXlsx(
      await workbook([
        { name: 'メモ', rows: [['なんでも']] },
        { name: '検討ケース一覧', rows: [['会議ID', 'ケースID', '検討内容']] },
      ]),
    );
    expect(r).toEqual({ ok: false, code: 'sheet.missing', message: expect.stringContaining('1つもありません') });
    if (r.ok) return;
    expect(r.message).toContain('名前の近いシート: 「検討ケース一覧」');
    expect(r.message).not.toContain('「メモ」');
  });

  test('a required header missing: one column.missing issue for the sheet, its cells unreadable in every row', async () => {
    const headers = CASE_HEADERS.filter((h) => h !== '受付日');
    const rows = [headers, ['K-2024-0001', '本人', '地域包括支援センター', '高齢', '東', '未確認', '受付']];
    rows.push(['K-2024-0002', ...rows[1]!.slice(1)]);
    const r = await readRegistryXlsx(await workbook(withAllSheets([{ name: 'ケース', rows }])));
    if (!r.ok) throw new Error(r.message);
    expect(r.raw.layout!.issues.map(brief)).toEqual([['cases', 1, 'receivedOn', 'column.missing']]);
    expect(r.raw.layout!.issues[0]!.message).toContain('「ケース」シート');
    expect(r.raw.layout!.issues[0]!.message).toContain('「受付日」');
    const read = readRegistry(r.raw);
    // Reported once, for the sheet: not once per row.
    expect(read.issues.map(brief)).toEqual([['cases', 1, 'receivedOn', 'column.missing']]);
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2024-0001', 'K-2024-0002']);
    expect(read.faults.cases.map((f) => [...(f ?? [])])).toEqual([['receivedOn'], ['receivedOn']]);
    expect(read.warnings).toEqual([
      '「ケース」シートに必須の見出し「受付日」がないため、この列を使う集計からこのシートの行を除外しています。',
    ]);
  });

  test('a required header missing on an optional sheet', async () => {
    const r = await readRegistryXlsx(
      await workbook(
        withAllSheets([
          { name: 'ケース', rows: [CASE_HEADERS] },
          { name: '会議', rows: [['会議ID', '開催日', '出席者数']] },
        ]),
      ),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.raw.layout!.issues.map(brief)).toEqual([['meetings', 1, 'type', 'column.missing']]);
    expect(r.raw.layout!.issues[0]!.message).toContain('「会議種別」');
    expect(readRegistry(r.raw).warnings).toEqual([
      '「会議」シートに必須の見出し「会議種別」がないため、この列を使う集計からこのシートの行を除外しています。',
    ]);
  });

  test('a wholly empty sheet is an empty sheet: no header, no rows, no issue', async () => {
    const r = await readRegistryXlsx(
      await workbook(
        withAllSheets([
          { name: 'ケース', rows: [] },
          { name: '会議', rows: [] },
        ]),
      ),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.raw.layout!.issues).toEqual([]);
    const read = readRegistry(r.raw);
    expect(read.issues).toEqual([]);
    expect(read.registry.cases).toEqual([]);
  });

  test('rows without a header row in the first 10: the sheet is unreadable, said once, and warned', async () => {
    const rows = [
      ['令和7年度 相談受付台帳'],
      ...Array.from({ length: 11 }, (_, i) => caseRow(`K-2024-${String(i + 1).padStart(4, '0')}`, '2024-04-01')),
    ];
    const r = await readRegistryXlsx(await workbook(withAllSheets([{ name: 'ケース', rows }])));
    if (!r.ok) throw new Error(r.message);
    expect(r.raw.layout!.issues.map(brief)).toEqual([['cases', null, null, 'column.missing']]);
    expect(r.raw.layout!.issues[0]!.message).toContain('10行目までに見出しの行が見つかりません');
    expect(r.raw.sheets.cases).toEqual([]);
    const read = readRegistry(r.raw);
    expect(read.registry.cases).toEqual([]);
    expect(read.warnings).toEqual([
      '「ケース」シートの見出しの行が見つからないため、このシートの行は0件として集計しています。見出しの行を確かめてください。',
    ]);
  });

  test('a 設定 sheet without 項目 / 値: the settings take their defaults, with an issue and a warning', async () => {
    const r = await readRegistryXlsx(
      await workbook(
        withAllSheets([
          { name: 'ケース', rows: [CASE_HEADERS] },
          {
            name: '設定',
            rows: [
              ['名前', '中身'],
              ['エリア', '北'],
            ],
          },
        ]),
      ),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.raw.layout!.issues.map(brief)).toEqual([['settings', null, null, 'column.missing']]);
    expect(r.raw.layout!.issues[0]!.message).toContain('「項目」「値」');
    const read = readRegistry(r.raw);
    expect(read.registry.settings.areas).toEqual(['東', '西']);
    expect(read.warnings).toEqual([
      '「設定」シートの見出しを読めないため、設定（年度開始月・一覧・人口など）は既定値で集計しています。',
    ]);
  });

  test('not an XLSX at all, or a broken one', async () => {
    // a CSV is said to be one (file-kind.ts); other text is not an XLSX
    expect(await readRegistryXlsx(Buffer.from('caseId,receivedOn\n'))).toMatchObject({
      ok: false,
      code: 'format.csv',
    });
    expect(await readRegistryXlsx(Buffer.from('caseId\n'))).toMatchObject({ ok: false, code: 'format.invalid' });
    const good = await buildTemplateXlsx();
    const broken = Buffer.concat([good.subarray(0, 2000), Buffer.alloc(3000, 7)]);
    expect(await readRegistryXlsx(broken)).toMatchObject({ ok: false, code: 'format.invalid' });
  });
});
