// What the figures dialog sends over google.script.run, checked with zod, and the periods read as
// clerks write them by core's one reading of a period (core/dates/period-request.ts: 令和7年度, R7.5,
// 令和8年1月31日 …), so the dialog, the CLI and the API accept the same texts. Types only are shared
// with the dialog (no zod there).
import * as z from 'zod/mini';
import { makePeriod, type Period, type PeriodRequest } from '../../core/dates/fiscal';
import { periodRequestOf, type PeriodField, type PeriodTexts } from '../../core/dates/period-request';
import { failure, isFailure, payloadInvalid, type Failure } from '../errors';

/** A period field as typed (a number is accepted for the year: `{"fiscalYear": 2025}`). */
const typed = z.string().check(z.maxLength(100));
const asOf = z.optional(z.nullable(typed));

export const indicatorsRequestSchema = z.union([
  z.strictObject({ fiscalYear: z.union([z.number(), typed]), asOf }),
  z.strictObject({ month: typed, asOf }),
]);
export type IndicatorsRequest = z.infer<typeof indicatorsRequestSchema>;

export const summaryRequestSchema = z.strictObject({ month: typed, public: z.boolean() });
export type SummaryRequest = z.infer<typeof summaryRequestSchema>;

/** A failure whose message the dialog shows next to the field the clerk typed. */
const periodInvalid = (field: PeriodField, message: string): Failure =>
  failure('period.invalid', message, { [field]: message });

/** The texts as core reads them; a period with only one of 年度 and 月 is what the schema allows. */
function request(texts: PeriodTexts, field: PeriodField): PeriodRequest | Failure {
  const r = periodRequestOf(texts);
  return r.ok ? r.request : periodInvalid(r.field ?? field, r.message);
}

/** The request with its texts read; nothing is read from the spreadsheet yet. */
export function readIndicatorsRequest(input: unknown): PeriodRequest | Failure {
  const p = indicatorsRequestSchema.safeParse(input);
  if (!p.success) return payloadInvalid();
  // An empty 基準日 is no 基準日: the period runs to its last day.
  const cut = p.data.asOf?.trim() || undefined;
  return 'fiscalYear' in p.data
    ? request({ fiscalYear: String(p.data.fiscalYear), asOf: cut }, 'fiscalYear')
    : request({ month: p.data.month, asOf: cut }, 'month');
}

export function readSummaryRequest(input: unknown): { month: string; public: boolean } | Failure {
  const p = summaryRequestSchema.safeParse(input);
  if (!p.success) return payloadInvalid();
  const r = request({ month: p.data.month }, 'month');
  if (isFailure(r)) return r;
  return { month: r.kind === 'month' ? r.month : p.data.month, public: p.data.public };
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
