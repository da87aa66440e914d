// The published 春日井 and 福井 figures through `kasane indicators`, from registries written as the
// JSON interchange (row-level data built in fixtures/, read back through the row rules).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toInterchange } from '../../../core/registry/interchange';
import type { Registry } from '../../../core/registry/records';
import { run } from '../../../cli/commands/indicators';
import { runCommand } from '../../cli/run';
import { fukuiRegistry } from '../../fixtures/fukui';
import { kasugaiRegistry } from '../../fixtures/kasugai';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-seeds-'));

function file(name: string, registry: Registry): string {
  const path = join(tmp, `${name}.json`);
  writeFileSync(path, JSON.stringify(toInterchange(registry)));
  return path;
}

async function indicators(path: string, args: string[]) {
  const r = await runCommand(run, ['--input', path, ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout.toString('utf8')) as { indicators: Record<string, number | null> };
  expect(doc.indicators['data.excludedRows']).toBe(0);
  return doc.indicators;
}

test('春日井: every published figure, cut-offs included', async () => {
  const path = file('kasugai', kasugaiRegistry());
  // One after the other: each run captures the process's stdout.
  const r5 = await indicators(path, ['--fiscal-year', '2023']);
  const r6 = await indicators(path, ['--fiscal-year', '2024']);
  const r7 = await indicators(path, ['--fiscal-year', '2025']);
  const r7jan = await indicators(path, ['--fiscal-year', '2025', '--as-of', '2026-01-31']);
  const march = await indicators(path, ['--month', '2026-03']);
  const years = (key: string) => [r5, r6, r7].map((f) => f[key]);
  expect(years('foodDrive.partners')).toEqual([32, 36, 41]);
  expect(years('foodDrive.partners.byActivity.食事の提供')).toEqual([21, 24, 28]);
  expect(years('foodDrive.partners.byActivity.食品の配付')).toEqual([12, 12, 12]);
  expect(years('foodDrive.partners.byActivity.食品の回収')).toEqual([5, 5, 6]);
  expect(years('foodDrive.partners.byActivity.食品の保管と配分')).toEqual([2, 2, 2]);
  expect(years('foodDrive.partners.byActivity.その他')).toEqual([3, 4, 4]);
  expect(years('donations.count.byDonorType.企業')).toEqual([7, 8, 11]);
  expect([
    march['platform.members.byArea.東'],
    march['platform.members.byArea.西'],
    march['platform.members.total'],
  ]).toEqual([33, 36, 69]);
  expect(r6['meetings.held.byType.支援会議']).toBe(15);
  expect(r6['cases.new.byReferralSource.民生委員・児童委員']).toBe(4);
  expect(r6['cases.new.byIssue.ひきこもり']).toBe(14);
  expect(r7jan['cases.new.byIssue.ひきこもり']).toBe(36);
});

test('福井: the six indicators for 令和5年度 and 令和6年度 as of 2025-02-28', async () => {
  const path = file('fukui', fukuiRegistry());
  const r5 = await indicators(path, ['--fiscal-year', '2023']);
  const r6 = await indicators(path, ['--fiscal-year', '2024', '--as-of', '2025-02-28']);
  const pick = (f: Record<string, number | null>) =>
    [
      'meetings.multiAgency',
      'community.networkMeetings',
      'outreach.contacts',
      'participation.workExperience.persons',
      'participation.volunteer.contacts',
      'places.active.byType.ささえあいの家',
    ].map((k) => f[k]);
  expect(pick(r5)).toEqual([24, 48, 446, 31, 104, 6]);
  expect(pick(r6)).toEqual([24, 54, 459, 24, 133, 7]);
});
