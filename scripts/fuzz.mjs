// npm run fuzz: the property-based fuzz tests (tests/fuzz/, docs/RELIABILITY.md "Fuzzing") with many
// more runs than CI's and a new random seed each time, printed before and after, so that a failure
// can be replayed: KASANE_FUZZ_SEED=<seed> KASANE_FUZZ_RUNS=<runs> npm run fuzz. Arguments go to
// Jest (npm run fuzz -- tests/fuzz/cells.test.ts). KASANE_FUZZ_STRICT=1 stops letting the known
// bugs' inputs through (their test.failing cases say which), to see fast-check shrink them.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';

const seed = process.env.KASANE_FUZZ_SEED || String(randomInt(0, 2 ** 31 - 1));
const runs = process.env.KASANE_FUZZ_RUNS || '5000';
const replay = `KASANE_FUZZ_SEED=${seed} KASANE_FUZZ_RUNS=${runs} npm run fuzz`;
console.log(`fuzz: seed ${seed}, KASANE_FUZZ_RUNS=${runs} (CI runs 200); replay with: ${replay}`);

const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [jest, '--runInBand', ...(args.length ? args : ['tests/fuzz'])], {
  stdio: 'inherit',
  env: { ...process.env, KASANE_FUZZ_SEED: seed, KASANE_FUZZ_RUNS: runs },
});
console.log(`fuzz: seed ${seed} — ${r.status === 0 ? 'passed' : `failed; replay with: ${replay}`}`);
process.exit(r.status ?? 1);
