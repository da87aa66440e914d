#!/usr/bin/env node
// Indicators at scale (issue 3): generated registries of 10k and 100k cases.
//  - in-process: all indicators of one fiscal year from the JSON interchange (target < 0.5 s);
//  - whole process: `kasane indicators` on the 100k-case XLSX (target < 3 s, peak memory < 500 MB);
//  - the 10k → 100k ratio (linear growth means about 10).
// Run with `npm run bench` (builds dist/ first), or `node bench/run.mjs indicators`.
import { build } from 'esbuild';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const cli = join(root, 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  console.error('bench: dist/cli.cjs がありません。npm run build を先に実行してください。');
  process.exit(1);
}

// The core pieces, bundled from source (node_modules stay external and resolve from the project).
const lib = join(out, 'indicators-lib.cjs');
await build({
  stdin: {
    contents: `
      export { generateSampleRegistry } from './core/sample';
      export { writeRegistryXlsx } from './sheets-templates/write-xlsx';
      export { toInterchange, fromInterchange } from './core/registry/interchange';
      export { validateRegistry } from './core/validate';
      export { makePeriod } from './core/dates/fiscal';
      export { computeIndicators } from './core/indicators';
    `,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: lib,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const core = createRequire(import.meta.url)(lib);

const YEAR = 2024;
const SIZES = [10_000, 100_000];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t) => `${t.toFixed(0)} ms`;
const time = (fn) => {
  const t = performance.now();
  const v = fn();
  return [performance.now() - t, v];
};

const results = [];
for (const n of SIZES) {
  const registry = core.generateSampleRegistry({ cases: n, seed: 1 });
  const rows = Object.entries(registry)
    .filter(([k]) => k !== 'settings')
    .reduce((s, [, v]) => s + v.length, 0);
  const jsonFile = join(out, `registry-${n}.json`);
  const xlsxFile = join(out, `registry-${n}.xlsx`);
  writeFileSync(jsonFile, JSON.stringify(core.toInterchange(registry)));
  writeFileSync(xlsxFile, await core.writeRegistryXlsx(registry));

  const p = core.makePeriod({ kind: 'fiscalYear', year: YEAR }, registry.settings.fiscalYearStartMonth);
  if (!p.ok) throw new Error(p.message);
  // Warm up once, then take the median of five runs.
  const fromJson = () => {
    const raw = core.fromInterchange(JSON.parse(readFileSync(jsonFile, 'utf8')));
    const { read } = core.validateRegistry(raw.raw);
    return core.computeIndicators(read.registry, p.period, read.excludedRows);
  };
  const { read } = core.validateRegistry(core.fromInterchange(JSON.parse(readFileSync(jsonFile, 'utf8'))).raw);
  fromJson();
  const computeOnly = median(
    Array.from({ length: 5 }, () => time(() => core.computeIndicators(read.registry, p.period, read.excludedRows))[0]),
  );
  const endToEnd = median(Array.from({ length: 5 }, () => time(fromJson)[0]));
  const doc = core.computeIndicators(read.registry, p.period, read.excludedRows);

  // The whole command as a user runs it, on the XLSX, with wall time and peak memory.
  const args = [cli, 'indicators', '--input', xlsxFile, '--fiscal-year', String(YEAR), '--format', 'json'];
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, ['--require', writePeakReporter(), ...args], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`kasane indicators failed (${r.status}): ${r.stderr}`);
  const peakKb = timed
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1])
    : Number(/kasane-bench-maxrss-kb=(\d+)/.exec(r.stderr)?.[1]);
  const cliDoc = JSON.parse(r.stdout);
  const same = JSON.stringify(cliDoc.indicators) === JSON.stringify(doc.indicators);
  results.push({
    n,
    rows,
    computeOnly,
    endToEnd,
    wall,
    peakMb: peakKb / 1024,
    same,
    casesNew: doc.indicators['cases.new'],
  });
}

function writePeakReporter() {
  const f = join(out, 'peak-rss.cjs');
  writeFileSync(
    f,
    "process.on('exit', () => process.stderr.write('kasane-bench-maxrss-kb=' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  return f;
}

const [small, large] = results;
console.log(
  `indicators of 令和${YEAR - 2018}年度 (fiscal year ${YEAR}); in-process figures are the median of 5 runs\n`,
);
console.log(
  '| cases | rows (all sheets) | compute only | JSON → indicators (parse + row rules + compute) | kasane indicators on XLSX (whole process) | peak memory | CLI = in-process |',
);
console.log('|---:|---:|---:|---:|---:|---:|:---:|');
for (const r of results)
  console.log(
    `| ${r.n.toLocaleString('en')} | ${r.rows.toLocaleString('en')} | ${ms(r.computeOnly)} | ${ms(r.endToEnd)} | ${ms(r.wall)} | ${r.peakMb.toFixed(0)} MB | ${r.same ? 'yes' : 'NO'} |`,
  );
console.log('');
console.log(
  `10k → 100k ratio: compute ${(large.computeOnly / small.computeOnly).toFixed(1)}×, JSON → indicators ${(large.endToEnd / small.endToEnd).toFixed(1)}×, CLI on XLSX ${(large.wall / small.wall).toFixed(1)}× (rows ${(large.rows / small.rows).toFixed(1)}×)`,
);
const verdict = (ok, what) => console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
verdict(
  large.endToEnd < 500,
  `100k cases, JSON → indicators in-process < 0.5 s (${ms(large.endToEnd)}; compute alone ${ms(large.computeOnly)})`,
);
verdict(large.wall < 3000, `100k-case XLSX, kasane indicators < 3 s whole process (${ms(large.wall)})`);
verdict(large.peakMb < 500, `100k-case XLSX, peak memory < 500 MB (${large.peakMb.toFixed(0)} MB)`);
if (results.some((r) => !r.same)) {
  console.log('bench: the CLI on XLSX and the in-process computation on JSON disagree');
  process.exit(1);
}
