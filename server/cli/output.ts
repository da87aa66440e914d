// Writes a file named on the command line; a failure is a usage error naming the path, not a crash.
import { writeFile } from 'node:fs/promises';
import { UsageError } from './args';

export async function writeOut(path: string, bytes: Buffer | string): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${path} に書き込めません（${code ?? 'エラー'}）。フォルダと権限を確認してください。`, false);
  }
}
