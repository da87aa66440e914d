// Runs the built CLI (dist/cli.cjs) as a user would, in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.cjs');

/** The global setup (tests/global-setup.cjs) built it; a test never builds. */
export function ensureBuilt(): void {
  if (!existsSync(cli))
    throw new Error('dist/cli.cjs is missing: jest builds it in its global setup (tests/global-setup.cjs)');
}

export function kasane(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
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
