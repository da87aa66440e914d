// Export formats: CSV (BOM, CRLF, RFC 4180), XLSX read back with exceljs, JSON, printable HTML;
// formula-like text is text in every one of them, numbers stay numbers.
import ExcelJS from 'exceljs';
import { buildMonthlySummary, type MonthlySummary } from '../../core/summary';
import { exportIndicators, exportSummary } from '../../reports';
import { csvField, neutralText, safeCell } from '../../reports/safe-cell';
import { computeIndicators } from '../../core/indicators';
import { RegistryBuilder, fiscalYear, spread } from '../core/indicators/builders';
import { readRegistry } from '../../core/registry/read';
import { readGridWorkbook } from '../../core/registry/workbook';
import { fromInterchange } from '../../core/registry/interchange';
import { TOWN } from '../fixtures/town';
import { officeSheets } from '../fixtures/office';

const RISKY = ['=HYPERLINK("http://example.invalid","x")', '+1+2', '-3+4', '@SUM(A1)', '\tTAB', '\rCR'];

function summary(pub = false): MonthlySummary {
  const b = new RegistryBuilder({ municipality: 'かさね町' });
  b.cases(spread(7, '2025-05-01', '2025-05-31'), { domains: ['高齢'] });
  b.donation({ receivedOn: '2025-05-03', donorType: '企業', weightKg: 12.5 });
  return buildMonthlySummary(b.registry, '2025-05', { public: pub, createdOn: '2025-06-03' });
}

/** The lines of a CSV file, after its byte-order mark. */
const csvLines = (body: Buffer): string[] => body.subarray(3).toString('utf8').split('\r\n');

/** A summary whose texts start with every formula trigger, and a negative number among the cells. */
function hostile(): MonthlySummary {
  const s = summary();
  s.title = RISKY[0]!;
  s.groups[0]!.heading = RISKY[1]!;
  s.groups[0]!.rows.slice(0, RISKY.length).forEach((r, i) => (r.label = RISKY[i]!));
  s.groups[0]!.rows[0]!.cells[1] = -3;
  s.notes = ['<script>alert(1)</script>'];
  return s;
}

describe('safe-cell', () => {
  test.each(RISKY)('%j is formula-like', (v) => {
    expect(safeCell(v)).toEqual({ kind: 'text', value: v, formulaLike: true });
    expect(csvField(v)).toBe(`'${v}`);
    expect(neutralText(v)).toBe(`'${v}`);
  });
  test('ordinary text, numbers (negative too) and empties', () => {
    expect(safeCell('新規相談件数')).toEqual({ kind: 'text', value: '新規相談件数', formulaLike: false });
    expect(safeCell(-3)).toEqual({ kind: 'number', value: -3 });
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('CSV', () => {
  test('UTF-8 with BOM, CRLF line ends, header and rows', async () => {
    const f = await exportSummary(summary(), 'csv');
    expect(f.contentType).toBe('text/csv; charset=utf-8');
    expect(f.filename).toBe('kasane-summary-2025-05.csv');
    expect([...f.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = f.body.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    // Under the title, as in the XLSX and the HTML: what kind of file this is, and its dates.
    expect(lines.slice(0, 4)).toEqual([
      'かさね町 重層的支援体制整備事業 月次集計 2025年5月',
      '内部用（秘匿処理なし。外部に公表しないでください）',
      '基準日 令和7年5月31日　作成日 令和7年6月3日',
      '区分,指標,2025年5月,前年同月（2024年5月）,令和7年度累計（5月末まで）,キー',
    ]);
    expect(lines).toContain('新規相談,新規相談件数,7,0,7,cases.new');
    // Seven new cases, none with a 年代: all seven under 未記入, and the parts add up.
    expect(lines).toContain('新規相談,新規相談件数（年代別）: 未記入,7,0,7,cases.new.byAgeGroup.未記入');
    expect(lines).toContain('寄付,寄付重量(kg),12.5,0,12.5,donations.weightKg');
  });
  test('public: the mode line, no key column, no English key anywhere, no internal note', async () => {
    const b = new RegistryBuilder({ municipality: 'かさね町' });
    b.cases(spread(7, '2025-05-01', '2025-05-31'), { domains: ['高齢'] });
    const faults = { cases: [new Set(['area'])] };
    delete b.registry.cases[0]!.area;
    const s = buildMonthlySummary(b.registry, '2025-05', { public: true, createdOn: '2025-06-03', read: { faults } });
    const lines = csvLines((await exportSummary(s, 'csv')).body);
    expect(lines.slice(0, 4)).toEqual([
      'かさね町 重層的支援体制整備事業 月次集計 2025年5月（公表用）',
      '公表用（秘匿しきい値 5）',
      '基準日 令和7年5月31日　作成日 令和7年6月3日',
      '区分,指標,2025年5月,前年同月（2024年5月）,令和7年度累計（5月末まで）',
    ]);
    expect(lines).toContain('新規相談,新規相談件数,7,0,7');
    // エリア: 東 6 of 7 (one 「エリア」 unreadable, left out); the note says why it falls short.
    expect(lines).toContain('新規相談,新規相談件数（エリア別）: 東,6,0,6');
    expect(lines).toContain(
      '注: 読み取れない値があった行は、その値を使う集計から除いているため、内訳の合計が合計と一致しないことがあります。',
    );
    // Latin letters only where Japanese writes them too: 虐待・DV, 重量(kg).
    expect(lines.filter((l) => /[A-Za-z]/.test(l.replace(/DV|\(kg\)/g, '')))).toEqual([]);
    // The same summary, internal: the key column and the office's notes.
    const internal = buildMonthlySummary(b.registry, '2025-05', {
      public: false,
      createdOn: '2025-06-03',
      read: { faults },
    });
    const all = csvLines((await exportSummary(internal, 'csv')).body).join('\n');
    expect(all).toContain('新規相談,新規相談件数（エリア別）: 東,6,0,6,cases.new.byArea.東');
    expect(all).toContain('kasane validate');
    expect(all).toContain('読めないセルがあるため除外した行（指標ごと）: 新規相談件数（エリア別） 1行。');
  });
  test('formula-like text gets a leading quote; fields with quotes, commas or line ends are quoted; numbers stay', async () => {
    const f = await exportSummary(hostile(), 'csv');
    const lines = f.body.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
    expect(lines[4]).toBe(`'+1+2,"'=HYPERLINK(""http://example.invalid"",""x"")",7,-3,7,cases.new`);
    expect(lines[5]!.startsWith(`'+1+2,'+1+2,`)).toBe(true);
    expect(lines[6]!.startsWith(`'+1+2,'-3+4,`)).toBe(true);
    expect(lines[7]!.startsWith(`'+1+2,'@SUM(A1),`)).toBe(true);
    expect(lines[8]!.startsWith(`'+1+2,'\tTAB,`)).toBe(true);
    expect(lines[9]!.startsWith(`'+1+2,"'\rCR",`)).toBe(true);
  });
});

describe('XLSX', () => {
  async function read(s: MonthlySummary) {
    const f = await exportSummary(s, 'xlsx');
    expect(f.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.body as unknown as ArrayBuffer);
    return wb;
  }
  test('styled header, widths, Japanese labels, numbers as numbers', async () => {
    const ws = (await read(summary())).getWorksheet('月次集計')!;
    expect(ws.getCell('A2').value).toBe('内部用（秘匿処理なし。外部に公表しないでください）');
    expect(ws.getCell('A3').value).toBe('基準日 令和7年5月31日　作成日 令和7年6月3日');
    expect(ws.getCell('A4').value).toBe('区分');
    expect(ws.getCell('C4').value).toBe('2025年5月');
    expect(ws.getCell('F4').value).toBe('キー');
    expect(ws.getCell('A4').font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBe(50);
    expect(ws.getCell('A5').value).toBe('新規相談');
    expect(ws.getCell('B6').value).toBe('新規相談件数');
    expect(ws.getCell('C6').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('C6').value).toBe(7);
    expect(ws.getCell('F6').value).toBe('cases.new');
  });
  test('printed pages: title and dates at the top, page numbers at the bottom, the header row repeated', async () => {
    const ws = (await read(summary())).getWorksheet('月次集計')!;
    expect(ws.headerFooter.oddHeader).toBe(
      '&L&8かさね町 重層的支援体制整備事業 月次集計 2025年5月&R&8基準日 令和7年5月31日　作成日 令和7年6月3日',
    );
    expect(ws.headerFooter.oddFooter).toBe('&L&8内部用（秘匿処理なし。外部に公表しないでください）&R&8&P / &N ページ');
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    const d = (await read(summary())).getWorksheet('グラフ用データ')!;
    expect([d.getCell('B1').value, d.getCell('M1').value]).toEqual(['2024年6月', '2025年5月']);
  });
  test('formula-like text is a string cell, never a formula; a negative number stays a number', async () => {
    const ws = (await read(hostile())).getWorksheet('月次集計')!;
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A1').value).toBe(RISKY[0]);
    RISKY.forEach((v, i) => {
      const cell = ws.getCell(6 + i, 2);
      // XML reads a bare CR back as LF (line-end normalisation); it is the same text cell.
      expect([cell.type, cell.value, cell.formula]).toEqual([
        ExcelJS.ValueType.String,
        v.replace(/\r/g, '\n'),
        undefined,
      ]);
    });
    expect(ws.getCell('A6').type).toBe(ExcelJS.ValueType.String);
    expect([ws.getCell('D6').type, ws.getCell('D6').value]).toEqual([ExcelJS.ValueType.Number, -3]);
    let formulas = 0;
    ws.eachRow((r) => r.eachCell((c) => (c.type === ExcelJS.ValueType.Formula ? formulas++ : 0)));
    expect(formulas).toBe(0);
  });
  test('public: suppressed cells are the text *', async () => {
    const ws = (await read(summary(true))).getWorksheet('月次集計')!;
    let stars = 0;
    ws.eachRow((r) => r.eachCell((c) => (c.value === '*' ? stars++ : 0)));
    expect(stars).toBeGreaterThan(0);
    expect(ws.getCell('A2').value).toBe('公表用（秘匿しきい値 5）');
    // No key column: the header ends with the year to date, and no cell holds an English key.
    expect(ws.getRow(4).values).toEqual([
      undefined,
      '区分',
      '指標',
      '2025年5月',
      '前年同月（2024年5月）',
      '令和7年度累計（5月末まで）',
    ]);
    let keys = 0;
    ws.eachRow((r) =>
      r.eachCell((c) => (typeof c.value === 'string' && /cases\.|donations\./.test(c.value) ? keys++ : 0)),
    );
    expect(keys).toBe(0);
    expect(ws.columns).toHaveLength(5);
  });
});

describe('HTML', () => {
  test('printable A4, charts inline, no external resources', async () => {
    const f = await exportSummary(summary(), 'html');
    const html = f.body.toString('utf8');
    expect(f.contentType).toBe('text/html; charset=utf-8');
    expect(html).toContain('@page { size: A4');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/(src|href)=|@import|url\(|<script/i);
    expect(html).toContain('新規相談件数（分野別・直近12か月）');
    expect(html).toContain('<p class="mode">内部用（秘匿処理なし。外部に公表しないでください）</p>');
    const pub = (await exportSummary(summary(true), 'html')).body.toString('utf8');
    expect(pub).toContain('<p class="mode">公表用（秘匿しきい値 5）</p>');
  });
  test('pages laid out here: every page with the title, 基準日, 作成日 and 「n / N ページ」', async () => {
    const html = (await exportSummary(summary(), 'html')).body.toString('utf8');
    const pages = html.split('<section class="page">').slice(1);
    expect(pages).toHaveLength(4);
    pages.forEach((p, i) => {
      expect(p).toContain(
        '<div class="run run-head"><span>かさね町 重層的支援体制整備事業 月次集計 2025年5月</span><span>基準日 令和7年5月31日　作成日 令和7年6月3日</span></div>',
      );
      expect(p).toContain(`<span>${i + 1} / 4 ページ</span>`);
    });
    // A breakdown's title once, then its values: the last of 年代 is 未記入 with all seven cases.
    expect(html).toContain('<tr class="sub"><td colspan="4">新規相談件数（年代別）</td></tr>');
    expect(html).toContain(
      '<tr><td class="l1">未記入</td><td class="n">7</td><td class="n">0</td><td class="n">7</td></tr>',
    );
    expect(html).toContain(
      '<tr class="sub"><td colspan="4">新規相談件数（分野別）<small>（1件に複数あるときはそれぞれに計上）</small></td></tr>',
    );
    // The chart's months carry their year on the first month and on January.
    expect(html).toMatch(/>6月<\/text><text [^>]*>2024年<\/text>/);
    expect(html).toMatch(/>1月<\/text><text [^>]*>2025年<\/text>/);
    expect(html.match(/>20\d\d年<\/text>/g)).toHaveLength(2);
  });
  test('public: no English key, no internal note', async () => {
    const html = (await exportSummary(summary(true), 'html')).body.toString('utf8');
    const text = html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[a-z]+;/g, ' ');
    // Latin letters only where Japanese writes them too: 虐待・DV, 重量(kg).
    expect(text.replace(/DV|\(kg\)/g, '').match(/[A-Za-z]+/g)).toEqual(null);
  });
  test('every text is escaped', async () => {
    const html = (await exportSummary(hostile(), 'html')).body.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://example.invalid&quot;,&quot;x&quot;)');
  });
});

describe('JSON', () => {
  test('the summary, with display strings made formula-safe', async () => {
    const f = await exportSummary(hostile(), 'json');
    const doc = JSON.parse(f.body.toString('utf8')) as MonthlySummary;
    expect(doc.format).toBe('kasane-summary/1');
    expect(doc.title).toBe(`'${RISKY[0]}`);
    expect(doc.groups[0]!.rows[1]!.label).toBe(`'${RISKY[1]}`);
    expect(doc.groups[0]!.rows[0]!.cells[1]).toBe(-3);
    expect(doc.groups[0]!.rows[0]!.key).toBe('cases.new');
    expect([doc.createdOn, doc.referenceDate]).toEqual(['2025-06-03', '2025-05-31']);
  });
  test('public JSON keeps its keys', async () => {
    const doc = JSON.parse((await exportSummary(summary(true), 'json')).body.toString('utf8')) as MonthlySummary;
    expect(doc.groups[0]!.rows[0]!.key).toBe('cases.new');
  });
});

test('exportIndicators: json is the document itself, names carry the period', async () => {
  const b = new RegistryBuilder();
  b.cases(['2024-05-01']);
  const doc = computeIndicators(b.registry, fiscalYear(2024, '2024-09-30'));
  const json = await exportIndicators(doc, 'json');
  expect(JSON.parse(json.body.toString('utf8'))).toEqual(doc);
  expect(json.filename).toBe('kasane-indicators-2024-asof-2024-09-30.json');
  const text = await exportIndicators(doc, 'text');
  expect(text.body.toString('utf8')).toContain('令和6年度（2024-04-01〜2025-03-31、2024-09-30時点）');
  expect(text.body.toString('utf8')).toMatch(/^新規相談件数（人口10万人・1か月あたり） +—（人口未設定）$/m);
  const csv = await exportIndicators(doc, 'csv');
  expect(csv.body.subarray(3).toString('utf8')).toContain(
    // No population: the value is empty; nothing was left out: 0.
    '\r\ncases.new.per100kPerMonth,新規相談件数（人口10万人・1か月あたり）,令和6年度,2024-04-01,2024-09-30,,0\r\n',
  );
});

describe('a registry read without its 寄付 sheet: the warning tops every rendering', () => {
  // ひなた町 as the office keeps it (tests/fixtures/office.ts), with the 寄付 sheet deleted.
  const grid = Object.entries(officeSheets(TOWN))
    .filter(([name]) => name !== '寄付')
    .map(([name, values]) => ({ name, values }));
  const read = readRegistry(readGridWorkbook(grid, (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  const s = buildMonthlySummary(read.registry, '2025-05', { public: false, read, createdOn: '2025-06-03' });
  const WARNING =
    '「寄付」シートがないため、このシートの行は0件として集計しています。テンプレートと同じ名前のシートを作ってください。';

  test('the read and the summary carry one warning naming the sheet', () => {
    expect(read.warnings).toEqual([WARNING]);
    expect(s.warnings).toEqual([WARNING]);
  });

  test('CSV: the warning is line 4 (under the title, the mode and the dates), the table header line 5; the 寄付 figures are 0 (10.3 kg with the sheet)', async () => {
    const lines = (await exportSummary(s, 'csv')).body.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('ひなた町 重層的支援体制整備事業 月次集計 2025年5月');
    expect(lines[1]).toBe('内部用（秘匿処理なし。外部に公表しないでください）');
    expect(lines[3]!.startsWith('注意: ')).toBe(true);
    expect(lines[3]).toBe(`注意: ${WARNING}`);
    expect(lines[4]!.startsWith('区分,指標,')).toBe(true);
    expect(lines).toContain('寄付,寄付重量(kg),0,0,0,donations.weightKg');
    // The whole workbook: May 2.3 + 8; May 2024 3.5 (D-2024-001); April–May 2025 12.5 + 2.3 + 8. No warning.
    const whole = Object.entries(officeSheets(TOWN)).map(([name, values]) => ({ name, values }));
    const full = readRegistry(readGridWorkbook(whole, (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
    const t = buildMonthlySummary(full.registry, '2025-05', { public: false, read: full });
    const all = (await exportSummary(t, 'csv')).body.subarray(3).toString('utf8').split('\r\n');
    expect(all).toContain('寄付,寄付重量(kg),10.3,3.5,22.8,donations.weightKg');
    expect(all[3]!.startsWith('区分,指標,')).toBe(true);
  });

  test('指標 CSV: the warning comes before the header (a clean registry starts with the header)', async () => {
    const doc = computeIndicators(read.registry, fiscalYear(2025), read);
    const lines = (await exportIndicators(doc, 'csv')).body.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(`注意,${WARNING}`);
    expect(lines[1]).toBe('キー,指標,期間,開始日,終了日,値,除外した行数');
    expect(lines).toContain('donations.weightKg,寄付重量(kg),令和7年度,2025-04-01,2026-03-31,0,0');
    const whole = Object.entries(officeSheets(TOWN)).map(([name, values]) => ({ name, values }));
    const full = readRegistry(readGridWorkbook(whole, (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
    const clean = await exportIndicators(computeIndicators(full.registry, fiscalYear(2025), full), 'csv');
    expect(clean.body.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      'キー,指標,期間,開始日,終了日,値,除外した行数',
    );
  });

  test('HTML: the warning is an alert above the first table', async () => {
    const html = (await exportSummary(s, 'html')).body.toString('utf8');
    const alert = html.indexOf(`<p class="warning" role="alert">注意: ${WARNING}</p>`);
    expect(alert).toBeGreaterThan(html.indexOf('<h1>'));
    expect(alert).toBeLessThan(html.indexOf('<h2>'));
    expect(html.match(/role="alert"/g)).toHaveLength(1);
    // Without warnings there is no alert at all.
    expect((await exportSummary(summary(), 'html')).body.toString('utf8')).not.toContain('role="alert"');
  });

  test('XLSX: row 4 holds the warning in red, the header moves to row 5', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportSummary(s, 'xlsx')).body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('月次集計')!;
    expect(String(ws.getCell('A4').value).startsWith('注意')).toBe(true);
    expect(ws.getCell('A4').value).toBe(`注意: ${WARNING}`);
    expect(ws.getCell('A4').font?.color?.argb).toBe('FFC00000');
    expect(ws.getCell('A5').value).toBe('区分');
    expect(ws.getCell('A6').value).toBe('新規相談');
    expect(ws.getCell('C7').value).toBe(2); // 新規相談件数 of May 2025: 25-2, 25-3 (TOWN_EXPECTED)
    expect(ws.pageSetup.printTitlesRow).toBe('5:5');
  });
});

describe('indicators: rows left out per figure', () => {
  // ひなた町 with K-2025-0002 (received 2025-05-07, 西) given the unknown エリア 「北」, and
  // K-2025-0004 (received 2025-06-16) given 世帯人数 「3人」, which no figure reads.
  const town = JSON.parse(JSON.stringify(TOWN)) as Record<string, unknown> & { cases: Array<Record<string, unknown>> };
  town.cases.find((c) => c.caseId === 'K-2025-0002')!.area = '北';
  town.cases.find((c) => c.caseId === 'K-2025-0004')!.householdSize = '3人';
  const r = fromInterchange(town);
  if (!r.ok) throw new Error(r.message);
  const read = readRegistry(r.raw);
  const doc = computeIndicators(read.registry, fiscalYear(2025), read);

  test('the figures: エリア別 leaves the case out, everything else counts it', () => {
    expect(read.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [7, 'area', 'value.list'],
      [9, 'householdSize', 'value.integer'],
    ]);
    expect(doc.indicators['cases.new']).toBe(6); // as in TOWN_EXPECTED
    expect(doc.indicators['cases.new.byArea.西']).toBe(2); // 25-4, 25-6 (25-2 left out)
    expect(doc.indicators['cases.new.byArea.東']).toBe(3); // 25-1, 25-3, 25-5
    expect(doc.indicators['data.excludedRows']).toBe(1); // 25-2 only: 「3人」 leaves no row out
    expect(doc.leftOut['cases.new.byArea']).toBe(1);
    expect(doc.leftOut['cases.new']).toBe(0);
  });

  test('CSV: the 除外した行数 column, 1 on each エリア別 row and 0 elsewhere', async () => {
    const lines = (await exportIndicators(doc, 'csv')).body.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('キー,指標,期間,開始日,終了日,値,除外した行数');
    const period = '令和7年度,2025-04-01,2026-03-31';
    expect(lines).toContain(`cases.new,新規相談件数,${period},6,0`);
    expect(lines).toContain(`cases.new.byArea.西,新規相談件数（エリア別）: 西,${period},2,1`);
    expect(lines).toContain(`cases.new.byArea.東,新規相談件数（エリア別）: 東,${period},3,1`);
    expect(lines).toContain(`data.excludedRows,集計から除外した行数,${period},1,0`);
    const leftOut = lines.slice(1, -1).filter((l) => !l.endsWith(',0'));
    expect(leftOut.map((l) => l.split(',')[0])).toEqual(['cases.new.byArea.東', 'cases.new.byArea.西']);
  });

  test('text: （除外 1行） after each エリア別 figure only', async () => {
    const text = (await exportIndicators(doc, 'text')).body.toString('utf8');
    expect(text).toMatch(/^新規相談件数（エリア別）: 西 +2 {2}（除外 1行）$/m);
    expect(text).toMatch(/^新規相談件数 +6$/m);
    expect(text.match(/（除外 /g)).toHaveLength(2);
  });
});
