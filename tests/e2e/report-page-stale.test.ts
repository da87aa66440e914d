// The offline page (build/kasane-report.html, from file://) once a period input changes, as a clerk
// found it (browser8): the table of the previous 年度, 月 or 基準日 — and its CSV — must not stay on
// screen as if it were the new one, and an unreadable 年度 leaves no old table under its error and
// marks the field. In real headless Chromium (Debian's).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReportPage, pickRegistry } from './browser';
import { ensureBuilt, root } from '../cli/run';
import { cleanXlsx } from '../fixtures/office';
import { TOWN } from '../fixtures/town';

jest.setTimeout(120_000);

const PAGE_URL = pathToFileURL(join(root, 'build', 'kasane-report.html')).href;
/** Screenshots for a person to look at; never into the checkout. */
const SHOTS = mkdtempSync(join(tmpdir(), 'kasane-page-stale-'));

let browser: Browser;
let dir: string;
let registry: string;

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kasane-page-stale-'));
  registry = join(dir, 'ひなた町台帳.xlsx');
  writeFileSync(registry, await cleanXlsx(TOWN));
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
    acceptDownloads: true,
  });
  await openReportPage(page, PAGE_URL);
  await pickRegistry(page, registry);
  return page;
}

async function showIndicators(page: Page, year: string): Promise<void> {
  await page.locator('#year').fill(year);
  await page.getByRole('button', { name: '指標を集計する' }).click();
  await page.waitForSelector('#indicators-result:not([hidden])');
}

test('a changed 年度 or 基準日 hides the table of the last one and its CSV until 指標を集計する is pressed', async () => {
  const page = await openPage();
  await showIndicators(page, '令和7年度');
  expect(await page.locator('#indicators-title').textContent()).toBe('指標 令和7年度（2025-04-01〜2026-03-31）');

  await page.locator('#year').fill('R6');
  expect(await page.locator('#indicators-result').isHidden()).toBe(true);
  expect(await page.locator('#save-indicators').isDisabled()).toBe(true);
  expect(await page.locator('#indicators-stale').textContent()).toContain('「指標を集計する」を押すと');
  await page.locator('#step-indicators').screenshot({ path: join(SHOTS, 'indicators-stale.png') });

  await page.getByRole('button', { name: '指標を集計する' }).click();
  await page.waitForSelector('#indicators-result:not([hidden])');
  expect(await page.locator('#indicators-title').textContent()).toBe('指標 令和6年度（2024-04-01〜2025-03-31）');
  expect(await page.locator('#indicators-stale').isHidden()).toBe(true);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '指標を CSV で保存' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('指標_令和6年度.csv');

  // The 基準日 and the kind count as the period too.
  await page.locator('#as-of').fill('2025-01-31');
  expect(await page.locator('#indicators-result').isHidden()).toBe(true);
  await page.getByRole('button', { name: '指標を集計する' }).click();
  await page.waitForSelector('#indicators-result:not([hidden])');
  await page.getByLabel('月で集計').check();
  expect(await page.locator('#indicators-result').isHidden()).toBe(true);
  await page.close();
});

test('a changed 月 or 公表用 hides the 月次集計 shown and its buttons until 月次集計を表示 is pressed', async () => {
  const page = await openPage();
  await page.locator('#summary-month').fill('R7.5');
  await page.getByRole('button', { name: '月次集計を表示' }).click();
  await page.waitForSelector('#summary-result:not([hidden])');
  await page.getByLabel('公表用（小さな数を * にする）').check();
  expect(await page.locator('#summary-result').isHidden()).toBe(true);
  expect(await page.locator('#save-summary-csv').isDisabled()).toBe(true);
  expect(await page.locator('#summary-stale').isVisible()).toBe(true);
  await page.getByRole('button', { name: '月次集計を表示' }).click();
  await page.waitForSelector('#summary-result:not([hidden])');
  expect(await page.locator('#summary-title').textContent()).toContain('（公表用）');
  await page.locator('#summary-month').fill('R7.6');
  expect(await page.locator('#summary-result').isHidden()).toBe(true);
  await page.close();
});

test('an unreadable 年度: no old table under the error, and the field is marked', async () => {
  const page = await openPage();
  await showIndicators(page, 'H30');
  await page.locator('#year').fill('7');
  await page.locator('#year').press('Enter');
  await page.waitForSelector('#period-error:not([hidden])');
  expect(await page.locator('#period-error').textContent()).toContain('年度「7」を読めません');
  expect(await page.locator('#indicators-result').isHidden()).toBe(true);
  expect(await page.locator('#save-indicators').isDisabled()).toBe(true);
  expect(await page.locator('#indicators-stale').isHidden()).toBe(true);
  const year = page.locator('#year');
  expect(await year.getAttribute('aria-invalid')).toBe('true');
  expect(await year.getAttribute('aria-describedby')).toBe('period-error');
  // The page's error red, on the field itself.
  expect(await year.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe('rgb(176, 0, 0)');
  expect(await page.locator('#as-of').getAttribute('aria-invalid')).toBe('false');
  await page.locator('#step-indicators').screenshot({ path: join(SHOTS, 'bad-year.png') });

  // A 基準日 before the period: that field is the one marked.
  await page.locator('#year').fill('令和7年度');
  await page.locator('#as-of').fill('2025-03-01');
  await page.getByRole('button', { name: '指標を集計する' }).click();
  await page.waitForSelector('#period-error:not([hidden])');
  expect(await page.locator('#as-of').getAttribute('aria-invalid')).toBe('true');
  expect(await year.getAttribute('aria-invalid')).toBe('false');

  // Read again: the marks go.
  await page.locator('#as-of').fill('');
  await showIndicators(page, '令和7年度');
  expect(await year.getAttribute('aria-invalid')).toBe('false');
  expect(await page.locator('#period-error').isHidden()).toBe(true);

  // The 月次集計's 月 is marked the same way.
  await page.locator('#summary-month').fill('5月');
  await page.getByRole('button', { name: '月次集計を表示' }).click();
  await page.waitForSelector('#summary-error:not([hidden])');
  expect(await page.locator('#summary-month').getAttribute('aria-invalid')).toBe('true');
  await page.close();
});
