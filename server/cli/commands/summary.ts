// kasane summary --input FILE --month YYYY-MM [--public] --format csv|xlsx|json|html [--out FILE]
import { makePeriod } from '../../../core/dates/fiscal';
import { buildMonthlySummary } from '../../../core/summary/build';
import { readRegistry } from '../../../core/registry/read';
import { exportSummary, SUMMARY_FORMATS } from '../../exports';
import { choice, parse, required, UsageError } from '../args';
import { loadRegistryFile } from '../input';
import { writeOut } from '../output';
import { reportExcluded } from './excluded';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    input: { type: 'string' },
    month: { type: 'string' },
    public: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
  });
  const input = required(values.input, 'input');
  const month = required(values.month, 'month');
  const format = choice(required(values.format, 'format'), 'format', SUMMARY_FORMATS);
  const check = makePeriod({ kind: 'month', month });
  if (!check.ok) throw new UsageError(check.message);
  if (format === 'xlsx' && values.out === undefined)
    throw new UsageError('XLSX は端末に出力できません。--out でファイル名を指定してください。');

  const raw = await loadRegistryFile(input);
  // The row rules decide which rows are counted; cross-sheet issues (kasane validate) leave rows in.
  const read = readRegistry(raw);
  reportExcluded(read.excludedRows);
  const summary = buildMonthlySummary(read.registry, month, {
    excludedRows: read.excludedRows,
    public: values.public === true,
  });
  const file = await exportSummary(summary, format);
  if (values.out === undefined) {
    process.stdout.write(file.body);
    return 0;
  }
  await writeOut(values.out, file.body);
  process.stderr.write(`kasane: 月次集計を ${values.out} に書き出しました。\n`);
  return 0;
}
