// Small-cell suppression on hand-made tables, results checked by hand (threshold 5 unless stated).
import {
  suppressBreakdown,
  suppressPrimary,
  suppressTable,
  suppressYearToDate,
  suppressionNote,
} from '../../../core/summary/suppress';

describe('primary', () => {
  test('1 … threshold − 1 become *, 0 and larger counts stay', () => {
    expect([0, 1, 2, 4, 5, 6, 120, null].map((v) => suppressPrimary(v, 5))).toEqual([
      0,
      '*',
      '*',
      '*',
      5,
      6,
      120,
      null,
    ]);
  });
  test('threshold 2 hides only 1; threshold 1 hides nothing', () => {
    expect([0, 1, 2].map((v) => suppressPrimary(v, 2))).toEqual([0, '*', 2]);
    expect([0, 1, 2].map((v) => suppressPrimary(v, 1))).toEqual([0, 1, 2]);
  });
  test('threshold 10', () => {
    expect([9, 10].map((v) => suppressPrimary(v, 10))).toEqual(['*', 10]);
  });
});

describe('secondary, within one breakdown', () => {
  test('one suppressed cell under a shown total: the next smallest non-zero cell goes too', () => {
    // 20 = 3 + 10 + 7 + 0: with only 3 hidden, 20 − 10 − 7 − 0 would give it back.
    expect(suppressBreakdown(20, [3, 10, 7, 0], 5)).toEqual({ total: 20, parts: ['*', 10, '*', 0] });
  });
  test('未記入 is a part: 70代以上 10 and 未記入 2 of 12 — the 2 alone would be 12 − 10', () => {
    expect(suppressBreakdown(12, [0, 0, 0, 0, 0, 0, 10, 0, 2], 5)).toEqual({
      total: 12,
      parts: [0, 0, 0, 0, 0, 0, '*', 0, '*'],
    });
  });
  test('zeros are never the second cell', () => {
    expect(suppressBreakdown(15, [0, 2, 0, 13], 5)).toEqual({ total: 15, parts: [0, '*', 0, '*'] });
  });
  test('ties: the first of the smallest', () => {
    expect(suppressBreakdown(24, [2, 11, 11], 5)).toEqual({ total: 24, parts: ['*', '*', 11] });
  });
  test('two cells already suppressed: nothing more', () => {
    expect(suppressBreakdown(20, [3, 2, 15], 5)).toEqual({ total: 20, parts: ['*', '*', 15] });
  });
  test('a suppressed total protects its parts', () => {
    expect(suppressBreakdown(4, [4, 0, 0], 5)).toEqual({ total: '*', parts: ['*', 0, 0] });
  });
  test('no total shown: primary only', () => {
    expect(suppressBreakdown(null, [3, 10, 7], 5)).toEqual({ total: null, parts: ['*', 10, 7] });
  });
  test('nothing small: nothing suppressed', () => {
    expect(suppressBreakdown(30, [5, 25, 0], 5)).toEqual({ total: 30, parts: [5, 25, 0] });
  });
  test('the second cell may be large', () => {
    expect(suppressBreakdown(101, [1, 100], 5)).toEqual({ total: 101, parts: ['*', '*'] });
  });
  test('hidden cells adding up to their number are all 1: one more goes', () => {
    // 12 = 10 + 1 + 1: the two * make 12 − 10 = 2, and a * is never 0, so both would be 1.
    expect(suppressBreakdown(12, [10, 1, 1, 0], 5)).toEqual({ total: 12, parts: ['*', '*', '*', 0] });
    // 14 = 10 + 3 + 1: the two * make 4, which is 1 + 3, 2 + 2 or 3 + 1: nothing more.
    expect(suppressBreakdown(14, [10, 3, 1], 5)).toEqual({ total: 14, parts: [10, '*', '*'] });
    // Threshold 2 hides only 1s: two of them under a shown total are always all 1.
    expect(suppressBreakdown(7, [1, 1, 5], 2)).toEqual({ total: 7, parts: ['*', '*', '*'] });
  });
  test('分野 (a case may count under several): the parts do not add up, a pair of 1s is not recoverable', () => {
    expect(suppressBreakdown(12, [10, 1, 1, 0], 5, false)).toEqual({ total: 12, parts: [10, '*', '*', 0] });
  });
  test('nothing left to hide beside the 1s: the total is hidden instead', () => {
    // Five new cases, one of each 性別 and 未記入: every part would be 5 − 4 others… each 1.
    expect(suppressBreakdown(5, [1, 1, 1, 1, 1], 5)).toEqual({ total: '*', parts: ['*', '*', '*', '*', '*'] });
    // Threshold 2: two new cases, one in each エリア.
    expect(suppressBreakdown(2, [1, 1], 2)).toEqual({ total: '*', parts: ['*', '*'] });
  });
});

describe('a whole table, column by column', () => {
  // rows: 0 total, 1–3 a breakdown of it, 4 meetings held (not sensitive), 5 a sensitive scalar
  const values = [
    [12, 3, 0],
    [1, 2, 0],
    [6, 1, 0],
    [5, 0, 0],
    [2, 1, 0],
    [4, 7, null],
  ];
  const table = {
    values,
    sensitive: [true, true, true, true, false, true],
    blocks: [{ total: 0, parts: [1, 2, 3], addsUp: true }],
  };
  test('threshold 5', () => {
    expect(suppressTable(table, 5)).toEqual([
      [12, '*', 0], // column 2: total 3 is small, so its parts need no second cell
      ['*', '*', 0],
      [6, '*', 0],
      ['*', 0, 0], // column 1: only 1 hidden under 12, and 5 < 6 is the next smallest
      [2, 1, 0], // not sensitive
      ['*', 7, null],
    ]);
  });
  test('threshold 1: the table as it is', () => {
    expect(suppressTable(table, 1)).toEqual(values);
  });
  test('the input is left untouched', () => {
    suppressTable(table, 5);
    expect(values[1]).toEqual([1, 2, 0]);
  });
});

describe('breakdowns sharing a total', () => {
  // rows: 0 新規相談件数; 1–5 性別 (男性, 女性, その他, 不明, 未記入); 6–7 エリア (東, 西); 8–9 分野 (高齢, 障がい)
  const sensitive = Array.from({ length: 10 }, () => true);
  const blocks = [
    { total: 0, parts: [1, 2, 3, 4, 5], addsUp: true },
    { total: 0, parts: [6, 7], addsUp: true },
    { total: 0, parts: [8, 9], addsUp: false },
  ];
  test('a total hidden for one breakdown is not given back by another', () => {
    // Five cases, one of each 性別, all in 東 and all 高齢. 性別 alone would be 1 each, so 新規相談件数
    // is hidden; then 東 = 5 would be the total, and so would 高齢 (a case has one 分野 at least,
    // so the total lies between the largest part and their sum): both are hidden too.
    const values = [[5], [1], [1], [1], [1], [1], [5], [0], [5], [0]];
    expect(suppressTable({ values, sensitive, blocks }, 5).map((r) => r[0])).toEqual([
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      0,
      '*',
      0,
    ]);
  });
  test('a total hidden as small: its parts are small, hidden already', () => {
    const values = [[3], [2], [1], [0], [0], [0], [3], [0], [3], [1]];
    expect(suppressTable({ values, sensitive, blocks }, 5).map((r) => r[0])).toEqual([
      '*',
      '*',
      '*',
      0,
      0,
      0,
      '*',
      0,
      '*',
      '*',
    ]);
  });
});

describe('年度累計 (suppressYearToDate)', () => {
  // rows: 0 新規相談件数 (flow), 1 支援中ケース数 (stock), 2 会議 (not sensitive), 3 a rate (null)
  const rows = [
    { sensitive: true, stock: false },
    { sensitive: true, stock: true },
    { sensitive: false, stock: false },
    { sensitive: true, stock: false },
  ];
  test('a flow is shown while every 当月 of the year so far is shown', () => {
    // April 6 and May 7 shown: the 年度累計 13 is their sum and says nothing new.
    expect(
      suppressYearToDate(
        [13, 20, 4, null],
        [
          [6, 15, 2, null],
          [7, 20, 2, null],
        ],
        rows,
      ),
    ).toEqual([13, 20, 4, null]);
  });
  test('once a 当月 of the row is *, its 年度累計 is * to the end of the fiscal year, whatever its size', () => {
    // April 6, May * (3), June 7: the 年度累計 of May (9) would be 9 − 6 = 3, that of June 16 − 7 = 9.
    const months = [
      [6, 6, 1, null],
      ['*' as const, 9, 1, null],
      [7, 16, 0, null],
    ];
    expect(suppressYearToDate([9, 9, 2, null], months.slice(0, 2), rows)).toEqual(['*', 9, 2, null]);
    expect(suppressYearToDate([16, 16, 2, null], months, rows)).toEqual(['*', 16, 2, null]);
  });
  test('a stock is taken on the month’s last day in both columns: its cell is this month’s', () => {
    expect(
      suppressYearToDate(
        [10, 3, 0, null],
        [
          [10, 8, 0, null],
          [0, '*', 0, null],
        ],
        rows,
      ),
    ).toEqual([10, '*', 0, null]);
  });
  test('needs this month', () => {
    expect(() => suppressYearToDate([1], [], [rows[0]!])).toThrow();
  });
});

test('the footnote explains every step in Japanese', () => {
  const note = suppressionNote(5);
  expect(note).toContain('1〜4件');
  expect(note).toContain('一次秘匿');
  expect(note).toContain('二次秘匿');
  expect(note).toContain('すべて1だと分かってしまう場合');
  expect(note).toContain('年度累計は、その年度に当月を一度でも「*」にした行では、年度末まで「*」にしています');
  expect(suppressionNote(2)).toContain('1件');
});
