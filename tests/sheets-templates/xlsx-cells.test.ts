// The focused SpreadsheetML reader on hand-written parts: what Excel, LibreOffice, Google Sheets
// and other generators put in <sheetData> and sharedStrings.xml, byte for byte.
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { readRegistry } from '../../core/registry/read';
import { UnreadFormula } from '../../core/registry/cells';
import { SHEETS } from '../../core/registry/definition';
import type { Issue } from '../../core/issues';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import {
  LostResult,
  readSheetRows,
  SHARED_BY_INDEX,
  sharedStrings,
  type XlsxCell,
} from '../../sheets-templates/xlsx/xlsx-cells';
import { zipEntries } from '../../sheets-templates/xlsx/xlsx-zip';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Rows as [row number, [[column, value], …]] from a sheet's XML, read in chunks of `size` bytes. */
async function rows(xml: string, shared: string[] = [], size = 7): Promise<Array<[number, Array<[number, XlsxCell]>]>> {
  const bytes = Buffer.from(xml, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: Array<[number, Array<[number, XlsxCell]>]> = [];
  await readSheetRows(Readable.from(chunks), shared, (n, cols, values, count) => {
    out.push([n, cols.slice(0, count).map((c, i) => [c, values[i]!])]);
  });
  return out;
}

const sheet = (data: string, prefix = '') =>
  prefix
    ? `<?xml version="1.0" encoding="UTF-8"?><${prefix}:worksheet xmlns:${prefix}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}:sheetData>${data}</${prefix}:sheetData></${prefix}:worksheet>`
    : `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${data}</sheetData><rowBreaks count="0"/></worksheet>`;

describe('readSheetRows: the cell grammar', () => {
  test('every cell type: shared, inline and formula strings, numbers, booleans, errors, ISO dates', async () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>受付 &amp; 相談</t></is></c>' +
        '<c r="C1" t="str"><f>A1&amp;"x"</f><v>a&lt;b</v></c><c r="D1"><v>-2.5E1</v></c><c r="E1" t="n"><v>45383</v></c>' +
        '<c r="F1" t="b"><v>1</v></c><c r="G1" t="b"><v>0</v></c><c r="H1" t="e"><v>#N/A</v></c>' +
        '<c r="I1" t="d"><v>2024-04-01T00:00:00</v></c><c r="AA1" s="3"/><c r="AB1" s="3"></c></row>',
    );
    expect(await rows(xml, ['ゼロ', '東'])).toEqual([
      [
        1,
        [
          [1, '東'],
          [2, '受付 & 相談'],
          [3, 'a<b'],
          [4, -25],
          [5, 45383],
          [6, true],
          [7, false],
          [8, '#N/A'],
          [9, '2024-04-01'],
        ],
      ],
    ]);
  });

  test('cells and rows without r follow the previous one; self-closing and empty rows carry nothing', async () => {
    const xml = sheet(
      '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>' +
        '<row r="3" spans="1:2"/><row r="4"></row><row><c r="B5"><v>7</v></c></row><row><c><v>8</v></c></row>',
    );
    expect(await rows(xml)).toEqual([
      [
        1,
        [
          [1, 1],
          [2, 2],
          [5, 5],
          [6, 6],
        ],
      ],
      [5, [[2, 7]]],
      [6, [[1, 8]]],
    ]);
  });

  test('formulas: cached results as stored, a boolean result as 1 or 0, a missing result kept as its formula', async () => {
    const xml = sheet(
      '<row r="2"><c r="A2" t="b"><f>FALSE()</f><v>0</v></c><c r="B2"><f>1-1</f><v>0</v></c>' +
        '<c r="C2"><f>SUM(A1:A9)</f></c><c r="D2" t="str"><f>""</f><v></v></c><c r="E2"><f t="shared" si="0"/></c></row>',
    );
    expect(await rows(xml)).toEqual([
      [
        2,
        [
          [1, 0],
          [2, 0],
          [3, new LostResult('SUM(A1:A9)')],
          [4, ''],
          [5, new LostResult('')],
        ],
      ],
    ]);
  });

  test('indented XML, a namespace prefix, and text split anywhere across chunks', async () => {
    const indented = sheet(
      '\n  <row r="1">\n    <c r="A1" t="inlineStr">\n      <is><t>地域</t></is>\n    </c>\n    <c r="B1">\n      <v>3</v>\n    </c>\n  </row>\n',
    );
    const prefixed = sheet(
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>地域</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row>',
      'x',
    );
    for (const xml of [indented, prefixed])
      for (const size of [1, 2, 3, 5, 64, 1 << 20])
        expect(await rows(xml, [], size)).toEqual([
          [
            1,
            [
              [1, '地域'],
              [2, 3],
            ],
          ],
        ]);
  });

  test('a row ends at its own </row>, whatever "w>" and "row>" its text holds, with or without a prefix', async () => {
    const data = (p: string) =>
      `<${p}row r="2"><${p}c r="A2" t="inlineStr"><${p}is><${p}t>now> row> </${p}t></${p}is></${p}c><${p}c r="B2"><${p}v>1</${p}v></${p}c></${p}row>` +
      `<${p}row r="3"><${p}c r="A3" t="inlineStr"><${p}is><${p}t>w>w></${p}t></${p}is></${p}c></${p}row>`;
    const expected = [
      [
        2,
        [
          [1, 'now> row> '],
          [2, 1],
        ],
      ],
      [3, [[1, 'w>w>']]],
    ];
    for (const size of [3, 7, 1000]) {
      expect(await rows(sheet(data('')), [], size)).toEqual(expected);
      expect(await rows(sheet(data('x:'), 'x'), [], size)).toEqual(expected);
    }
  });

  test('shared cells by index (a thread without the table): the column negated, the index the value', async () => {
    const data = (p: string) =>
      `<${p}row r="1"><${p}c r="A1" t="s"><${p}v>2</${p}v></${p}c><${p}c r="B1"><${p}v>7</${p}v></${p}c>` +
      `<${p}c r="C1" t="s"><${p}v>99999</${p}v></${p}c><${p}c r="D1" t="s"><${p}v>-1</${p}v></${p}c>` +
      `<${p}c r="E1" t="s"><${p}v>1.5</${p}v></${p}c><${p}c r="F1" t="s"><${p}v>4294967296</${p}v></${p}c></${p}row>`;
    const byIndex = async (xml: string) => {
      const out: Array<[number, number[], XlsxCell[]]> = [];
      await readSheetRows(Readable.from([Buffer.from(xml)]), SHARED_BY_INDEX, (n, cols, values, count) => {
        out.push([n, cols.slice(0, count), values.slice(0, count)]);
      });
      return out;
    };
    // Past any table, negative, fractional or past an Int32: no table has it, so no cell.
    const expected = [[1, [-1, 2, -3], [2, 7, 99999]]];
    expect(await byIndex(sheet(data('')))).toEqual(expected);
    expect(await byIndex(sheet(data('x:'), 'x'))).toEqual(expected);
  });

  test('an empty sheet, and a worksheet without sheetData', async () => {
    expect(await rows(`<worksheet ${NS}><sheetData/></worksheet>`)).toEqual([]);
    expect(await rows(`<worksheet ${NS}><dimension ref="A1"/></worksheet>`)).toEqual([]);
  });

  test('a sheet cut off in the middle is an error, not a shorter registry', async () => {
    await expect(
      rows(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r`),
    ).rejects.toThrow('シートのデータが途中で切れています');
  });
});

describe('readSheetRows: merged ranges, read from the <mergeCells> after the data', () => {
  /** The merged ranges readSheetRows answers for a part, read in chunks of `size` bytes. */
  async function merges(xml: string, size = 7, stopAt?: number) {
    const bytes = Buffer.from(xml, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    return readSheetRows(Readable.from(chunks), [], (n) => (stopAt !== undefined && n >= stopAt ? false : undefined));
  }
  const data = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>';

  test('as Excel writes them (after the data, before the page setup), with or without a prefix, split anywhere', async () => {
    const xml = `<worksheet ${NS}><sheetData>${data}</sheetData><mergeCells count="2"><mergeCell ref="A2:A4"/><mergeCell ref="B10:AA12"/></mergeCells><pageMargins left="0.7"/></worksheet>`;
    const expected = [
      { top: 2, left: 1, bottom: 4, right: 1 },
      { top: 10, left: 2, bottom: 12, right: 27 },
    ];
    for (const size of [3, 7, 64, 1 << 20]) expect(await merges(xml, size)).toEqual(expected);
    const prefixed = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${data.replace(/<(\/?)(row|c|v)\b/g, '<$1x:$2')}</x:sheetData><x:sheetProtection sheet="1"/><x:mergeCells><x:mergeCell ref='A2:A4'/></x:mergeCells></x:worksheet>`;
    expect(await merges(prefixed)).toEqual([expected[0]]);
    // After a self-closing sheetData, and with no merged ranges at all.
    expect(
      await merges(`<worksheet ${NS}><sheetData/><mergeCells><mergeCell ref="C1:C2"/></mergeCells></worksheet>`),
    ).toEqual([{ top: 1, left: 3, bottom: 2, right: 3 }]);
    expect(await merges(sheet(data))).toEqual([]);
  });

  test('none once the sink stops the reading; none past where the schema allows them; ranges outside the grid or reversed left out', async () => {
    const xml = (tail: string) => `<worksheet ${NS}><sheetData>${data}</sheetData>${tail}</worksheet>`;
    expect(await merges(xml('<mergeCells><mergeCell ref="A1:A2"/></mergeCells>'), 7, 2)).toEqual([]);
    // <mergeCells> stands before the conditional formats: one after them is not the sheet's.
    expect(
      await merges(xml('<conditionalFormatting sqref="A1"/><mergeCells><mergeCell ref="A1:A2"/></mergeCells>')),
    ).toEqual([]);
    expect(
      await merges(
        xml(
          '<mergeCells><mergeCell ref="A0:A2"/><mergeCell ref="A3:A2"/><mergeCell ref="A1:A1048577"/><mergeCell ref="XFE1:XFE2"/><mergeCell ref="A5"/><mergeCell ref="D1:D2"/></mergeCells>',
        ),
      ),
    ).toEqual([{ top: 1, left: 4, bottom: 2, right: 4 }]);
  });

  test('a hostile tail: a million ranges keep 10,000; megabytes of settings before them are not searched', async () => {
    const many = `<mergeCells>${'<mergeCell ref="A1:A2"/>'.repeat(1_000_000)}</mergeCells>`;
    const r = await merges(`<worksheet ${NS}><sheetData>${data}</sheetData>${many}</worksheet>`, 1 << 16);
    expect(r).toHaveLength(10_000);
    const views = `<customSheetViews>${'<customSheetView guid="{0}"/>'.repeat(100_000)}</customSheetViews>`;
    expect(
      await merges(
        `<worksheet ${NS}><sheetData>${data}</sheetData>${views}<mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>`,
        1 << 16,
      ),
    ).toEqual([]);
  });
});

describe('sharedStrings', () => {
  test('plain, rich text runs, phonetic guides left out, entities, preserved spaces, _xHHHH_ escapes', () => {
    const xml =
      `<?xml version="1.0"?><sst ${NS} count="6" uniqueCount="6">` +
      '<si><t>東</t></si>' +
      '<si><r><rPr><b/><color rgb="FFFF0000"/></rPr><t>相談員</t></r><r><t xml:space="preserve"> A </t></r></si>' +
      '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>&lt;高齢&gt; &amp; &#x969C;&#12364;い &quot;&apos;</t></si>' +
      '<si><t>一行目_x000D_\n二行目</t></si>' +
      '<si><t/></si><si/>' +
      '</sst>';
    expect(sharedStrings(xml)).toEqual(['東', '相談員 A ', '山田', `<高齢> & 障がい "'`, '一行目\r\n二行目', '', '']);
  });
});

describe('readRegistryXlsx on hand-written parts', () => {
  const CASE_HEADERS = [
    'ケースID',
    '受付日',
    '相談経路',
    '受付窓口',
    '分野',
    'エリア',
    '本人同意',
    '支援状況',
    '多機関協働',
    '世帯人数',
  ];
  const cols = 'ABCDEFGHIJ';
  const brief = (i: Issue) => [i.sheet, i.row, i.column, i.code];
  /** A workbook of 「ケース」 alone is read, with every other contract sheet and 設定 named as missing. */
  const OTHERS_MISSING = [
    ...SHEETS.filter((d) => d.key !== 'cases').map((d) => [d.key, null, null, 'sheet.missing']),
    ['settings', null, null, 'sheet.missing'],
  ];
  const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

  async function xlsx(
    parts: Record<string, string>,
    options: { compression?: 'STORE' | 'DEFLATE'; firstParts?: string[] } = {},
  ): Promise<Buffer> {
    const zip = new JSZip();
    const names = [
      ...(options.firstParts ?? []),
      ...Object.keys(parts).filter((n) => !options.firstParts?.includes(n)),
    ];
    for (const name of names) zip.file(name, parts[name]!);
    return zip.generateAsync({ type: 'nodebuffer', compression: options.compression ?? 'DEFLATE' });
  }

  function book(sheets: Array<{ name: string; target: string }>, date1904 = false, idPrefix = 'r') {
    const workbook =
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${R_NS.replace('xmlns:r', `xmlns:${idPrefix}`)}>` +
      (date1904 ? '<workbookPr date1904="true"/>' : '<workbookPr/>') +
      `<sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" ${idPrefix}:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
    const rels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (s, i) =>
            `<Relationship Target="${s.target}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Id="rId${i + 1}"/>`,
        )
        .join('') +
      '</Relationships>';
    return { 'xl/workbook.xml': workbook, 'xl/_rels/workbook.xml.rels': rels };
  }

  const caseSheet = (extraRows: string) =>
    sheet(
      `<row r="1">${CASE_HEADERS.map((h, i) => inline(`${cols[i]}1`, h)).join('')}</row>` +
        `<row r="2">${inline('A2', 'K-2024-0001')}<c r="B2"><v>45383</v></c>${inline('C2', '本人')}${inline('D2', '地域包括支援センター')}${inline('E2', '高齢')}${inline('F2', '東')}${inline('G2', '未確認')}${inline('H2', '受付')}<c r="I2" t="b"><v>1</v></c></row>` +
        extraRows,
    );

  test('inline strings, a boolean cell, a date serial; extra sheets ignored; sheets stored before the workbook; 1904 dates', async () => {
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const bytes = await xlsx(
        {
          ...book(
            [
              { name: 'メモ', target: 'worksheets/sheet2.xml' },
              { name: 'ケース', target: '/xl/worksheets/sheet1.xml' },
            ],
            true,
            'd3p1',
          ),
          'xl/worksheets/sheet1.xml': caseSheet('<row r="4"/>'),
          'xl/worksheets/sheet2.xml': sheet('<row r="1"><c r="A1"><v>1'), // broken, but never read
        },
        { compression, firstParts: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'] },
      );
      const r = await readRegistryXlsx(bytes);
      if (!r.ok) throw new Error(r.message);
      expect(r.raw.sheets.cases).toEqual([
        {
          caseId: 'K-2024-0001',
          receivedOn: '2028-04-02', // 45383 in the 1904 date system
          referralSource: '本人',
          window: '地域包括支援センター',
          domains: '高齢',
          area: '東',
          consent: '未確認',
          stage: '受付',
          multiAgency: true,
        },
      ]);
      const read = readRegistry(r.raw);
      // Nothing about the cells; 「メモ」 is no near name of a contract sheet.
      expect(read.issues.map(brief)).toEqual(OTHERS_MISSING);
      expect(read.issues.every((i) => !i.message.includes('メモ'))).toBe(true);
      expect(read.registry.cases[0]).toMatchObject({ multiAgency: true, domains: ['高齢'] });
    }
  });

  test('an error value and a formula without its result reach the row rules as what they are', async () => {
    const bytes = await xlsx({
      ...book([{ name: 'ケース', target: 'worksheets/sheet1.xml' }]),
      'xl/worksheets/sheet1.xml': caseSheet(
        `<row r="3">${inline('A3', 'K-2024-0002')}<c r="B3" t="e"><v>#N/A</v></c>${inline('C3', '本人')}${inline('D3', '地域包括支援センター')}${inline('E3', '高齢')}${inline('F3', '東')}${inline('G3', '未確認')}${inline('H3', '受付')}<c r="I3"><f>FALSE()</f></c></row>` +
          `<row r="4">${inline('A4', 'K-2024-0003')}${inline('B4', '2024-05-01')}${inline('C4', '本人')}${inline('D4', '地域包括支援センター')}${inline('E4', '高齢')}${inline('F4', '東')}${inline('G4', '未確認')}${inline('H4', '受付')}<c r="I4"><f>TRUE()</f></c><c r="J4"><f>1+2</f></c></row>`,
      ),
    });
    const r = await readRegistryXlsx(bytes);
    if (!r.ok) throw new Error(r.message);
    // TRUE() and FALSE() are their own results; 1+2 without its result is not 0, nor 3.
    expect(r.raw.sheets.cases![1]).toMatchObject({ receivedOn: '#N/A', multiAgency: false });
    expect(r.raw.sheets.cases![2]).toMatchObject({ multiAgency: true, householdSize: new UnreadFormula('1+2') });
    const read = readRegistry(r.raw);
    expect(read.issues.map(brief)).toEqual([
      ...OTHERS_MISSING,
      ['cases', 3, 'receivedOn', 'value.error'],
      ['cases', 4, 'householdSize', 'value.formula'],
    ]);
    expect(read.issues.at(-2)!.message).toBe(
      '「ケース」シート 3行目「受付日」: 「#N/A」は数式のエラーです。数式を直すか、値を入力してください。',
    );
    expect(read.issues.at(-1)!.message).toBe(
      '「ケース」シート 4行目「世帯人数」: 数式「=1+2」は計算した結果がファイルに保存されていないため読めません。Excel で開いて上書き保存するか、値を入力してください。',
    );
    expect(read.registry.cases[2]).toMatchObject({ multiAgency: true });
    expect(read.registry.cases[2]!.householdSize).toBeUndefined();
  });

  test('a zip without a workbook, or not a zip at all, is format.invalid', async () => {
    const noBook = await xlsx({ 'xl/worksheets/sheet1.xml': caseSheet('') });
    expect(await readRegistryXlsx(noBook)).toMatchObject({ ok: false, code: 'format.invalid' });
    expect(() => zipEntries(Buffer.from('PK\u0003\u0004 not really a zip'))).toThrow('ZIP の目次が見つかりません');
  });
});
