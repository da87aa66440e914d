// Builds every face: the CLI/server bundle (dist/) and, when present, the Apps Script add-on (build/addon).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const started = Date.now();
await build({
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external', // node_modules stay as they are: PGlite loads its WebAssembly next to itself
  sourcemap: true,
  logLevel: 'warning',
});
if (existsSync('scripts/build-addon.mjs')) {
  const { buildAddon } = await import('./build-addon.mjs');
  await buildAddon();
}
const { buildReport } = await import('./build-report.mjs');
await buildReport();
console.log(`build: done in ${Date.now() - started} ms`);
