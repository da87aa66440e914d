import {
  parseDateCell,
  parseDateText,
  fromSerial,
  fromJapanInstant,
  isIsoDate,
  toJapanInstant,
  weekdayOf,
  WEEKDAY_NAMES,
} from '../../core/dates/calendar';
import { toWareki } from '../../core/dates/era';
import {
  fiscalYearOf,
  fiscalYearBounds,
  fiscalYearLabel,
  makePeriod,
  monthsTouched,
  monthLabel,
  previousYearMonth,
  shiftMonth,
  inForceOn,
  inPeriod,
} from '../../core/dates/fiscal';

// tz.test.ts runs this file again under TZ=Asia/Tokyo and TZ=America/Los_Angeles (the default run is
// under the machine's zone): a calendar date must never move by a day.
describe(`dates under TZ=${process.env.TZ ?? '(machine default)'}`, () => {
  test('the zone asked for is in force', () => {
    const expected = process.env.KASANE_EXPECT_OFFSET;
    if (expected !== undefined) expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(Number(expected));
  });

  test.each([
    ['2024-04-01', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['2024/04/01', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['令和6年4月1日', '2024-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R6.4.1', '2024-04-01'],
    ['r6.4.1', '2024-04-01'],
    ['令6.4.1', '2024-04-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['Ｒ６．４．１', '2024-04-01'],
    [' 2024-04-01 ', '2024-04-01'],
    ['2024-02-29', '2024-02-29'],
    // Eight digits, as offices key dates in.
    ['20240401', '2024-04-01'],
    ['２０２４０４０１', '2024-04-01'],
    ['19991231', '1999-12-31'],
    // A time of day after the date (a date-time cell turned into text, a system's export).
    ['2024/4/1 0:00', '2024-04-01'],
    ['2024/04/01 09:30:15', '2024-04-01'],
    ['2024-04-01T23:59:59', '2024-04-01'],
    ['2024-04-01T00:00:00.000', '2024-04-01'],
    ['2024-04-01 10:00', '2024-04-01'],
    ['令和6年4月1日 9:30', '2024-04-01'],
    ['２０２４／４／１　１０：００', '2024-04-01'],
    ['2024/4/1(月) 9:30', '2024-04-01'],
  ])('%s is %s', (text, iso) => {
    expect(parseDateText(text)).toEqual({ ok: true, value: iso });
  });

  test.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '平成31年5月1日',
    'H31.5.1',
    '令和元年4月30日',
    '昭和64年1月8日',
    '平成0年1月1日',
    '令和6年2月30日',
    '2024-4',
    'あした',
    '',
    '20240230', // no 30 February
    '18991231', // eight digits only for 1900–2099
    '2024041', // seven
    '202404011', // nine
    '2024/4/1 24:00', // no such time
    '2024/4/1 9:60',
    '2024/4/1 9',
    '2024/4/1  9',
    '2024/4/1\u3000 9',
    '2024-04-01T09:30:00Z', // an instant in another zone may be another day in Japan
    '2024-04-01T09:30:00+09:00',
    '2024/4/1 9:30 10:30',
    '9:30',
  ])('%s is rejected', (text) => {
    expect(parseDateText(text).ok).toBe(false);
  });

  // 2025-05-21 was a Wednesday (水): 2025-05-01 was a Thursday, and 20 days on is six weekdays on.
  test.each([
    '令和7年5月21日（水）',
    '令和7年5月21日(水)',
    '令和7年5月21日（水曜日）',
    '令和7年5月21日水曜日',
    '2025年5月21日（水曜日）',
    '2025年5月21日(水曜)',
    '2025/5/21(水)',
    '2025/5/21 (水)',
    'R7.5.21(水)',
    '2025.5.21',
    '2025年5月21日',
    '２０２５年５月２１日',
    '令和７年５月２１日（水）',
    '２０２５／５／２１',
    '　2025年5月21日　',
    '\u00a02025/5/21\u00a0',
    ' 令和 7 年 5 月 21 日 ',
    '㋿7年5月21日',
  ])('the clerk’s %s is 2025-05-21', (text) => {
    expect(parseDateText(text)).toEqual({ ok: true, value: '2025-05-21' });
  });

  test.each([
    ['令和7年5月21日（木）', '2025-05-21'],
    ['2025年5月21日（火曜日）', '2025-05-21'],
    ['2025/5/21(日)', '2025-05-21'],
    ['2025年5月21日日曜日', '2025-05-21'],
    ['R6.4.1(日)', '2024-04-01'], // 2024-04-01 was a Monday
  ])('%s names the wrong weekday for %s', (text, day) => {
    expect(parseDateText(text)).toEqual({ ok: false, wrongWeekday: day });
  });

  test.each([
    '2025/5/21(x)', // not a weekday
    '2025/5/21水', // a bare weekday needs 曜, or the 日 of 21日 could be read as Sunday
    '2025/5/21(水)(水)',
    '令和7年2月30日（水）', // no such day: not a weekday fault
    '平成31年5月1日(水)', // outside its era, whatever the weekday
  ])('%s is rejected without a weekday to blame', (text) => {
    expect(parseDateText(text)).toEqual({ ok: false });
  });

  test('a weekday that fits is accepted on either side of an era change', () => {
    expect(parseDateText('令和元年5月1日（水）')).toEqual({ ok: true, value: '2019-05-01' });
    expect(parseDateText('平成元年1月8日(日)')).toEqual({ ok: true, value: '1989-01-08' });
    expect(parseDateText('2025年5月25日日曜日')).toEqual({ ok: true, value: '2025-05-25' });
    expect(parseDateText('2024/2/29(木)')).toEqual({ ok: true, value: '2024-02-29' });
  });

  test('weekdays, Sunday first, without Date (so no zone and no 19xx for small years)', () => {
    expect(WEEKDAY_NAMES).toBe('日月火水木金土');
    expect(weekdayOf('2025-05-21')).toBe(3); // 水
    expect(weekdayOf('2024-04-01')).toBe(1); // 月
    expect(weekdayOf('2000-01-01')).toBe(6); // 土
    expect(weekdayOf('1989-01-08')).toBe(0); // 日, the first day of 平成
    expect(weekdayOf('1900-03-01')).toBe(4); // 木: 1900 was no leap year (1900-01-01 was a Monday)
    expect(weekdayOf('2024-03-01')).toBe(5); // 金, the day after a leap day
  });

  test('a Date cell (midnight in Japan, as Sheets gives it) keeps its calendar day', () => {
    const jstMidnight = new Date(Date.UTC(2024, 3, 1) - 9 * 3600_000); // 2024-04-01 00:00 JST
    expect(parseDateCell(jstMidnight)).toEqual({ ok: true, value: '2024-04-01' });
    const lateEvening = new Date(Date.UTC(2024, 2, 31, 14, 59)); // 23:59 JST on 03-31
    expect(fromJapanInstant(lateEvening)).toEqual({ ok: true, value: '2024-03-31' });
    expect(parseDateCell(new Date(NaN)).ok).toBe(false);
    expect(toJapanInstant('2024-04-01').toISOString()).toBe('2024-03-31T15:00:00.000Z');
    expect(fromJapanInstant(toJapanInstant('2019-05-01'))).toEqual({ ok: true, value: '2019-05-01' });
  });

  test('Excel serial numbers, including Lotus’s phantom 1900-02-29', () => {
    expect(fromSerial(45383)).toEqual({ ok: true, value: '2024-04-01' });
    expect(fromSerial(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(fromSerial(59)).toEqual({ ok: true, value: '1900-02-28' });
    expect(fromSerial(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(fromSerial(60).ok).toBe(false);
    expect(fromSerial(45383.75)).toEqual({ ok: true, value: '2024-04-01' });
    expect(fromSerial(0).ok).toBe(false);
    expect(parseDateCell(45383)).toEqual({ ok: true, value: '2024-04-01' });
  });

  test('a number of eight digits in a date cell is the date it spells (no serial is that large)', () => {
    expect(parseDateCell(20240401)).toEqual({ ok: true, value: '2024-04-01' });
    expect(parseDateCell(20240230).ok).toBe(false);
    expect(parseDateCell(20240401.5).ok).toBe(false);
    expect(parseDateCell(2958465)).toEqual({ ok: true, value: '9999-12-31' });
    expect(parseDateCell(2958466).ok).toBe(false);
    expect(parseDateCell(18991231).ok).toBe(false);
  });

  test('和暦 labels', () => {
    expect(toWareki('2024-04-01')).toBe('令和6年4月1日');
    expect(toWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(toWareki('2019-04-30')).toBe('平成31年4月30日');
  });

  test('fiscal year of a date, April start', () => {
    expect(fiscalYearOf('2024-04-01')).toBe(2024);
    expect(fiscalYearOf('2025-03-31')).toBe(2024);
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
  });

  test('fiscal year with another start month', () => {
    expect(fiscalYearOf('2024-06-30', 7)).toBe(2023);
    expect(fiscalYearOf('2024-07-01', 7)).toBe(2024);
    expect(fiscalYearBounds(2024, 7)).toEqual({ from: '2024-07-01', to: '2025-06-30' });
    expect(fiscalYearBounds(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(fiscalYearOf('2024-12-31', 1)).toBe(2024);
  });

  test('fiscal year labels, including the year an era began', () => {
    expect(fiscalYearLabel(2024)).toBe('令和6年度');
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1988)).toBe('昭和63年度');
  });

  test('fiscal-year period with and without an as-of cut-off', () => {
    const full = makePeriod({ kind: 'fiscalYear', year: 2024 });
    expect(full).toEqual({
      ok: true,
      period: {
        kind: 'fiscalYear',
        value: '2024',
        label: '令和6年度',
        from: '2024-04-01',
        to: '2025-03-31',
        asOf: null,
        end: '2025-03-31',
      },
    });
    const cut = makePeriod({ kind: 'fiscalYear', year: 2024, asOf: '2025-02-28' });
    expect(cut.ok && cut.period.end).toBe('2025-02-28');
    expect(cut.ok && monthsTouched(cut.period)).toBe(11);
    expect(full.ok && monthsTouched(full.period)).toBe(12);
    const late = makePeriod({ kind: 'fiscalYear', year: 2024, asOf: '2026-01-01' });
    expect(late.ok && late.period.end).toBe('2025-03-31');
  });

  test('month period', () => {
    const p = makePeriod({ kind: 'month', month: '2024-02' });
    expect(p).toEqual({
      ok: true,
      period: {
        kind: 'month',
        value: '2024-02',
        label: '2024年2月',
        from: '2024-02-01',
        to: '2024-02-29',
        asOf: null,
        end: '2024-02-29',
      },
    });
    expect(monthLabel('2026-04')).toBe('2026年4月');
    expect(previousYearMonth('2026-04')).toBe('2025-04');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });

  test('bad period requests are refused in Japanese', () => {
    for (const r of [
      makePeriod({ kind: 'month', month: '2024-13' }),
      makePeriod({ kind: 'fiscalYear', year: 24 }),
      makePeriod({ kind: 'fiscalYear', year: 2024, asOf: '2024-02-30' }),
      makePeriod({ kind: 'fiscalYear', year: 2024, asOf: '2024-03-31' }),
    ]) {
      expect(r.ok).toBe(false);
      expect(!r.ok && /[ぁ-ん]/.test(r.message)).toBe(true);
    }
  });

  test('flow and stock boundaries', () => {
    const period = { from: '2024-04-01', end: '2025-03-31' };
    expect(inPeriod('2024-04-01', period)).toBe(true);
    expect(inPeriod('2025-03-31', period)).toBe(true);
    expect(inPeriod('2024-03-31', period)).toBe(false);
    expect(inPeriod('2025-04-01', period)).toBe(false);
    expect(inPeriod(undefined, period)).toBe(false);
    expect(inForceOn('2025-03-31', '2025-03-31', undefined)).toBe(true);
    expect(inForceOn('2025-03-31', '2025-04-01', undefined)).toBe(false);
    expect(inForceOn('2025-03-31', '2020-01-01', '2025-03-31')).toBe(false); // ended = first day out
    expect(inForceOn('2025-03-31', '2020-01-01', '2025-04-01')).toBe(true);
  });

  test('isIsoDate', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024/02/01')).toBe(false);
  });
});
