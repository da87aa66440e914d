// Settings that cannot be read stop kasane indicators and kasane summary (exit 2, the reason on
// stderr) instead of counting on the defaults; kasane validate reports them as issues (exit 1).
import { SETTING_DEFS } from '../../core/registry/definition';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanRegistry } from '../fixtures/registry';
import { ensureBuilt, kasane } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-settings-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(ensureBuilt);

function registry(name: string, settings: Record<string, unknown>): string {
  const doc = cleanRegistry();
  doc.settings = { municipality: 'テスト町', ...settings };
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const START_MONTH = '設定「年度開始月」: 1〜12 の月を入力してください。';
const heading = (path: string) =>
  `kasane: ${path} の設定を読めないため集計できません。設定を直してから実行してください（kasane validate で確かめられます）。`;

describe.each<[string, Record<string, unknown>, string[]]>([
  ['年度開始月 13', { fiscalYearStartMonth: 13 }, [START_MONTH]],
  ['年度開始月「四月」', { fiscalYearStartMonth: '四月' }, [START_MONTH]],
  [
    'an unknown setting and a population of 0',
    { population: 0, color: '青' },
    [
      // The message lists every setting the contract declares (SETTING_DEFS), in its order.
      `設定「color」: 設定にない項目です。項目名を確認してください（${SETTING_DEFS.map((d) => d.label).join('、')}）。`,
      '設定「人口」: 1 以上の整数を入力してください。',
    ],
  ],
])('%s', (name, settings, reasons) => {
  const input = registry(`${name}.json`, settings);

  test('kasane indicators: exit 2, each reason on stderr, nothing on stdout', () => {
    const r = kasane(['indicators', '--input', input, '--fiscal-year', '2024']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n').slice(0, -1).sort()).toEqual([heading(input), ...reasons.map((m) => `  ${m}`)].sort());
  });

  test('kasane summary: exit 2, each reason on stderr, no file', () => {
    const out = join(tmp, `${name}.csv`);
    const r = kasane(['summary', '--input', input, '--month', '2024-05', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(heading(input));
    for (const m of reasons) expect(r.err).toContain(`  ${m}\n`);
    expect(existsSync(out)).toBe(false);
  });

  test('kasane validate: exit 1, the settings among the issues', () => {
    const r = kasane(['validate', '--input', input, '--format', 'json']);
    expect(r.code).toBe(1);
    const issues = (r.json as { issues: Array<{ sheet: string; code: string; message: string }> }).issues;
    const ofSettings = issues.filter((i) => i.sheet === 'settings');
    expect(ofSettings.map((i) => i.message).sort()).toEqual([...reasons].sort());
    expect(ofSettings.every((i) => i.code === 'setting.value' || i.code === 'setting.unknown')).toBe(true);
  });
});

test('readable settings are used: 年度開始月 1 makes 2024 the calendar year', () => {
  const input = registry('january.json', { fiscalYearStartMonth: '1月' });
  const r = kasane(['indicators', '--input', input, '--fiscal-year', '2024', '--format', 'json']);
  expect(r.code).toBe(0);
  const period = (r.json as { period: { from: string; to: string } }).period;
  expect([period.from, period.to]).toEqual(['2024-01-01', '2024-12-31']);
});
