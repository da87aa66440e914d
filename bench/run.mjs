#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn, each in its own process (so one benchmark's
// heap does not weigh on the next), fails if any of them fails, and ends with one JSON line of the
// headline figures (docs/PERFORMANCE.md says what each means).
import { readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
// Each benchmark ends with one line `BENCH {json}` of its headline figures; they are merged here
// and printed as the last line of the run, one JSON object (null for a figure no benchmark gave).
const EXPECTED = [
  'indicators_json_100k_ms',
  'indicators_xlsx_100k_ms',
  'xlsx_floor_100k_ms',
  'xlsx_ratio_to_floor',
  'sync_100k_ms_pglite',
  'sync_100k_ms_postgres',
  'sync_100k_peak_rss_mb',
  'healthz_p99_ms_during_sync',
  'scaling_10k_to_100k',
];
const figures = Object.fromEntries(EXPECTED.map((k) => [k, null]));
let failed = 0;
/** Runs one benchmark, passing its output through as it comes, keeping its BENCH line's figures. */
function runOne(f) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, f)], {
      stdio: ['inherit', 'pipe', 'inherit'],
      cwd: join(here, '..'),
    });
    let rest = '';
    const take = (line) => {
      if (line.startsWith('BENCH ')) Object.assign(figures, JSON.parse(line.slice('BENCH '.length)));
      else process.stdout.write(`${line}\n`);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop();
      lines.forEach(take);
    });
    child.on('close', (code, signal) => {
      if (rest) take(rest);
      resolve(code ?? signal);
    });
  });
}

for (const f of files) {
  console.log(`\n== ${f}`);
  const status = await runOne(f);
  if (status !== 0) {
    failed++;
    console.log(`bench: ${f} failed (exit ${status})`);
  }
}
console.log(`\nbench: ${files.length - failed}/${files.length} benchmarks ran`);
console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
