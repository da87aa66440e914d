// The offline page's computations without the browser: the browser reader (DecompressionStream and
// TextDecoder, as Node 20 provides them) reads every workbook into the same RawRegistry as the Node
// reader, and the page's model gives the figures, summaries, CSV and messages the CLI gives.
import JSZip from 'jszip';
import { generateSampleRegistry } from '../../core/sample';
import { makePeriod } from '../../core/dates/fiscal';
import { computeIndicators } from '../../core/indicators/compute';
import { readRegistry } from '../../core/registry/read';
import { buildMonthlySummary } from '../../core/summary/build';
import { indicatorsCsv } from '../../reports/indicators';
import { summaryCsv } from '../../reports/summary-csv';
import { summaryHtml } from '../../reports/summary-html';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import { readRegistryXlsxWeb } from '../../sheets-templates/xlsx/read-xlsx-web';
import { buildTemplateXlsx } from '../../sheets-templates/xlsx/template';
import { writeRegistryXlsx } from '../../sheets-templates/xlsx/write-xlsx';
import { standardUtf8 } from '../../sheets-templates/xlsx/xlsx-cells';
import { NODE_IO } from '../../sheets-templates/xlsx/xlsx-node';
import { Buffer as PageBuffer } from '../../reports/page/buffer-shim';
import { CSV_RENDERERS } from '../../reports/page/renderers';
import {
  defaultChoices,
  fragmentOf,
  fragmentRequest,
  indicatorsFileName,
  indicatorsOf,
  issuePlace,
  loadRegistry,
  periodRequestOf,
  shownValue,
  summaryFileName,
  summaryOf,
  type Loaded,
} from '../../reports/page/model';
import { MID_YEAR, TOWN, TOWN_EXPECTED } from '../fixtures/town';
import { cleanXlsx, officeXlsx } from '../fixtures/office';

jest.setTimeout(60_000);

async function loadedOf(name: string, bytes: Uint8Array): Promise<Loaded> {
  const r = await loadRegistry(name, bytes);
  if (!r.ok) throw new Error(r.message);
  return r;
}

/** A workbook's parts rewritten (stored or deflated as the original), for hand-made faults. */
async function rezip(bytes: Buffer, change: (files: Record<string, string>) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const files: Record<string, string> = {};
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) files[name] = await f.async('string');
  change(files);
  const out = new JSZip();
  for (const [name, text] of Object.entries(files)) out.file(name, text);
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('the browser reader reads what the Node reader reads', () => {
  test('the platform has what the page needs (Node 20 as Chrome and Edge do)', () => {
    expect(typeof DecompressionStream).toBe('function');
    expect(() => new DecompressionStream('deflate-raw')).not.toThrow();
  });

  const cases: Array<[string, () => Promise<Buffer>]> = [
    ['ひなた町 as the office keeps it', () => officeXlsx(TOWN)],
    ['ひなた町 as the template writes it', () => cleanXlsx(TOWN)],
    ['the empty template', () => buildTemplateXlsx()],
    // Sheets of several inflated chunks: rows and Japanese characters cut at chunk ends.
    ['3000 generated cases', () => writeRegistryXlsx(generateSampleRegistry({ cases: 3000, seed: 5 }))],
  ];
  test.each(cases)('%s: the same RawRegistry, byte for byte the same bytes in', async (_, make) => {
    const bytes = await make();
    const node = await readRegistryXlsx(bytes);
    const web = await readRegistryXlsxWeb(new Uint8Array(bytes));
    expect(node.ok).toBe(true);
    expect(web).toEqual(node);
  });

  test('a renamed sheet, a BOM-led cell and inline strings read alike', async () => {
    const bytes = await rezip(await cleanXlsx(TOWN), (files) => {
      files['xl/workbook.xml'] = files['xl/workbook.xml']!.replace('name="会議"', 'name="会議一覧"');
      // The first ケースID as an inline string led by U+FEFF (text a decoder must not drop).
      const cases = files['xl/worksheets/sheet1.xml']!;
      const edited = cases.replace(
        /<c r="A2"[^>]*>.*?<\/c>/,
        '<c r="A2" t="inlineStr"><is><t>\ufeffK-2024-0001</t></is></c>',
      );
      expect(edited).not.toBe(cases);
      files['xl/worksheets/sheet1.xml'] = edited;
    });
    const node = await readRegistryXlsx(bytes);
    const web = await readRegistryXlsxWeb(bytes);
    expect(web).toEqual(node);
    if (!node.ok) throw new Error(node.message);
    expect(node.raw.layout?.issues.map((i) => i.code)).toContain('sheet.missing');
    expect(node.raw.sheets.cases![0]!.caseId).toBe('\ufeffK-2024-0001');
  });

  test('what is not a workbook fails with the same message', async () => {
    for (const bytes of [
      Buffer.from('not a zip at all'),
      Buffer.from('PK\u0003\u0004 not really a zip'),
      (await cleanXlsx(TOWN)).subarray(0, 5000),
    ]) {
      const node = await readRegistryXlsx(bytes);
      expect(node.ok).toBe(false);
      expect(await readRegistryXlsxWeb(bytes)).toEqual(node);
    }
  });

  test('the standard UTF-8 counts bytes as Buffer does (what the sheet parser gives back)', () => {
    const u = standardUtf8();
    for (const s of ['', 'abc<row r="1">', '受付日', '𠮷野家', 'a\ud800b', '\ud83d', 'é'])
      expect([s, u.byteLength(s)]).toEqual([s, NODE_IO.utf8.byteLength(s)]);
    const bytes = Buffer.from('\ufeff<t>受付</t>', 'utf8');
    expect(u.decode(bytes)).toBe(NODE_IO.utf8.decode(bytes));
    expect(Buffer.from(u.concat(bytes.subarray(0, 3), bytes.subarray(3)))).toEqual(bytes);
  });
});

describe('the page model gives what the CLI gives', () => {
  let office: Loaded;
  let officeBytes: Buffer;
  beforeAll(async () => {
    officeBytes = await officeXlsx(TOWN);
    office = await loadedOf('ひなた町台帳.xlsx', new Uint8Array(officeBytes));
  });

  /** What `kasane indicators` computes in-process: the Node reader, the row rules, the figures. */
  async function cliIndicators(bytes: Buffer, req: Parameters<typeof makePeriod>[0]) {
    const r = await readRegistryXlsx(bytes);
    if (!r.ok) throw new Error(r.message);
    const read = readRegistry(r.raw);
    const p = makePeriod(req, read.registry.settings.fiscalYearStartMonth);
    if (!p.ok) throw new Error(p.message);
    return computeIndicators(read.registry, p.period, read);
  }

  test('the office workbook: the one 「3人」 issue at ケース row 11, the office columns as notices', () => {
    const { issues, read } = office.outcome;
    expect(issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      ['cases', 11, 'householdSize', 'value.integer'],
    ]);
    expect(issuePlace(issues[0]!)).toEqual({ sheet: 'ケース', row: '11', column: '世帯人数' });
    expect(read.notices.map((n) => [n.sheet, n.code])).toEqual([
      ['cases', 'column.office'],
      ['meetings', 'column.office'],
    ]);
    expect(office.blocking).toEqual([]);
  });

  test.each([
    ['令和7年度', '', 'fiscalYear2025', { kind: 'fiscalYear', year: 2025, asOf: null }],
    ['R7', '令和7年9月30日', 'fiscalYear2025AsOf', { kind: 'fiscalYear', year: 2025, asOf: MID_YEAR }],
  ] as const)('%s (基準日 %j): the hand counts, and the CLI figures', async (year, asOf, expected, req) => {
    const r = indicatorsOf(office, { kind: 'fiscalYear', year, asOf });
    if (!r.ok) throw new Error(r.message);
    for (const [k, v] of Object.entries(TOWN_EXPECTED[expected])) expect([k, r.value.indicators[k]]).toEqual([k, v]);
    expect(r.value).toEqual(await cliIndicators(officeBytes, req));
  });

  test('a month written R7.5: the hand counts of May', async () => {
    const r = indicatorsOf(office, { kind: 'month', month: 'R7.5', asOf: '' });
    if (!r.ok) throw new Error(r.message);
    for (const [k, v] of Object.entries(TOWN_EXPECTED['month2025-05']))
      expect([k, r.value.indicators[k]]).toEqual([k, v]);
    expect(r.value).toEqual(await cliIndicators(officeBytes, { kind: 'month', month: '2025-05', asOf: null }));
  });

  test('the 月次集計 and its CSV are the CLI’s, internal and public', async () => {
    const r = await readRegistryXlsx(officeBytes);
    if (!r.ok) throw new Error(r.message);
    const read = readRegistry(r.raw);
    for (const pub of [false, true]) {
      const s = summaryOf(office, '令和7年5月', pub);
      if (!s.ok) throw new Error(s.message);
      const cli = buildMonthlySummary(read.registry, '2025-05', { read, public: pub });
      expect(s.value).toEqual(cli);
      expect(Buffer.from(CSV_RENDERERS.summaryCsv(s.value))).toEqual(summaryCsv(cli));
      expect(summaryHtml(s.value)).toBe(summaryHtml(cli));
      expect(summaryFileName(s.value, 'csv')).toBe(`月次集計_2025-05_${pub ? '公表用' : '内部用'}.csv`);
    }
  });

  test('CSV file names name the period', () => {
    const year = indicatorsOf(office, { kind: 'fiscalYear', year: '2025', asOf: '' });
    const cut = indicatorsOf(office, { kind: 'fiscalYear', year: '2025', asOf: '2026-01-31' });
    const may = indicatorsOf(office, { kind: 'month', month: '2025/5', asOf: '' });
    if (!year.ok || !cut.ok || !may.ok) throw new Error('period');
    expect(indicatorsFileName(year.value)).toBe('指標_令和7年度.csv');
    expect(indicatorsFileName(cut.value)).toBe('指標_令和7年度_2026-01-31時点.csv');
    expect(indicatorsFileName(may.value)).toBe('指標_2025年5月.csv');
    expect(Buffer.from(CSV_RENDERERS.indicatorsCsv(year.value))).toEqual(indicatorsCsv(year.value));
  });

  test('periods are read as clerks write them; a wrong one is a Japanese message', () => {
    expect(periodRequestOf({ kind: 'fiscalYear', year: '令和7年度', asOf: '令和8年1月31日' })).toEqual({
      ok: true,
      value: { kind: 'fiscalYear', year: 2025, asOf: '2026-01-31' },
    });
    expect(periodRequestOf({ kind: 'month', month: 'R7.5', asOf: '' })).toEqual({
      ok: true,
      value: { kind: 'month', month: '2025-05', asOf: null },
    });
    const bad = periodRequestOf({ kind: 'month', month: '5月', asOf: '' });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('月「5月」を読めません') });
    const early = indicatorsOf(office, { kind: 'fiscalYear', year: '2025', asOf: '2025-03-01' });
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining('基準日 2025-03-01') });
    expect(summaryOf(office, '平成40年5月', false)).toMatchObject({ ok: false });
  });

  test('the URL fragment: a fiscal year with 基準日, or a month, and 公表用', () => {
    expect(fragmentRequest('#fiscalYear=2025&asOf=2026-01-31')).toEqual({
      choice: { kind: 'fiscalYear', year: '2025', asOf: '2026-01-31' },
    });
    expect(fragmentRequest('#month=2025-05&public=1')).toEqual({
      choice: { kind: 'month', month: '2025-05', asOf: '' },
      public: true,
    });
    expect(fragmentRequest(`#fiscalYear=${encodeURIComponent('令和7年度')}`).choice).toEqual({
      kind: 'fiscalYear',
      year: '令和7年度',
      asOf: '',
    });
    expect(fragmentRequest('')).toEqual({});
    const cut = indicatorsOf(office, { kind: 'fiscalYear', year: '令和7年度', asOf: '令和8年1月31日' });
    if (!cut.ok) throw new Error(cut.message);
    expect(fragmentOf(cut.value, false)).toBe('#fiscalYear=2025&asOf=2026-01-31');
    expect(fragmentRequest(fragmentOf(cut.value, true))).toEqual({
      choice: { kind: 'fiscalYear', year: '2025', asOf: '2026-01-31' },
      public: true,
    });
  });

  test('defaults: this 年度 and last month, in Japan', () => {
    // 2026-04-01 00:30 in Japan is still March 31 in UTC.
    expect(defaultChoices(new Date('2026-03-31T15:30:00Z'))).toEqual({ year: '令和8年度', month: '2026年3月' });
    expect(defaultChoices(new Date('2026-01-15T03:00:00Z'))).toEqual({ year: '令和7年度', month: '2025年12月' });
  });

  test('values are shown as the CLI text table shows them', () => {
    expect(shownValue(1234)).toBe('1,234');
    expect(shownValue(4.2)).toBe('4.2');
    expect(shownValue(null)).toBe('—（人口未設定）');
  });
});

describe('files the page cannot use', () => {
  test('.xls, .csv and a broken .xlsx are Japanese messages naming the file', async () => {
    // an OLE compound file's signature (its header cut short): an old .xls, as the CLI says it
    expect(
      await loadRegistry('台帳.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^台帳\.xls: 古い形式（\.xls）のファイルです。Excel で開き、「名前を付けて保存」/),
    });
    expect(await loadRegistry('台帳.csv', new Uint8Array([0x41]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^台帳\.csv: CSV（テキスト）のファイルです。Excel で開き、/),
    });
    expect(await loadRegistry('台帳.pdf', new Uint8Array([0x41]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('Excel の台帳（.xlsx）を選んでください'),
    });
    expect(await loadRegistry('壊れた.xlsx', new Uint8Array(Buffer.from('hello')))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^壊れた\.xlsx: XLSX ファイルとして読めません/),
    });
  });

  test("an .xlsm (macro-enabled: the same zip) reads as the .xlsx; an .ods gets the CLI's message", async () => {
    const bytes = new Uint8Array(await cleanXlsx(TOWN));
    const xlsm = await loadedOf('台帳.xlsm', bytes);
    expect(xlsm.outcome).toEqual((await loadedOf('台帳.xlsx', bytes)).outcome);
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file('content.xml', '<office:document-content/>');
    expect(await loadRegistry('台帳.ods', await ods.generateAsync({ type: 'uint8array' }))).toEqual({
      ok: false,
      message:
        '台帳.ods: OpenDocument（.ods）のファイルです。LibreOffice などで開き、「名前を付けて保存」でファイルの種類を .xlsx（Excel 2007-365）にして保存し直してから指定してください。',
    });
  });

  test('the JSON interchange reads too', async () => {
    const l = await loadedOf('town.json', new TextEncoder().encode(JSON.stringify(TOWN)));
    expect(l.outcome.issues).toEqual([]);
    const json = await loadRegistry('x.json', new TextEncoder().encode('{'));
    expect(json).toMatchObject({ ok: false, message: expect.stringContaining('JSON として読めません') });
  });

  test('a 設定 value that cannot be read stops the figures, as the CLI does', async () => {
    const town = { ...TOWN, settings: { ...TOWN.settings, fiscalYearStartMonth: 13 } };
    const l = await loadedOf('town.json', new TextEncoder().encode(JSON.stringify(town)));
    expect(l.blocking.map((i) => i.code)).toEqual(['setting.value']);
  });
});

describe('the page’s Buffer stand-in', () => {
  test('gives the bytes Node gives for the one call the CSV renderers make, and refuses any other', () => {
    const text = '\ufeffキー,値\r\ncases.new,6\r\n';
    expect(Buffer.from(PageBuffer.from(text, 'utf8'))).toEqual(Buffer.from(text, 'utf8'));
    expect(() => PageBuffer.from(text, 'latin1')).toThrow('Buffer.from(text, "utf8") 以外');
    expect(() => PageBuffer.from(new Uint8Array(2), undefined)).toThrow();
  });
});
