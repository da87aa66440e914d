// The documentation's screenshots, taken by a script (never by the tests): the built add-on in the
// preview on the fictional かさね町, and the offline report page, in Debian's headless Chromium.
//   npm run screenshots            → every picture under docs/screenshots/ and docs/ja/images/
//   node scripts/screenshots.mjs staff   → only the staff guide's
// Needs `npm run build` first (npm run screenshots does it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'kasane-shots-'));
const IMAGES = join(root, 'docs', 'ja', 'images');
mkdirSync(IMAGES, { recursive: true });

const kasane = (...args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kasane ${args.join(' ')}: ${r.stderr}`);
};
const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** The preview on a sample registry; resolves when it answers. */
async function startPreview(input) {
  const port = await freePort();
  const proc = spawn(process.execPath, [cli, 'preview', '--port', String(port), '--input', input], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ok, fail) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      if (out.includes(`127.0.0.1:${port}`)) ok();
    });
    proc.on('exit', (code) => fail(new Error(`preview exited ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => proc.kill('SIGTERM') };
}

const parts = process.argv.slice(2);
const wanted = (part) => parts.length === 0 || parts.includes(part);

const sampleJson = join(tmp, 'かさね町.json');
const sampleXlsx = join(tmp, 'かさね町.xlsx');
kasane('sample', '--cases', '120', '--seed', '3', '--out', sampleJson);
kasane('sample', '--cases', '120', '--seed', '3', '--out', sampleXlsx);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const preview = await startPreview(sampleJson);
const page = async (width, height) => {
  const p = await browser.newPage({ viewport: { width, height }, locale: 'ja-JP' });
  // Google's add-on stylesheet is outside: fail fast rather than wait.
  await p.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return p;
};
const shot = (p, name, options = {}) => p.screenshot({ path: join(IMAGES, name), ...options });

try {
  if (wanted('staff')) {
    // 「指標を作成」: the dialog, then the sheet it writes.
    const d = await page(420, 560);
    await d.goto(`${preview.base}/dialog/indicators`);
    await d.waitForSelector('#ready[data-ready="true"]');
    await d.fill('#f-fiscalYear', '令和7年度');
    await shot(d, 'staff-indicators-dialog.png');
    await d.click('#write-indicators');
    await d.waitForSelector('#status:not([hidden]):not(:empty)');
    const s = await page(1100, 900);
    await s.goto(`${preview.base}/sheet/indicators`);
    await shot(s, 'staff-indicators-sheet.png');
    // 「月次集計を作成」 (公表用), then the sheet with its chart data.
    await d.goto(`${preview.base}/dialog/summary`);
    await d.waitForSelector('#ready[data-ready="true"]');
    await d.fill('#s-month', 'R7.5');
    await d.check('#audience-public');
    await shot(d, 'staff-summary-dialog.png');
    await d.click('#write-summary');
    await d.waitForSelector('#status:not([hidden]):not(:empty)');
    await s.goto(`${preview.base}/sheet/summary`);
    await shot(s, 'staff-summary-sheet.png');
    // The offline page with an Excel registry dropped on it.
    const o = await page(1100, 900);
    await o.goto(`${pathToFileURL(join(root, 'build', 'kasane-report.html')).href}#fiscalYear=2025`);
    await o.setInputFiles('#file', sampleXlsx);
    await o.waitForSelector('[data-key="cases.new"]');
    await shot(o, 'staff-report-page.png', { fullPage: false });
  }
  if (wanted('coordinator')) {
    const side = async (name) => {
      const p = await page(300, 820);
      await p.goto(`${preview.base}/sidebar/${name}`);
      await p.waitForSelector('#ready[data-ready="true"]');
      return p;
    };
    // 支援を記録する: a case found by part of its id, then the form.
    const a = await side('activity');
    await a.locator('input[type=search], input[name=case], #case-search').first().fill('K-2025');
    await a.locator('li[data-case] button').first().click();
    await shot(a, 'coordinator-activity.png');
    // 会議を記録する: the search, and the chosen cases outside the list.
    const m = await side('meeting');
    await m.locator('input[type=search]').first().fill('K-2025');
    await m.locator('li[data-case] input[type=checkbox]:not([disabled])').first().check();
    await shot(m, 'coordinator-meeting.png', { fullPage: true });
    // 確認予定 for everyone.
    const d = await side('due');
    await shot(d, 'coordinator-due.png');
    // 会議の準備シート: the sidebar.
    const p = await side('prep');
    await shot(p, 'coordinator-prep.png');
    // ケースの経過: a case's story, in the dialog.
    const s = await page(640, 760);
    await s.goto(`${preview.base}/dialog/story`);
    await s.waitForSelector('#ready[data-ready="true"]');
    await s.fill('#case-search', 'K-2025');
    await s.locator('#case-list li[data-case] button, #case-list li[data-case] input').first().click();
    await s.waitForSelector('#story:not([hidden])');
    await shot(s, 'coordinator-story.png');
  }
} finally {
  await browser.close();
  preview.stop();
}
console.log(`screenshots: written under ${IMAGES}`);
