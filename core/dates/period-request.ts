// The 年度/月 period a person asks for, as the CLI's options and the API's query give it: three
// optional texts in any written form (2025 / 令和7年度 / R7, 2025-05 / R7.5, 2026-01-31 / 令和8年1月31日).
// One function for every face, so `--fiscal-year R7` and `?fiscalYear=R7` mean the same year.
import type { PeriodRequest } from './fiscal';
import { parseDayText, parseFiscalYearText, parseMonthText } from './period-text';

export interface PeriodTexts {
  fiscalYear?: string | undefined;
  month?: string | undefined;
  asOf?: string | undefined;
}

/** Which input was wrong, for a message that names the option or the query parameter. */
export type PeriodField = keyof PeriodTexts;

export type PeriodRequestResult =
  { ok: true; request: PeriodRequest } | { ok: false; field: PeriodField | null; message: string };

export function periodRequestOf(texts: PeriodTexts): PeriodRequestResult {
  const { fiscalYear, month, asOf } = texts;
  if ((fiscalYear === undefined) === (month === undefined))
    return { ok: false, field: null, message: '年度か月のどちらか一方を指定してください。' };
  let cut: string | null = null;
  if (asOf !== undefined) {
    const d = parseDayText(asOf, '基準日');
    if (!d.ok) return { ok: false, field: 'asOf', message: d.message };
    cut = d.value;
  }
  if (fiscalYear !== undefined) {
    const y = parseFiscalYearText(fiscalYear);
    return y.ok
      ? { ok: true, request: { kind: 'fiscalYear', year: y.value, asOf: cut } }
      : { ok: false, field: 'fiscalYear', message: y.message };
  }
  const m = parseMonthText(month!);
  return m.ok
    ? { ok: true, request: { kind: 'month', month: m.value, asOf: cut } }
    : { ok: false, field: 'month', message: m.message };
}
