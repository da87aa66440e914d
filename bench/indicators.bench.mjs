#!/usr/bin/env node
// Indicators at scale (issue 3), on generated registries of 10k and 100k cases:
//  - in-process: all indicators of one fiscal year on a registry read from the JSON interchange
//    (target < 0.5 s), and the whole JSON path (parse + row rules + indicators) for reference;
//  - whole process: `kasane indicators` on the 100k-case XLSX (target < 3 s, peak memory < 500 MB),
//    with the in-process steps of that path (read XLSX → row rules → indicators);
//  - the 10k → 100k ratio (linear growth means about 10).
// Each size is measured in a fresh process so one heap does not weigh on the next.
// Run with `npm run bench` (builds dist/ first), or `node bench/run.mjs indicators`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import { bundleSources, cli, loadBundle, out, requireBuiltCli } from './lib.mjs';

const self = fileURLToPath(import.meta.url);
const YEAR = 2024;
const SIZES = [10_000, 100_000];
/** Pairs of whole-process runs (the command, then the floor) per size. */
const RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t) => `${t.toFixed(0)} ms`;
const gc = () => globalThis.gc?.();
const time = (fn) => {
  const t = performance.now();
  const v = fn();
  return [performance.now() - t, v];
};
const timeAsync = async (fn) => {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
};

if (process.argv[2] === '--measure') await measure(Number(process.argv[3]));
else if (process.argv[2] === '--floor') floor(process.argv[3]);
else await main();

/**
 * The floor of any XLSX reader, as a whole process: every part of the .xlsx inflated (node:zlib,
 * reading the zip's central directory) and the cells of its worksheets counted; prints the count.
 */
function floor(file) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let cells = 0;
  const tag = Buffer.from('<c ');
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name))
      for (let k = data.indexOf(tag); k !== -1; k = data.indexOf(tag, k + 3)) cells++;
    at += 46 + skip;
  }
  process.stdout.write(String(cells));
}

async function main() {
  requireBuiltCli();
  const core = await bundleSources(
    'indicators',
    `
    export { generateSampleRegistry } from './core/sample';
    export { writeRegistryXlsx } from './sheets-templates/xlsx/write-xlsx';
    export { readRegistryXlsx } from './sheets-templates/xlsx/read-xlsx';
    export { toInterchange, fromInterchange } from './core/registry/interchange';
    export { readRegistry } from './core/registry/read';
    export { makePeriod } from './core/dates/fiscal';
    export { computeIndicators } from './core/indicators';
  `,
  );
  for (const n of SIZES) {
    const registry = core.generateSampleRegistry({ cases: n, seed: 1 });
    writeFileSync(join(out, `registry-${n}.json`), JSON.stringify(core.toInterchange(registry)));
    writeFileSync(join(out, `registry-${n}.xlsx`), await core.writeRegistryXlsx(registry));
  }

  const results = [];
  for (const n of SIZES) {
    const m = spawnSync(process.execPath, ['--expose-gc', self, '--measure', String(n)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (m.status !== 0) throw new Error(`measuring ${n} cases failed: ${m.stderr}`);
    const r = JSON.parse(m.stdout);
    // The whole command as a user runs it, on the XLSX, with wall time and peak memory.
    const args = [
      cli,
      'indicators',
      '--input',
      join(out, `registry-${n}.xlsx`),
      '--fiscal-year',
      String(YEAR),
      '--format',
      'json',
    ];
    const timed = existsSync('/usr/bin/time');
    // Five pairs of runs, the command then the floor on the same file, each a whole process: on a
    // shared 2-core machine one run varies by a quarter either way, and the machine's pace drifts
    // over a minute, so each ratio is taken within a pair and the ratio given is their median.
    const walls = [];
    const peaks = [];
    const floors = [];
    const ratios = [];
    let c;
    for (let k = 0; k < RUNS; k++) {
      const t0 = performance.now();
      c = timed
        ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
        : spawnSync(process.execPath, ['--require', peakReporter(), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
      walls.push(performance.now() - t0);
      if (c.status !== 0) throw new Error(`kasane indicators failed (${c.status}): ${c.stderr}`);
      const kb = timed
        ? /Maximum resident set size \(kbytes\): (\d+)/.exec(c.stderr)?.[1]
        : /kasane-bench-maxrss-kb=(\d+)/.exec(c.stderr)?.[1];
      peaks.push(Number(kb) / 1024);
      const t1 = performance.now();
      const f = spawnSync(process.execPath, [self, '--floor', join(out, `registry-${n}.xlsx`)], { encoding: 'utf8' });
      floors.push(performance.now() - t1);
      if (f.status !== 0) throw new Error(`the XLSX floor failed: ${f.stderr}`);
      r.cells = Number(f.stdout);
      ratios.push(walls[k] / floors[k]);
    }
    r.floor = median(floors);
    r.wall = median(walls);
    r.walls = walls;
    r.floors = floors;
    r.ratio = median(ratios);
    r.peakMb = Math.max(...peaks);
    r.same = JSON.stringify(JSON.parse(c.stdout).indicators) === JSON.stringify(r.indicators);
    results.push(r);
  }
  report(results);
}

/** One size, in its own process: prints the in-process figures as JSON. */
async function measure(n) {
  const core = loadBundle('indicators');
  const jsonFile = join(out, `registry-${n}.json`);
  const fromJson = () => core.readRegistry(core.fromInterchange(JSON.parse(readFileSync(jsonFile, 'utf8'))).raw);
  const compute = (r) => {
    const p = core.makePeriod({ kind: 'fiscalYear', year: YEAR }, r.registry.settings.fiscalYearStartMonth);
    if (!p.ok) throw new Error(p.message);
    return core.computeIndicators(r.registry, p.period, r);
  };
  // The whole JSON path first, with no other registry in the heap (as `kasane indicators` on a
  // JSON file has one): a registry kept for the runs below made each collection of the 100k runs
  // go through it too, which the 10k runs hardly felt.
  compute(fromJson()); // warm-up
  const endToEndRuns = [];
  for (let i = 0; i < 3; i++) {
    gc();
    endToEndRuns.push(time(() => compute(fromJson()))[0]);
  }
  gc();
  const read = fromJson();
  compute(read); // warm-up
  const computeRuns = [];
  for (let i = 0; i < 5; i++) {
    gc();
    computeRuns.push(time(() => compute(read))[0]);
  }
  gc();
  const [tXlsx, xr] = await timeAsync(() => core.readRegistryXlsx(readFileSync(join(out, `registry-${n}.xlsx`))));
  const [tRules, rr] = time(() => core.readRegistry(xr.raw));
  const [tCompute] = time(() => compute(rr));
  const rows = Object.entries(read.registry)
    .filter(([k]) => k !== 'settings')
    .reduce((s, [, v]) => s + v.length, 0);
  process.stdout.write(
    JSON.stringify({
      n,
      rows,
      computeOnly: median(computeRuns),
      endToEnd: median(endToEndRuns),
      steps: { tXlsx, tRules, tCompute },
      indicators: compute(read).indicators,
    }),
  );
}

function peakReporter() {
  const f = join(out, 'peak-rss.cjs');
  writeFileSync(
    f,
    "process.on('exit', () => process.stderr.write('kasane-bench-maxrss-kb=' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  return f;
}

function report(results) {
  const [small, large] = results;
  console.log(
    `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs at the end (other work on the machine slows every figure)`,
  );
  console.log(
    `all indicators of 令和${YEAR - 2018}年度 (fiscal year ${YEAR}); compute: median of 5 runs, JSON path: median of 3\n`,
  );
  console.log(
    '| cases | rows (all sheets) | indicators on the registry read from JSON | JSON file → indicators (parse + row rules + indicators) | kasane indicators on XLSX (whole process) | peak memory | CLI = in-process |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|:---:|');
  for (const r of results)
    console.log(
      `| ${r.n.toLocaleString('en')} | ${r.rows.toLocaleString('en')} | ${ms(r.computeOnly)} | ${ms(r.endToEnd)} | ${ms(r.wall)} | ${r.peakMb.toFixed(0)} MB | ${r.same ? 'yes' : 'NO'} |`,
    );
  console.log(
    `kasane indicators on XLSX: median of ${RUNS} runs (${results.map((r) => `${r.n.toLocaleString('en')}: ${r.walls.map(ms).join(', ')}`).join('; ')}); peak memory: the highest of the ${RUNS}`,
  );
  console.log('\nthe XLSX path in-process, step by step: read XLSX (streaming) → row rules → indicators');
  for (const r of results)
    console.log(
      `  ${r.n.toLocaleString('en')} cases: ${ms(r.steps.tXlsx)} → ${ms(r.steps.tRules)} → ${ms(r.steps.tCompute)}`,
    );
  console.log(
    `\nXLSX floor (every part inflated, ${large.cells.toLocaleString('en')} cells counted, whole process, median of ${RUNS}): ${results.map((r) => `${r.n.toLocaleString('en')}: ${ms(r.floor)} (${r.floors.map(ms).join(', ')})`).join('; ')}; kasane indicators on the 100k XLSX is ${large.ratio.toFixed(2)}× the floor (the median of the ${RUNS} pairs' ratios: ${large.walls.map((w, k) => (w / large.floors[k]).toFixed(2)).join(', ')})`,
  );
  const ratio = (k) => (large[k] / small[k]).toFixed(1);
  console.log(
    `\n10k → 100k ratio (rows ${(large.rows / small.rows).toFixed(1)}×): indicators ${ratio('computeOnly')}×, JSON path ${ratio('endToEnd')}×, CLI on XLSX ${ratio('wall')}×`,
  );
  const verdict = (ok, what) => console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
  verdict(
    large.computeOnly < 500,
    `100k cases: all indicators of one fiscal year in-process < 0.5 s (${ms(large.computeOnly)})`,
  );
  verdict(large.wall < 3000, `100k-case XLSX: kasane indicators < 3 s as a whole process (${ms(large.wall)})`);
  verdict(large.peakMb < 500, `100k-case XLSX: peak memory < 500 MB (${large.peakMb.toFixed(0)} MB)`);
  verdict(large.ratio <= 2, `100k-case XLSX: ≤ 2× the floor (${large.ratio.toFixed(2)}×)`);
  const round = (x) => Math.round(x);
  console.log(
    `BENCH ${JSON.stringify({
      indicators_json_100k_ms: round(large.endToEnd),
      indicators_compute_100k_ms: round(large.computeOnly),
      indicators_xlsx_100k_ms: round(large.wall),
      indicators_xlsx_100k_peak_rss_mb: round(large.peakMb),
      xlsx_floor_100k_ms: round(large.floor),
      xlsx_ratio_to_floor: Number(large.ratio.toFixed(2)),
      scaling_10k_to_100k: Number((large.endToEnd / small.endToEnd).toFixed(1)),
      scaling_10k_to_100k_xlsx: Number((large.wall / small.wall).toFixed(1)),
      scaling_rows_10k_to_100k: Number((large.rows / small.rows).toFixed(1)),
    })}`,
  );
  if (results.some((r) => !r.same)) {
    console.log('bench: the CLI on XLSX and the in-process computation on JSON disagree');
    process.exit(1);
  }
}
