// Argument parsing shared by the commands: node's parseArgs, with Japanese usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDayText, parseFiscalYearText, parseMonthText } from '../core/dates/period-text';

/** A fault in how the command was called or in its input file: exit 2, message on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    const opt = /'([^']+)'/.exec(m)?.[1];
    throw new UsageError(opt ? `オプション ${opt} は使えないか、値が足りません。` : `引数を読めません: ${m}`);
  }
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
