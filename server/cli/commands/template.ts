// kasane template [--out kasane-registry.xlsx]: writes the empty registry template.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TEMPLATE_FILE, buildTemplateXlsx } from '../../../sheets-templates/template';
import { UsageError, parse } from '../args';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' } });
  if (positionals.length) throw new UsageError(`余分な引数があります: ${positionals.join(' ')}`);
  const out = resolve(values.out ?? TEMPLATE_FILE);
  const bytes = await buildTemplateXlsx();
  await writeOut(out, bytes);
  process.stdout.write(`台帳テンプレートを書き出しました: ${out}\n`);
  return 0;
}

export async function writeOut(path: string, bytes: Buffer | string): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${path} に書き込めません（${code ?? 'エラー'}）。フォルダと権限を確認してください。`, false);
  }
}
