// kasane indicators --input FILE (--fiscal-year YYYY | --month YYYY-MM) [--as-of YYYY-MM-DD] [--format json|text|csv]
import { makePeriod, type PeriodRequest } from '../../../core/dates/fiscal';
import { computeIndicators } from '../../../core/indicators/compute';
import { readRegistry } from '../../../core/registry/read';
import { exportIndicators, INDICATORS_FORMATS } from '../../exports';
import { oneOf, parse, required, UsageError } from '../args';
import { loadRegistryFile } from '../input';
import { reportExcluded } from './excluded';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    input: { type: 'string' },
    'fiscal-year': { type: 'string' },
    month: { type: 'string' },
    'as-of': { type: 'string' },
    format: { type: 'string' },
  });
  const format = oneOf(values.format, 'format', INDICATORS_FORMATS, 'json');
  const input = required(values.input, 'input');
  const request = periodRequest(values['fiscal-year'], values.month, values['as-of']);
  const raw = await loadRegistryFile(input);
  // The row rules decide which rows are counted; cross-sheet issues (kasane validate) leave rows in.
  const read = readRegistry(raw);
  const r = makePeriod(request, read.registry.settings.fiscalYearStartMonth);
  if (!r.ok) throw new UsageError(r.message);
  reportExcluded(read.excludedRows);
  const file = await exportIndicators(computeIndicators(read.registry, r.period, read.excludedRows), format);
  process.stdout.write(file.body);
  return 0;
}

function periodRequest(
  fiscalYear: string | undefined,
  month: string | undefined,
  asOf: string | undefined,
): PeriodRequest {
  if ((fiscalYear === undefined) === (month === undefined))
    throw new UsageError('--fiscal-year（年度）か --month（月）のどちらか一方を指定してください。');
  const cut = asOf ?? null;
  if (fiscalYear !== undefined) {
    if (!/^\d{4}$/.test(fiscalYear))
      throw new UsageError(`--fiscal-year は西暦4桁で指定してください（例: 2024 = 令和6年度。指定: ${fiscalYear}）。`);
    return { kind: 'fiscalYear', year: Number(fiscalYear), asOf: cut };
  }
  return { kind: 'month', month: month!, asOf: cut };
}
