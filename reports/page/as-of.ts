// What a typed 基準日 means for the period beside it, said the same in the offline page and in the
// add-on's 指標 dialog: the day it reads as, or that the count stops at the period's last day when
// the day is later (makePeriod cuts the as-of to the period's end), or that it is before the period.
// Core only, so both the page and the dialog (DOM-only bundles) take it.
import { toWareki } from '../../core/dates/era';
import { makePeriod, type Period } from '../../core/dates/fiscal';
import { periodRequestOf, type PeriodTexts } from '../../core/dates/period-request';
import { parseDayText } from '../../core/dates/period-text';
import type { IsoDate } from '../../core/dates/calendar';

/** The period the 年度 or 月 texts name, without a 基準日; undefined when they cannot be read. */
export function periodOfTexts(texts: Omit<PeriodTexts, 'asOf'>, startMonth: number): Period | undefined {
  const r = periodRequestOf({ ...texts, asOf: undefined });
  if (!r.ok) return undefined;
  const p = makePeriod(r.request, startMonth);
  return p.ok ? p.period : undefined;
}

/**
 * The live reading of a 基準日 under its field (`asOf` not empty): `→ 2026-01-31（令和8年1月31日）まで
 * 数えます`, or, after the period's end, `→ 基準日が年度の末日より後のため、年度末（2026-03-31）まで
 * 数えます`.
 */
export function asOfHint(asOf: string, period: Period | undefined): string {
  const d = parseDayText(asOf, '基準日');
  if (!d.ok) return '→ 日付として読めません';
  if (period && d.value > period.to) {
    const unit = period.kind === 'fiscalYear' ? '年度' : '月';
    return `→ 基準日が${unit}の末日より後のため、${unit}末（${period.to}）まで数えます`;
  }
  if (period && d.value < period.from) return `→ 基準日が期間の初日（${period.from}）より前です`;
  return `→ ${d.value}（${toWareki(d.value)}）まで数えます`;
}

/**
 * The 基準日 to offer for a period: today while the period runs, its last day once it has ended,
 * and none (the whole period) before it starts — never a day after the period's end.
 */
export function asOfDefault(today: IsoDate, period: Period): IsoDate | '' {
  if (today > period.to) return period.to;
  if (today < period.from) return '';
  return today;
}
