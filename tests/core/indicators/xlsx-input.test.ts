// kasane indicators on XLSX input: dates typed as 和暦 text read as the same days, and a registry
// written with writeRegistryXlsx gives the figures computed in-process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SHEETS } from '../../../core/registry/definition';
import { writeRegistryXlsx } from '../../../sheets-templates/xlsx/write-xlsx';
import { run } from '../../../cli/commands/indicators';
import { RegistryBuilder, figures, fiscalYear } from './builders';
import { runCommand } from '../../cli/run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-xlsx-'));

async function indicators(file: string, args: string[]) {
  const r = await runCommand(run, ['--input', file, ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout.toString('utf8')).indicators as Record<string, number | null>;
}

test('era-format dates (令和6年4月1日, R6.4.1, 令6.4.1, 平成31年…) count on the right day', async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = (key: string) => {
    const def = SHEETS.find((s) => s.key === key)!;
    const ws = wb.addWorksheet(def.name);
    ws.addRow(def.columns.map((c) => c.label));
    return (values: Record<string, unknown>) => ws.addRow(def.columns.map((c) => values[c.key] ?? null));
  };
  const caseRow = sheet('cases');
  const c = (caseId: string, receivedOn: string, extra: Record<string, unknown> = {}) =>
    caseRow({
      caseId,
      receivedOn,
      referralSource: '本人',
      window: '地域包括支援センター',
      domains: '高齢、障がい',
      area: '東',
      stage: '受付',
      ...extra,
    });
  c('K-1', '令和6年4月1日'); // first day of 令和6年度
  c('K-2', 'R7.3.31'); // last day
  c('K-3', '令6.10.1', { stage: '終結', closedOn: '令和7年3月31日', closureReason: '課題解決' }); // closed on the end: not active
  c('K-4', '平成31年4月30日'); // 2019-04-30, long before
  c('K-5', 'R7.4.1'); // first day of the next year
  c('K-6', '2024/5/1');
  const meetingRow = sheet('meetings');
  meetingRow({ meetingId: 'M-1', heldOn: '令和6年5月1日', type: '支援会議', confidentialityConfirmed: true });
  meetingRow({ meetingId: 'M-2', heldOn: 'R6.3.31', type: '支援会議', confidentialityConfirmed: true });
  // The other contract sheets (headers only) and 設定: a workbook missing any of them is read with a
  // warning on stderr, which is not the point here.
  for (const def of SHEETS) if (def.key !== 'cases' && def.key !== 'meetings') sheet(def.key);
  wb.addWorksheet('設定').addRow(['項目', '値']);
  const file = join(tmp, 'era.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

  const f = await indicators(file, ['--fiscal-year', '2024']);
  expect(f['cases.new']).toBe(4);
  expect(f['cases.new.byDomain.障がい']).toBe(4);
  expect(f['cases.active']).toBe(4); // K-1, K-2, K-4, K-6
  expect(f['cases.closed']).toBe(1);
  expect(f['meetings.held.byType.支援会議']).toBe(1);
  expect(f['data.excludedRows']).toBe(0);
  const cut = await indicators(file, ['--fiscal-year', '2024', '--as-of', '2024-04-30']);
  expect(cut['cases.new']).toBe(1);
});

test('a registry written as XLSX gives the figures computed in-process', async () => {
  const b = new RegistryBuilder({ population: 50000 });
  const [a] = b.cases(['2024-04-01', '2024-06-15', '2025-03-31'], {
    domains: ['こども'],
    issues: ['不登校', 'ヤングケアラー'],
  });
  b.case({
    receivedOn: '2024-05-01',
    consent: '同意あり',
    consentOn: '2024-05-02',
    planOn: '2024-06-01',
    stage: '支援中',
  });
  b.activities(a!, ['2024-05-01', '2024-07-01'], '家庭訪問');
  b.member({ area: '西', joinedOn: '2024-04-01' });
  b.partner({ activities: ['食事の提供', '食品の配付'], joinedOn: '2024-04-01', leftOn: '2025-03-31' });
  b.donation({ receivedOn: '2024-12-01', donorType: '企業', weightKg: 20.5 });
  const file = join(tmp, 'roundtrip.xlsx');
  writeFileSync(file, await writeRegistryXlsx(b.registry));
  const f = await indicators(file, ['--fiscal-year', '2024']);
  expect(f).toEqual(figures(b.registry, fiscalYear(2024)));
  expect(f['cases.new.byIssue.不登校']).toBe(3);
});
