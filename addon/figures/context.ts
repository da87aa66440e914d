// The figures dialog's defaults, computed in Apps Script: today in Japan, the fiscal year it falls
// in by the 設定's 年度開始月, and the last whole month (a monthly summary is made after its month).
import { todayInJapan } from '../../core/dates/calendar';
import { fiscalYearLabel, fiscalYearOf, monthLabel, shiftMonth } from '../../core/dates/fiscal';
import { openWorkbook, readSettingsSheet, type Workbook } from '../workbook';
import type { FiguresContext } from './types';

export function figuresContext(wb: Workbook = openWorkbook(), now: Date = new Date()): FiguresContext {
  const { settings } = readSettingsSheet(wb);
  const today = todayInJapan(now);
  const start = settings.fiscalYearStartMonth;
  const fiscalYear = fiscalYearOf(today, start);
  const month = shiftMonth(today.slice(0, 7), -1);
  return {
    ok: true,
    today,
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear, start),
    month,
    monthLabel: monthLabel(month),
    fiscalYearStartMonth: start,
    municipality: settings.municipality,
    population: settings.population !== null && settings.population > 0,
  };
}
