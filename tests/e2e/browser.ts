// Debian's Chromium as every browser test drives it: headless, no sandbox (CI runs as root), no GPU,
// and nothing of its own on the network (no updates, sync or background fetches). Never a downloaded build.
import { chromium, type Browser, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A sidebar or dialog of the preview as the add-on shows it (300 px wide unless said): requests
 * outside 127.0.0.1 (Google's add-on stylesheet) fail fast, and it is ready when the page says so.
 */
export async function openReady(browser: Browser, url: string, width = 300, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'ja-JP' });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(url);
  await page.waitForSelector('#ready[data-ready="true"]');
  return page;
}

/** The offline page opened at `url` in `page`, ready (no script error on the way). */
export async function openReportPage(page: Page, url: string): Promise<Page> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('#app[data-state="ready"]');
  if (errors.length) throw new Error(`the page failed to load: ${errors.join('; ')}`);
  return page;
}

/** A registry file picked on the offline page, read when the page says so. */
export async function pickRegistry(page: Page, file: string): Promise<void> {
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#app[data-state="loaded"]');
}
