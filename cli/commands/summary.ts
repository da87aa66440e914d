// kasane summary --input FILE --month 2025-05|令和7年5月|R7.5 [--public] [--format csv|xlsx|json|html]
//   [--out FILE [--force]]: --format may be left out when --out's extension names it.
import { makePeriod } from '../../core/dates/fiscal';
import { buildMonthlySummary } from '../../core/summary/build';
import { exportSummary, type SummaryFormat } from '../../reports';
import { monthOption, parse, required, UsageError } from '../args';
import { SPECS } from './specs';
import { loadRegistryFile, readForFigures } from '../input';
import { checkOut, outFormat, writeOut } from '../output';
import { reportExcluded } from './excluded';

const EXTENSIONS: Readonly<Record<SummaryFormat, readonly string[]>> = {
  csv: ['.csv'],
  xlsx: ['.xlsx'],
  json: ['.json'],
  html: ['.html', '.htm'],
};

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.summary);
  const input = required(values.input, 'input');
  const month = monthOption(required(values.month, 'month'));
  const format = outFormat(values.format, values.out, EXTENSIONS);
  const check = makePeriod({ kind: 'month', month });
  if (!check.ok) throw new UsageError(check.message);
  if (format === 'xlsx' && values.out === undefined)
    throw new UsageError('XLSX は端末に出力できません。--out でファイル名を指定してください。');
  const outOptions = { force: values.force === true, inputs: [input] };
  if (values.out !== undefined) await checkOut(values.out, outOptions);

  const raw = await loadRegistryFile(input);
  // The row rules decide which rows are counted; cross-sheet issues (kasane validate) leave rows in.
  const read = readForFigures(raw, input);
  const summary = buildMonthlySummary(read.registry, month, { read, public: values.public === true });
  reportExcluded(summary.excludedRows, summary.warnings);
  const file = await exportSummary(summary, format);
  if (values.out === undefined) {
    process.stdout.write(file.body);
    return 0;
  }
  await writeOut(values.out, file.body, outOptions);
  process.stderr.write(`kasane: 月次集計を ${values.out} に書き出しました。\n`);
  return 0;
}
