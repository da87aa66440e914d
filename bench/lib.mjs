// What every benchmark shares: where things are, the built CLI, and project sources bundled for
// in-process measurement (node_modules stay external and resolve from the project).
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const out = join(root, 'bench', 'out');
export const cli = join(root, 'dist', 'cli.cjs');

const libPath = (name) => join(out, `${name}-lib.cjs`);

/** Exits with a Japanese message unless `npm run build` has written dist/cli.cjs. */
export function requireBuiltCli() {
  if (!existsSync(cli)) {
    console.error('bench: dist/cli.cjs がありません。npm run build を先に実行してください。');
    process.exit(1);
  }
}

/** Bundles `source` (export lines relative to the project root) as bench/out/<name>-lib.cjs and loads it. */
export async function bundleSources(name, source) {
  mkdirSync(out, { recursive: true });
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    outfile: libPath(name),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return loadBundle(name);
}

/** Loads a bundle made earlier by bundleSources (in a measuring child process). */
export function loadBundle(name) {
  return createRequire(import.meta.url)(libPath(name));
}
