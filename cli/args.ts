// Argument parsing shared by the commands, on commander (the parser clasp uses): each command's
// options come from its declaration in commands/specs.ts, which also makes its Japanese help.
// Faults are Japanese usage errors (exit 2).
import { Command, CommanderError, Option } from 'commander';
import { parseDayText, parseFiscalYearText, parseMonthText } from '../core/dates/period-text';
import { SPECS, type CommandSpec, type OptionSpec } from './commands/specs';
import { displayWidth, padDisplay } from '../reports/indicators';

/** A fault in how the command was called or in its input file: exit 2, message on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** `--help` was asked for and printed: exit 0. */
export class HelpShown extends Error {}

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? boolean
  : O extends { multiple: true }
    ? string[]
    : string;
export type Values<S extends CommandSpec> = { [K in keyof S['options']]?: ValueOf<S['options'][K]> };

const flags = (name: string, o: OptionSpec): string =>
  o.type === 'boolean' ? `--${name}` : `--${name} <${o.value ?? 'VALUE'}>`;

/** `kasane <command> --help`: the command's usage and every option it accepts, from its declaration. */
export function commandHelp(spec: CommandSpec): string {
  const entries = Object.entries(spec.options).map(([name, o]) => [flags(name, o), o.help] as const);
  const width = Math.max(...entries.map(([f]) => displayWidth(f)), 10);
  return [
    `使い方: kasane ${spec.name}${spec.positionals ? ` ${spec.positionals.value}` : ''} [オプション]`,
    `  ${spec.summary}`,
    ...(spec.positionals ? ['', `  ${spec.positionals.value}  ${spec.positionals.help}`] : []),
    '',
    'オプション:',
    ...entries.map(([f, h]) => `  ${padDisplay(f, width)}  ${h}`),
    `  ${padDisplay('-h, --help', width)}  この説明を表示する`,
  ].join('\n');
}

/** `kasane --help`: every command with its options. */
export function overallHelp(): string {
  const lines = ['kasane — 重層的支援体制整備事業のケース台帳', '', '使い方: kasane <コマンド> [オプション]', ''];
  for (const spec of Object.values(SPECS) as CommandSpec[]) {
    const opts = Object.entries(spec.options)
      .map(([name, o]) => `[${flags(name, o)}]`)
      .join(' ');
    lines.push(`  kasane ${spec.name}${spec.positionals ? ` ${spec.positionals.value}` : ''} ${opts}`);
    lines.push(`      ${spec.summary}`);
  }
  lines.push(
    '',
    'コマンドごとの説明: kasane <コマンド> --help　　版: kasane --version',
    '書き出し: 既存のファイルは --force を付けたときだけ上書きします（入力ファイルは上書きしません）。',
    '終了コード: 0 成功、1 検証で問題あり（validate）、2 引数の誤り・読めない入力。',
  );
  return lines.join('\n');
}

/** What commander says, in Japanese. */
function usageFault(e: CommanderError, spec: CommandSpec): UsageError {
  const opt = /'([^']+)'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'commander.unknownOption':
      return new UsageError(
        `kasane ${spec.name} にオプション ${opt ?? ''} はありません（kasane ${spec.name} --help）。`,
      );
    case 'commander.optionMissingArgument':
      return new UsageError(`オプション ${opt ?? ''} の値がありません。`);
    case 'commander.excessArguments':
      return new UsageError(`余分な引数があります（kasane ${spec.name} --help）。`);
    default:
      return new UsageError(`引数を読めません（kasane ${spec.name} --help）。`);
  }
}

/**
 * Parses a command's arguments by its declaration. Values are keyed as declared (`fiscal-year`),
 * positionals are the words before or between the options.
 */
export function parse<S extends CommandSpec>(argv: string[], spec: S): { values: Values<S>; positionals: string[] } {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(commandHelp(spec) + '\n');
    throw new HelpShown();
  }
  const cmd = new Command(`kasane ${spec.name}`)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .helpOption(false)
    .allowExcessArguments(spec.positionals !== undefined)
    .argument(spec.positionals ? '[words...]' : '[none...]');
  const names = Object.keys(spec.options);
  for (const name of names) {
    const o = spec.options[name]!;
    const option = new Option(flags(name, o), o.help);
    if (o.multiple) option.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    cmd.addOption(option);
  }
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw usageFault(e, spec);
    throw e;
  }
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const attribute = new Option(flags(name, spec.options[name]!)).attributeName();
    const v: unknown = cmd.getOptionValue(attribute);
    if (v !== undefined) values[name] = v;
  }
  if (!spec.positionals && cmd.args.length)
    throw new UsageError(`余分な引数があります: ${cmd.args.join(' ')}（kasane ${spec.name} --help）。`);
  return { values: values as Values<S>, positionals: cmd.args };
}

export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} を指定してください。`);
  return value;
}

/** The option's value, which must be one of `allowed`. */
export function choice<T extends string>(value: string, name: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} は ${allowed.join(' / ')} のいずれかです（指定: ${value}）。`);
  return value as T;
}

export function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  return value === undefined ? fallback : choice(value, name, allowed);
}

/** An integer option written in plain digits (no sign, exponent or spaces), within [min, max]. */
export function wholeNumber(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} は ${min}〜${max} の整数で指定してください（指定: ${value}）。`);
  return n;
}

/** A month option in any written form (2025-05, 2025/5, 令和7年5月, R7.5 …) → `YYYY-MM`. */
export function monthOption(value: string, name = 'month'): string {
  const r = parseMonthText(value);
  if (!r.ok) throw new UsageError(`--${name}: ${r.message}`, false);
  return r.value;
}

/** A fiscal-year option (2025, 令和7年度, R7 …) → the Gregorian year it starts in. */
export function fiscalYearOption(value: string, name = 'fiscal-year'): number {
  const r = parseFiscalYearText(value);
  if (!r.ok) throw new UsageError(`--${name}: ${r.message}`, false);
  return r.value;
}

/** A day option (2026-01-31, 令和8年1月31日, R8.1.31 …) → `YYYY-MM-DD`; `label` names it in the message. */
export function dayOption(value: string, name: string, label: string): string {
  const r = parseDayText(value, label);
  if (!r.ok) throw new UsageError(`--${name}: ${r.message}`, false);
  return r.value;
}
