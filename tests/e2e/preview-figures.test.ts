// The preview as the whole add-on without Google: the かさね menu on the index page, the figures
// dialog, and every sheet as JSON — first over HTTP, then the dialog in headless Chromium (Debian's).
// ひなた町 (tests/fixtures/town.ts) is loaded, so the figures are the ones counted by hand there.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser';
import { previewApp } from '../../addon/preview/app';
import { OPENS } from '../../addon/preview/tables';
import { previewEnvironment, readBuiltAddon } from '../../addon/preview/workbook';
import { fromInterchange } from '../../core/registry/interchange';
import { todayInJapan } from '../../core/dates/calendar';
import { fiscalYearLabel, fiscalYearOf } from '../../core/dates/fiscal';
import { TOWN, TOWN_EXPECTED } from '../fixtures/town';
import { ADDON_DIR, startPreview, type RunningPreview } from './preview-server';

const read = fromInterchange(JSON.parse(JSON.stringify(TOWN)));
if (!read.ok) throw new Error(read.message);
const RAW = read.raw;
const addon = readBuiltAddon(ADDON_DIR);

interface SheetJson {
  name: string;
  values: string[][];
  charts: Array<{ type: string; title: string }>;
}

/** Key → 値 as the public contract check reads /sheet/indicators.json: the row holding キー and 値. */
function figures(doc: SheetJson): Record<string, string> {
  const h = doc.values.findIndex((r) => r.includes('キー') && r.includes('値'));
  expect(h).toBeGreaterThan(0);
  const key = doc.values[h]!.indexOf('キー');
  const value = doc.values[h]!.indexOf('値');
  return Object.fromEntries(
    doc.values
      .slice(h + 1)
      .filter((r) => r[key] !== '')
      .map((r) => [r[key]!, r[value]!]),
  );
}

const handCounted = Object.fromEntries(Object.entries(TOWN_EXPECTED.fiscalYear2025).map(([k, v]) => [k, String(v)]));

describe('over HTTP', () => {
  const env = previewEnvironment(addon, RAW);
  const app = previewApp(env, addon.files);

  test('the index page is the かさね menu: dialogs and sidebars are links, the other items run', async () => {
    const r = await request(app).get('/').expect(200);
    for (const caption of [
      '台帳を初期設定',
      '相談を受け付ける',
      '会議を記録する',
      '台帳を検証する',
      '指標を作成',
      '月次集計を作成',
      'サーバーへ同期',
      '同期の設定',
    ])
      expect(r.text).toContain(`>${caption}</`);
    expect(r.text).toContain('<a href="/dialog/indicators" data-function="showIndicatorsDialog">指標を作成</a>');
    expect(r.text).toContain('<a href="/dialog/summary" data-function="showSummaryDialog">月次集計を作成</a>');
    expect(r.text).toContain('<a href="/sidebar/intake" data-function="showIntakeSidebar">相談を受け付ける</a>');
    expect(r.text).toContain('<button type="button" data-run="validateWorkbook">台帳を検証する</button>');
  });

  test('what each menu item opens is what the preview serves for it', () => {
    // Every item, run in an environment of its own: the ones that show HTML are exactly OPENS.
    const menu = env.ui.menus[0]!.entries.flatMap((e) => ('functionName' in e ? [e.functionName] : []));
    const opened: Record<string, { kind: string; name: string | undefined }> = {};
    for (const fn of menu) {
      const e = previewEnvironment(addon);
      e.run(fn);
      const shown = e.ui.shown[0];
      if (!shown) continue;
      // A sidebar is its file; a dialog is its file too, except the figures dialog, which opens on the
      // form its data-mode names.
      opened[fn] =
        shown.kind === 'sidebar'
          ? { kind: 'sidebar', name: shown.file ?? undefined }
          : { kind: 'dialog', name: /data-mode="(\w+)"/.exec(shown.content)?.[1] ?? shown.file ?? undefined };
    }
    expect(opened).toEqual(OPENS);
  });

  test('a menu item runs on the emulated spreadsheet and answers what the person would see', async () => {
    const r = await request(app).post('/menu/validateWorkbook').send({}).expect(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.toasts.map((t: { message: string }) => t.message)).toEqual([
      '検証しました: 問題は見つかりませんでした。',
    ]);
    expect((await request(app).post('/menu/showIndicatorsDialog').send({}).expect(200)).body).toEqual({
      ok: true,
      open: '/dialog/indicators',
    });
    await request(app).post('/menu/writeIndicatorsSheet').send({}).expect(404);
    // 同期の設定 asks for a URL, which the preview cannot answer: the question and the outcome are said.
    const sync = (await request(app).post('/menu/configureServerSync').send({}).expect(200)).body;
    expect(sync.prompts.map((p: { title: string }) => p.title)).toEqual(['同期の設定（1/2）']);
    expect(sync.value).toMatchObject({ ok: false, message: '同期の設定を取り消しました。' });
  });

  test('dialogs are served as the menu item shows them, with the google.script.run shim', async () => {
    const indicators = await request(app).get('/dialog/indicators').expect(200);
    expect(indicators.text).toContain('window.google = { script: { run: runner(null, null)');
    expect(indicators.text).toContain('data-mode="indicators"');
    const summary = await request(app).get('/dialog/summary').expect(200);
    expect(summary.text).toContain('data-mode="summary"');
    await request(app).get('/dialog/other').expect(404);
  });

  test('POST /run/writeIndicatorsSheet, then /sheet/indicators.json: the hand-counted figures', async () => {
    await request(app).get('/sheet/indicators.json').expect(404);
    const r = await request(app)
      .post('/run/writeIndicatorsSheet')
      .send({ args: [{ fiscalYear: 2025 }] })
      .expect(200);
    expect(r.body).toMatchObject({ ok: true, value: { ok: true, sheet: '指標' } });
    const doc = (await request(app).get('/sheet/indicators.json').expect(200)).body as SheetJson;
    expect(doc.name).toBe('指標');
    expect(doc.charts).toEqual([]);
    const got = figures(doc);
    expect(Object.keys(got)).toHaveLength(r.body.value.rows);
    for (const [k, v] of Object.entries(handCounted)) expect([k, got[k]]).toEqual([k, v]);
    const page = await request(app).get('/sheet/indicators').expect(200);
    expect(page.text).toContain('<b>作成日時</b>');
    expect(page.text).toContain('<th>キー</th>');
  });

  test('/sheet/summary.json: the table and the chart with its title', async () => {
    await request(app)
      .post('/run/writeMonthlySummarySheet')
      .send({ args: [{ month: '2025-05', public: true }] })
      .expect(200);
    const doc = (await request(app).get('/sheet/summary.json').expect(200)).body as SheetJson;
    expect(doc.name).toBe('月次集計');
    expect(doc.charts).toEqual([
      { type: 'COLUMN', title: '新規相談件数（分野別・直近12か月） 2024年6月〜2025年5月（公表用）' },
    ]);
    expect(doc.values.find((r) => r[1] === '新規相談件数')!.slice(2, 5)).toEqual(['*', '*', '*']);
    await request(app).get('/sheet/nothing.json').expect(404);
  });
});

describe('in Chromium', () => {
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    preview = await startPreview(RAW);
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 460, height: 560 }, locale: 'ja-JP' });
    // Google's stylesheet is not reachable here: fail it fast.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(`${preview.base}${path}`);
    return page;
  }

  const sheet = async (key: string): Promise<SheetJson> =>
    (await (await fetch(`${preview.base}/sheet/${key}.json`)).json()) as SheetJson;

  test('the menu link opens the dialog; its defaults are this fiscal year and today', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: '指標を作成' }).click();
    await page.waitForURL(/\/dialog\/indicators$/);
    await page.waitForSelector('#ready[data-ready="true"]');
    const today = todayInJapan();
    expect(await page.locator('#f-fiscalYear').inputValue()).toBe(fiscalYearLabel(fiscalYearOf(today)));
    expect(await page.locator('#f-asOf').inputValue()).toBe(today);
    expect(await page.locator('#summary-form').isHidden()).toBe(true);
    await page.close();
  });

  test('指標を作成: 令和7年度 writes the 指標 sheet with the hand-counted figures', async () => {
    const page = await open('/dialog/indicators');
    await page.waitForSelector('#ready[data-ready="true"]');
    await page.locator('#f-fiscalYear').fill('令和7年度');
    expect(await page.locator('#hint-fiscalYear').textContent()).toBe('→ 令和7年度（2025-04-01〜2026-03-31）');
    await page.locator('#f-asOf').fill('');
    await page.getByRole('button', { name: '指標を作成' }).click();
    await page.waitForSelector('#status.ok');
    expect(await page.locator('#status').textContent()).toMatch(/^「指標」シートに \d+ 行の指標を書きました。$/);
    const got = figures(await sheet('indicators'));
    for (const [k, v] of Object.entries(handCounted)) expect([k, got[k]]).toEqual([k, v]);
    await page.close();
  });

  test('a month the dialog cannot read: the reason next to the field, and the sheet stays as it was', async () => {
    const page = await open('/dialog/indicators');
    await page.waitForSelector('#ready[data-ready="true"]');
    const before = await sheet('indicators');
    await page.getByRole('radio', { name: '月' }).check();
    await page.locator('#f-month').fill('13月');
    expect(await page.locator('#hint-month').textContent()).toBe('→ 読めません（作成を押すと理由を示します）');
    await page.getByRole('button', { name: '指標を作成' }).click();
    await page.waitForSelector('#err-month:not([hidden])');
    expect(await page.locator('#err-month').textContent()).toBe(
      '月「13月」を読めません。2025-05、2025/5、2025年5月、令和7年5月、R7.5 のように年と月を書いてください。',
    );
    expect(await page.locator('#status.error').isVisible()).toBe(true);
    expect(await page.locator('#f-month').getAttribute('aria-invalid')).toBe('true');
    expect(await sheet('indicators')).toEqual(before);
    await page.close();
  });

  test('月次集計を作成: the sheet and its chart; the public CSV downloads with a BOM and CRLF', async () => {
    const page = await open('/dialog/summary');
    await page.waitForSelector('#ready[data-ready="true"]');
    expect(await page.locator('#indicators-form').isHidden()).toBe(true);
    await page.locator('#s-month').fill('令和7年5月');
    await page.getByRole('radio', { name: '公表用' }).check();
    await page.getByRole('button', { name: '月次集計を作成' }).click();
    await page.waitForSelector('#status.ok');
    const doc = await sheet('summary');
    expect(doc.charts.map((c) => c.type)).toEqual(['COLUMN']);
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSVをダウンロード' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('月次集計_2025-05_公表用.csv');
    // Playwright keeps the file in its own temporary folder, removed with the browser.
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('ひなた町 重層的支援体制整備事業 月次集計 2025年5月（公表用）');
    expect(text).not.toMatch(/[^\r]\n/);
    await page.waitForSelector('#status.ok >> text=月次集計_2025-05_公表用.csv');
    await page.close();
  });

  // A renamed ケース tab leaves every case figure at 0: the dialog says so, not a plain 「書きました」.
  test('指標を作成 with the ケース tab renamed: the dialog shows the 注意, in its warning colour', async () => {
    const tab = preview.env.spreadsheet.sheetForHost('ケース')!;
    tab.setName('ケース（R7）');
    try {
      const page = await open('/dialog/indicators');
      await page.waitForSelector('#ready[data-ready="true"]');
      await page.locator('#f-fiscalYear').fill('令和7年度');
      await page.getByRole('button', { name: '指標を作成' }).click();
      await page.waitForSelector('#status.warn');
      const said = await page.locator('#status').textContent();
      expect(said).toMatch(/^「指標」シートに \d+ 行の指標を書きました。ただし注意があります: /);
      expect(said).toContain('「ケース」シート');
      expect(figures(await sheet('indicators'))['cases.new']).toBe('0');
      await page.close();
    } finally {
      tab.setName('ケース');
    }
  });

  test('a menu item that runs: 台帳を検証する answers on the index page', async () => {
    const page = await open('/');
    await page.getByRole('button', { name: '台帳を検証する' }).click();
    await page.waitForSelector('#result >> text=検証しました');
    await page.close();
  });
});
