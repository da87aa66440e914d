// The offline page's issue list: the same issue in many rows is one line, its rows as ranges.
import type { Issue } from '../../core/issues';
import { issueLines, rowRanges } from '../../reports/page/issue-lines';

const unknownAge = (row: number): Issue => ({
  sheet: 'cases',
  row,
  column: 'ageGroup',
  code: 'value.enum',
  message: `「ケース」シート ${row}行目「年代」: 選択肢にない値です（「不詳」）。`,
});

describe('rowRanges', () => {
  test.each([
    [[2], '2行目（1行）'],
    [[2, 3], '2〜3行目（2行）'],
    [[9, 2, 3, 4, 7, 10], '2〜4・7・9〜10行目（6行）'],
    [Array.from({ length: 300 }, (_, k) => k + 2), '2〜301行目（300行）'],
  ])('%j → %s', (rows, text) => {
    expect(rowRanges(rows)).toBe(text);
  });
});

describe('issueLines', () => {
  test('300 rows of 年代「不詳」 are one line at the first, naming every row', () => {
    const issues = Array.from({ length: 300 }, (_, k) => unknownAge(k + 2));
    const lines = issueLines(issues);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.first).toBe(issues[0]);
    expect(lines[0]!.rows).toHaveLength(300);
  });

  test('another value, another column, another sheet or an issue of no row stays a line of its own, in order', () => {
    const other: Issue = {
      ...unknownAge(5),
      message: '「ケース」シート 5行目「年代」: 選択肢にない値です（「九十代」）。',
    };
    const column: Issue = {
      ...unknownAge(6),
      column: 'gender',
      message: '「ケース」シート 6行目「性別」: 選択肢にない値です（「不詳」）。',
    };
    const sheet: Issue = {
      ...unknownAge(7),
      sheet: 'activities',
      message: '「支援記録」シート 7行目「年代」: 選択肢にない値です（「不詳」）。',
    };
    const whole: Issue = {
      sheet: 'registry',
      row: null,
      column: null,
      code: 'sheet.missing',
      message: '台帳全体の問題',
    };
    const issues = [unknownAge(2), other, column, unknownAge(3), sheet, whole, { ...whole }, unknownAge(4)];
    expect(issueLines(issues).map((l) => [l.first.message, l.rows])).toEqual([
      [unknownAge(2).message, [2, 3, 4]],
      [other.message, [5]],
      [column.message, [6]],
      [sheet.message, [7]],
      [whole.message, []],
      [whole.message, []],
    ]);
  });
});
