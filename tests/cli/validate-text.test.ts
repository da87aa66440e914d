// kasane validate's text output: each line leads with the sheet, row and column in Japanese, then
// what to do, and ends with the code in brackets; the JSON report keeps its shape.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '../../core/issues';
import { formatIssuesText } from '../../core/validate/text';
import { cleanRegistry, edit } from '../fixtures/registry';
import { ensureBuilt, kasane } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-validate-text-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(ensureBuilt);

describe('formatIssuesText', () => {
  test('the place first, the code last', () => {
    const issue: Issue = {
      sheet: 'cases',
      row: 5,
      column: 'householdSize',
      code: 'value.integer',
      message: '「ケース」シート 5行目「世帯人数」: 整数（小数点のない数）を入力してください。',
    };
    expect(formatIssuesText([issue])).toBe(
      [
        '検証結果: 1件の問題が見つかりました。',
        '- 「ケース」シート 5行目「世帯人数」: 整数（小数点のない数）を入力してください。 [value.integer]',
      ].join('\n'),
    );
  });

  test('a message without its place gets one from the issue', () => {
    const issues: Issue[] = [
      {
        sheet: 'registry',
        row: null,
        column: 'extra',
        code: 'sheet.unknown',
        message: '不明なシート「extra」があります。',
      },
      { sheet: 'meetings', row: 3, column: null, code: 'duplicate.pair', message: '同じ組が2回あります。' },
      {
        sheet: 'settings',
        row: null,
        column: 'population',
        code: 'setting.value',
        message: '設定「人口」: 1 以上の整数を入力してください。',
      },
    ];
    expect(formatIssuesText(issues).split('\n').slice(1)).toEqual([
      '- 台帳全体: 不明なシート「extra」があります。 [sheet.unknown]',
      '- 「会議」シート 3行目: 同じ組が2回あります。 [duplicate.pair]',
      '- 設定「人口」: 1 以上の整数を入力してください。 [setting.value]',
    ]);
  });

  test('no issues: one line saying so', () => {
    expect(formatIssuesText([])).toBe('検証結果: 問題は見つかりませんでした。');
  });
});

test('kasane validate: every issue line leads with 「sheet」シート N行目「column」 and ends with [code]', () => {
  const doc = edit(edit(cleanRegistry(), 'cases', 0, { receivedOn: '2024/2/30' }), 'cases', 1, { householdSize: 2.5 });
  const input = join(tmp, 'faulty.json');
  writeFileSync(input, JSON.stringify(doc));
  const r = kasane(['validate', '--input', input]);
  expect(r.code).toBe(1);
  const lines = r.out.trimEnd().split('\n');
  expect(lines[0]).toBe('検証結果: 2件の問題が見つかりました。');
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^- 「ケース」シート 2行目「受付日」: [^[]+ \[value\.date\]$/),
    expect.stringMatching(/^- 「ケース」シート 3行目「世帯人数」: [^[]+ \[value\.integer\]$/),
  ]);
  // The JSON report keeps the fields of kasane-validation/1.
  const j = kasane(['validate', '--input', input, '--format', 'json']);
  const issues = (j.json as { issues: Array<Record<string, unknown>> }).issues;
  expect(issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
    ['cases', 2, 'receivedOn', 'value.date'],
    ['cases', 3, 'householdSize', 'value.integer'],
  ]);
});
