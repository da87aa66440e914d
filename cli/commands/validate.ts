// kasane validate --input FILE [--format text|json]: exit 0 clean, 1 issues found, 2 unreadable.
import { validateRegistry, validationReport } from '../../core/validate';
import { formatIssuesText } from '../../core/validate/text';
import { oneOf, parse, required } from '../args';
import { SPECS } from './specs';
import { loadRegistryFile } from '../input';

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.validate);
  const format = oneOf(values.format, 'format', ['text', 'json'] as const, 'text');
  const raw = await loadRegistryFile(required(values.input, 'input'));
  const { issues, read } = validateRegistry(raw);
  if (format === 'json') process.stdout.write(JSON.stringify(validationReport(issues, read.notices), null, 1) + '\n');
  else process.stdout.write(formatIssuesText(issues, read.notices) + '\n');
  return issues.length ? 1 : 0;
}
