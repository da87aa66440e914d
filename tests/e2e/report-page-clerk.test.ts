// What a clerk stumbled on in the offline page (build/kasane-report.html, opened from file://): the
// 公表用 heading said once, the file button's focus ring under Tab, an empty 年度, a 基準日 after the
// period's end, and the same issue in every row shown as one line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReportPage, pickRegistry } from './browser';
import { ensureBuilt, root } from '../cli/run';
import { cleanXlsx } from '../fixtures/office';
import { TOWN } from '../fixtures/town';
import { pdfPages } from '../reports/pdf-text';
import { todayInJapan } from '../../core/dates/calendar';

jest.setTimeout(120_000);

const PAGE_URL = pathToFileURL(join(root, 'build', 'kasane-report.html')).href;
/** Screenshots for a person to look at; never into the checkout. */
const SHOTS = mkdtempSync(join(tmpdir(), 'kasane-page-clerk-'));

let browser: Browser;
let dir: string;
let clean: string;
let unknownAges: string;

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kasane-page-clerk-'));
  clean = join(dir, 'ひなた町台帳.xlsx');
  writeFileSync(clean, await cleanXlsx(TOWN));
  // 年代 「不詳」 (not a choice) on the 1st to 3rd and the 6th and 7th cases, 「九十代」 on the 9th.
  const ages: Record<number, string> = { 0: '不詳', 1: '不詳', 2: '不詳', 5: '不詳', 6: '不詳', 8: '九十代' };
  const town = { ...TOWN, cases: TOWN.cases.map((c, k) => (ages[k] ? { ...c, ageGroup: ages[k] } : c)) };
  unknownAges = join(dir, '年代不詳.xlsx');
  writeFileSync(unknownAges, await cleanXlsx(town as typeof TOWN));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1024, height: 800 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  return openReportPage(page, PAGE_URL);
}

const pick = pickRegistry;

test('Tab reaches the file button and it shows the focus ring', async () => {
  const page = await openPage();
  const label = page.locator('label[for="file"]');
  expect(await label.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('none');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('file');
  expect(await label.evaluate((e) => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor])).toEqual([
    'solid',
    'rgb(240, 180, 0)',
  ]);
  await page.locator('#step-file').screenshot({ path: join(SHOTS, 'file-focus.png') });
  await page.close();
});

test('the 月次集計 heading names 公表用 or 内部用 once', async () => {
  const page = await openPage();
  await pick(page, clean);
  await page.locator('#summary-month').fill('R7.5');
  await page.getByLabel('公表用（小さな数を * にする）').check();
  await page.getByRole('button', { name: '月次集計を表示' }).click();
  await page.waitForFunction(() => document.getElementById('summary-frame')?.dataset.month === '2025-05');
  expect(await page.locator('#summary-title').textContent()).toBe(
    'ひなた町 重層的支援体制整備事業 月次集計 2025年5月（公表用）',
  );
  await page.getByLabel('内部用').check();
  await page.getByRole('button', { name: '月次集計を表示' }).click();
  await page.waitForFunction(() => document.getElementById('summary-title')?.textContent?.endsWith('（内部用）'));
  expect(await page.locator('#summary-title').textContent()).toBe(
    'ひなた町 重層的支援体制整備事業 月次集計 2025年5月（内部用）',
  );
  await page.close();
});

test('an empty 年度 or 月 asks for it; a 基準日 after the period’s end says the count stops at the end', async () => {
  const page = await openPage();
  await pick(page, clean);
  await page.locator('#year').fill('');
  await page.getByRole('button', { name: '指標を集計する' }).click();
  expect(await page.locator('#period-error').textContent()).toBe(
    '年度を入力してください（例: 2025、2025年度、令和7年度、R7）。',
  );
  expect(await page.locator('#indicators-result').isHidden()).toBe(true);
  await page.locator('#summary-month').fill(' ');
  await page.getByRole('button', { name: '月次集計を表示' }).click();
  expect(await page.locator('#summary-error').textContent()).toBe(
    '月を入力してください（例: 2025-05、2025/5、2025年5月、令和7年5月、R7.5）。',
  );

  const hint = page.locator('#as-of-hint');
  await page.locator('#year').fill('令和7年度');
  expect(await hint.isHidden()).toBe(true);
  await page.locator('#as-of').fill('2026-11-30');
  expect(await hint.textContent()).toBe('→ 基準日が年度の末日より後のため、年度末（2026-03-31）まで数えます');
  await page.locator('#step-indicators').screenshot({ path: join(SHOTS, 'as-of-after-end.png') });
  await page.locator('#as-of').fill('令和8年1月31日');
  expect(await hint.textContent()).toBe('→ 2026-01-31（令和8年1月31日）まで数えます');
  await page.locator('#as-of').fill('2025-03-31');
  expect(await hint.textContent()).toBe('→ 基準日が期間の初日（2025-04-01）より前です');
  // The period follows the 年度 typed, and a month is said as a month.
  await page.locator('#as-of').fill('2025-06-10');
  await page.getByLabel('月で集計').check();
  await page.locator('#month').fill('R7.5');
  expect(await hint.textContent()).toBe('→ 基準日が月の末日より後のため、月末（2025-05-31）まで数えます');
  await page.locator('#as-of').fill('');
  expect(await hint.isHidden()).toBe(true);
  await page.close();
});

test('the same issue in many rows is one line naming its rows; other values keep their own line', async () => {
  const page = await openPage();
  await pick(page, unknownAges);
  expect(await page.locator('#issue-count').textContent()).toBe(
    '6件の問題が見つかりました。台帳の該当するセルを直してください。',
  );
  const rows = await page.$$eval('#issues tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.firstChild?.textContent ?? '')),
  );
  expect(rows).toEqual([
    [
      'ケース',
      '2〜4・7〜8行目（5行）',
      '年代',
      '「ケース」シート 2行目「年代」: 選択肢にない値です（「不詳」）。次のいずれかを選んでください: 10代以下、20代、30代、40代、50代、60代、70代以上、不明。',
    ],
    [
      'ケース',
      '10',
      '年代',
      '「ケース」シート 10行目「年代」: 選択肢にない値です（「九十代」）。次のいずれかを選んでください: 10代以下、20代、30代、40代、50代、60代、70代以上、不明。',
    ],
  ]);
  expect(await page.locator('#issues tbody tr').first().getAttribute('data-count')).toBe('5');
  expect(await page.locator('#issues-grouped').textContent()).toBe(
    '同じ列に同じ問題がある行は、まとめて1行で示しています。',
  );
  await page.locator('#step-check').screenshot({ path: join(SHOTS, 'grouped-issues.png') });
  await page.close();
});

test('指標を印刷する: the indicators alone on numbered A4 pages, each naming the town, the period, 基準日 and 作成日', async () => {
  const page = await openPage();
  await pick(page, clean);
  await page.locator('#year').fill('令和7年度');
  await page.locator('#as-of').fill('2026-01-31');
  await page.getByRole('button', { name: '指標を集計する' }).click();
  await page.waitForFunction(() =>
    document.getElementById('indicators-title')?.textContent?.includes('2026-01-31時点'),
  );
  // window.print() opens the browser's dialog; here it only records what the page had set for it.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printedAs = document.body.className;
    };
  });
  await page.getByRole('button', { name: '指標を印刷する' }).click();
  expect(await page.evaluate(() => document.body.dataset.printedAs)).toBe('print-indicators');
  const today = todayInJapan();
  // Skia's PDF text has ASCII brackets where the page has full-width ones: compared as NFKC.
  const nfkc = (s: string) => s.normalize('NFKC');
  const printed = pdfPages(await page.pdf({ preferCSSPageSize: true })).map((lines) => lines.map(nfkc));
  expect(printed.length).toBeGreaterThan(1);
  printed.forEach((lines, k) => {
    expect(lines[0]).toBe(nfkc(`ひなた町 指標 令和7年度（基準日 2026-01-31）作成日 ${today}`));
    expect(lines[lines.length - 1]).toBe(`${k + 1} / ${printed.length} ページ`);
    expect(lines).not.toContain('2台帳の検証結果');
  });
  expect(printed[0]).toContain(
    nfkc(`ひなた町、基準日 2026-01-31（この日までを数えています）、作成日 ${today}、台帳 ひなた町台帳.xlsx`),
  );
  // 25-1 … 25-5 were received by 2026-01-31 (25-6 on 2026-03-31 is later).
  expect(printed[0]).toContain('新規相談件数5');
  // After the dialog the page is whole again, and Ctrl+P prints the check with the figures.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  expect(await page.evaluate(() => document.body.className)).toBe('');
  const whole = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  expect(whole[0]).toContain('2台帳の検証結果');
  expect(whole[whole.length - 1]!.at(-1)).toBe(`${whole.length} / ${whole.length} ページ`);
  await page.close();
});

test('two files dropped at once: neither is read, and the page says to drop one', async () => {
  const page = await openPage();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['a'], '台帳1.xlsx'));
    data.items.add(new File(['b'], '台帳2.xlsx'));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  expect(await page.locator('#file-status').textContent()).toBe(
    '台帳ファイルは1つずつドロップしてください（2つのファイルがドロップされました）。どれも読み込んでいません。',
  );
  expect(await page.locator('#app').getAttribute('data-state')).toBe('ready');
  await page.close();
});
