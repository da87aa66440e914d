// 「支援を記録する」 in real headless Chromium (Debian's), served by the preview and answered by the
// built Code.js on the emulated spreadsheet: a case found by name or by a ケースID typed in full
// width, a contact saved with a new A-id and one more 支援記録 row, two contacts in a row without
// reloading, the プランに基づく / プラン作成前 answer, a refusal next to its field, and 記録する in
// view on a short sidebar. No screenshot is written.
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { sheetValues, startPreview, type RunningPreview } from './preview-server';
import type { RawRegistry } from '../../core/registry/records';
import { todayInJapan } from '../../core/dates/calendar';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';

/** K-2025-0001 山田 太郎 (担当 佐藤, プラン 2025-05-01), K-2025-0002 川上 花子 (担当 鈴木, no plan). */
const REGISTRY: RawRegistry = {
  settings: { municipality: 'かさね町', placements: ['かさね農園', 'ひだまり食堂'] },
  sheets: {
    cases: [
      { ...CONSENTED_CASE, planOn: '2025-05-01', name: '山田 太郎', staff: '佐藤' },
      { ...UNCONSENTED_CASE, name: '川上 花子', staff: '鈴木' },
    ],
  },
};

let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview(REGISTRY);
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function sidebar(height = 900): Promise<Page> {
  return openReady(browser, `${preview.base}/sidebar/activity`, 300, height);
}

async function activities(): Promise<string[][]> {
  return (await sheetValues(preview, 'activities')).slice(1);
}

test('a contact found by name is saved with A-2025-00001 and one more row; a second one follows without reloading', async () => {
  const page = await sidebar();
  expect(await activities()).toEqual([]);
  // 実施日 is today in Japan until changed.
  expect(await page.getByLabel('実施日').inputValue()).toBe(todayInJapan());
  await page.locator('#case-search').fill('山田　太');
  expect(await page.locator('#case-list li[data-case]').count()).toBe(1);
  await page.locator('li[data-case="K-2025-0001"] button').click();
  expect(await page.locator('#chosen').isVisible()).toBe(true);
  expect(await page.locator('#chosen-case').textContent()).toBe(
    'K-2025-0001 山田 太郎担当 佐藤・支援中・受付 2025-04-01',
  );
  await page.getByLabel('実施日').fill('令和7年6月2日');
  expect(await page.locator('#hint-on').textContent()).toBe('→ 2025-06-02（令和7年6月2日）');
  expect(await page.locator('#plan-hint').textContent()).toBe(
    'プランに基づく支援になります（プラン作成日 2025-05-01）。',
  );
  await page.getByLabel('種別').selectOption('参加支援（就労体験）');
  // 受け入れ先 offers 「設定」's list.
  expect(await page.locator('#f-placement option').allTextContents()).toEqual([
    '（選択してください）',
    'かさね農園',
    'ひだまり食堂',
  ]);
  await page.getByLabel('受け入れ先').selectOption('かさね農園');
  await page.getByLabel('メモ').fill('初回。緊張していた');
  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#saved-id').textContent()).toBe('A-2025-00001');
  expect(await page.locator('#status').textContent()).toBe(
    'K-2025-0001 の支援を記録しました。プランに基づく支援です（プラン作成日 2025-05-01）。記録ID: A-2025-00001',
  );
  expect(await activities()).toEqual([
    ['A-2025-00001', 'K-2025-0001', '2025-06-02', '参加支援（就労体験）', 'かさね農園', '初回。緊張していた'],
  ]);
  // The next contact of the same case: the case, 実施日, 種別 and 受け入れ先 stay; メモ is empty.
  expect(await page.locator('#chosen-case strong').textContent()).toBe('K-2025-0001');
  expect(await page.getByLabel('実施日').inputValue()).toBe('令和7年6月2日');
  expect(await page.getByLabel('種別').inputValue()).toBe('参加支援（就労体験）');
  expect(await page.getByLabel('メモ').inputValue()).toBe('');
  await page.getByLabel('種別').selectOption('定着支援');
  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForFunction(() => document.getElementById('saved-id')?.textContent === 'A-2025-00002');
  expect(await activities()).toHaveLength(2);
  expect((await activities())[1]).toEqual(['A-2025-00002', 'K-2025-0001', '2025-06-02', '定着支援', 'かさね農園', '']);
  await page.close();
});

test('a ケースID typed in full width finds the case; a contact before its plan says プラン作成前', async () => {
  const before = (await activities()).length;
  const page = await sidebar();
  await page.locator('#case-search').fill('ｋ－２０２５－０００２');
  // Enter picks the case whose id was typed.
  await page.locator('#case-search').press('Enter');
  expect(await page.locator('#chosen-case strong').textContent()).toBe('K-2025-0002');
  // The picker it was typed in is hidden: the keyboard goes on in the form, not at the top of the page.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('on');
  await page.getByLabel('実施日').fill('2025-06-03');
  expect(await page.locator('#plan-hint').textContent()).toBe('プラン作成前の支援になります（プラン作成日が未入力）。');
  await page.getByLabel('種別').selectOption('家庭訪問');
  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#status').textContent()).toBe(
    `K-2025-0002 の支援を記録しました。プラン作成前の支援です（プラン作成日が未入力）。記録ID: A-2025-0000${before + 1}`,
  );
  expect(await activities()).toHaveLength(before + 1);
  // Another case: what was said about this one goes.
  await page.getByRole('button', { name: '別のケースを選ぶ' }).click();
  expect(await page.locator('#status').isHidden()).toBe(true);
  expect(await page.locator('#case-picker').isVisible()).toBe(true);
  await page.close();
});

test('refusals are shown next to their fields in Japanese and add no row; an edited field loses its error', async () => {
  const before = (await activities()).length;
  const page = await sidebar();
  await page.getByLabel('種別').selectOption('同行支援');
  await page.getByRole('button', { name: '記録する' }).click();
  expect(await page.locator('#err-caseId').textContent()).toBe('ケースを選んでください。');
  expect(await page.locator('#status').textContent()).toBe(
    '入力に誤りがあります。赤字の項目を直してください。記録していません。',
  );
  await page.locator('#case-search').fill('鈴木');
  await page.locator('li[data-case="K-2025-0002"] button').click();
  // Choosing a case clears what the refusal said.
  expect(await page.locator('#err-caseId').isHidden()).toBe(true);
  expect(await page.locator('#status').isHidden()).toBe(true);
  await page.getByLabel('実施日').fill('2025-04-14');
  await page.getByRole('button', { name: '記録する' }).click();
  expect(await page.locator('#err-on').textContent()).toBe(
    '実施日がケース「K-2025-0002」の受付日 2025-04-15（令和7年4月15日） より前です。日付かケースIDを確認してください。',
  );
  await page.getByLabel('実施日').fill('2025-04-15');
  expect(await page.locator('#err-on').isHidden()).toBe(true);
  expect(await activities()).toHaveLength(before);
  await page.close();
});

test('記録する is in view without scrolling on a 300×600 sidebar', async () => {
  const page = await sidebar(600);
  await page.locator('#case-search').fill('K-2025');
  expect(await inViewUncovered(page, '#save')).toBe(true);
  await page.close();
});

/** The element is inside the viewport and is what a click at its centre would hit (not covered). */
async function inViewUncovered(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth) return false;
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
  }, selector);
}
