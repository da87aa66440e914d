// kasane indicators --input FILE (--fiscal-year 2025|令和7年度|R7 | --month 2025-05|令和7年5月|R7.5)
//   [--as-of 2026-01-31|令和8年1月31日] [--format json|text|csv]
import { makePeriod, type PeriodRequest } from '../../core/dates/fiscal';
import { periodRequestOf } from '../../core/dates/period-request';
import { computeIndicators } from '../../core/indicators/compute';
import { exportIndicators, INDICATORS_FORMATS } from '../../reports';
import { oneOf, parse, required, UsageError } from '../args';
import { SPECS } from './specs';
import { loadForFigures } from '../input';
import { reportExcluded } from './excluded';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.indicators);
  const format = oneOf(values.format, 'format', INDICATORS_FORMATS, 'json');
  const input = required(values.input, 'input');
  const request = periodRequest(values['fiscal-year'], values.month, values['as-of']);
  // The row rules decide which rows are counted; cross-sheet issues (kasane validate) leave rows in.
  const read = await loadForFigures(input);
  const r = makePeriod(request, read.registry.settings.fiscalYearStartMonth);
  if (!r.ok) throw new UsageError(r.message);
  const doc = computeIndicators(read.registry, r.period, read);
  reportExcluded(doc.indicators['data.excludedRows'] ?? 0, doc.warnings);
  const file = await exportIndicators(doc, format);
  process.stdout.write(file.body);
  return 0;
}

const OPTION_OF = { fiscalYear: 'fiscal-year', month: 'month', asOf: 'as-of' } as const;

function periodRequest(
  fiscalYear: string | undefined,
  month: string | undefined,
  asOf: string | undefined,
): PeriodRequest {
  const r = periodRequestOf({ fiscalYear, month, asOf });
  if (r.ok) return r.request;
  if (r.field === null) throw new UsageError('--fiscal-year（年度）か --month（月）のどちらか一方を指定してください。');
  throw new UsageError(`--${OPTION_OF[r.field]}: ${r.message}`, false);
}
