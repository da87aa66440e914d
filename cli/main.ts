// kasane — the command line. Each command is declared in commands/specs.ts (options and help) and
// lives in commands/<name>.ts, exporting `run(argv)` that returns an exit code; this file is the
// table of contents.
import { HelpShown, overallHelp, UsageError } from './args';
import { SPECS, type CommandName } from './commands/specs';
// The bundler keeps only this field of package.json.
import { version } from '../package.json';

type Run = (argv: string[]) => Promise<number>;

/** Each command's code, loaded only when it runs (help needs only commands/specs.ts). */
const COMMANDS: Record<CommandName, () => Promise<{ run: Run }>> = {
  template: () => import('./commands/template'),
  validate: () => import('./commands/validate'),
  sample: () => import('./commands/sample'),
  indicators: () => import('./commands/indicators'),
  summary: () => import('./commands/summary'),
  sync: () => import('./commands/sync'),
  serve: () => import('./commands/serve'),
  token: () => import('./commands/token'),
  audit: () => import('./commands/audit'),
  preview: () => import('./commands/preview'),
};

const isCommand = (name: string): name is CommandName => Object.prototype.hasOwnProperty.call(SPECS, name);

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overallHelp() + '\n');
    return name ? 0 : 2;
  }
  // What a clerk is asked for when something goes wrong: the same version as the offline page's.
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`kasane ${version}\n`);
    return 0;
  }
  if (!isCommand(name)) throw new UsageError(`不明なコマンド「${name}」です。`);
  const { run } = await COMMANDS[name]();
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof HelpShown) return 0;
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`kasane: ${e.message}\n${e.showUsage ? '\n' + overallHelp() + '\n' : ''}`);
    } else {
      // Unexpected faults: the message only (no record content reaches a terminal log by accident).
      process.stderr.write(`kasane: 予期しないエラーが発生しました: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    process.exitCode = 2;
  },
);
