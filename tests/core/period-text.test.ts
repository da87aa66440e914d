// Periods as clerks write them: every value below was checked by hand against the era table
// (令和 from 2019-05-01, 平成 from 1989-01-08, 昭和 from 1926-12-25).
import { parseDayText, parseFiscalYearText, parseMonthText } from '../../core/dates/period-text';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T | string =>
  r.ok ? r.value : `NG: ${r.message}`;

describe('parseMonthText', () => {
  test.each([
    ['2025-05', '2025-05'],
    ['2025-5', '2025-05'],
    ['2025/5', '2025-05'],
    ['2025/05', '2025-05'],
    ['2025.5', '2025-05'],
    ['2025年5月', '2025-05'],
    ['2025年12月', '2025-12'],
    ['R7.5', '2025-05'],
    ['r7.5', '2025-05'],
    ['R7/5', '2025-05'],
    ['R07.05', '2025-05'],
    ['R7年5月', '2025-05'],
    ['令和7年5月', '2025-05'],
    ['令和7.5', '2025-05'],
    ['令7.5', '2025-05'],
    ['令和 7 年 5 月', '2025-05'],
    ['２０２５年５月', '2025-05'],
    ['Ｒ７．５', '2025-05'],
    ['令和元年5月', '2019-05'],
    ['R1.5', '2019-05'],
    ['平成31年4月', '2019-04'],
    ['H31.4', '2019-04'],
    ['平成元年1月', '1989-01'], // 平成 began on the 8th: the month has days of both eras
    ['昭和64年1月', '1989-01'],
    ['平成30年3月', '2018-03'],
    ['昭和1年12月', '1926-12'],
  ])('%s → %s', (text, expected) => {
    expect(value(parseMonthText(text))).toBe(expected);
  });

  test.each(['2025-13', '2025-0', '2025', '25-05', '2025-05-01', 'R7', '令和7年', '令和0年5月', 'X7.5', '五月'])(
    '%j is not a month: a message with examples',
    (text) => {
      const r = parseMonthText(text);
      expect(r).toEqual({
        ok: false,
        message: `月「${text}」を読めません。2025-05、2025/5、2025年5月、令和7年5月、R7.5 のように年と月を書いてください。`,
      });
    },
  );

  test.each([
    [
      '平成31年5月',
      '月「平成31年5月」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2019年5月 は 令和元年5月 です。',
    ],
    [
      '令和元年4月',
      '月「令和元年4月」は令和の期間外です（令和は2019年5月1日から）。西暦 2019年4月 は 平成31年4月 です。',
    ],
    [
      '昭和64年2月',
      '月「昭和64年2月」は昭和の期間外です（昭和は1926年12月25日〜1989年1月7日）。西暦 1989年2月 は 平成元年2月 です。',
    ],
    [
      '平成32年1月',
      '月「平成32年1月」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2020年1月 は 令和2年1月 です。',
    ],
  ])('a month outside its era: %s', (text, message) => {
    expect(parseMonthText(text)).toEqual({ ok: false, message });
  });
});

describe('parseFiscalYearText', () => {
  test.each<[string, number]>([
    ['2025', 2025],
    ['2025年度', 2025],
    ['2025年', 2025],
    ['令和7', 2025],
    ['令和7年度', 2025],
    ['令和7年', 2025],
    ['令7', 2025],
    ['R7', 2025],
    ['r7', 2025],
    ['R7年度', 2025],
    ['令和元年度', 2019],
    ['R1', 2019],
    ['平成31年度', 2019], // 平成31年4月から: the year began under 平成
    ['H31', 2019],
    ['平成30年度', 2018],
    ['平成元年度', 1989],
    ['昭和64年度', 1989], // 昭和64年1月1日〜7日 are 昭和: the year 1989 has it
    ['昭和63年度', 1988],
    ['２０２５年度', 2025],
    ['令和 7 年度', 2025],
  ])('%s → %d', (text, expected) => {
    expect(value(parseFiscalYearText(text))).toBe(expected);
  });

  test.each(['R0', '令和', '25', '20255', '2025-05', '令和7年5月', '七年度', 'FY2025'])(
    '%j is not a fiscal year: a message with examples',
    (text) => {
      expect(parseFiscalYearText(text)).toEqual({
        ok: false,
        message: `年度「${text}」を読めません。2025、2025年度、令和7年度、R7 のように書いてください（2025 = 令和7年度）。`,
      });
    },
  );

  test.each([
    [
      '平成32年度',
      '年度「平成32年度」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2020年度 は 令和2年度 です。',
    ],
    [
      '昭和65年度',
      '年度「昭和65年度」は昭和の期間外です（昭和は1926年12月25日〜1989年1月7日）。西暦 1990年度 は 平成2年度 です。',
    ],
  ])('a year after its era ended: %s', (text, message) => {
    expect(parseFiscalYearText(text)).toEqual({ ok: false, message });
  });
});

describe('parseDayText', () => {
  test.each([
    ['2026-01-31', '2026-01-31'],
    ['2026/1/31', '2026-01-31'],
    ['2026年1月31日', '2026-01-31'],
    ['令和8年1月31日', '2026-01-31'],
    ['R8.1.31', '2026-01-31'],
    ['令8.1.31', '2026-01-31'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (text, expected) => {
    expect(value(parseDayText(text))).toBe(expected);
  });

  test.each(['2025-02-29', '2026-1-32', '2026-13-01', 'R8.1', '昨日'])('%j is not a day', (text) => {
    expect(parseDayText(text, '基準日')).toEqual({
      ok: false,
      message: `基準日「${text}」を読めません。2026-01-31、2026/1/31、令和8年1月31日、R8.1.31 のように実在する日付を書いてください。`,
    });
  });

  test('the label defaults to 日付', () => {
    const r = parseDayText('x');
    expect(r.ok ? '' : r.message).toMatch(/^日付「x」を読めません。/);
  });

  test.each([
    [
      '平成31年5月1日',
      '基準日「平成31年5月1日」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2019-05-01 は 令和元年5月1日 です。',
    ],
    [
      '令和元年4月30日',
      '基準日「令和元年4月30日」は令和の期間外です（令和は2019年5月1日から）。西暦 2019-04-30 は 平成31年4月30日 です。',
    ],
    [
      '平成元年1月7日',
      '基準日「平成元年1月7日」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 1989-01-07 は 昭和64年1月7日 です。',
    ],
  ])('a day outside its era: %s', (text, message) => {
    expect(parseDayText(text, '基準日')).toEqual({ ok: false, message });
  });
});

describe('an empty field asks for the value instead of quoting nothing', () => {
  test.each(['', '  ', '\u3000'])('%j', (text) => {
    expect(parseFiscalYearText(text)).toEqual({
      ok: false,
      message: '年度を入力してください（例: 2025、2025年度、令和7年度、R7）。',
    });
    expect(parseMonthText(text)).toEqual({
      ok: false,
      message: '月を入力してください（例: 2025-05、2025/5、2025年5月、令和7年5月、R7.5）。',
    });
    expect(parseDayText(text, '基準日')).toEqual({
      ok: false,
      message: '基準日を入力してください（例: 2026-01-31、2026/1/31、令和8年1月31日、R8.1.31）。',
    });
  });
});
