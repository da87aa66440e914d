// Runs the date and cell tests again in child processes under other time zones: Jest's sandbox cannot
// change the zone of a running process, a fresh process can.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const zones: Array<[string, number]> = [
  ['UTC', 0],
  ['Asia/Tokyo', -540],
  ['America/Los_Angeles', 480],
];

test.each(zones)('date and cell tests pass under TZ=%s', (zone, offset) => {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--ci',
      'tests/core/dates.test.ts',
      'tests/core/cells.test.ts',
    ],
    {
      cwd: root,
      env: { ...process.env, TZ: zone, KASANE_EXPECT_OFFSET: String(offset) },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(r.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
  expect(r.status).toBe(0);
});
