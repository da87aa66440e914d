// Builds every face: the CLI/server bundle (dist/cli.cjs, with the server's worker dist/worker.cjs),
// the Apps Script add-on (build/addon) and the offline report page (build/kasane-report.html).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildAddon } from './build-addon.mjs';
import { buildReport } from './build-report.mjs';

const started = Date.now();
const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
// zod is bundled (only what is used, 55 KB): its package is 92 modules, and loading them took about
// 60 ms of every command's start (`kasane indicators` on a 10k-case file: 0.71 → 0.67 s).
const BUNDLED = ['zod'];
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The other packages stay in node_modules as they are: PGlite loads its WebAssembly next to itself.
  external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((d) => !BUNDLED.includes(d)),
  sourcemap: true,
  logLevel: 'warning',
};
// The CLI and server, and the server's worker threads (server/app/worker.ts, the embedded engine's
// server/store/pglite-worker.ts), found beside it in dist/.
await Promise.all([
  build({ ...node, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.cjs' }),
  build({ ...node, entryPoints: ['server/app/worker.ts'], outfile: 'dist/worker.cjs' }),
  build({ ...node, entryPoints: ['sheets-templates/xlsx/xlsx-sheet-worker.ts'], outfile: 'dist/xlsx-worker.cjs' }),
  build({ ...node, entryPoints: ['server/store/pglite-worker.ts'], outfile: 'dist/pglite-worker.cjs' }),
]);
await buildAddon();
await buildReport();
console.log(`build: done in ${Date.now() - started} ms`);
