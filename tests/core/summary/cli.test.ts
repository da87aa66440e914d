// kasane summary: formats, stdout vs --out, XLSX only to a file, public mode, usage errors.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../cli/commands/summary';
import { runCommand } from '../../cli/run';
import { TOWN, TOWN_EXPECTED } from '../../fixtures/town';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-summary-'));
const example = join(tmp, 'town.json');
writeFileSync(example, JSON.stringify(TOWN));
/** `heading,label,<month>,<month a year earlier>,<fiscal year to date>,key` as counted in town.ts. */
const row = (heading: string, label: string, key: keyof (typeof TOWN_EXPECTED)['summary2025-05']) =>
  [heading, label, ...TOWN_EXPECTED['summary2025-05'][key], key].join(',');

test('CSV to a file: BOM, Japanese labels, the town’s May figures', async () => {
  const out = join(tmp, 's.csv');
  const r = await runCommand(run, ['--input', example, '--month', '2025-05', '--format', 'csv', '--out', out]);
  expect(r.code).toBe(0);
  const body = readFileSync(out);
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.subarray(3).toString('utf8').split('\r\n');
  // May 2025: two new cases; one in May 2024; three from April to May 2025.
  expect(lines).toContain(row('新規相談', '新規相談件数', 'cases.new'));
  // Active at the end of May 2025: five; at the end of May 2024: one.
  expect(lines).toContain(row('支援状況', '支援中ケース数', 'cases.active'));
  expect(lines).toContain(
    row('会議', '検討ケース延べ件数: 重層的支援会議', 'meetings.caseReviews.byType.重層的支援会議'),
  );
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
  // 2, 1 and 3 are all below the threshold of 5. A public file has no key column.
  expect(lines).toContain('新規相談,新規相談件数,*,*,*');
  expect(lines[1]).toBe('公表用（秘匿しきい値 5）');
  expect(lines.some((l) => /cases\.|キー/.test(l))).toBe(false);
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
  [['--input', example, '--month', '2025-13', '--format', 'csv'], '月「2025-13」を読めません'],
  [['--input', example, '--month', '2025-05'], '--format'],
  [['--input', example, '--month', '2025-05', '--format', 'pdf'], 'csv / xlsx / json / html'],
])('usage error %j exits 2', async (argv, message) => {
  const r = await runCommand(run, argv);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(message);
  expect(existsSync(join(tmp, 'never'))).toBe(false);
});
