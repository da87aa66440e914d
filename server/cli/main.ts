// kasane — the command line. Each command lives in commands/<name>.ts and exports `run(argv)`
// returning an exit code; this file is the table of contents.
import { UsageError } from './args';

type Command = { summary: string; usage: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  template: { summary: '空の台帳テンプレート（XLSX）を書き出す', usage: 'kasane template [--out kasane-registry.xlsx]', load: () => import('./commands/template') },
  validate: { summary: '台帳を検証する', usage: 'kasane validate --input FILE(.json|.xlsx) [--format text|json]', load: () => import('./commands/validate') },
  sample: { summary: '架空の町のサンプル台帳を生成する', usage: 'kasane sample [--cases 200] [--seed 1] [--out FILE(.json|.xlsx)]', load: () => import('./commands/sample') },
};

export const USAGE = [
  'kasane — 重層的支援体制整備事業のケース台帳',
  '',
  '使い方:',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`),
].join('\n');

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`不明なコマンド「${name}」です。`);
  const { run } = await command.load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`kasane: ${e.message}\n${e.showUsage ? '\n' + USAGE + '\n' : ''}`);
    } else {
      // Unexpected faults: the message only (no record content reaches a terminal log by accident).
      process.stderr.write(`kasane: 予期しないエラーが発生しました: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    process.exitCode = 2;
  },
);
