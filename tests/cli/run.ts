// The one CLI runner of the tests: the built CLI (dist/cli.cjs) as a user runs it, in a child process
// (kasane, cli), a command in-process when a test needs to watch it (runCommand), and `kasane serve`
// as a process (serve, stop).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { UsageError } from '../../cli/args';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const CLI = join(root, 'dist', 'cli.cjs');

/** The global setup (tests/global-setup.cjs) built it; a test never builds. */
export function ensureBuilt(): void {
  if (!existsSync(CLI))
    throw new Error('dist/cli.cjs is missing: jest builds it in its global setup (tests/global-setup.cjs)');
}

export function kasane(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    input: options.input,
    timeout: 120_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { code: r.status, out: r.stdout, err: r.stderr, json };
}

/** The same, for the server's tests: the CLI with the child's environment isolated. */
const childEnv = (extra: Record<string, string> = {}) => {
  // The parent's DATABASE_URL (if any) must not leak into a child meant for the embedded store.
  const { DATABASE_URL: _ignored, ...base } = process.env;
  return { ...base, KASANE_LOG_LEVEL: 'silent', ...extra } as NodeJS.ProcessEnv;
};

export function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: childEnv(extraEnv), timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export const lastLine = (text: string) => text.trim().split('\n').pop()!.trim();

export interface Served {
  proc: ChildProcess;
  url: string;
  /** Everything the server wrote to stdout so far. */
  output: () => string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
}

/** Starts `kasane serve --port 0 …` and waits until it prints its address. */
export async function serve(args: string[], extraEnv: Record<string, string> = {}): Promise<Served> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: childEnv(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      // With --demo the token follows the address: wait for the whole block.
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && (!args.includes('--demo') || /^ks1\./m.test(out))) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited (${code}) before listening: ${err}`));
    });
  });
  return { proc, url, output: () => out, exited };
}

export async function stop(s: Served): Promise<number | string> {
  s.proc.kill('SIGTERM');
  return s.exited;
}

// ---------------------------------------------------------------------------------------------
// A command in-process, capturing what it writes, as `kasane <command>` would.

export interface CliResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export async function runCommand(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(Buffer.from(chunk));
    return true;
  });
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    const code = await run(argv);
    return { code, stdout: Buffer.concat(out), stderr: err.join('') };
  } catch (e) {
    // main.ts turns a UsageError into exit 2 with its message on stderr.
    if (e instanceof UsageError) return { code: 2, stdout: Buffer.concat(out), stderr: err.join('') + e.message };
    throw e;
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}
