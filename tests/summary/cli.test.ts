// kasane summary: formats, stdout vs --out, XLSX only to a file, public mode, usage errors.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/cli/commands/summary';
import { runCommand } from '../indicators/cli-helpers';

const example = join(__dirname, '../../../shared/contract/example.json');
const tmp = mkdtempSync(join(tmpdir(), 'kasane-summary-'));

test('CSV to a file: BOM, Japanese labels, the example’s May figures', async () => {
  const out = join(tmp, 's.csv');
  const r = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'csv', '--out', out]);
  expect(r.code).toBe(0);
  const body = readFileSync(out);
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.subarray(3).toString('utf8').split('\r\n');
  // May 2025: one new case (0003); none in May 2024; four from April to May 2025.
  expect(lines).toContain('新規相談,新規相談件数,1,0,4,cases.new');
  // Active at the end of May 2025: 0001–0004; at the end of May 2024: none.
  expect(lines).toContain('支援状況,支援中ケース数,4,0,4,cases.active');
  expect(lines).toContain('会議,検討ケース延べ件数: 重層的支援会議,2,0,2,meetings.caseReviews.byType.重層的支援会議');
});

test('JSON and HTML go to stdout without --out', async () => {
  const j = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'json']);
  expect(JSON.parse(j.stdout.toString('utf8')).month).toBe('2025-05');
  const h = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'html']);
  expect(h.stdout.toString('utf8')).toMatch(/^<!DOCTYPE html>/);
});

test('--public suppresses small counts', async () => {
  const r = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'csv', '--public']);
  const lines = r.stdout.subarray(3).toString('utf8').split('\r\n');
  expect(lines).toContain('新規相談,新規相談件数,*,0,*,cases.new');
  expect(lines.some((l) => l.includes('二次秘匿'))).toBe(true);
});

test('XLSX needs --out', async () => {
  const r = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'xlsx']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--out');
  const out = join(tmp, 's.xlsx');
  expect(
    (await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'xlsx', '--out', out])).code,
  ).toBe(0);
  expect([...readFileSync(out).subarray(0, 2)]).toEqual([0x50, 0x4b]);
});

test.each([
  [['--input', example, '--format', 'csv'], '--month'],
  [['--input', example, '--month', '2025-5', '--format', 'csv'], 'YYYY-MM'],
  [['--input', example, '--month', '2025-05'], '--format'],
  [['--input', example, '--month', '2025-05', '--format', 'pdf'], 'csv / xlsx / json / html'],
])('usage error %j exits 2', async (argv, message) => {
  const r = await runCommand(run, argv);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(message);
  expect(existsSync(join(tmp, 'never'))).toBe(false);
});
