// What the figures dialog sends over google.script.run, checked with zod: the period as data,
// `{"fiscalYear": 2025, "asOf": "2026-01-31"}` or `{"month": "2025-05"}`. The dialog reads what the
// clerk typed (令和7年度, R7.5, 令和8年1月31日 …) with core's one reading of a period
// (core/dates/period-request.ts, as the CLI and the API do) and shows its message next to the field;
// the script takes only the result, so the parsing of written periods stays out of Code.js.
import * as z from 'zod/mini';
import { isIsoDate } from '../../core/dates/calendar';
import { isoDate } from '../../core/registry/schema';
import { makePeriod, type Period, type PeriodRequest } from '../../core/dates/fiscal';
import type { PeriodField } from '../../core/dates/period-request';
import { failure, payloadInvalid, type Failure } from '../errors';

const yearMonth = z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])$/));
// No 基準日 is no key (null is no date).
const asOf = z.optional(isoDate);

/** A fiscal year or a month, not both (checked in readIndicatorsRequest). */
export const indicatorsRequestSchema = z.strictObject({
  fiscalYear: z.optional(z.number()),
  month: z.optional(yearMonth),
  asOf,
});
export type IndicatorsRequest = { fiscalYear: number; asOf?: string } | { month: string; asOf?: string };

export const summaryRequestSchema = z.strictObject({ month: yearMonth, public: z.boolean() });
export type SummaryRequest = z.infer<typeof summaryRequestSchema>;

/** A failure whose message the dialog shows next to the field the clerk typed. */
const periodInvalid = (field: PeriodField, message: string): Failure =>
  failure('period.invalid', message, { [field]: message });

/** The request as a period to make; nothing is read from the spreadsheet yet. */
export function readIndicatorsRequest(input: unknown): PeriodRequest | Failure {
  const p = indicatorsRequestSchema.safeParse(input);
  if (!p.success) return payloadInvalid();
  const { fiscalYear, month, asOf } = p.data;
  const cut = asOf ?? null;
  if ((cut !== null && !isIsoDate(cut)) || (fiscalYear === undefined) === (month === undefined))
    return payloadInvalid();
  if (month !== undefined) return { kind: 'month', month, asOf: cut };
  return Number.isInteger(fiscalYear) ? { kind: 'fiscalYear', year: fiscalYear!, asOf: cut } : payloadInvalid();
}

export function readSummaryRequest(input: unknown): { month: string; public: boolean } | Failure {
  const p = summaryRequestSchema.safeParse(input);
  return p.success ? p.data : payloadInvalid();
}

/** The period once the registry's 年度開始月 is known (an as-of day before the period is refused here). */
export function periodOf(req: PeriodRequest, startMonth: number): Period | Failure {
  const r = makePeriod(req, startMonth);
  if (r.ok) return r.period;
  // makePeriod's faults are the year's range or the as-of day; name the field the clerk typed.
  const field: PeriodField =
    (req.asOf ?? null) !== null && /基準日/.test(r.message)
      ? 'asOf'
      : req.kind === 'fiscalYear'
        ? 'fiscalYear'
        : 'month';
  return periodInvalid(field, r.message);
}
