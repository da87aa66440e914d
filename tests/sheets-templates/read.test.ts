import { readRegistry } from '../../core/registry/read';
import { generateSampleRegistry } from '../../core/sample';
import { readRegistryXlsx } from '../../sheets-templates/read-xlsx';
import { buildTemplateXlsx } from '../../sheets-templates/template';
import { writeRegistryXlsx } from '../../sheets-templates/write-xlsx';
import JSZip from 'jszip';
import { CASE_HEADERS, caseRow, utcDate, workbook } from './helpers';

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
      utcDate(Number(c.receivedOn.slice(0, 4)), Number(c.receivedOn.slice(5, 7)), Number(c.receivedOn.slice(8, 10))),
    );
    expect(ws.getCell('F2').value).toBe(c.domains.join('、'));
    const m = reg.meetings.findIndex((x) => x.type === '支援会議');
    expect(wb.getWorksheet('会議')!.getCell(`G${m + 2}`).value).toBe(true);
  });
});

describe('readRegistryXlsx: cell values', () => {
  test('date cells and written dates (era, slashes, serials) read as the same ISO day', async () => {
    const bytes = await workbook([
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
    ]);
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
    const bytes = await workbook([
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
    ]);
    const raw = await readOk(bytes);
    expect(raw.sheets.cases![0]).toMatchObject({
      staff: '相談員A',
      householdSize: 2,
      leadAgency: 'かさね町社会福祉協議会',
      multiAgency: true,
      issues: 'ひきこもり、8050',
    });
    const read = readRegistry(raw);
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
    const bytes = await workbook([
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
    ]);
    const raw = await readOk(bytes);
    expect(raw.sheets.cases).toHaveLength(4);
    expect(raw.sheets.cases![1]).toEqual({});
    const read = readRegistry(raw);
    expect(read.issues.map((i) => [i.row, i.column, i.code])).toEqual([[5, 'window', 'value.required']]);
    expect(read.rows.cases.rows).toEqual([2, 4]);
  });

  test('headers may be the column keys; an unknown header is reported by the row rules', async () => {
    const bytes = await workbook([
      {
        name: 'ケース',
        rows: [
          ['caseId', 'receivedOn', 'referralSource', 'window', 'domains', 'area', 'consent', 'stage', '備考', '予備'],
          caseRow('K-2024-0001', '2024-04-01', ['電話で連絡']),
          caseRow('K-2024-0002', '2024-04-02'),
        ],
      },
    ]);
    const read = readRegistry(await readOk(bytes));
    expect(read.issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      ['cases', 2, '備考', 'column.unknown'],
    ]);
    expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2024-0002']);
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
    expect(read.issues).toEqual([]);
    expect(read.registry.cases).toHaveLength(1);
    expect(read.registry.meetings).toEqual([]);
  });

  test('「設定」 rows become settings: lists with 、, numbers, and lists used by the rows', async () => {
    const bytes = await workbook([
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
    ]);
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

describe('readRegistryXlsx: clear errors', () => {
  test('no ケース sheet', async () => {
    const r = await readRegistryXlsx(await workbook([{ name: '会議', rows: [['会議ID', '開催日', '会議種別']] }]));
    expect(r).toEqual({
      ok: false,
      code: 'sheet.missing',
      message: expect.stringContaining('「ケース」シートがありません'),
    });
  });

  test('a required header missing, named with its sheet', async () => {
    const headers = CASE_HEADERS.filter((h) => h !== '受付日');
    const r = await readRegistryXlsx(await workbook([{ name: 'ケース', rows: [headers, ['K-2024-0001']] }]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('column.missing');
    expect(r.message).toContain('「ケース」シート');
    expect(r.message).toContain('「受付日」');
  });

  test('a required header missing on an optional sheet', async () => {
    const r = await readRegistryXlsx(
      await workbook([
        { name: 'ケース', rows: [CASE_HEADERS] },
        { name: '会議', rows: [['会議ID', '開催日', '出席者数']] },
      ]),
    );
    expect(r).toEqual({ ok: false, code: 'column.missing', message: expect.stringContaining('「会議種別」') });
  });

  test('an empty ケース sheet has no header row', async () => {
    const r = await readRegistryXlsx(
      await workbook([
        { name: 'ケース', rows: [] },
        { name: '会議', rows: [] },
      ]),
    );
    expect(r).toMatchObject({ ok: false, code: 'column.missing' });
  });

  test('a 設定 sheet without 項目 / 値', async () => {
    const r = await readRegistryXlsx(
      await workbook([
        { name: 'ケース', rows: [CASE_HEADERS] },
        {
          name: '設定',
          rows: [
            ['名前', '中身'],
            ['エリア', '東'],
          ],
        },
      ]),
    );
    expect(r).toEqual({ ok: false, code: 'column.missing', message: expect.stringContaining('「項目」「値」') });
  });

  test('not an XLSX at all, or a broken one', async () => {
    expect(await readRegistryXlsx(Buffer.from('caseId,receivedOn\n'))).toMatchObject({
      ok: false,
      code: 'format.invalid',
    });
    const good = await buildTemplateXlsx();
    const broken = Buffer.concat([good.subarray(0, 2000), Buffer.alloc(3000, 7)]);
    expect(await readRegistryXlsx(broken)).toMatchObject({ ok: false, code: 'format.invalid' });
  });
});
