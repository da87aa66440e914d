// kasane — the command line. Each command lives in commands/<name>.ts and exports `run(argv)`
// returning an exit code; this file is the table of contents.
import { UsageError } from './args';

type Command = { summary: string; usage: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  template: {
    summary: '空の台帳テンプレートを XLSX に書き出す（--google: Google スプレッドシートに作成する）',
    usage:
      'kasane template [--out kasane-registry.xlsx [--force] | --google [--credentials KEY.json]] [--municipality 名前]',
    load: () => import('./commands/template'),
  },
  validate: {
    summary: '台帳を検証する',
    usage: 'kasane validate --input FILE(.json|.xlsx) [--format text|json]',
    load: () => import('./commands/validate'),
  },
  sample: {
    summary: '架空の町のサンプル台帳を生成する',
    usage: 'kasane sample [--cases 200] [--seed 1] [--out FILE(.json|.xlsx) [--force]]',
    load: () => import('./commands/sample'),
  },
  indicators: {
    summary: '指標を計算する',
    usage:
      'kasane indicators --input FILE (--fiscal-year 2025|令和7年度 | --month 2025-05|R7.5) [--as-of 2026-01-31|令和8年1月31日] [--format json|text|csv]',
    load: () => import('./commands/indicators'),
  },
  summary: {
    summary: '月次集計を書き出す',
    usage:
      'kasane summary --input FILE --month 2025-05|R7.5 [--public] [--format csv|xlsx|json|html] [--out FILE [--force]]',
    load: () => import('./commands/summary'),
  },
  serve: {
    summary: '同期サーバーを起動する',
    usage: 'kasane serve [--port 8080] [--host 127.0.0.1] [--data-dir ./data]',
    load: () => import('./commands/serve'),
  },
  token: {
    summary: 'APIトークンを発行・一覧・失効する',
    usage: 'kasane token create|list|revoke --workbook NAME [--data-dir ./data]',
    load: () => import('./commands/token'),
  },
  audit: {
    summary: '監査記録を表示する',
    usage: 'kasane audit --workbook NAME [--data-dir ./data]',
    load: () => import('./commands/audit'),
  },
  preview: {
    summary: 'サイドバーをブラウザで試す',
    usage: 'kasane preview [--port 8090] [--input FILE]',
    load: () => import('./commands/preview'),
  },
};

export const USAGE = [
  'kasane — 重層的支援体制整備事業のケース台帳',
  '',
  '使い方:',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`),
  '',
  '書き出し: 既存のファイルは --force を付けたときだけ上書きします（入力ファイルは上書きしません）。',
  '終了コード: 0 成功、1 検証で問題あり（validate）、2 引数の誤り・読めない入力。',
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
