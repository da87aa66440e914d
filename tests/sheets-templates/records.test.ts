// `kasane indicators` reads an .xlsx straight into records (sheets-templates/xlsx/xlsx-records.ts),
// its sheets parsed in a worker thread (xlsx-sheet-thread.ts), without the raw registry the other
// commands read. Its answer must be readRegistry(readRegistryXlsx(…).raw) exactly: records, sheet
// rows, ids, faults, issues in their order, notices and warnings — on clean and office workbooks,
// faulty cells, repeated ids, blank rows, title rows, office columns, 設定 before or after the data,
// a missing sheet or column, cells of every kind, and rows out of order (read the general way).
import JSZip from 'jszip';
import { generateSampleRegistry } from '../../core/sample';
import { readRegistry, type ReadResult } from '../../core/registry/read';
import { SETTINGS_SHEET } from '../../core/registry/definition';
import { readRegistryXlsx, readRegistryXlsxRecords } from '../../sheets-templates/xlsx/read-xlsx';
import { readDirect } from '../../sheets-templates/xlsx/xlsx-records';
import { NODE_IO } from '../../sheets-templates/xlsx/xlsx-node';
import { SheetThread } from '../../sheets-templates/xlsx/xlsx-sheet-thread';
import { RowPacker, unpackRows } from '../../sheets-templates/xlsx/rows-packing';
import { writeRegistryXlsx } from '../../sheets-templates/xlsx/write-xlsx';
import { TOWN } from '../fixtures/town';
import { cleanXlsx, officeXlsx } from '../fixtures/office';
import { CASE_HEADERS, caseRow, utcDate, withAllSheets, workbook } from './helpers';

jest.setTimeout(60_000);

/**
 * A read as comparable JSON: sets as arrays in their order, holes and undefined kept apart in
 * arrays; a record's property that is undefined is as absent (the records path gives every record
 * every column, xlsx-records.ts recordMaker).
 */
const comparable = (r: ReadResult): string =>
  JSON.stringify(r, function (this: unknown, _k, v: unknown) {
    if (v instanceof Set) return { set: [...v] };
    return v === undefined && Array.isArray(this) ? '(undefined)' : v;
  });

async function expectSameRead(bytes: Buffer, direct = true): Promise<ReadResult> {
  const general = await readRegistryXlsx(bytes);
  if (!general.ok) throw new Error(general.message);
  const expected = comparable(readRegistry(general.raw));
  const records = await readRegistryXlsxRecords(bytes, { thread: true });
  if (!records.ok) throw new Error(records.message);
  expect(comparable(records.read)).toBe(expected);
  const unthreaded = await readRegistryXlsxRecords(bytes, { thread: false });
  expect(unthreaded.ok && comparable(unthreaded.read)).toBe(expected);
  // Without a reader given (no worker built); rows out of order are left to the general way.
  const here = await readDirect(bytes, NODE_IO);
  expect(here && comparable(here)).toBe(direct ? expected : undefined);
  return records.read;
}

/** The workbook with one worksheet's XML rewritten. */
async function rewritten(bytes: Buffer, sheetName: string, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const rId = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(book)![1]!;
  const target =
    new RegExp(`<Relationship [^>]*Id="${rId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rId}"`).exec(rels)![1]!;
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  zip.file(path, edit(await zip.file(path)!.async('string')));
  return Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

test('the example town, as the template writes it and as an office keeps it', async () => {
  await expectSameRead(await cleanXlsx(TOWN));
  const office = await expectSameRead(await officeXlsx(TOWN));
  expect(office.issues.map((i) => i.code)).toEqual(['value.integer']);
});

test('a sample registry of 300 cases', async () => {
  const read = await expectSameRead(await writeRegistryXlsx(generateSampleRegistry({ cases: 300, seed: 3 })));
  expect(read.registry.cases).toHaveLength(300);
});

test('faulty cells, repeated ids, blank rows, a title row, office columns, 設定 first with its own lists', async () => {
  const bytes = await workbook(
    withAllSheets([
      {
        name: SETTINGS_SHEET.name,
        rows: [
          [SETTINGS_SHEET.itemLabel, SETTINGS_SHEET.valueLabel],
          ['エリア一覧', '北、南'],
          ['年度開始月', 4],
        ],
      },
      {
        name: 'ケース',
        rows: [
          ['ケース台帳（令和7年度）'],
          [],
          ['No.', ...CASE_HEADERS, '世帯人数', '備考'],
          [1, ...caseRow('K-1', utcDate(2025, 4, 1)).map((v, i) => (i === 5 ? '北' : v)), 3, 'メモ'],
          [2, ...caseRow('K-2', '令和7年4月2日（水）').map((v, i) => (i === 5 ? '東' : v)), '3人'],
          [],
          ['  ', '\u3000'],
          [3, ...caseRow('K-1', 'きのう'), '２'],
          [4, ...caseRow('', utcDate(2025, 4, 3)), -1],
          [5, ...caseRow('K-5', 45_800).map((v, i) => (i === 6 ? 'はい ' : v))],
        ],
        dateColumns: [3],
      },
    ]),
  );
  const read = await expectSameRead(bytes);
  expect(read.issues.length).toBeGreaterThan(3);
});

test('cells merged down over data rows: the top cell read in every row of the range, said once, the same by every path', async () => {
  const bytes = await workbook(
    withAllSheets([
      {
        name: 'ケース',
        rows: [CASE_HEADERS, caseRow('K-1', '2025-04-01'), caseRow('K-2', '2025-04-02'), caseRow('K-3', '2025-04-03')],
      },
      {
        name: '会議',
        rows: [
          ['会議ID', '開催日', '会議種別'],
          ['M-1', '2025-05-01', '重層的支援会議'],
        ],
      },
      {
        name: '検討ケース',
        // A title merged across, a header, then one 会議ID over its three cases and one 検討内容 over
        // two; the office's 備考 merged down is not read.
        rows: [
          ['検討ケース一覧（令和7年度）'],
          ['会議ID', 'ケースID', '検討内容', '備考'],
          ['M-1', 'K-1', '情報共有', '同じ日'],
          [null, 'K-2', '役割分担'],
          [null, 'K-3'],
        ],
        merges: ['A1:D1', 'A3:A5', 'C4:C5', 'D3:D5'],
      },
    ]),
  );
  // Rows with merged cells are read the general way (direct: undefined).
  const read = await expectSameRead(bytes, false);
  expect(read.registry.meetingCases.map((m) => [m.meetingId, m.caseId, m.purpose])).toEqual([
    ['M-1', 'K-1', '情報共有'],
    ['M-1', 'K-2', '役割分担'],
    ['M-1', 'K-3', '役割分担'],
  ]);
  expect(read.issues.filter((i) => i.sheet === 'meetingCases')).toEqual([]);
  expect(read.notices.filter((n) => n.code === 'cell.merged')).toEqual([
    {
      sheet: 'meetingCases',
      row: 3,
      column: 'meetingId',
      code: 'cell.merged',
      message:
        '「検討ケース」シートの結合されたセル（A3:A5、C4:C5）は、上のセルの値を範囲の各行に読みました。1行1件になるよう、結合を解除して各行に入力してください。',
    },
  ]);
});

test('a sheet of the office’s holding last year’s cases: named, its rows uncounted and said, the same by every path', async () => {
  const bytes = await workbook(
    withAllSheets([
      { name: 'ケース', rows: [CASE_HEADERS, caseRow('K-1', '2025-04-01')] },
      { name: 'R6年度分', rows: [['令和6年度'], CASE_HEADERS, caseRow('K-0', '2024-05-01')] },
      { name: 'メモ', rows: [['5月分は課長確認済み']] },
      // A print sheet of this year's rows: a copy, no uncounted rows.
      { name: '印刷用', rows: [CASE_HEADERS, caseRow('K-1', '2025-04-01')] },
    ]),
  );
  const read = await expectSameRead(bytes);
  expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-1']);
  expect(read.warnings).toEqual([
    '「R6年度分」シートの行（「ケース」と同じ見出し）は集計に入っていません。集計に入れる行なら「ケース」シートに移してください。',
  ]);
});

test('a missing sheet, a missing required column, an unreadable header, no 設定', async () => {
  const cases = (rows: unknown[][]) => ({ name: 'ケース', rows: rows as never });
  await expectSameRead(await workbook([cases([CASE_HEADERS.slice(1), ['2025-04-01', '本人']])]));
  await expectSameRead(
    await workbook([cases([['何か'], ['もの'], ['ほか'], ['あれ'], ['これ'], ['それ'], caseRow('K-1', '2025-04-01')])]),
  );
  await expectSameRead(await workbook([{ name: '支援記録', rows: [['支援日'], ['2025-04-01']] }]));
});

test('cells of every kind: booleans, errors, formulas without results, inline and shared strings', async () => {
  const base = await workbook(withAllSheets([{ name: 'ケース', rows: [CASE_HEADERS, caseRow('K-1', '2025-04-01')] }]));
  const bytes = await rewritten(base, 'ケース', (xml) =>
    xml.replace(
      /<\/sheetData>/,
      '<row r="3"><c r="A3" t="inlineStr"><is><t>K-3</t></is></c><c r="B3"><f>TODAY()</f></c><c r="G3" t="b"><v>1</v></c>' +
        '<c r="H3" t="e"><v>#N/A</v></c></row>' +
        '<row r="4"><c r="A4" t="str"><f>"K-"&amp;4</f><v>K-4</v></c><c r="B4" t="d"><v>2025-05-01T00:00:00</v></c>' +
        '<c r="G4"><f>FALSE()</f></c><c r="C4" t="s"><v>999999</v></c></row>' +
        '<row><c t="inlineStr"><is><r><t>K-</t></r><r><t>5</t></r></is></c><c><v>45800</v></c></row></sheetData>',
    ),
  );
  const read = await expectSameRead(bytes);
  expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-1', 'K-3', 'K-4', 'K-5']);
});

test('rows out of order are read as readRegistry takes them (the general way)', async () => {
  const base = await workbook(withAllSheets([{ name: 'ケース', rows: [CASE_HEADERS] }]));
  // An id and a 受付日: an id alone is a row numbered in advance, no record (row.idOnly).
  const row = (n: number, id: string) =>
    `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${id}</t></is></c><c r="B${n}"><v>45800</v></c></row>`;
  const bytes = await rewritten(base, 'ケース', (xml) =>
    xml.replace(/<\/sheetData>/, `${row(5, 'K-5')}${row(3, 'K-3')}${row(5, 'K-6')}</sheetData>`),
  );
  const read = await expectSameRead(bytes, false);
  expect(read.rows.cases.rows).toEqual([3, 5]);
});

test('a file that cannot be read gets the general reader’s refusal', async () => {
  const bytes = await cleanXlsx(TOWN);
  const cut = bytes.subarray(0, bytes.length - 100);
  for (const thread of [true, false]) {
    expect(await readRegistryXlsxRecords(cut, { thread })).toEqual(await readRegistryXlsx(cut));
    const notZip = Buffer.from('kasane');
    expect(await readRegistryXlsxRecords(notZip, { thread })).toEqual(await readRegistryXlsx(notZip));
  }
});

test('the worker thread gives the rows of several sheets, asked at once, each to its reading', async () => {
  const thread = SheetThread.open();
  expect(thread).toBeDefined();
  try {
    const bytes = await cleanXlsx(TOWN);
    const read = await readDirect(bytes, NODE_IO, thread);
    const general = await readRegistryXlsx(bytes);
    expect(general.ok && read && comparable(read)).toBe(general.ok && comparable(readRegistry(general.raw)));
  } finally {
    thread?.close();
  }
});

/** The workbook with its shared-string table's root tag rewritten. */
async function withSstTag(bytes: Buffer, edit: (tag: string, count: number) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/sharedStrings.xml')!.async('string');
  const count = xml.split('<si>').length - 1;
  zip.file(
    'xl/sharedStrings.xml',
    xml.replace(/<sst[^>]*>/, (tag) => edit(tag, count)),
  );
  return Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

test('the thread is asked for its sheets before the shared strings are parsed: a shared cell past the table is left out, whatever the table claims', async () => {
  // A shared cell just past the table: every reader leaves it out.
  const base = await rewritten(await cleanXlsx(TOWN), 'ケース', (xml) => {
    const count = 1000; // past any table of the town; replaced below by the table's own count + 1
    return xml.replace(/<\/sheetData>/, `<row r="900"><c r="A900" t="s"><v>${count}</v></c></row></sheetData>`);
  });
  const sstCount = async (bytes: Buffer) =>
    (await (await JSZip.loadAsync(bytes)).file('xl/sharedStrings.xml')!.async('string')).split('<si>').length - 1;
  const n = await sstCount(base);
  expect(n).toBeGreaterThan(10);
  const past = await rewritten(base, 'ケース', (xml) => xml.replace('<v>1000</v>', `<v>${n + 1}</v>`));
  const claims: Array<[string, (tag: string, count: number) => string]> = [
    ['as it is', (tag) => tag],
    ['too low', (tag) => tag.replace(/uniqueCount="\d+"/, 'uniqueCount="1"').replace(/ count="\d+"/, ' count="1"')],
    ['too high', (tag, count) => tag.replace(/uniqueCount="\d+"/, `uniqueCount="${count + 10}"`)],
    ['absurd', (tag) => tag.replace(/uniqueCount="\d+"/, 'uniqueCount="2000000000"')],
    ['missing', (tag) => tag.replace(/ (unique)?[cC]ount="\d+"/g, '')],
  ];
  let first: string | undefined;
  for (const [, edit] of claims) {
    const read = await expectSameRead(await withSstTag(past, edit));
    first ??= comparable(read);
    expect(comparable(read)).toBe(first);
  }
  const read = await expectSameRead(past);
  expect(read.rows.cases.rows).not.toContain(900);
});

test('rows from the thread: a shared cell past the table is left out, and a row left with no cell is not given', () => {
  const batches: Array<[Int32Array, Float64Array, string[]]> = [];
  const packer = new RowPacker((ints, nums, texts) => batches.push([ints, nums, texts]));
  // As readSheetRows gives shared cells by index: the column negated, the index the value.
  packer.row(2, [-1, 2, -3], [0, 45017, 5], 3);
  packer.row(3, [-1], [7], 1);
  packer.row(4, [2], ['K-4'], 1);
  packer.flush();
  const given: Array<[number, number[], unknown[]]> = [];
  const [ints, nums, texts] = batches[0]!;
  const done = unpackRows(
    ints,
    nums,
    texts,
    ['K-2', 'x'],
    (row, cols, values, count) => {
      given.push([row, cols.slice(0, count), values.slice(0, count)]);
    },
    [],
    [],
  );
  expect(done).toBe(true);
  expect(given).toEqual([
    [2, [1, 2], ['K-2', 45017]],
    [4, [2], ['K-4']],
  ]);
});

test('an office’s 記入例 row and ids numbered down the sheet: no records, one notice each, on both ways', async () => {
  const base = await workbook(withAllSheets([{ name: 'ケース', rows: [CASE_HEADERS] }]));
  const cells = (n: number, id: string, rest: string) =>
    `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${id}</t></is></c>${rest}</row>`;
  const filled = (n: number) => `<c r="B${n}"><v>45800</v></c><c r="C${n}" t="inlineStr"><is><t>本人</t></is></c>`;
  const bytes = await rewritten(base, 'ケース', (xml) =>
    xml.replace(
      /<\/sheetData>/,
      cells(2, '（記入例）', filled(2)) +
        cells(3, 'K-2025-0001', filled(3)) +
        [4, 5, 6, 8].map((n) => cells(n, `K-2025-000${n - 2}`, '')).join('') +
        '</sheetData>',
    ),
  );
  const read = await expectSameRead(bytes);
  expect(read.registry.cases.map((c) => c.caseId)).toEqual(['K-2025-0001']);
  const notices = read.notices.filter((n) => n.code.startsWith('row.'));
  expect(notices.map((n) => [n.sheet, n.row, n.column, n.code, n.message])).toEqual([
    ['cases', 2, 'caseId', 'row.example', '「ケース」シートの2行目は記入例のため、読み込んでいません。'],
    [
      'cases',
      4,
      'caseId',
      'row.blank',
      '「ケース」シートの4〜6、8行目（4行）は「ケースID」のほかに値がない（空欄か、数式の 0・エラーや未チェックのチェックボックスだけの）ため、空の行として読み込んでいません。',
    ],
  ]);
  // No 「必須項目が空欄です」 for the rows numbered in advance: only row 3's own empty cells.
  expect(
    new Set(read.issues.filter((i) => i.sheet === 'cases' && i.code === 'value.required').map((i) => i.row)),
  ).toEqual(new Set([3]));
});
