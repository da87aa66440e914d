// docs/registry.md and docs/indicators.md are generated from the contract's code (npm run docs):
// the committed documents must be what the generator makes of the code today, and they must say
// what the code says.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDICATORS } from '../core/indicators/catalog';
import { SETTING_DEFS, SHEETS } from '../core/registry/definition';

const root = join(__dirname, '..');
const docs = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'docs.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// One generation into a temporary folder, read by the tests below.
const dir = mkdtempSync(join(tmpdir(), 'kasane-docs-'));
let registry = '';
let indicators = '';
beforeAll(() => {
  const r = docs('--dir', dir);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  registry = readFileSync(join(dir, 'registry.md'), 'utf8');
  indicators = readFileSync(join(dir, 'indicators.md'), 'utf8');
}, 60_000);

/** The cells of the table rows in one section (from its heading to the next heading of any level). */
function tableRows(text: string, heading: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === heading);
  expect([heading, start >= 0]).toEqual([heading, true]);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((l) => l.startsWith('|') && !/^\|[\s-|]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
}

test('the committed documents are what the generator makes of the code', () => {
  const r = docs('--check');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

test('a stale document fails --check with a message naming it', () => {
  const stale = mkdtempSync(join(tmpdir(), 'kasane-docs-stale-'));
  for (const name of ['registry.md', 'indicators.md']) copyFileSync(join(dir, name), join(stale, name));
  appendFileSync(join(stale, 'indicators.md'), '\nA line typed by hand.\n');
  const r = docs('--check', '--dir', stale);
  expect(r.code).toBe(1);
  expect(r.err).toContain('indicators.md');
  expect(r.err).not.toContain('registry.md');
  expect(r.err).toContain('npm run docs');
});

test('registry.md: a section per sheet, a row per column, in the definition’s order', () => {
  for (const sheet of SHEETS) {
    const rows = tableRows(registry, `### \`${sheet.key}\` — 「${sheet.name}」`);
    expect(rows[0]).toEqual(['key', 'label', 'type', 'required', 'values', 'PII', 'notes']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual(sheet.columns.map((c) => [`\`${c.key}\``, c.label]));
  }
});

test('registry.md: types, requirements, choices, settings lists, PII, references and bounds', () => {
  const cases = tableRows(registry, '### `cases` — 「ケース」');
  const col = (rows: string[][], key: string) => rows.find((r) => r[0] === `\`${key}\``)!;
  expect(col(cases, 'caseId').slice(1, 4)).toEqual(['ケースID', 'id', 'yes']);
  expect(col(cases, 'channel').slice(2, 5)).toEqual(['enum', 'no', '来所、電話、訪問、メール・SNS、文書、その他']);
  expect(col(cases, 'window')[4]).toBe('settings list `windows`');
  expect(col(cases, 'closedOn')[3]).toBe('by rule');
  expect(col(cases, 'name')[5]).toBe('**PII**');
  expect(col(cases, 'area')[5]).toBe('');
  expect(col(cases, 'householdSize')[6]).toBe('≥ 1; ≤ 30');
  expect(col(cases, 'consent')[6]).toContain('empty means 未確認');
  const meetingCases = tableRows(registry, '### `meetingCases` — 「検討ケース」');
  expect(col(meetingCases, 'meetingId')[2]).toBe('reference → `meetings` (会議)');
  const donations = tableRows(registry, '### `donations` — 「寄付」');
  expect(col(donations, 'weightKg').slice(1, 3)).toEqual(['重量(kg)', 'number']);
});

test('registry.md: every setting with its label and default; the office workbook section', () => {
  const rows = tableRows(registry, '## Settings — 「設定」');
  expect(rows.slice(1).map((r) => r[1])).toEqual(SETTING_DEFS.map((d) => d.label));
  expect(rows.find((r) => r[0] === '`fiscalYearStartMonth`')!.slice(1)).toEqual(['年度開始月', 'month', '4']);
  expect(rows.find((r) => r[0] === '`areas`')![3]).toBe('東、西');
  expect(rows.find((r) => r[0] === '`population`')![3]).toBe('(empty)');
  expect(registry).toContain('## Workbooks as offices keep them');
  expect(registry).toContain('令和7年5月21日（水）');
});

test('indicators.md: every catalog entry with its label, kind and a description', () => {
  const rows = tableRows(indicators, '## Indicators').slice(1);
  expect(rows.map((r) => r[0])).toEqual(
    INDICATORS.map((d) => (d.type === 'breakdown' ? `\`${d.key}.{value}\`` : `\`${d.key}\``)),
  );
  INDICATORS.forEach((d, i) => {
    expect(rows[i]!.slice(1, 3)).toEqual([d.label, d.kind]);
    expect(rows[i]![3]!.length).toBeGreaterThan(10);
  });
  const row = (key: string) => rows.find((r) => r[0] === `\`${key}\``)!;
  expect(row('cases.new').slice(1, 3)).toEqual(['新規相談件数', 'flow']);
  expect(row('cases.active')[2]).toBe('stock');
  expect(row('meetings.multiAgency')[3]).toContain('支援会議 or 重層的支援会議');
  expect(row('meetings.multiAgency')[4]).toBe(''); // meetings are not people: never suppressed
  expect(row('cases.new')[4]).toBe('suppressed when small');
});

test('indicators.md: where each breakdown’s keys come from, and the monthly summary’s rows', () => {
  const rows = tableRows(indicators, '## Breakdown values');
  const of = (key: string) => rows.find((r) => r[0] === `\`${key}\``)!;
  expect(of('cases.new.byArea')[1]).toBe('settings list `areas` (default 東、西)');
  expect(of('cases.new.byGender')[1]).toBe('男性、女性、その他、不明');
  expect(of('cases.new.byReferralSource')[2]).toBe('`cases.new`');
  expect(of('cases.new.byDomain')[2]).toMatch(/^no/);
  expect(indicators).toContain('- **寄付**: `donations.count.byDonorType` 寄付件数（寄付者種別）, each value');
});
