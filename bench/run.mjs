#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn, each in its own process (so one benchmark's
// heap does not weigh on the next), and fails if any of them fails.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, [join(here, f)], { stdio: 'inherit', cwd: join(here, '..') });
  if (r.status !== 0) {
    failed++;
    console.log(`bench: ${f} failed (exit ${r.status ?? r.signal})`);
  }
}
console.log(`\nbench: ${files.length - failed}/${files.length} benchmarks ran`);
process.exit(failed ? 1 : 0);
