// Builds every face: the CLI/server bundle (dist/), the Apps Script add-on (build/addon) and the
// offline report page (build/kasane-report.html).
import { build } from 'esbuild';
import { buildAddon } from './build-addon.mjs';
import { buildReport } from './build-report.mjs';

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
await buildAddon();
await buildReport();
console.log(`build: done in ${Date.now() - started} ms`);
