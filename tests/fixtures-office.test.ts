// The office-style workbook builder (tests/fixtures/office.ts) makes what it says it makes: header
// rows where an office puts them, the office's own columns, the one 「3人」 typo, weekdays that are
// the real ones. (Whether kasane reads such a workbook is for the readers' own tests.)
import ExcelJS from 'exceljs';
import { TOWN } from './fixtures/town';
import { cleanXlsx, officeSheets, officeXlsx, type OfficeCell } from './fixtures/office';

const sheets = officeSheets(TOWN);
const sheet = (name: string): OfficeCell[][] => {
  const rows = sheets[name];
  if (!rows) throw new Error(`no sheet ${name}`);
  return rows;
};

test('the sheets: the eight of the contract and 設定', () => {
  expect(Object.keys(sheets)).toEqual([
    'ケース',
    '会議',
    '検討ケース',
    '支援記録',
    '居場所・拠点',
    'プラットフォーム参加団体',
    'フードドライブ参画団体',
    '寄付',
    '設定',
  ]);
});

test('ケース and 支援記録: a title, a blank row, the header on row 3', () => {
  const cases = sheet('ケース');
  expect(cases[0]).toEqual(['令和7年度 相談受付台帳（ひなた町）']);
  expect(cases[1]).toEqual([]);
  expect(cases[2]!.slice(0, 4)).toEqual(['No.', 'ケースID', '受付 日', '受付方法']);
  expect(cases[2]!.at(-1)).toBe('備考');
  expect(cases).toHaveLength(3 + 10);
  expect(cases.slice(3).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(cases.slice(3).map((r) => r[1])).toEqual(TOWN.cases.map((c) => c.caseId));

  const activities = sheet('支援記録');
  expect(activities[0]).toEqual(['令和7年度 支援記録（ひなた町）']);
  expect(activities[1]).toEqual([]);
  expect(activities[2]!.slice(0, 4)).toEqual(['記録ID', 'ケースID', '実施日', '種別']);
  expect(activities).toHaveLength(3 + 14);
});

test('the other sheets: the header on row 1, with the typed variants', () => {
  const meetings = sheet('会議');
  expect(meetings[0]!.slice(0, 3)).toEqual(['No.', '会議ID', '開催日']);
  expect(meetings[0]!.at(-1)).toBe('備考');
  expect(meetings.filter((r) => typeof r.at(-1) === 'string' && r !== meetings[0])).toHaveLength(2);
  expect(sheet('検討ケース')[0]).toEqual(['会議ID', 'caseId', '検討内容', '次回確認日']);
  expect(sheet('寄付')[0]).toEqual(['寄付ID', '受領日', '寄付者種別', '寄付者名', '受入団体ID', '重量（kg）']);
  expect(sheet('居場所・拠点')[0]![0]).toBe('拠点ID');
  expect(sheet('設定')[0]).toEqual(['項目', '値']);
  expect(sheet('設定')).toContainEqual(['自治体名', 'ひなた町']);
  expect(sheet('設定')).toContainEqual(['人口', 12000]);
  expect(sheet('設定')).toContainEqual(['エリア', '東、西']);
});

test('「3人」 is typed once, in 世帯人数 of K-2025-0004', () => {
  const all = Object.values(sheets).flatMap((rows) => rows.flat());
  expect(all.filter((v) => v === '3人')).toHaveLength(1);
  const cases = sheet('ケース');
  const col = cases[2]!.indexOf('世帯人数');
  const row = cases.find((r) => r[1] === 'K-2025-0004')!;
  expect(row[col]).toBe('3人');
});

test('values as clerks type them', () => {
  const cases = sheet('ケース');
  const header = cases[2]!;
  const cell = (id: string, label: string) => cases.find((r) => r[1] === id)![header.indexOf(label)];
  expect(cell('K-2025-0002', '受付方法')).toBe('訪問 ');
  expect(cell('K-2025-0004', '性別')).toBe('男性\u3000');
  expect(cell('K-2025-0001', '多機関協働')).toBe('○');
  expect(cell('K-2024-0001', '分野')).toBe('高齢,障がい');
  // 受付日 in four styles, row by row: 令和 with the weekday, dotted, 年月日, a date cell.
  expect(cell('K-2024-0001', '受付 日')).toBe('令和6年5月13日（月）');
  expect(cell('K-2024-0002', '受付 日')).toBe('2024.9.20');
  expect(cell('K-2024-0003', '受付 日')).toBe('2025年2月10日');
  expect(cell('K-2024-0004', '受付 日')).toEqual(new Date(Date.UTC(2025, 2, 31)));

  const meetings = sheet('会議');
  const m = meetings.find((r) => r[1] === 'M-2025-0002')!;
  expect(m[meetings[0]!.indexOf('開催日')]).toBe('令和7年5月21日（水）');
  expect(m[meetings[0]!.indexOf('出席者数')]).toBe('１２');
  const s = meetings.find((r) => r[1] === 'M-2025-0001')!;
  expect(s[meetings[0]!.indexOf('守秘義務確認')]).toBe('はい');
  expect(sheet('支援記録')[3]![2]).toBe('2024.5.20');
});

test('every weekday written is the real weekday of its date', () => {
  const withWeekday = /^(令和|平成)(元|\d+)年(\d+)月(\d+)日（(.)）$/;
  const found = Object.values(sheets)
    .flatMap((rows) => rows.flat())
    .filter((v): v is string => typeof v === 'string' && withWeekday.test(v));
  expect(found).toHaveLength(14); // 10 meetings, 3 cases (受付日 on rows 1, 5, 9), 1 platform member
  for (const text of found) {
    const [, era, y, m, d, weekday] = withWeekday.exec(text)!;
    const year = (era === '令和' ? 2018 : 1988) + (y === '元' ? 1 : Number(y));
    const day = new Date(Date.UTC(year, Number(m) - 1, Number(d))).getUTCDay();
    expect([text, '日月火水木金土'[day]]).toEqual([text, weekday]);
  }
  // Known from a calendar: 2025-05-21 was a Wednesday, 2024-05-13 a Monday, 2025-08-01 a Friday.
  expect(found).toEqual(
    expect.arrayContaining(['令和7年5月21日（水）', '令和6年5月13日（月）', '令和7年8月1日（金）']),
  );
});

test('officeXlsx writes those rows; cleanXlsx the template form', async () => {
  const office = new ExcelJS.Workbook();
  await office.xlsx.load((await officeXlsx(TOWN)) as unknown as ArrayBuffer);
  const ws = office.getWorksheet('ケース')!;
  expect(ws.getCell('A1').value).toBe('令和7年度 相談受付台帳（ひなた町）');
  expect(ws.getCell('A2').value).toBeNull();
  expect(ws.getCell('C3').value).toBe('受付 日');
  expect(ws.getCell('A4').value).toBe(1);
  expect(office.getWorksheet('設定')!.getCell('B2').value).toBe('ひなた町');
  expect(office.getWorksheet('寄付')!.getCell('B2').value).toEqual(new Date(Date.UTC(2024, 4, 15)));

  const clean = new ExcelJS.Workbook();
  await clean.xlsx.load((await cleanXlsx(TOWN)) as unknown as ArrayBuffer);
  const cs = clean.getWorksheet('ケース')!;
  expect(cs.getCell('A1').value).toBe('ケースID');
  expect(cs.getCell('A2').value).toBe('K-2024-0001');
  expect(cs.getCell('A11').value).toBe('K-2025-0006');
});
