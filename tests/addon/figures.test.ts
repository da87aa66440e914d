// 「指標を作成」 and 「月次集計を作成」 through THE BUILT add-on on the emulated spreadsheet: the
// figures of ひなた町 (tests/fixtures/town.ts, counted by hand) and of the CLI, the public summary
// suppressed as `kasane summary --public`, the native chart, rewriting in place, refusals that
// write nothing, the CSV download, and the Sheets calls at 1k and 10k cases.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEnvironment } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { fromInterchange, toInterchange } from '../../core/registry/interchange';
import { readRegistry } from '../../core/registry/read';
import type { RawRegistry } from '../../core/registry/records';
import { buildMonthlySummary } from '../../core/summary/build';
import { generateSampleRegistry } from '../../core/sample';
import { todayInJapan } from '../../core/dates/calendar';
import { fiscalYearLabel, fiscalYearOf, shiftMonth } from '../../core/dates/fiscal';
import { summaryCsv } from '../../reports/summary-csv';
import { SHEETS } from '../../core/registry/definition';
import { summaryLines } from '../../reports/summary-table';
import type { GasEnvironment } from '../../gas-emulator';
import { MID_YEAR, TOWN, TOWN_EXPECTED } from '../fixtures/town';

const ROOT = join(__dirname, '..', '..');
const PROTECTION = '自動作成のシートです。台帳のシートを直してください（このシートは直さないでください）。';

function rawOf(doc: unknown): RawRegistry {
  const r = fromInterchange(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(r.message);
  return r.raw;
}

const TOWN_RAW = rawOf(TOWN);

function townEnvironment(raw: RawRegistry = TOWN_RAW): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, raw);
  env.log.reset();
  return env;
}

/** An output sheet as the host sees it: the header row (the row starting 区分, 指標), above it, the table. */
function outputTable(env: GasEnvironment, name: string) {
  const sheet = env.spreadsheet.sheetForHost(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const values = sheet.valuesForHost();
  const h = values.findIndex((r) => r[0] === '区分' && r[1] === '指標');
  const header = values[h]!.map(String);
  const rows: unknown[][] = [];
  for (const r of values.slice(h + 1)) {
    if (r.every((v) => v === '')) break;
    rows.push(r);
  }
  return { sheet, values, headerRow: h + 1, header, rows, above: values.slice(0, h) };
}

/** Key → 値 of the 指標 sheet, the way the public contract check reads it: the row holding キー and 値. */
function figuresOf(env: GasEnvironment): Record<string, unknown> {
  const values = env.spreadsheet.sheetForHost('指標')!.valuesForHost();
  const h = values.findIndex((r) => r.includes('キー') && r.includes('値'));
  const header = values[h]!;
  const rows = values.slice(h + 1).filter((r) => r.some((v) => v !== ''));
  const key = header.indexOf('キー');
  const value = header.indexOf('値');
  return Object.fromEntries(rows.map((r) => [r[key], r[value]]));
}

/** A table line as the sheet holds it: null as an empty cell, empty cells up to the sheet's width. */
const padded = (line: ReadonlyArray<string | number | null>, width: number): unknown[] =>
  Array.from({ length: width }, (_, i) => line[i] ?? '');

const tmp = mkdtempSync(join(tmpdir(), 'kasane-figures-'));
const townFile = join(tmp, 'town.json');
writeFileSync(townFile, JSON.stringify(TOWN));

/** `kasane indicators` of the built CLI on the same registry. */
function cliIndicators(...args: string[]): Record<string, number | null> {
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'dist', 'cli.cjs'), 'indicators', '--input', townFile, ...args],
    {
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out) as { indicators: Record<string, number | null> }).indicators;
}

describe('指標', () => {
  const env = townEnvironment();
  const r = env.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }]);
  const cli = cliIndicators('--fiscal-year', '2025', '--format', 'json');

  test('answers ok with the sheet and its number of rows: one per indicator key', () => {
    expect(r).toEqual({ ok: true, sheet: '指標', rows: Object.keys(cli).length, warnings: [] });
  });

  test('令和7年度 of ひなた町: every figure counted by hand, and exactly the CLI figures', () => {
    const figures = figuresOf(env);
    for (const [k, v] of Object.entries(TOWN_EXPECTED.fiscalYear2025)) expect([k, figures[k]]).toEqual([k, v]);
    // null (a rate without population) is an empty cell; ひなた町 has a population, so there is none.
    expect(figures).toEqual(Object.fromEntries(Object.entries(cli).map(([k, v]) => [k, v ?? ''])));
  });

  test('columns: 区分, 指標, 値, 期間, 除外した行数, 人口10万人あたり, and the key last', () => {
    const { header, rows } = outputTable(env, '指標');
    expect(header).toEqual(['区分', '指標', '値', '期間', '除外した行数', '人口10万人あたり', 'キー']);
    const row = (key: string) => rows.find((x) => x[6] === key)!;
    // 6 new cases for 12,000 people: 6 × 100,000 ÷ 12,000 = 50.
    expect(row('cases.new')).toEqual([
      '新規相談',
      '新規相談件数',
      6,
      '令和7年度（2025-04-01〜2026-03-31）',
      0,
      50,
      'cases.new',
    ]);
    // 3 × 100,000 ÷ 12,000 = 25; a breakdown's 区分 is the group of the figure it refines.
    expect(row('cases.new.byDomain.高齢').slice(0, 3)).toEqual(['新規相談', '新規相談件数（分野別）: 高齢', 3]);
    expect(row('cases.new.byDomain.高齢')[5]).toBe(25);
    // No group in the 月次集計: the catalog entry's label.
    expect(row('places.active.byType.サロン').slice(0, 2)).toEqual([
      '居場所・拠点数（種別）',
      '居場所・拠点数（種別）: サロン',
    ]);
    // Rates, kilograms and the meta figure get no rate of their own.
    for (const k of ['cases.new.per100kPerMonth', 'donations.weightKg', 'data.excludedRows'])
      expect(row(k)[5]).toBe('');
  });

  test('above the header: title, 作成日時, the period, what was read; frozen; warning-only protection', () => {
    const { sheet, above, headerRow } = outputTable(env, '指標');
    expect(above[0]![0]).toBe('ひなた町 重層的支援体制整備事業 指標 令和7年度');
    expect(above[1]![0]).toBe('作成日時');
    expect(String(above[1]![1])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const labels = Object.fromEntries(above.map((l) => [l[0], l[1]]));
    expect(labels['読み込んだ行']).toBe(SHEETS.map((d) => `${d.name} ${TOWN[d.key].length}行`).join('、'));
    expect(labels['除外した行']).toBe('0行');
    expect(labels['注意']).toBeUndefined();
    expect(sheet.getFrozenRowsForHost()).toBe(headerRow);
    const protections = sheet.protectionsForHost();
    expect(protections.map((p) => [p.getProtectionType(), p.getDescription(), p.isWarningOnly()])).toEqual([
      ['SHEET', PROTECTION, true],
    ]);
    expect(sheet.columnWidthForHost(7)).toBeLessThan(sheet.columnWidthForHost(2));
    expect(env.spreadsheet.getActiveSheet()).toBe(sheet);
  });

  test('a period as data (the dialog reads 令和7年度 and R7.5): FY2025 as of 2025-09-30, and a month', () => {
    const e = townEnvironment();
    expect(e.run('writeIndicatorsSheet', [{ fiscalYear: 2025, asOf: '2025-09-30' }])).toMatchObject({
      ok: true,
    });
    const asOf = figuresOf(e);
    for (const [k, v] of Object.entries(TOWN_EXPECTED.fiscalYear2025AsOf)) expect([k, asOf[k]]).toEqual([k, v]);
    expect(outputTable(e, '指標').rows[0]![3]).toBe(`令和7年度（2025-04-01〜2026-03-31、${MID_YEAR}まで）`);
    expect(e.run('writeIndicatorsSheet', [{ month: '2025-05' }])).toMatchObject({ ok: true });
    const month = figuresOf(e);
    for (const [k, v] of Object.entries(TOWN_EXPECTED['month2025-05'])) expect([k, month[k]]).toEqual([k, v]);
    expect(month).toEqual(
      Object.fromEntries(Object.entries(cliIndicators('--month', '2025-05')).map(([k, v]) => [k, v ?? ''])),
    );
  });

  test('a missing sheet is said above the table, and its figures are not silent zeros', () => {
    const raw = rawOf({ ...TOWN, donations: undefined });
    const e = townEnvironment(raw);
    const donations = e.spreadsheet.sheetForHost('寄付')!;
    e.spreadsheet.deleteSheet(donations);
    const r = e.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }]) as { ok: true; warnings: string[] };
    expect(r).toMatchObject({ ok: true });
    const labels = outputTable(e, '指標')
      .above.filter((l) => l[0] === '注意')
      .map((l) => l[1]);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toContain('寄付');
    // The answer carries the same 注意 for the dialog to say: not a plain 「書きました」 over zeros.
    expect(r.warnings).toEqual(labels);
    const summary = e.run('writeMonthlySummarySheet', [{ month: '2025-05', public: false }]) as { warnings: string[] };
    const csv = e.run('getMonthlySummaryCsv', [{ month: '2025-05', public: true }]) as { warnings: string[] };
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toContain('「寄付」シート');
    expect(csv.warnings).toHaveLength(1);
    expect(csv.warnings[0]).toContain('「寄付」シート');
  });
});

describe('a sheet of the office’s holding registry rows', () => {
  test('last year’s cases in 「R6年度分」: said above the table, one read more (that tab’s)', () => {
    const clean = townEnvironment();
    expect(clean.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }])).toMatchObject({ ok: true });
    const reads = clean.log.count('Sheet.getSheetValues');
    const e = townEnvironment();
    const header = SHEETS[0].columns.map((c) => c.label);
    const old = e.spreadsheet.insertSheet('R6年度分');
    old.getRange(1, 1, 2, header.length).setValues([header, header.map((_, i) => (i === 0 ? 'K-2024-0999' : ''))]);
    e.log.reset();
    expect(e.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }])).toMatchObject({ ok: true });
    expect(e.log.count('Sheet.getSheetValues')).toBe(reads + 1);
    expect(
      outputTable(e, '指標')
        .above.filter((l) => l[0] === '注意')
        .map((l) => l[1]),
    ).toEqual([
      '「R6年度分」シートの行（「ケース」と同じ見出し）は集計に入っていません。集計に入れる行なら「ケース」シートに移してください。',
    ]);
  });
});

describe('refusals write nothing', () => {
  test('a period as typed text is not what the call takes: payload.invalid, no sheet, nothing read or written', () => {
    const env = townEnvironment();
    for (const request of [
      { month: '13月' },
      { month: 'R7.5' },
      { month: '2025-13' },
      { fiscalYear: '令和7年度' },
      { fiscalYear: 2025.5 },
      { fiscalYear: 2025, asOf: '令和7年9月30日' },
      { fiscalYear: 2025, asOf: '2025-02-30' },
    ]) {
      expect([request, env.run('writeIndicatorsSheet', [request])]).toEqual([
        request,
        expect.objectContaining({ ok: false, code: 'payload.invalid' }),
      ]);
    }
    expect(env.spreadsheet.sheetForHost('指標')).toBeNull();
    expect(env.log.count('Range.setValues')).toBe(0);
    expect(env.log.count('Sheet.getSheetValues')).toBe(0);
  });

  test('a 基準日 before the period, a shape the dialog never sends, a summary month that is no month', () => {
    const env = townEnvironment();
    expect(env.run('writeIndicatorsSheet', [{ fiscalYear: 2025, asOf: '2025-03-31' }])).toMatchObject({
      ok: false,
      code: 'period.invalid',
      errors: { asOf: '基準日 2025-03-31 が期間の初日 2025-04-01 より前です。' },
    });
    expect(env.run('writeIndicatorsSheet', [{ fiscalYear: 2025, month: '2025-05' }])).toMatchObject({
      ok: false,
      code: 'payload.invalid',
    });
    expect(env.run('writeMonthlySummarySheet', [{ month: '令和7年5月', public: true }])).toMatchObject({
      ok: false,
      code: 'payload.invalid',
    });
    expect(env.spreadsheet.sheetForHost('指標')).toBeNull();
    expect(env.spreadsheet.sheetForHost('月次集計')).toBeNull();
  });

  test('a sheet named 指標 that the add-on did not make is left as it is', () => {
    const env = townEnvironment();
    env.spreadsheet.insertSheet('指標').getRange('A1').setValue('手作りの集計');
    expect(env.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }])).toMatchObject({ ok: false, code: 'sheet.notOurs' });
    expect(env.spreadsheet.sheetForHost('指標')!.valuesForHost()).toEqual([['手作りの集計']]);
  });

  test('before setup: what to do', () => {
    const env = newEnvironment();
    expect(env.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }])).toMatchObject({
      ok: false,
      code: 'registry.notSetUp',
      message: expect.stringContaining('台帳を初期設定'),
    });
  });
});

describe('月次集計', () => {
  const env = townEnvironment();
  const read = readRegistry(TOWN_RAW);
  const expected = (pub: boolean) => buildMonthlySummary(read.registry, '2025-05', { public: pub, read });

  test('公表用: the table of `kasane summary --public`, suppressed cell for cell', () => {
    expect(env.run('writeMonthlySummarySheet', [{ month: '2025-05', public: true }])).toEqual({
      ok: true,
      sheet: '月次集計',
      rows: summaryLines(expected(true)).length - 1,
      warnings: [],
    });
    const { header, rows, above } = outputTable(env, '月次集計');
    // A public summary has no key column; the sheet is as wide as the chart's data below (6 columns).
    const [head, ...lines] = summaryLines(expected(true)).map((l) => padded(l, header.length));
    expect(header).toEqual(head);
    expect(rows).toEqual(lines);
    expect(rows.some((r) => r.includes('*'))).toBe(true);
    expect(above[0]![0]).toBe('ひなた町 重層的支援体制整備事業 月次集計 2025年5月（公表用）');
    expect(above.find((l) => l[0] === '種類')![1]).toBe('公表用（秘匿しきい値 5）');
  });

  test('the chart: a native column chart with its title over a data range suppressed as the table', () => {
    const { sheet, values } = outputTable(env, '月次集計');
    const charts = sheet.chartsForHost();
    expect(charts).toHaveLength(1);
    const state = charts[0]!.stateForHost();
    expect(state.type).toBe('COLUMN');
    expect(state.options.get('title')).toBe('新規相談件数（分野別・直近12か月） 2024年6月〜2025年5月（公表用）');
    const [range] = state.ranges;
    const data = range!.getValues();
    const chart = expected(true).charts.newCasesByDomain;
    expect(data[0]).toEqual(['月', ...chart.series.map((s) => s.domain)]);
    expect(data.slice(1)).toEqual(
      chart.labels.map((l, i) => [l, ...chart.series.map((s) => (s.values[i] === '*' ? '' : s.values[i]))]),
    );
    // ひなた町 is small: May's 高齢 (1) is suppressed in the table and empty in the chart's data.
    expect(chart.series.find((s) => s.domain === '高齢')!.values[11]).toBe('*');
    expect(data[12]![1]).toBe('');
    // The footnotes of a public summary are on the sheet.
    expect(values.some((l) => l[0] === '注' && String(l[1]).startsWith('「*」は秘匿した値です。'))).toBe(true);
  });

  test('内部用: every count, and the line that says so', () => {
    const e = townEnvironment();
    expect(e.run('writeMonthlySummarySheet', [{ month: '2025-05', public: false }])).toMatchObject({ ok: true });
    const { rows, above } = outputTable(e, '月次集計');
    const [head, ...lines] = summaryLines(expected(false)).map((l) => padded(l, 6));
    expect(head![5]).toBe('キー');
    expect(rows).toEqual(lines);
    expect(above.find((l) => l[0] === '種類')![1]).toBe('内部用（秘匿処理なし。外部に公表しないでください）');
    const cases = rows.find((r) => r[5] === 'cases.new')!;
    expect(cases.slice(2, 5)).toEqual([...TOWN_EXPECTED['summary2025-05']['cases.new']]);
  });

  test('a second run rewrites in place: one sheet each, one chart, one protection', () => {
    const e = townEnvironment();
    for (let i = 0; i < 2; i++) {
      e.run('writeMonthlySummarySheet', [{ month: '2025-05', public: i === 0 }]);
      e.run('writeIndicatorsSheet', [{ fiscalYear: 2025 }]);
    }
    const names = e.spreadsheet.sheetNamesForHost();
    expect(names.filter((n) => n === '月次集計')).toHaveLength(1);
    expect(names.filter((n) => n === '指標')).toHaveLength(1);
    const summary = outputTable(e, '月次集計').sheet;
    expect(summary.chartsForHost()).toHaveLength(1);
    expect(summary.chartsForHost()[0]!.stateForHost().options.get('title')).not.toContain('公表用');
    expect(summary.protectionsForHost()).toHaveLength(1);
    expect(outputTable(e, '指標').sheet.protectionsForHost()).toHaveLength(1);
    // The second summary (internal) shows no `*`.
    expect(outputTable(e, '月次集計').rows.some((r) => r.includes('*'))).toBe(false);
  });

  test('CSV download: the bytes of `kasane summary --format csv`, named for the month and kind', () => {
    const r = env.run('getMonthlySummaryCsv', [{ month: '2025-05', public: true }]) as {
      ok: boolean;
      filename: string;
      mimeType: string;
      text: string;
    };
    expect(r.filename).toBe('月次集計_2025-05_公表用.csv');
    expect(r.mimeType).toBe('text/csv;charset=utf-8');
    expect(Buffer.from(r.text, 'utf8')).toEqual(summaryCsv(expected(true)));
    expect(r.text.startsWith('\ufeff')).toBe(true);
    expect(r.text.split('\r\n').length).toBeGreaterThan(10);
    const internal = env.run('getMonthlySummaryCsv', [{ month: '2025-05', public: false }]) as { filename: string };
    expect(internal.filename).toBe('月次集計_2025-05_内部用.csv');
  });

  test('text that looks like a formula stays text: in the sheet and in the CSV', () => {
    const e = townEnvironment();
    // 自治体名 held as text that starts with = (a plain-text cell: typed, it would be a formula there).
    const settings = e.spreadsheet.sheetForHost('設定')!;
    const row = settings.valuesForHost().findIndex((r) => r[0] === '自治体名') + 1;
    settings.getRange(row, 2).setNumberFormat('@').setValue('=HYPERLINK("https://example.com","町")');
    expect(e.run('writeMonthlySummarySheet', [{ month: '2025-05', public: false }])).toMatchObject({ ok: true });
    const { sheet, above } = outputTable(e, '月次集計');
    expect(above[0]![0]).toBe('=HYPERLINK("https://example.com","町") 重層的支援体制整備事業 月次集計 2025年5月');
    expect(sheet.getRange('A1').getFormulas()).toEqual([['']]);
    const csv = (e.run('getMonthlySummaryCsv', [{ month: '2025-05', public: false }]) as { text: string }).text;
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeff"\'=HYPERLINK(""https://example.com"",""町"") 重層的支援体制整備事業 月次集計 2025年5月"',
    );
  });
});

describe('the dialog', () => {
  test('both menu items open the built figures.html as a modal dialog, each on its own form', () => {
    const env = newEnvironment();
    env.run('showIndicatorsDialog');
    env.run('showSummaryDialog');
    expect(env.ui.shown.map((s) => [s.kind, s.title, s.file])).toEqual([
      ['modal', '指標を作成', 'figures'],
      ['modal', '月次集計を作成', 'figures'],
    ]);
    expect(env.ui.shown[0]!.content).toContain('data-mode="indicators"');
    expect(env.ui.shown[1]!.content).toContain('data-mode="summary"');
    expect(env.ui.shown[1]!.content).not.toContain('data-mode="indicators"');
  });

  test('defaults computed in Apps Script: the fiscal year of today, today, the last whole month', () => {
    const env = townEnvironment();
    const today = todayInJapan();
    const month = shiftMonth(today.slice(0, 7), -1);
    expect(env.run('getFiguresContext')).toEqual({
      ok: true,
      today,
      fiscalYear: fiscalYearOf(today, 4),
      fiscalYearLabel: fiscalYearLabel(fiscalYearOf(today, 4), 4),
      month,
      monthLabel: `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`,
      fiscalYearStartMonth: 4,
      municipality: 'ひなた町',
      population: true,
    });
  });
});

describe('Sheets calls', () => {
  function sampleEnvironment(cases: number): GasEnvironment {
    const raw = rawOf(toInterchange(generateSampleRegistry({ cases, seed: 7 })));
    return townEnvironment(raw);
  }
  /** Calls to the Sheets service: the spreadsheet, its sheets, ranges and range lists. */
  const sheetsCalls = (calls: Record<string, number>) =>
    Object.entries(calls)
      .filter(([k]) => ['Spreadsheet.', 'Sheet.', 'Range.', 'RangeList.'].some((p) => k.startsWith(p)))
      .reduce((n, [, v]) => n + v, 0);
  const OPS = {
    indicators: ['writeIndicatorsSheet', { fiscalYear: 2025 }],
    summary: ['writeMonthlySummarySheet', { month: '2025-05', public: true }],
    // Reads exactly what the two others read, and writes nothing: the cost of reading the registry.
    csv: ['getMonthlySummaryCsv', { month: '2025-05', public: true }],
  } as const;

  const measured = [1000, 10000].map((n) => {
    const env = sampleEnvironment(n);
    const calls = {} as Record<keyof typeof OPS, Record<string, number>>;
    for (const [what, [fn, request]] of Object.entries(OPS) as Array<
      [keyof typeof OPS, (typeof OPS)[keyof typeof OPS]]
    >) {
      env.log.reset();
      expect(env.run(fn, [request])).toMatchObject({ ok: true });
      calls[what] = env.log.snapshot();
    }
    return calls;
  });

  test.each(Object.keys(OPS) as Array<keyof typeof OPS>)('%s: the same calls at 1k and at 10k cases', (what) => {
    expect(measured[1]![what]).toEqual(measured[0]![what]);
  });

  test.each(['indicators', 'summary'] as const)(
    '%s: a refresh of the sheet made before costs less than making it',
    (what) => {
      const env = sampleEnvironment(1000);
      const [fn, request] = OPS[what];
      expect(env.run(fn, [request])).toMatchObject({ ok: true });
      const made = env.log.snapshot();
      env.log.reset();
      expect(env.run(fn, [request])).toMatchObject({ ok: true });
      const refresh = env.log.snapshot();
      // Widths and the protection outlive clear(): made once, not at every refresh.
      expect(made['Sheet.protect']).toBe(1);
      expect(refresh['Sheet.protect'] ?? 0).toBe(0);
      expect((refresh['Sheet.setColumnWidth'] ?? 0) + (refresh['Sheet.setColumnWidths'] ?? 0)).toBe(0);
      expect(refresh['Sheet.clear']).toBe(1);
      // Beyond reading the registry (24 calls: the time zone, the tabs and their names, one
      // getSheetValues per sheet, and シート1's getLastRow): find the sheet and its protection, clear, size, one block of values
      // with its bold and colour, freeze, show — 11 — and for the summary its chart, 4 more.
      expect(sheetsCalls(refresh)).toBeLessThan(sheetsCalls(made));
      expect(sheetsCalls(refresh) - sheetsCalls(measured[0]!.csv)).toBe(what === 'indicators' ? 11 : 15);
    },
  );

  test.each(['indicators', 'summary'] as const)(
    '%s: one read per source sheet, one setValues, at most 20 calls beyond reading the registry',
    (what) => {
      const calls = measured[1]![what];
      // The eight registry sheets and 設定, one getSheetValues each (シート1, the empty tab a new
      // spreadsheet has, costs a getLastRow: other-sheets.ts); the output sheet in one setValues.
      expect(calls['Sheet.getSheetValues']).toBe(9);
      expect(calls['Range.setValues']).toBe(1);
      const reading = sheetsCalls(measured[1]!.csv);
      expect(measured[1]!.csv['Range.setValues'] ?? 0).toBe(0);
      expect(sheetsCalls(calls) - reading).toBeLessThanOrEqual(20);
    },
  );
});
