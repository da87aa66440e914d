// Runs the built CLI (dist/cli.cjs, written by `npm run build`) as a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.cjs');

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli.cjs is missing: run `npm run build` before the server process tests');
}

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
