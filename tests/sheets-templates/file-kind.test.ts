// Files that are not what their name says: a password-protected workbook (an OLE compound file
// holding EncryptionInfo and EncryptedPackage), an old .xls, an OpenDocument spreadsheet and a CSV
// are told as such by the one reader (Node, the browser's and the figures' path alike), with bytes
// made here by hand.
import {
  compoundHasEncryption,
  FILE_KIND_FAULTS,
  fileKindFault,
  looksLikeCsv,
} from '../../sheets-templates/xlsx/file-kind';
import { readRegistryXlsx, readRegistryXlsxRecords } from '../../sheets-templates/xlsx/read-xlsx';
import { readRegistryXlsxWeb } from '../../sheets-templates/xlsx/read-xlsx-web';
import { NODE_IO } from '../../sheets-templates/xlsx/xlsx-node';
import { CASE_HEADERS, caseRow, withAllSheets, workbook } from './helpers';
import { compoundFile, CONTENT_XML, ENCRYPTED_DIRECTORY, ODS_MIMETYPE, XLS_DIRECTORY, zip } from './file-kind-fixtures';

describe('an OLE compound file', () => {
  test('with EncryptionInfo and EncryptedPackage in its third directory sector (chained 1 → 3 → 5): encrypted', async () => {
    const bytes = compoundFile({ directory: ENCRYPTED_DIRECTORY, sectors: [1, 3, 5], data: 'not a name' });
    expect(compoundHasEncryption(bytes)).toBe(true);
    expect(await fileKindFault(bytes, NODE_IO)).toBe(FILE_KIND_FAULTS['format.encrypted']);
  });

  test('the same with 4096-byte sectors (version 4)', async () => {
    const bytes = compoundFile({ directory: [ENCRYPTED_DIRECTORY.flat()], sectors: [2], shift: 12 });
    expect(compoundHasEncryption(bytes)).toBe(true);
  });

  test('without the encryption streams: an old .xls, even when its data holds the names', async () => {
    const bytes = compoundFile({ directory: XLS_DIRECTORY, sectors: [2], data: 'EncryptedPackage' });
    expect(bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))).toBe(true);
    expect(compoundHasEncryption(bytes)).toBe(false);
    expect(await fileKindFault(bytes, NODE_IO)).toBe(FILE_KIND_FAULTS['format.xls']);
  });

  test('a directory chain that loops, leaves the file, or a header cut short: an .xls, no error', async () => {
    const loop = compoundFile({ directory: XLS_DIRECTORY, sectors: [1, 2] });
    loop.writeUInt32LE(1, 512 + 4 * 2); // FAT[2] = 1: back to the start
    expect(compoundHasEncryption(loop)).toBe(false);
    const outside = compoundFile({ directory: XLS_DIRECTORY, sectors: [1] });
    outside.writeUInt32LE(9999, 0x30);
    expect(compoundHasEncryption(outside)).toBe(false);
    const cut = outside.subarray(0, 100);
    expect(await fileKindFault(cut, NODE_IO)).toBe(FILE_KIND_FAULTS['format.xls']);
  });

  test('a chain past the FAT sectors the header lists stops there (the sectors before it are read)', () => {
    // Sector 200 is reached from sector 1; its own link is past what FAT sector 0 covers (128 ids).
    const past = compoundFile({ directory: [['Root Entry'], [], ['EncryptionInfo']], sectors: [1, 200, 201] });
    expect(compoundHasEncryption(past)).toBe(false);
    const reached = compoundFile({ directory: [['Root Entry'], ['EncryptedPackage'], []], sectors: [1, 200, 201] });
    expect(compoundHasEncryption(reached)).toBe(true);
  });
});

describe('a zip', () => {
  test('whose mimetype says OpenDocument spreadsheet, stored or deflated: ods', async () => {
    for (const stored of [true, false]) {
      const ods = await zip({ mimetype: ODS_MIMETYPE, 'content.xml': CONTENT_XML }, stored);
      expect(await fileKindFault(ods, NODE_IO)).toBe(FILE_KIND_FAULTS['format.ods']);
    }
  });

  test('with content.xml and no xl/workbook.xml, without a mimetype: ods', async () => {
    expect(await fileKindFault(await zip({ 'content.xml': CONTENT_XML }), NODE_IO)).toBe(
      FILE_KIND_FAULTS['format.ods'],
    );
  });

  test('an OpenDocument text, and an XLSX, are not ods', async () => {
    const odt = await zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': CONTENT_XML });
    expect(await fileKindFault(odt, NODE_IO)).toBeUndefined();
    expect(await readRegistryXlsx(odt)).toMatchObject({ ok: false, code: 'format.invalid' });
    const xlsx = await workbook(withAllSheets([]));
    expect(await fileKindFault(xlsx, NODE_IO)).toBeUndefined();
  });
});

describe('text', () => {
  const sjis = Buffer.from([0x83, 0x50, 0x81, 0x5b, 0x83, 0x58, 0x82, 0x68, 0x82, 0x63]); // ケースＩＤ in Shift_JIS
  test.each([
    ['UTF-8 with a BOM', Buffer.from('\uFEFFケースID,受付日\nK-2025-0001,2025/4/1\n')],
    ['Shift_JIS', Buffer.concat([sjis, Buffer.from(',\x8e\xf3\x95\x74\x93\xfa\r\n')])],
    ['tab-separated', Buffer.from('ケースID\t受付日\r\nK-2025-0001\t2025/4/1\r\n')],
    ['a blank line first', Buffer.from('\r\n\r\na,b\r\n')],
  ])('%s, a comma or tab in its first line: csv', async (_, bytes) => {
    expect(looksLikeCsv(bytes)).toBe(true);
    expect(await fileKindFault(bytes, NODE_IO)).toBe(FILE_KIND_FAULTS['format.csv']);
  });

  test.each([
    ['JSON', '{"format":"kasane-registry/1","cases":[]}'],
    ['a JSON array', '[1,2]'],
    ['HTML', '<html><table><tr><td>a,b</td></tr></table></html>'],
    ['one word', 'hello'],
    ['a comma only on the second line', 'title\na,b'],
    ['empty', ''],
    ['binary', '\u0000\u0001,\u0002'],
  ])('%s: not csv (the reader words it)', (_, text) => {
    expect(looksLikeCsv(Buffer.from(text, 'latin1'))).toBe(false);
  });
});

describe('the reader says what each file is, on every path', () => {
  const encrypted = compoundFile({ directory: ENCRYPTED_DIRECTORY, sectors: [1, 3, 5] });
  const xls = compoundFile({ directory: XLS_DIRECTORY, sectors: [1] });
  const csv = Buffer.from('ケースID,受付日\nK-2025-0001,2025/4/1\n');
  const cases: Array<[string, () => Promise<Buffer>, string, string]> = [
    [
      'encrypted',
      async () => encrypted,
      'format.encrypted',
      'パスワードで保護されたファイルです。Excel でパスワードを外して（ファイル → 情報 → ブックの保護 →「パスワードを使用して暗号化」のパスワードを消す）から、.xlsx 形式で保存し直して指定してください。',
    ],
    [
      'xls',
      async () => xls,
      'format.xls',
      '古い形式（.xls）のファイルです。Excel で開き、「名前を付けて保存」→「Excel ブック（.xlsx）」で保存し直してから指定してください。',
    ],
    [
      'ods',
      () => zip({ mimetype: ODS_MIMETYPE, 'content.xml': CONTENT_XML }, false),
      'format.ods',
      'OpenDocument（.ods）のファイルです。LibreOffice などで開き、「名前を付けて保存」でファイルの種類を .xlsx（Excel 2007-365）にして保存し直してから指定してください。',
    ],
    [
      'csv',
      async () => csv,
      'format.csv',
      'CSV（テキスト）のファイルです。Excel で開き、「名前を付けて保存」→「Excel ブック（.xlsx）」で保存し直してから指定してください。',
    ],
  ];
  test.each(cases)(
    '%s: Node, the browser reader and the figures read give one code and message',
    async (_, make, code, message) => {
      const bytes = await make();
      const answer = { ok: false, code, message };
      expect(await readRegistryXlsx(bytes)).toEqual(answer);
      expect(await readRegistryXlsxWeb(new Uint8Array(bytes))).toEqual(answer);
      expect(await readRegistryXlsxRecords(bytes)).toEqual(answer);
      expect(await readRegistryXlsxRecords(bytes, { thread: true })).toEqual(answer);
    },
  );

  test('a broken file of no known kind keeps its message; a real workbook reads', async () => {
    expect(await readRegistryXlsx(Buffer.from('hello'))).toEqual({
      ok: false,
      code: 'format.invalid',
      message:
        'XLSX ファイルとして読めません。Excel または Google スプレッドシートで .xlsx 形式で保存したファイルを指定してください。',
    });
    const book = await workbook(
      withAllSheets([{ name: 'ケース', rows: [CASE_HEADERS, caseRow('K-2025-0001', '2025-04-01')] }]),
    );
    const r = await readRegistryXlsx(book);
    expect(r.ok && r.raw.sheets.cases?.length).toBe(1);
  });
});
