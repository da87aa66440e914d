// The printable summary in real headless Chromium: it loads without a single request beyond the
// page itself, draws both charts, and prints to A4.
import { chromium, type Browser } from 'playwright-core';
import { buildMonthlySummary } from '../../core/summary';
import { exportSummary } from '../../reports';
import { RegistryBuilder, spread } from '../indicators/builders';

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}, 60000);

afterAll(async () => {
  await browser?.close();
});

test('no external request, two charts, A4 PDF pages', async () => {
  const b = new RegistryBuilder({ municipality: 'かさね町' });
  b.cases(spread(40, '2024-06-01', '2025-05-31'), { domains: ['高齢', '障がい'] });
  b.meetings(spread(6, '2025-04-01', '2025-05-31'), '支援会議');
  const file = await exportSummary(buildMonthlySummary(b.registry, '2025-05', { public: false }), 'html');
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(file.body.toString('utf8'), { waitUntil: 'load' });
  expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
  expect(await page.locator('svg').count()).toBe(2);
  expect(await page.locator('h1').textContent()).toBe('かさね町 重層的支援体制整備事業 月次集計 2025年5月');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  // A4 portrait is 595.28 × 841.89 pt.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
  await page.close();
});
