// The edit round trip in the built intake sidebar (headless Chromium, Debian's), served by the
// preview and answered by the built Code.js on the emulated spreadsheet: a case typed with trailing
// spaces, ○, 和暦 dates and 「3人」 loads as what it means, and saving leaves every untouched cell as
// it was. No screenshots are taken.
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { startPreview, TOWN, type RunningPreview } from './preview-server';

const JST_MIDNIGHT = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 9 * 3600000);
const WIDTH = 25; // A … Y

/** Row 4 of ケース, below the two cases of TOWN, as a coordinator may have typed it. */
const VARIANT_ROW: unknown[] = [
  'K-2025-0007', // A ケースID
  JST_MIDNIGHT(2025, 5, 21), // B 受付日: a date cell
  '訪問 ', // C 受付方法: trailing half-width space
  '家族・親族　', // D 相談経路: trailing full-width space
  '地域包括支援センター ', // E 受付窓口
  '高齢、障がい', // F 分野
  '8050,ひきこもり', // G 課題
  '70代以上', // H 年代
  '男性　', // I 性別
  ' 東', // J エリア
  '3人', // K 世帯人数
  '同意あり ', // L 本人同意
  '令和7年5月21日', // M 同意日
  '', // N 同意撤回日
  '○', // O 多機関協働
  'R7.6.2', // P プラン作成日
  '支援中 ', // Q 支援状況
  '  地域包括支援センター東  ', // R 主担当機関
  '=HYPERLINK("mailto:yamada@example.org","山田")', // S 担当者: a formula
  '', // T 終結日
  '', // U 終結理由
  '架空　花子 ', // V 氏名
  '0120-000-000', // W 連絡先
  '  かさね町1-2-3', // X 住所
  'メモ\n二行目 ', // Y メモ
];

let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview(TOWN);
  const sheet = preview.env.spreadsheet.sheetForHost('ケース')!;
  sheet.getRange('S4').setNumberFormat('General');
  sheet.getRange(4, 1, 1, WIDTH).setValues([VARIANT_ROW]);
  // Row 5: a case whose 受付窓口 is not one of 設定's windows.
  sheet
    .getRange(5, 1, 1, WIDTH)
    .setValues([VARIANT_ROW.map((v, i) => (i === 0 ? 'K-2025-0008' : i === 4 ? '市役所' : v))]);
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

/** Each cell of a sheet row as [type, value] (a Date as its instant), and its formula. */
function cellsOf(row: number): { cells: Array<[string, unknown]>; formulas: string[] } {
  const range = preview.env.spreadsheet.sheetForHost('ケース')!.getRange(row, 1, 1, WIDTH);
  const cells = range.getValues()[0]!.map((v): [string, unknown] => {
    if (Object.prototype.toString.call(v) === '[object Date]') return ['date', (v as Date).getTime()];
    return [typeof v, v];
  });
  return { cells, formulas: range.getFormulas()[0]! };
}

async function openCase(caseId: string): Promise<Page> {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  await page.getByText('登録済みのケースを直す').click();
  await page.getByLabel('ケースID', { exact: true }).fill(caseId);
  await page.getByRole('button', { name: '読み込む' }).click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('を読み込みました'));
  expect(await page.locator('#mode').textContent()).toBe(`編集中: ${caseId}`);
  return page;
}

/** Clicks 保存 and waits for the outcome (a status line other than 「保存しています…」). */
async function save(page: Page): Promise<string> {
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForFunction(() => {
    const s = document.getElementById('status');
    return !!s && !s.hidden && !s.textContent?.includes('保存しています');
  });
  return (await page.locator('#status').textContent()) ?? '';
}

test('a case typed with spaces, ○ and 和暦 loads as what it means; saving it unchanged leaves the row as it was', async () => {
  const before = cellsOf(4);
  const page = await openCase('K-2025-0007');
  // Choices with a trailing half- or full-width space are selected.
  expect(await page.getByLabel('受付方法').inputValue()).toBe('訪問');
  expect(await page.getByLabel('相談経路').inputValue()).toBe('家族・親族');
  expect(await page.getByLabel('受付窓口').inputValue()).toBe('地域包括支援センター');
  expect(await page.getByLabel('性別').inputValue()).toBe('男性');
  expect(await page.getByLabel('エリア').inputValue()).toBe('東');
  expect(await page.getByLabel('本人同意').inputValue()).toBe('同意あり');
  expect(await page.getByLabel('支援状況').inputValue()).toBe('支援中');
  // ○ checks 多機関協働; 「高齢、障がい」 ticks both.
  expect(await page.getByRole('checkbox', { name: '多機関協働' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: '高齢', exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: '障がい', exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'こども', exact: true }).isChecked()).toBe(false);
  // Dates (a date cell, 令和 text, R7.6.2) show as the date.
  expect(await page.getByLabel('受付日').inputValue()).toBe('2025-05-21');
  expect(await page.getByLabel('同意日').inputValue()).toBe('2025-05-21');
  expect(await page.locator('#hint-consentOn').textContent()).toBe('→ 2025-05-21（令和7年5月21日）');
  expect(await page.getByLabel('プラン作成日').inputValue()).toBe('2025-06-02');
  // 「3人」 is shown as typed, with a note; personal information as typed.
  expect(await page.getByLabel('世帯人数').inputValue()).toBe('3人');
  expect(await page.locator('#note-householdSize').isVisible()).toBe(true);
  expect(await page.locator('#note-householdSize').textContent()).toBe(
    '入力されたまま表示しています。整数として読めないため、直して保存するまでセルはそのままです。',
  );
  expect(await page.getByLabel('担当者').inputValue()).toBe('山田');
  expect(await page.getByLabel('氏名').inputValue()).toBe('架空　花子');
  expect(await page.getByLabel('住所').inputValue()).toBe('かさね町1-2-3');
  expect(await page.locator('#status').textContent()).toContain('読めないセルが 1 つあります');

  expect(await save(page)).toBe('変更された項目がないため、何も書き込んでいません。');
  expect(cellsOf(4)).toEqual(before);

  // A field changed and changed back is no change either.
  await page.getByLabel('受付方法').selectOption('電話');
  await page.getByLabel('受付方法').selectOption('訪問');
  expect(await save(page)).toBe('変更された項目がないため、何も書き込んでいません。');
  expect(cellsOf(4)).toEqual(before);
  await page.close();
});

test('changing one field writes that cell only; the next save from the same form goes through', async () => {
  const before = cellsOf(4);
  const page = await openCase('K-2025-0007');
  await page.getByLabel('支援状況').selectOption('見守り');
  expect(await save(page)).toBe('変更を保存しました: K-2025-0007');
  const after = cellsOf(4);
  const expected = [...before.cells];
  expected[16] = ['string', '見守り'];
  expect(after.cells).toEqual(expected);
  expect(after.formulas).toEqual(before.formulas);

  await page.getByLabel('世帯人数').fill('3');
  expect(await save(page)).toBe('変更を保存しました: K-2025-0007');
  expected[10] = ['number', 3];
  expect(cellsOf(4).cells).toEqual(expected);
  expect(await page.locator('#note-householdSize').isVisible()).toBe(false);
  expect(await save(page)).toBe('変更された項目がないため、何も書き込んでいません。');
  await page.close();
});

test('a choice that is not listed is noted next to its field, and does not block saving another field', async () => {
  const before = cellsOf(5);
  const page = await openCase('K-2025-0008');
  expect(await page.getByLabel('受付窓口').inputValue()).toBe('');
  expect(await page.locator('#note-window').textContent()).toBe(
    'このセルには「市役所」と入力されていますが、選択肢にありません。選び直して保存するまで、セルはそのままです。',
  );
  await page.getByLabel('担当者').selectOption('佐藤');
  expect(await save(page)).toBe('変更を保存しました: K-2025-0008');
  const after = cellsOf(5);
  const expected = [...before.cells];
  expected[18] = ['string', '佐藤'];
  expect(after.cells).toEqual(expected);
  expect(after.cells[4]).toEqual(['string', '市役所']);
  await page.close();
});
