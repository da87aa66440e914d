// kasane indicators on the project's example town (tests/fixtures/town.ts): the figures counted by
// hand there, the period options and their usage errors, the three output formats.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../cli/commands/indicators';
import { MID_YEAR, TOWN, TOWN_EXPECTED, type Town } from '../../fixtures/town';
import { runCommand } from '../../cli/run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-indicators-'));
const townFile = (name: string, doc: object = TOWN): string => {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
};
const example = townFile('town.json');

async function json(args: string[]) {
  const r = await runCommand(run, ['--input', example, ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout.toString('utf8')) as {
    format: string;
    period: Record<string, unknown>;
    indicators: Record<string, number | null>;
  };
}

test('fiscal year 2025: every figure counted by hand', async () => {
  const doc = await json(['--fiscal-year', '2025']);
  expect(doc.format).toBe('kasane-indicators/1');
  expect(doc.period).toEqual({
    kind: 'fiscalYear',
    value: '2025',
    label: '令和7年度',
    from: '2025-04-01',
    to: '2026-03-31',
    asOf: null,
    end: '2026-03-31',
  });
  for (const [k, v] of Object.entries(TOWN_EXPECTED.fiscalYear2025)) expect([k, doc.indicators[k]]).toEqual([k, v]);
});

test('month 2025-05: every figure counted by hand', async () => {
  const doc = await json(['--month', '2025-05']);
  expect(doc.period).toEqual({
    kind: 'month',
    value: '2025-05',
    label: '2025年5月',
    from: '2025-05-01',
    to: '2025-05-31',
    asOf: null,
    end: '2025-05-31',
  });
  for (const [k, v] of Object.entries(TOWN_EXPECTED['month2025-05'])) expect([k, doc.indicators[k]]).toEqual([k, v]);
});

test(`as of ${MID_YEAR} the year is cut off there`, async () => {
  const doc = await json(['--fiscal-year', '2025', '--as-of', MID_YEAR]);
  expect(doc.period.end).toBe(MID_YEAR);
  expect(doc.period.asOf).toBe(MID_YEAR);
  // Six months touched: 4 / 6 / 12,000 × 100,000 = 5.55… → 5.6
  for (const [k, v] of Object.entries(TOWN_EXPECTED.fiscalYear2025AsOf)) expect([k, doc.indicators[k]]).toEqual([k, v]);
});

describe('usage errors exit 2 with a Japanese message', () => {
  test.each([
    [['--input', example], 'どちらか一方'],
    [['--input', example, '--fiscal-year', '2025', '--month', '2025-05'], 'どちらか一方'],
    [['--input', example, '--fiscal-year', '令和'], '年度「令和」を読めません'],
    [['--input', example, '--month', '2025-13'], '月「2025-13」を読めません'],
    [['--input', example, '--fiscal-year', '2025', '--as-of', '2025-02-30'], '基準日'],
    [['--input', example, '--fiscal-year', '2025', '--as-of', '2025-03-31'], '初日'],
    [['--input', example, '--fiscal-year', '2025', '--format', 'xml'], '--format'],
    [['--fiscal-year', '2025'], '--input'],
    [['--input', join(tmp, 'missing.json'), '--fiscal-year', '2025'], '見つかりません'],
  ])('%j', async (argv, message) => {
    const r = await runCommand(run, argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

test('text: a readable Japanese table', async () => {
  const r = await runCommand(run, ['--input', example, '--fiscal-year', '2025', '--format', 'text']);
  const text = r.stdout.toString('utf8');
  expect(text.split('\n')[0]).toBe('指標 令和7年度（2025-04-01〜2026-03-31）');
  const fy = TOWN_EXPECTED.fiscalYear2025;
  expect(text).toMatch(new RegExp(`^新規相談件数 +${fy['cases.new']}$`, 'm')); // 6
  expect(text).toMatch(new RegExp(`^新規相談件数（分野別）: 障がい +${fy['cases.new.byDomain.障がい']}$`, 'm')); // 1
  expect(text).toMatch(/^寄付重量\(kg\) +44\.1$/m);
  expect(fy['donations.weightKg']).toBe(44.1);
});

test('csv: BOM, CRLF, one row per key', async () => {
  const r = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'csv']);
  expect([...r.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = r.stdout.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe('キー,指標,期間,開始日,終了日,値,除外した行数');
  const may = TOWN_EXPECTED['month2025-05'];
  expect(lines).toContain(`cases.active,支援中ケース数,2025年5月,2025-05-01,2025-05-31,${may['cases.active']},0`);
  expect(lines).toContain(
    `cases.new.per100kPerMonth,新規相談件数（人口10万人・1か月あたり）,2025年5月,2025-05-01,2025-05-31,${may['cases.new.per100kPerMonth']},0`,
  );
  expect(may['cases.new.per100kPerMonth']).toBe(16.7);
});

test('the fiscal year follows settings.fiscalYearStartMonth', async () => {
  const file = townFile('january.json', { ...TOWN, settings: { ...TOWN.settings, fiscalYearStartMonth: 1 } });
  const r = await runCommand(run, ['--input', file, '--fiscal-year', '2025', '--format', 'json']);
  const doc = JSON.parse(r.stdout.toString('utf8'));
  expect([doc.period.from, doc.period.to]).toEqual(['2025-01-01', '2025-12-31']);
  // Received in calendar 2025: K-2024-0003 (February) and K-2024-0004 (March 31) count, K-2025-0006
  // (2026-03-31) falls in the next year; active on 2025-12-31: six cases (see town.ts).
  for (const [k, v] of Object.entries(TOWN_EXPECTED.calendarYear2025)) expect([k, doc.indicators[k]]).toEqual([k, v]);
});

test('rows that fail row rules are left out and counted', async () => {
  const faulty = structuredClone(TOWN) as Omit<Town, 'cases' | 'activities'> & {
    cases: object[];
    activities: object[];
  };
  faulty.cases.push({
    caseId: 'K-2025-0100',
    receivedOn: '2025-13-01',
    referralSource: '本人',
    window: '地域共生推進課',
    domains: ['高齢'],
    area: '東',
    stage: '受付',
  });
  faulty.activities.push({ activityId: 'A-2025-99999', caseId: 'K-2025-0001', on: '2025-06-01', kind: '散歩' });
  const file = townFile('faulty.json', faulty);
  const r = await runCommand(run, ['--input', file, '--fiscal-year', '2025', '--format', 'json']);
  const doc = JSON.parse(r.stdout.toString('utf8'));
  expect(doc.indicators['data.excludedRows']).toBe(2);
  expect(doc.indicators['cases.new']).toBe(TOWN_EXPECTED.fiscalYear2025['cases.new']);
  expect(r.stderr).toContain('2 行');
});
