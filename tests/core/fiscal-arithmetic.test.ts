// The month arithmetic of periods (no Date, no date library): hand-checked bounds across year ends,
// leap years and every fiscal-year start month.
import { fiscalYearBounds, makePeriod, monthsTouched, shiftMonth } from '../../core/dates/fiscal';

test.each([
  [2024, 4, '2024-04-01', '2025-03-31'],
  [2023, 3, '2023-03-01', '2024-02-29'], // ends in a leap February
  [2024, 3, '2024-03-01', '2025-02-28'],
  [2025, 1, '2025-01-01', '2025-12-31'],
  [2025, 12, '2025-12-01', '2026-11-30'],
  [1999, 10, '1999-10-01', '2000-09-30'],
])('fiscal year %i starting in month %i: %s … %s', (year, start, from, to) => {
  expect(fiscalYearBounds(year, start)).toEqual({ from, to });
});

test.each([
  ['2025-01', -1, '2024-12'],
  ['2025-12', 1, '2026-01'],
  ['2025-05', -11, '2024-06'],
  ['2025-05', 0, '2025-05'],
  ['2025-05', 24, '2027-05'],
  ['2000-03', -27, '1997-12'],
])('shiftMonth(%s, %i) = %s', (month, n, want) => {
  expect(shiftMonth(month, n)).toBe(want);
});

test.each([
  ['2024-02', '2024-02-01', '2024-02-29'],
  ['2025-02', '2025-02-01', '2025-02-28'],
  ['2100-02', '2100-02-01', '2100-02-28'], // not a leap year
  ['2000-02', '2000-02-01', '2000-02-29'], // a leap year
  ['2025-11', '2025-11-01', '2025-11-30'],
])('the month %s runs %s … %s', (month, from, to) => {
  const r = makePeriod({ kind: 'month', month });
  expect(r.ok && [r.period.from, r.period.to]).toEqual([from, to]);
});

test('months touched: the whole year, an as-of cut-off, one month', () => {
  const year = makePeriod({ kind: 'fiscalYear', year: 2025 });
  const cut = makePeriod({ kind: 'fiscalYear', year: 2025, asOf: '2025-09-01' });
  const month = makePeriod({ kind: 'month', month: '2025-05' });
  expect(year.ok && monthsTouched(year.period)).toBe(12);
  expect(cut.ok && monthsTouched(cut.period)).toBe(6); // April … September, the 1st of September included
  expect(month.ok && monthsTouched(month.period)).toBe(1);
});
