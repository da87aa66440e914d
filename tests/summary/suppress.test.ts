// Small-cell suppression on hand-made tables, results checked by hand (threshold 5 unless stated).
import { suppressBreakdown, suppressPrimary, suppressTable, suppressionNote } from '../../core/summary/suppress';

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
  const table = { values, sensitive: [true, true, true, true, false, true], blocks: [{ total: 0, parts: [1, 2, 3] }] };
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

test('the footnote explains both steps in Japanese', () => {
  const note = suppressionNote(5);
  expect(note).toContain('1〜4件');
  expect(note).toContain('一次秘匿');
  expect(note).toContain('二次秘匿');
  expect(suppressionNote(2)).toContain('1件');
});
