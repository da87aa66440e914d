// Placeholder until this command is built; it says so rather than pretending to work.
import { UsageError } from '../args';

export async function run(_argv: string[]): Promise<number> {
  throw new UsageError('このコマンドはまだ実装されていません。', false);
}
