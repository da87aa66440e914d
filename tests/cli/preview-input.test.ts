// `kasane preview --input FILE` writes the file's rows into a freshly set-up spreadsheet: what the
// reader could not place (a renamed sheet, a missing header) is said at the start, not left out silently.
import { notLoadedNotice } from '../../cli/commands/preview';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import { CASE_HEADERS, caseRow, withAllSheets, workbook } from '../sheets-templates/helpers';

async function rawOf(sheets: Parameters<typeof withAllSheets>[0], without: string[] = []) {
  const r = await readRegistryXlsx(await workbook(withAllSheets(sheets).filter((s) => !without.includes(s.name))));
  if (!r.ok) throw new Error(r.message);
  return r.raw;
}

test('a renamed ケース: the notice names the sheet and the name to give it', async () => {
  const raw = await rawOf(
    [{ name: 'ケース（R7）', rows: [CASE_HEADERS, caseRow('K-2025-0001', '2025-04-01')] }],
    ['ケース'],
  );
  expect(notLoadedNotice('台帳.xlsx', raw)).toBe(
    [
      '注意: 台帳.xlsx の次の点のため、プレビューに読み込んでいない行や列があります（kasane validate で確かめられます）。',
      '  - 「ケース」シートがありません。「ケース（R7）」シートがそれにあたるなら、シート名を「ケース」に変えてください（今は読んでいません）。',
      '',
    ].join('\n'),
  );
});

test('a workbook read whole, office columns included, gives no notice', async () => {
  const raw = await rawOf([
    { name: 'ケース', rows: [[...CASE_HEADERS, '備考'], caseRow('K-2025-0001', '2025-04-01', ['メモ'])] },
  ]);
  expect(raw.layout?.notices.map((n) => n.code)).toEqual(['column.office', 'column.absent']);
  expect(notLoadedNotice('台帳.xlsx', raw)).toBeUndefined();
  expect(notLoadedNotice('台帳.json', { sheets: {} })).toBeUndefined();
});
