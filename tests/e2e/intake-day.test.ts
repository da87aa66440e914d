// A coordinator's day at 「相談を受け付ける」 in real headless Chromium (Debian's), through the
// preview and the built Code.js: 保存 in view on a short sidebar, a near-duplicate name warned about
// before anything is written (then saved on 「別のケースとして登録」, or the registered case opened),
// a ケースID typed in full width found, and each action clearing what the last one said.
// No screenshot is written.
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { sheetValues, startPreview, type RunningPreview } from './preview-server';
import type { RawRegistry } from '../../core/registry/records';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';

/** K-2025-0001 山田太郎 (担当 佐藤, 090-1234-5678), K-2025-0002 (no name). */
const REGISTRY: RawRegistry = {
  settings: { municipality: 'かさね町', staff: ['佐藤'] },
  sheets: {
    cases: [{ ...CONSENTED_CASE, name: '山田太郎', contact: '090-1234-5678', staff: '佐藤' }, { ...UNCONSENTED_CASE }],
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
  return openReady(browser, `${preview.base}/sidebar/intake`, 300, height);
}

async function caseRows(): Promise<string[][]> {
  return (await sheetValues(preview, 'cases')).slice(1);
}

async function fillNewCase(page: Page, name: string): Promise<void> {
  await page.getByLabel('受付日').fill('令和7年6月2日');
  await page.getByLabel('相談経路').selectOption('家族・親族');
  await page.getByLabel('受付窓口').selectOption('地域包括支援センター');
  await page.getByRole('checkbox', { name: '高齢', exact: true }).check();
  await page.getByLabel('エリア').selectOption('東');
  await page.getByLabel('支援状況').selectOption('受付');
  await page.getByLabel('氏名').fill(name);
}

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

test('保存 is in view without scrolling on a 300×600 sidebar, and stays there halfway down the form', async () => {
  const page = await sidebar(600);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeGreaterThan(1200); // the form is two screens long
  expect(await inViewUncovered(page, '#save')).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 500));
  expect(await inViewUncovered(page, '#save')).toBe(true);
  await page.close();
});

test('「山田　太郎」 (a full-width space) is warned about and nothing is written; 「別のケースとして登録」 saves', async () => {
  const before = await caseRows();
  const page = await sidebar(600);
  await fillNewCase(page, '山田　太郎');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#duplicates:not([hidden])');
  expect(await page.locator('#status').textContent()).toBe(
    '似ているケースがすでにあります。同じ人でないか確かめてください。まだ保存していません。',
  );
  const listed = page.locator('#duplicates li[data-case="K-2025-0001"]');
  expect(await listed.textContent()).toBe(
    'K-2025-0001 山田太郎受付 2025-04-01・担当 佐藤・支援中一致: 氏名このケースを開く',
  );
  expect(await caseRows()).toEqual(before);
  // The choice is in view (clear of the sticky status and buttons) on the short sidebar.
  expect(await inViewUncovered(page, '#save-anyway')).toBe(true);
  await page.getByRole('button', { name: '別のケースとして登録' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#saved-id').textContent()).toBe('K-2025-0003');
  expect(await page.locator('#duplicates').isHidden()).toBe(true);
  const after = await caseRows();
  expect(after).toHaveLength(before.length + 1);
  expect(after[after.length - 1]![0]).toBe('K-2025-0003');
  expect(after[after.length - 1]).toContain('山田　太郎');
  await page.close();
});

test('「このケースを開く」 loads the registered case for editing instead', async () => {
  const before = await caseRows();
  const page = await sidebar();
  await fillNewCase(page, ' 山田太郎 ');
  await page.getByLabel('連絡先').fill('09012345678');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#duplicates:not([hidden])');
  expect(await page.locator('#duplicates li[data-case="K-2025-0001"] .match').textContent()).toBe('一致: 氏名・連絡先');
  await page
    .locator('#duplicates li[data-case="K-2025-0001"]')
    .getByRole('button', { name: 'このケースを開く' })
    .click();
  await page.waitForFunction(() => document.getElementById('mode')?.textContent === '編集中: K-2025-0001');
  expect(await page.locator('#duplicates').isHidden()).toBe(true);
  expect(await page.getByLabel('氏名').inputValue()).toBe('山田太郎');
  expect(await page.getByLabel('受付日').inputValue()).toBe('2025-04-01');
  expect(await caseRows()).toEqual(before);
  await page.close();
});

test('ｋ－２０２５－０００１ finds K-2025-0001; loading a case clears the errors and the message of the last save', async () => {
  const page = await sidebar();
  await page.getByLabel('受付日').fill('2025-06-02');
  await page.getByRole('button', { name: '保存' }).click();
  expect(await page.locator('#err-referralSource').isVisible()).toBe(true);
  expect(await page.locator('#status').textContent()).toContain('保存していません');
  await page.getByText('登録済みのケースを直す').click();
  await page.getByLabel('ケースID', { exact: true }).fill('ｋ－２０２５－０００１');
  await page.getByRole('button', { name: '読み込む' }).click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('を読み込みました'));
  expect(await page.locator('#mode').textContent()).toBe('編集中: K-2025-0001');
  expect(await page.getByLabel('ケースID', { exact: true }).inputValue()).toBe('K-2025-0001');
  expect(await page.locator('#err-referralSource').isHidden()).toBe(true);
  expect(await page.locator('#status').textContent()).toBe(
    'K-2025-0001 を読み込みました（2行目）。直して「保存」を押してください。',
  );
  // An unknown id is said next to the id field; what the last action said goes.
  await page.getByLabel('ケースID', { exact: true }).fill('K-2025-0404');
  await page.getByRole('button', { name: '読み込む' }).click();
  await page.waitForSelector('#err-load:not([hidden])');
  expect(await page.locator('#err-load').textContent()).toBe('「K-2025-0404」は見つかりません。');
  expect(await page.locator('#status').isHidden()).toBe(true);
  await page.close();
});

test('担当者 offers 「設定」’s list; 主担当機関, not listed yet, offers nothing and says where to add it', async () => {
  const page = await sidebar();
  expect(await page.locator('#f-staff option').allTextContents()).toEqual(['（選択してください）', '佐藤']);
  expect(await page.locator('#empty-staff').count()).toBe(0);
  expect(await page.locator('#f-leadAgency option').allTextContents()).toEqual(['（選択してください）']);
  expect(await page.locator('#empty-leadAgency').textContent()).toBe(
    '設定シートの「関係機関」に名前を登録すると選べます。',
  );
  await page.close();
});

test('a field error goes as soon as the field is changed', async () => {
  const page = await sidebar();
  await page.getByLabel('受付日').fill('2025-02-30');
  await page.getByRole('button', { name: '保存' }).click();
  expect(await page.locator('#err-receivedOn').isVisible()).toBe(true);
  expect(await page.getByLabel('受付日').getAttribute('aria-invalid')).toBe('true');
  await page.getByLabel('受付日').fill('2025-06-02');
  expect(await page.locator('#err-receivedOn').isHidden()).toBe(true);
  expect(await page.getByLabel('受付日').getAttribute('aria-invalid')).toBe('false');
  // Other fields keep theirs until they are changed or the next save.
  expect(await page.locator('#err-referralSource').isVisible()).toBe(true);
  await page.close();
});
