// The offline page (build/kasane-report.html) in real headless Chromium, opened as a clerk opens it
// from a USB stick: a file:// URL, no server. The registry .xlsx is picked or dropped; the figures
// the page shows (by data-key) are the hand counts of ひなた町 and the CLI's on the same file, the
// CSV it saves is the CLI's byte for byte, and the page asks for nothing but its own file.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, openReportPage, pickRegistry } from './browser';
import { ensureBuilt, kasane, root } from '../cli/run';
import { cleanXlsx, officeXlsx } from '../fixtures/office';
import { MID_YEAR, TOWN, TOWN_EXPECTED } from '../fixtures/town';

jest.setTimeout(120_000);

const PAGE = join(root, 'build', 'kasane-report.html');
const PAGE_URL = pathToFileURL(PAGE).href;

let browser: Browser;
let dir: string;
let office: string;
let clean: string;
/** Every request any page of these tests made. */
const requests: string[] = [];
/** Console errors (a refused connection is one) of pages that should have none. */
const complaints: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kasane-report-page-'));
  office = join(dir, 'ひなた町台帳.xlsx');
  clean = join(dir, 'ひなた町台帳（テンプレート）.xlsx');
  writeFileSync(office, await officeXlsx(TOWN));
  writeFileSync(clean, await cleanXlsx(TOWN));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(fragment = '', options: { probesThePolicy?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 800 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  if (!options.probesThePolicy)
    page.on('console', (m) => {
      if (m.type() === 'error') complaints.push(m.text());
    });
  return openReportPage(page, PAGE_URL + fragment);
}

const pick = pickRegistry;

/** The figures on the page, by the data-key of the element holding each. */
async function figures(page: Page): Promise<Record<string, number | null>> {
  return page.$$eval('[data-key]', (els) =>
    Object.fromEntries(
      els.map((e) => {
        const v = (e as HTMLElement).dataset.value ?? '';
        return [(e as HTMLElement).dataset.key!, v === '' ? null : Number(v)];
      }),
    ),
  );
}

/** `kasane indicators … --format json` on the same file: the figures of the CLI. */
function cliFigures(file: string, period: string[]): Record<string, number | null> {
  const r = kasane(['indicators', '--input', file, ...period, '--format', 'json']);
  expect(r.code).toBe(0);
  return (r.json as { indicators: Record<string, number | null> }).indicators;
}

async function setPeriod(page: Page, kind: '年度' | '月', value: string, asOf = ''): Promise<void> {
  await page.getByLabel(`${kind}で集計`).check();
  await page.locator(kind === '年度' ? '#year' : '#month').fill(value);
  await page.locator('#as-of').fill(asOf);
  const before = await page.locator('#indicators-title').textContent();
  await page.getByRole('button', { name: '指標を集計する' }).click();
  await page.waitForFunction((t) => document.querySelector('#indicators-title')?.textContent !== t, before);
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(dir, `download-${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(path);
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the office workbook picked with the file input', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage();
    await pick(page, office);
  });

  test('the one 「3人」 issue at ケース row 11, with sheet, row and column; the office columns as お知らせ', async () => {
    expect(await page.locator('#file-status').textContent()).toBe(
      '「ひなた町台帳.xlsx」を読み込みました（ケース 10件）。',
    );
    expect(await page.locator('#issue-count').getAttribute('data-count')).toBe('1');
    const rows = page.locator('#issues tbody tr');
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-sheet')).toBe('cases');
    expect(await row.getAttribute('data-row')).toBe('11');
    expect(await row.getAttribute('data-column')).toBe('householdSize');
    expect(await row.getAttribute('data-code')).toBe('value.integer');
    expect(await row.locator('td').allTextContents()).toEqual([
      'ケース',
      '11',
      '世帯人数',
      expect.stringContaining('「3人」は整数として読めません'),
    ]);
    const notices = await page.locator('#notices li').allTextContents();
    expect(notices).toHaveLength(2);
    for (const n of notices) expect(n).toMatch(/「No\.」「備考」列は台帳の項目ではない/);
    // Nothing was missing: no 注意 anywhere.
    expect(await page.locator('.warning').count()).toBe(0);
  });

  test('令和7年度 typed in the page: the hand counts, and every figure the CLI gives', async () => {
    await setPeriod(page, '年度', '令和7年度');
    expect(await page.locator('#indicators-title').textContent()).toBe('指標 令和7年度（2025-04-01〜2026-03-31）');
    const shown = await figures(page);
    for (const [k, v] of Object.entries(TOWN_EXPECTED.fiscalYear2025)) expect([k, shown[k]]).toEqual([k, v]);
    expect(shown).toEqual(cliFigures(office, ['--fiscal-year', '2025']));
    // The figure as a person reads it.
    expect(await page.locator('[data-key="cases.new.per100kPerMonth"]').textContent()).toBe('4.2');
  });

  test('R7.5 with 基準日 令和7年5月20日: the CLI figures of that cut', async () => {
    await setPeriod(page, '月', 'R7.5', '令和7年5月20日');
    expect(await page.locator('#indicators-title').textContent()).toBe(
      '指標 2025年5月（2025-05-01〜2025-05-31、2025-05-20時点）',
    );
    expect(await figures(page)).toEqual(cliFigures(office, ['--month', '2025-05', '--as-of', '2025-05-20']));
  });

  test('a period that cannot be read is said in Japanese, and no stale figures stay', async () => {
    await page.getByLabel('年度で集計').check();
    await page.locator('#year').fill('令和99年度の次');
    await page.getByRole('button', { name: '指標を集計する' }).click();
    await page.waitForSelector('#period-error:not([hidden])');
    expect(await page.locator('#period-error').textContent()).toContain('年度「令和99年度の次」を読めません');
    expect(await page.locator('#indicators-result').isHidden()).toBe(true);
  });

  test('the indicators CSV: the CLI’s bytes, BOM and CRLF, named 指標_令和7年度.csv', async () => {
    await setPeriod(page, '年度', '2025');
    const { name, bytes } = await download(page, '指標を CSV で保存');
    expect(name).toBe('指標_令和7年度.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')[0]).toBe('\ufeffキー,指標,期間,開始日,終了日,値,除外した行数');
    expect(text).toContain('\r\ncases.new,新規相談件数,令和7年度,2025-04-01,2026-03-31,6,0\r\n');
    const cli = kasane(['indicators', '--input', office, '--fiscal-year', '2025', '--format', 'csv']);
    expect(text).toBe(cli.out);
  });

  test('the 月次集計 (公表用) of R7.5: the CLI’s page in the frame, its CSV saved as 月次集計_2025-05_公表用.csv', async () => {
    await page.locator('#summary-month').fill('令和7年5月');
    await page.getByLabel(/公表用/).check();
    await page.getByRole('button', { name: '月次集計を表示' }).click();
    await page.waitForSelector('#summary-frame[data-month="2025-05"]');
    const frame = page.frameLocator('#summary-frame');
    expect(await frame.locator('h1').first().textContent()).toContain('月次集計');
    expect(await frame.locator('svg').count()).toBeGreaterThanOrEqual(2);
    const cliHtml = kasane(['summary', '--input', office, '--month', '2025-05', '--public', '--format', 'html']);
    const srcdoc = await page.locator('#summary-frame').getAttribute('srcdoc');
    expect(srcdoc).toBe(cliHtml.out);

    const { name, bytes } = await download(page, 'CSV で保存');
    expect(name).toBe('月次集計_2025-05_公表用.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(10);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const cli = kasane(['summary', '--input', office, '--month', '2025-05', '--public', '--format', 'csv']);
    expect(text).toBe(cli.out);
  });

  test('at 1024 px nothing runs off the side; printed, the controls give way to the figures', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#step-file').isHidden()).toBe(true);
    expect(await page.locator('#period-form').isHidden()).toBe(true);
    expect(await page.locator('#indicators').isVisible()).toBe(true);
    expect(await page.locator('#issues').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('the clean workbook dropped on the page', () => {
  test('no issues, and the hand counts of May through the URL fragment #month=2025-05', async () => {
    const page = await openPage('#month=2025-05');
    const base64 = readFileSync(clean).toString('base64');
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const t = new DataTransfer();
      t.items.add(new File([bytes], 'ひなた町台帳.xlsx'));
      return t;
    }, base64);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
    await page.waitForSelector('#app[data-state="loaded"]');
    expect(await page.locator('#issue-count').textContent()).toBe('問題は見つかりませんでした。');
    expect(await page.locator('#issues').count()).toBe(0);
    expect(await page.locator('#indicators-title').textContent()).toBe('指標 2025年5月（2025-05-01〜2025-05-31）');
    const shown = await figures(page);
    for (const [k, v] of Object.entries(TOWN_EXPECTED['month2025-05'])) expect([k, shown[k]]).toEqual([k, v]);
    expect(shown).toEqual(cliFigures(clean, ['--month', '2025-05']));
    // The fragment's month is the summary's too.
    await page.waitForSelector('#summary-frame[data-month="2025-05"]');
  });
});

describe('the URL fragment sets the period', () => {
  test('#fiscalYear=2025&asOf=2026-01-31, then a change of fragment, each the CLI figures', async () => {
    const page = await openPage('#fiscalYear=2025&asOf=2026-01-31');
    await pick(page, office);
    expect(await page.locator('#indicators-title').textContent()).toBe(
      '指標 令和7年度（2025-04-01〜2026-03-31、2026-01-31時点）',
    );
    expect(await figures(page)).toEqual(cliFigures(office, ['--fiscal-year', '2025', '--as-of', '2026-01-31']));

    // Japanese in the fragment too: 令和7年度 as of 令和7年9月30日 (the mid-year hand counts).
    const fragment = `#fiscalYear=${encodeURIComponent('令和7年度')}&asOf=${encodeURIComponent('令和7年9月30日')}`;
    await page.evaluate((f) => (location.hash = f), fragment);
    await page.waitForFunction(() =>
      document.querySelector('#indicators-title')?.textContent?.includes('2025-09-30時点'),
    );
    const shown = await figures(page);
    for (const [k, v] of Object.entries(TOWN_EXPECTED.fiscalYear2025AsOf)) expect([k, shown[k]]).toEqual([k, v]);
    expect(shown).toEqual(cliFigures(office, ['--fiscal-year', '2025', '--as-of', MID_YEAR]));
  });
});

describe('what is not a registry', () => {
  test('a text file renamed .xlsx is a Japanese message, and nothing is shown', async () => {
    const page = await openPage();
    const bad = join(dir, '壊れた台帳.xlsx');
    writeFileSync(bad, 'これは Excel のファイルではありません');
    await page.setInputFiles('#file', bad);
    await page.waitForSelector('#app[data-state="failed"]');
    expect(await page.locator('#file-status').textContent()).toMatch(
      /^壊れた台帳\.xlsx: XLSX ファイルとして読めません/,
    );
    expect(await page.locator('#step-check').isHidden()).toBe(true);
  });
});

describe('nothing leaves the page', () => {
  test('the Content-Security-Policy forbids any connection: a fetch is refused before it is sent', async () => {
    const page = await openPage('', { probesThePolicy: true });
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    // The page itself has no fetch; this one is the test's, to prove the policy holds.
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      let sent = 'sent';
      try {
        await fetch('data:text/plain,x');
      } catch {
        sent = 'refused';
      }
      await new Promise((r) => setTimeout(r, 0));
      return { sent, violations };
    });
    expect(outcome.sent).toBe('refused');
    expect(outcome.violations).toContain('connect-src');
  });

  test('every request of every page above went to the page’s own file or to data:/blob: URLs', () => {
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((u) => u.split('#')[0] !== PAGE_URL && !/^(data|blob):/.test(u));
    expect(foreign).toEqual([]);
    // A request the policy refused never reaches the log above; the console would say so.
    expect(complaints).toEqual([]);
  });
});
