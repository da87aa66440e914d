// The monthly summary: columns, rows, the year-earlier and year-to-date figures, public suppression
// and the chart data, on hand-made registries.
import { buildMonthlySummary, type MonthlySummary } from '../../../core/summary';
import { todayInJapan } from '../../../core/dates/calendar';
import { RegistryBuilder, month, spread } from '../indicators/builders';
import { computeIndicators } from '../../../core/indicators';
import { ENUMS } from '../../../core/registry/definition';
import { generateSampleRegistry } from '../../../core/sample';
import { monthlyFlows } from '../../../core/summary/months';
import { computeWith } from '../../../core/indicators/compute';
import { FigureInputs } from '../../../core/indicators/needs';
import { resolveKey } from '../../../core/indicators/catalog';
import { shiftMonth } from '../../../core/dates/fiscal';
import { fromInterchange, toInterchange } from '../../../core/registry/interchange';
import { readRegistry } from '../../../core/registry/read';

const row = (s: MonthlySummary, key: string) => {
  const r = s.groups.flatMap((g) => g.rows).find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r.cells;
};

function town() {
  const b = new RegistryBuilder({ municipality: 'かさね町', population: 12000 });
  // May 2025: 12 new cases (7 高齢, 4 障がい, 1 こども); May 2024: 3; April 2025: 6.
  b.cases(spread(7, '2025-05-01', '2025-05-31'), { domains: ['高齢'], referralSource: '本人', area: '東' });
  b.cases(spread(4, '2025-05-02', '2025-05-30'), { domains: ['障がい'], referralSource: '関係機関', area: '西' });
  b.case({ receivedOn: '2025-05-15', domains: ['こども'], referralSource: '地域住民', area: '西' });
  b.cases(spread(3, '2024-05-01', '2024-05-31'), { domains: ['生活困窮'], referralSource: '本人', area: '東' });
  b.cases(spread(6, '2025-04-01', '2025-04-30'), { domains: ['高齢'], referralSource: '本人', area: '東' });
  b.meetings(['2025-05-01', '2025-05-20'], '支援会議');
  b.meetings(['2025-04-10'], '地域ケア会議');
  return b;
}

describe('internal summary', () => {
  const s = buildMonthlySummary(town().registry, '2025-05', { public: false, createdOn: '2025-06-03' });

  test('three columns: the month, a year earlier, the fiscal year to date', () => {
    expect(s.columns.map((c) => c.label)).toEqual(['2025年5月', '前年同月（2024年5月）', '令和7年度累計（5月末まで）']);
    expect(s.columns.map((c) => [c.period.from, c.period.end])).toEqual([
      ['2025-05-01', '2025-05-31'],
      ['2024-05-01', '2024-05-31'],
      ['2025-04-01', '2025-05-31'],
    ]);
    expect(s.title).toBe('かさね町 重層的支援体制整備事業 月次集計 2025年5月');
  });

  test('作成日 as passed (today in Japan by default), 基準日 the month’s last day', () => {
    expect([s.createdOn, s.referenceDate]).toEqual(['2025-06-03', '2025-05-31']);
    const today = buildMonthlySummary(town().registry, '2024-02', { public: false });
    expect([today.createdOn, today.referenceDate]).toEqual([todayInJapan(), '2024-02-29']);
    expect(() => buildMonthlySummary(town().registry, '2025-05', { public: false, createdOn: '2025/6/3' })).toThrow(
      expect.objectContaining({ code: 'createdOn.invalid' }),
    );
  });

  test('groups by theme, in Japanese', () => {
    expect(s.groups.map((g) => g.heading)).toEqual(['新規相談', '支援状況', '会議', 'アウトリーチ・参加支援', '寄付']);
    expect(s.groups[0]!.rows[0]).toEqual({ key: 'cases.new', label: '新規相談件数', level: 0, cells: [12, 3, 18] });
  });

  test('figures: flows per column, stocks on each column end', () => {
    expect(row(s, 'cases.new.byDomain.高齢')).toEqual([7, 0, 13]);
    expect(row(s, 'cases.new.byDomain.生活困窮')).toEqual([0, 3, 0]);
    expect(row(s, 'cases.new.byReferralSource.本人')).toEqual([7, 3, 13]);
    expect(row(s, 'cases.active')).toEqual([21, 3, 21]);
    expect(row(s, 'meetings.held.byType.支援会議')).toEqual([2, 0, 2]);
    expect(row(s, 'meetings.held.byType.地域ケア会議')).toEqual([0, 0, 1]);
    expect(row(s, 'community.networkMeetings')).toEqual([0, 0, 1]);
  });

  test('every known value has its row, zero included', () => {
    const keys = s.groups.flatMap((g) => g.rows.map((r) => r.key));
    expect(keys.filter((k) => k.startsWith('cases.new.byIssue.'))).toHaveLength(17); // 16 tags and 未記入
    expect(keys.filter((k) => k.startsWith('meetings.held.byType.'))).toHaveLength(10);
    expect(keys).toContain('donations.weightKg');
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('chart data: twelve months of 分野, meetings by type', () => {
    const c = s.charts.newCasesByDomain;
    expect(c.months[0]).toBe('2024-06');
    expect(c.months[11]).toBe('2025-05');
    // The year on the first month and on January: 2024年6月, 7月, …, 12月, 2025年1月, …, 5月.
    expect(c.labels).toEqual([
      '2024年6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
      '2025年1月',
      '2月',
      '3月',
      '4月',
      '5月',
    ]);
    expect(c.series.find((x) => x.domain === '高齢')!.values.slice(10)).toEqual([6, 7]);
    expect(s.charts.meetingsByType.month[0]).toBe(2);
    expect(s.charts.meetingsByType.fiscalYearToDate[3]).toBe(1);
  });

  test('no suppression note, excluded rows noted when there are any', () => {
    expect(s.public).toBe(false);
    expect(s.notes.join('')).not.toContain('秘匿');
    expect(s.excludedRows).toBe(0);
    expect(s.notes.join('')).not.toContain('除外');
    // Three May cases of town() whose cells could not be read: #0 its 受付日 (left out of every
    // 新規相談 figure and of 支援中), #1 its エリア (left out of エリア別 only), #2 its 世帯人数 (read by
    // no figure: left out of nothing). Two rows are left out of at least one figure.
    const b = town();
    const faults = { cases: [new Set(['receivedOn']), new Set(['area']), new Set(['householdSize'])] };
    delete b.registry.cases[0]!.receivedOn;
    delete b.registry.cases[1]!.area;
    const t = buildMonthlySummary(b.registry, '2025-05', { public: false, read: { faults } });
    expect(t.excludedRows).toBe(2);
    expect(t.notes.join('')).toContain('一部の集計から除外した行が 2 行あります');
    expect(t.notes.join('')).toContain('kasane validate（アドオンでは「台帳を検証する」）で確認できます');
    expect(row(t, 'cases.new')).toEqual([11, 3, 17]);
    expect(row(t, 'cases.new.byArea.東')).toEqual([5, 3, 11]); // 7 − 2 in May, 13 − 2 to date
    expect(row(t, 'cases.active')).toEqual([20, 3, 20]);
    // The chart leaves out the same rows as the table: May 高齢 7 − 1 (#0's 受付日 unreadable).
    expect(t.charts.newCasesByDomain.series.find((x) => x.domain === '高齢')!.values[11]).toBe(6);
    expect(row(t, 'cases.new.byDomain.高齢')[0]).toBe(6);
    const perFigure = t.notes.find((n) => n.startsWith('読めないセルがあるため除外した行（指標ごと）'));
    expect(perFigure).toContain('新規相談件数 1行');
    expect(perFigure).toContain('新規相談件数（エリア別） 2行');
    // A public summary says why a breakdown may fall short of its total, and nothing internal: no
    // count of faulty rows, no figure list, no tool to run.
    const p = buildMonthlySummary(b.registry, '2025-05', { public: true, read: { faults } });
    expect(p.notes).toContain(
      '読み取れない値があった行は、その値を使う集計から除いているため、内訳の合計が合計と一致しないことがあります。',
    );
    expect(p.notes.join('')).not.toMatch(/除外した行|kasane|台帳を検証する|読めないセル/);
  });

  test('notes: the periods, what adds up, what 未記入 means', () => {
    expect(s.notes).toEqual([
      '2025年5月と前年同月（2024年5月）は各月1日から末日まで、令和7年度累計（5月末まで）は2025-04-01から2025-05-31までの件数です。支援中ケース数は各期間の末日時点の件数です。',
      '内訳の件数は、分野・課題を除き、合計（新規相談件数・終結件数）と一致します。分野・課題は1件のケースに複数あるときそれぞれに数えるため、内訳の合計は新規相談件数と一致しないことがあります。',
      '「未記入」は、年代・性別・課題・終結理由の欄が空欄の件数です。',
    ]);
  });

  test('未記入 rows: town() records no 年代, 性別 or 課題, so all its new cases are there', () => {
    expect(row(s, 'cases.new.byAgeGroup.未記入')).toEqual([12, 3, 18]);
    expect(row(s, 'cases.new.byGender.未記入')).toEqual([12, 3, 18]);
    expect(row(s, 'cases.new.byIssue.未記入')).toEqual([12, 3, 18]);
    expect(row(s, 'cases.closed.byReason.未記入')).toEqual([0, 0, 0]);
    const rows = s.groups.flatMap((g) => g.rows);
    // Each breakdown's rows end with 未記入, after 不明 (a value someone chose).
    const ages = rows.filter((r) => r.key.startsWith('cases.new.byAgeGroup.')).map((r) => r.breakdown?.value);
    expect(ages).toEqual(['10代以下', '20代', '30代', '40代', '50代', '60代', '70代以上', '不明', '未記入']);
    expect(rows.find((r) => r.key === 'cases.new.byAgeGroup.未記入')).toEqual({
      key: 'cases.new.byAgeGroup.未記入',
      label: '新規相談件数（年代別）: 未記入',
      level: 1,
      cells: [12, 3, 18],
      breakdown: {
        key: 'cases.new.byAgeGroup',
        label: '新規相談件数（年代別）',
        value: '未記入',
        total: 'cases.new',
        addsUp: true,
      },
    });
    expect(rows.find((r) => r.key === 'cases.new.byDomain.高齢')!.breakdown).toMatchObject({
      total: 'cases.new',
      addsUp: false,
    });
    expect(rows.find((r) => r.key === 'meetings.held.byType.支援会議')!.breakdown).toMatchObject({
      total: null,
      addsUp: false,
    });
  });

  test('warnings of the read reach the summary as they are', () => {
    const warnings = ['「寄付」シートがないため、このシートの行は0件として集計しています。'];
    const t = buildMonthlySummary(town().registry, '2025-05', { public: false, read: { warnings } });
    expect(t.warnings).toEqual(warnings);
    expect(s.warnings).toEqual([]);
  });
});

test('a public summary says what its figures lack, never how the office mends its workbook', () => {
  // ケース renamed, a 受付日 typed twice, 設定 missing, 「終結日」 typed as 「終了日」: each read as an office would.
  const raw = fromInterchange(JSON.parse(JSON.stringify(toInterchange(town().registry))));
  if (!raw.ok) throw new Error(raw.message);
  const read = readRegistry({
    ...raw.raw,
    layout: {
      issues: [
        {
          sheet: 'donations',
          row: 1,
          column: 'weightKg',
          code: 'column.duplicate',
          message:
            '「寄付」シート 1行目: 見出し「重量(kg)」がC列とF列の2か所にあります。どちらかの見出しを消すか名前を変えてください（C列を読み、F列は読んでいません）。',
        },
      ],
      notices: [],
      missingColumns: {},
      absentColumns: { cases: [{ key: 'closedOn', near: '終了日' }] },
      missingSheets: [{ key: 'places', near: '拠点一覧' }],
    },
  });
  const office = buildMonthlySummary(read.registry, '2025-05', { public: false, read });
  const forPublic = buildMonthlySummary(read.registry, '2025-05', { public: true, read });
  expect(office.warnings).toEqual([
    '「居場所・拠点」シートがないため、このシートの行は0件として集計しています。「拠点一覧」シートがそれにあたるなら、名前を「居場所・拠点」に変えてください。',
    '「寄付」シート 1行目: 見出し「重量(kg)」がC列とF列の2か所にあります。どちらかの見出しを消すか名前を変えてください（C列を読み、F列は読んでいません）。',
    expect.stringMatching(
      /^「ケース」シートに見出し「終結日」がないため、この列を使う数字（.+）は空欄として集計しています。「終了日」列が「終結日」にあたるなら/,
    ),
  ]);
  expect(forPublic.warnings).toEqual([
    '「居場所・拠点」シートがないため、このシートの行は0件として集計しています。',
    '「寄付」シートに見出し「重量(kg)」が2か所あるため、左の列だけを読んで集計しています。',
    expect.stringMatching(
      /^「ケース」シートに見出し「終結日」がないため、この列を使う数字（.+）は空欄として集計しています。$/,
    ),
  ]);
  for (const w of forPublic.warnings) expect(w).not.toMatch(/ください|拠点一覧|終了日/);
});

describe('public summary (threshold 5)', () => {
  const s = buildMonthlySummary(town().registry, '2025-05', { public: true });

  test('primary: 1–4 become *', () => {
    expect(s.title).toContain('（公表用）');
    expect(s.suppressionThreshold).toBe(5);
    expect(row(s, 'cases.new')).toEqual([12, '*', 18]);
    expect(row(s, 'cases.new.byDomain.生活困窮')).toEqual([0, '*', 0]);
  });

  test('two small cells in one breakdown need no third', () => {
    // 高齢 7, 障がい 4, こども 1: two cells are small, nothing more to hide.
    expect(['高齢', '障がい', 'こども'].map((d) => row(s, `cases.new.byDomain.${d}`)[0])).toEqual([7, '*', '*']);
  });

  test('相談経路 in the year to date: 本人 13, 関係機関 4, 地域住民 1', () => {
    expect(['本人', '関係機関', '地域住民'].map((v) => row(s, `cases.new.byReferralSource.${v}`)[2])).toEqual([
      13,
      '*',
      '*',
    ]);
  });

  test('secondary: エリア of May 東 7, 西 5 — nothing small; year to date 東 13, 西 5', () => {
    expect(row(s, 'cases.new.byArea.東')).toEqual([7, '*', 13]);
    expect(row(s, 'cases.new.byArea.西')).toEqual([5, 0, 5]);
  });

  test('meetings held are not suppressed; the footnote explains suppression', () => {
    expect(row(s, 'meetings.held.byType.支援会議')).toEqual([2, 0, 2]);
    expect(s.notes.some((n) => n.includes('二次秘匿'))).toBe(true);
  });

  test('the chart hides what the table hides', () => {
    const series = s.charts.newCasesByDomain.series;
    expect(series.find((x) => x.domain === 'こども')!.values[11]).toBe('*');
    expect(series.find((x) => x.domain === '障がい')!.values[11]).toBe('*');
    expect(series.find((x) => x.domain === '高齢')!.values[11]).toBe(7);
  });
});

test('public: a small 未記入 is a part like any other, and hides another', () => {
  // town() with 年代 70代以上 on ten of its twelve May cases: May 70代以上 10, 未記入 2 of 12; May 2024
  // 未記入 3 of 3; April–May 70代以上 10, 未記入 8 of 18.
  const b = town();
  b.registry.cases
    .filter((c) => c.receivedOn?.startsWith('2025-05'))
    .slice(0, 10)
    .forEach((c) => (c.ageGroup = '70代以上'));
  const internal = buildMonthlySummary(b.registry, '2025-05', { public: false });
  expect(row(internal, 'cases.new.byAgeGroup.70代以上')).toEqual([10, 0, 10]);
  expect(row(internal, 'cases.new.byAgeGroup.未記入')).toEqual([2, 3, 8]);
  const s = buildMonthlySummary(b.registry, '2025-05', { public: true });
  // May: 2 is small, and 12 − 2 would give it back: 10 is hidden too. May 2024: the total 3 is
  // hidden itself. To date: nothing small, but both rows were hidden in May, so their 年度累計 is
  // hidden too — 8 − April's 6 (shown in April's table) would be May's 2.
  expect(row(s, 'cases.new')).toEqual([12, '*', 18]);
  expect(row(s, 'cases.new.byAgeGroup.70代以上')).toEqual(['*', 0, '*']);
  expect(row(s, 'cases.new.byAgeGroup.未記入')).toEqual(['*', '*', '*']);
  const april = buildMonthlySummary(b.registry, '2025-04', { public: true });
  expect(row(april, 'cases.new.byAgeGroup.未記入')).toEqual([6, 0, 6]);
});

test('every breakdown shown under a total it adds up to sums to it, in every column (sample town)', () => {
  const registry = generateSampleRegistry({ cases: 400, seed: 8 });
  const s = buildMonthlySummary(registry, '2025-03', { public: false });
  const rows = s.groups.flatMap((g) => g.rows);
  const totals = new Set(rows.filter((r) => r.breakdown?.addsUp).map((r) => r.breakdown!.key));
  expect([...totals]).toEqual([
    'cases.new.byReferralSource',
    'cases.new.byWindow',
    'cases.new.byArea',
    'cases.new.byAgeGroup',
    'cases.new.byGender',
    'cases.closed.byReason',
  ]);
  for (const key of totals) {
    const parts = rows.filter((r) => r.breakdown?.key === key);
    const total = rows.find((r) => r.key === parts[0]!.breakdown!.total)!;
    [0, 1, 2].forEach((c) => {
      const sum = parts.reduce((n, r) => n + (r.cells[c] as number), 0);
      expect([key, c, sum]).toEqual([key, c, total.cells[c]]);
    });
  }
});

test('a single small cell forces a second one', () => {
  const b = new RegistryBuilder();
  b.cases(spread(9, '2025-05-01', '2025-05-31'), { domains: ['高齢'], area: '東' });
  b.cases(spread(6, '2025-05-01', '2025-05-31'), { domains: ['障がい'], area: '西' });
  b.cases(['2025-05-10', '2025-05-11'], { domains: ['こども'], area: '西' });
  const s = buildMonthlySummary(b.registry, '2025-05', { public: true });
  // 17 = 9 + 6 + 2: with 2 hidden, 6 (the next smallest non-zero) is hidden too.
  expect(['高齢', '障がい', 'こども', '生活困窮'].map((d) => row(s, `cases.new.byDomain.${d}`)[0])).toEqual([
    9,
    '*',
    '*',
    0,
  ]);
  // エリア: 東 9, 西 8 — nothing small.
  expect(row(s, 'cases.new.byArea.西')[0]).toBe(8);
});

test('a fiscal year starting in January: the year to date runs from January', () => {
  const b = new RegistryBuilder({ fiscalYearStartMonth: 1 });
  b.cases(['2025-01-05', '2025-03-01', '2025-05-01', '2024-12-31']);
  const s = buildMonthlySummary(b.registry, '2025-05', { public: false });
  expect(s.columns[2]!.period.from).toBe('2025-01-01');
  expect(row(s, 'cases.new')).toEqual([1, 0, 3]);
});

test('an impossible month is refused with a code', () => {
  expect(() => buildMonthlySummary(town().registry, '2025-13', { public: false })).toThrow(
    expect.objectContaining({ code: 'month.invalid' }),
  );
});

test('the chart: each month’s indicators; in public mode each month’s own table, 当月 cell for cell', () => {
  const registry = generateSampleRegistry({ cases: 400, seed: 3 });
  const internal = buildMonthlySummary(registry, '2025-02', { public: false }).charts.newCasesByDomain;
  internal.months.forEach((m, i) => {
    const f = computeIndicators(registry, month(m)).indicators;
    expect(internal.series.map((x) => x.values[i])).toEqual(ENUMS.domain.map((d) => f[`cases.new.byDomain.${d}`]));
  });
  // Ten months of 令和5年度 (their tables' 前年同月 is 令和5年度's own 当月) and two of 令和6年度.
  const chart = buildMonthlySummary(registry, '2024-05', { public: true }).charts.newCasesByDomain;
  expect([chart.months[0], chart.months[11]]).toEqual(['2023-06', '2024-05']);
  let hidden = 0;
  chart.months.forEach((m, i) => {
    const own = buildMonthlySummary(registry, m, { public: true });
    const cells = ENUMS.domain.map((d) => row(own, `cases.new.byDomain.${d}`)[0]);
    expect(chart.series.map((x) => x.values[i])).toEqual(cells);
    hidden += cells.filter((c) => c === '*').length;
  });
  expect(hidden).toBeGreaterThan(0);
});

describe('public 年度累計: consistent across the months of a fiscal year', () => {
  // New cases: April 2025 6, May 3, June 7; April 2026 8, May 2026 2 (all 東, 高齢).
  const b = new RegistryBuilder();
  b.cases(spread(6, '2025-04-01', '2025-04-30'));
  b.cases(spread(3, '2025-05-01', '2025-05-31'));
  b.cases(spread(7, '2025-06-01', '2025-06-30'));
  b.cases(spread(8, '2026-04-01', '2026-04-30'));
  b.cases(spread(2, '2026-05-01', '2026-05-31'));
  const at = (m: string, pub = true) => buildMonthlySummary(b.registry, m, { public: pub, createdOn: '2026-06-01' });

  test('a month hidden once keeps the row’s 年度累計 hidden to the end of the year', () => {
    expect(row(at('2025-04'), 'cases.new')).toEqual([6, 0, 6]);
    // May's 3 is hidden, and so is its 年度累計: 9 − April's 6 would be 3.
    expect(row(at('2025-05'), 'cases.new')).toEqual(['*', 0, '*']);
    // June: 16 − June's 7 would be May's 年度累計 9, and 9 − 6 May's 3.
    expect(row(at('2025-06'), 'cases.new')).toEqual([7, 0, '*']);
    expect(row(at('2025-06', false), 'cases.new')).toEqual([7, 0, 16]);
    expect(row(at('2026-03'), 'cases.new')).toEqual([0, 0, '*']);
    // A new fiscal year starts afresh; 前年同月 is last year's 当月 as its own table showed it.
    expect(row(at('2026-04'), 'cases.new')).toEqual([8, 6, 8]);
    expect(row(at('2026-05'), 'cases.new')).toEqual(['*', '*', '*']);
    // Every part the same way: エリア 東 is every case, 西 none.
    expect(row(at('2025-06'), 'cases.new.byArea.東')).toEqual([7, 0, '*']);
    expect(row(at('2025-06'), 'cases.new.byArea.西')).toEqual([0, 0, 0]);
  });

  test('in one table: 年度累計 − 当月 would be last month’s hidden count', () => {
    const t = new RegistryBuilder();
    t.cases(spread(3, '2025-04-01', '2025-04-30'));
    t.cases(spread(10, '2025-05-01', '2025-05-31'));
    expect(row(buildMonthlySummary(t.registry, '2025-04', { public: true }), 'cases.new')).toEqual(['*', 0, '*']);
    // 13 − 10 = 3.
    expect(row(buildMonthlySummary(t.registry, '2025-05', { public: true }), 'cases.new')).toEqual([10, 0, '*']);
  });

  test('a stock is counted on the month’s last day: its 年度累計 is its 当月; public tables withhold it', () => {
    expect(row(at('2025-05', false), 'cases.active')).toEqual([9, 0, 9]);
    expect(row(at('2026-05', false), 'cases.active')).toEqual([26, 9, 26]);
    // 支援中(m) − 支援中(m − 1) = 新規相談(m) − 終結(m): a published stock would give back a hidden flow.
    expect(row(at('2025-05'), 'cases.active')).toEqual(['*', 0, '*']);
    expect(row(at('2026-05'), 'cases.active')).toEqual(['*', '*', '*']);
  });

  test('the table of a month does not depend on the months after it', () => {
    const later = new RegistryBuilder();
    later.cases(spread(6, '2025-04-01', '2025-04-30'));
    later.cases(spread(3, '2025-05-01', '2025-05-31'));
    const before = buildMonthlySummary(later.registry, '2025-05', { public: true, createdOn: '2026-06-01' });
    later.cases(spread(2, '2025-06-01', '2025-06-30'));
    expect(buildMonthlySummary(later.registry, '2025-05', { public: true, createdOn: '2026-06-01' })).toEqual(before);
  });
});

test('the twelve months’ flows, computed together, are computeWith’s (sample town and unreadable cells)', () => {
  const sample = generateSampleRegistry({ cases: 400, seed: 5 });
  const b = town();
  // A planned case and a second case under the same caseId, with participation contacts; then
  // unreadable cells: a 受付日, an エリア, another case's プラン作成日 and a contact's ケースID.
  const planned = b.case({ receivedOn: '2025-04-03', planOn: '2025-05-20' });
  b.case({ receivedOn: '2025-05-04' }).caseId = planned.caseId;
  b.activity(planned, '2025-05-25', '参加支援（就労体験）');
  b.activity(planned, '2025-06-02', '参加支援（ボランティア）');
  const earlier = b.case({ receivedOn: '2024-12-01', planOn: '2025-01-10' });
  b.activity(earlier, '2025-04-25', '参加支援（ボランティア）');
  b.activity(earlier, '2025-05-25', 'アウトリーチ');
  const cases = b.registry.cases.length;
  const caseFaults: Array<Set<string> | undefined> = Array.from({ length: cases }, () => undefined);
  caseFaults[0] = new Set(['receivedOn']);
  caseFaults[1] = new Set(['area']);
  caseFaults[cases - 1] = new Set(['planOn']);
  const faults = { cases: caseFaults, activities: [undefined, new Set(['caseId'])] };
  delete b.registry.cases[0]!.receivedOn;
  delete b.registry.cases[1]!.area;
  delete b.registry.cases[cases - 1]!.planOn;
  delete b.registry.activities[1]!.caseId;
  for (const [registry, read, last] of [
    [sample, undefined, '2025-09'],
    [b.registry, faults, '2025-06'],
  ] as const) {
    const inputs = new FigureInputs(registry, read && { faults: read });
    const months = Array.from({ length: 12 }, (_, i) => month(shiftMonth(last, i - 11)));
    const together = monthlyFlows(inputs, months);
    months.forEach((p, i) => {
      const alone = computeWith(inputs, registry, p, []).indicators;
      const flows = Object.keys(alone).filter((k) => resolveKey(k)?.def.kind === 'flow');
      expect(Object.keys(together[i]!).sort()).toEqual(flows.sort());
      for (const k of flows) expect([p.value, k, together[i]![k]]).toEqual([p.value, k, alone[k]]);
    });
  }
});
