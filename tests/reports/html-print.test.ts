// The printable summary in real headless Chromium: it loads without a single request beyond the
// page itself, draws both charts, and prints to A4 pages that each carry the title, 基準日, 作成日
// and their page number, with nothing cut off and no page left nearly empty (read back from the PDF).
import { type Browser } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { buildMonthlySummary, type MonthlySummary } from '../../core/summary';
import { exportSummary } from '../../reports';
import { RegistryBuilder, spread } from '../core/indicators/builders';
import { pdfPages } from './pdf-text';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
});

function town(municipality = 'かさね町'): RegistryBuilder {
  const b = new RegistryBuilder({ municipality });
  b.cases(spread(40, '2024-06-01', '2025-05-31'), { domains: ['高齢', '障がい'] });
  b.meetings(spread(6, '2025-04-01', '2025-05-31'), '支援会議');
  return b;
}

interface Printed {
  requests: string[];
  svgs: number;
  h1: string | null;
  /** Per page: how far its content reaches below the top of the page's body, and the body's height (mm). */
  fill: Array<{ bottom: number; height: number }>;
  pdf: Buffer;
}

async function print(s: MonthlySummary): Promise<Printed> {
  const file = await exportSummary(s, 'html');
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent(file.body.toString('utf8'), { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const fill = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.page .body')).map((body) => {
      const box = body.getBoundingClientRect();
      const bottom = Math.max(...Array.from(body.children).map((c) => c.getBoundingClientRect().bottom));
      const mm = (px: number) => Math.round(((px * 25.4) / 96) * 10) / 10;
      return { bottom: mm(bottom - box.top), height: mm(box.height) };
    }),
  );
  const printed: Printed = {
    requests: requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')),
    svgs: await page.locator('svg').count(),
    h1: await page.locator('h1').textContent(),
    fill,
    pdf: await page.pdf({ preferCSSPageSize: true }),
  };
  await page.close();
  return printed;
}

/** Every page: the running head first, the running foot last, and more than a few lines between. */
function expectPagesLabelled(pages: string[][], head: string, mode: string): void {
  pages.forEach((lines, i) => {
    expect([i, lines[0]]).toEqual([i, head]);
    expect([i, lines[lines.length - 1]]).toEqual([i, `${mode}${i + 1} / ${pages.length} ページ`]);
    // Not a page holding only its head and foot, or a couple of lines.
    expect([i, lines.length - 2 >= 12]).toEqual([i, true]);
  });
}

test('no external request, two charts, A4 PDF pages', async () => {
  const p = await print(buildMonthlySummary(town().registry, '2025-05', { public: false, createdOn: '2025-06-03' }));
  expect(p.requests).toEqual([]);
  expect(p.svgs).toBe(2);
  expect(p.h1).toBe('かさね町 重層的支援体制整備事業 月次集計 2025年5月');
  // A4 portrait is 595.28 × 841.89 pt.
  const boxes = [...p.pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
});

test('internal: four pages, each with the title, 基準日, 作成日 and its number; tables, notes, charts', async () => {
  const p = await print(buildMonthlySummary(town().registry, '2025-05', { public: false, createdOn: '2025-06-03' }));
  const pages = pdfPages(p.pdf);
  // The layout is the same for every registry (every row is shown, zero included): 新規相談 fills
  // page 1 and goes on on page 2 with 支援状況 and 会議; page 3 has the rest of 会議, アウトリーチ・
  // 参加支援, 寄付 and the notes; the charts have page 4 to themselves.
  expect(pages).toHaveLength(4);
  expectPagesLabelled(
    pages,
    'かさね町 重層的支援体制整備事業 月次集計 2025年5月基準日 令和7年5月31日 作成日 令和7年6月3日',
    '内部用(秘匿処理なし。外部に公表しないでください)',
  );
  expect(pages[0]!.slice(1, 4)).toEqual([
    'かさね町 重層的支援体制整備事業 月次集計 2025年5月',
    '内部用(秘匿処理なし。外部に公表しないでください)',
    '新規相談',
  ]);
  // The column header: two-line labels broken before their bracket, the one-line ones in the middle.
  expect(pages[0]!.slice(4, 7)).toEqual(['前年同月令和7年度累計', '指標2025年5月', '(2024年5月)(5月末まで)']);
  // May 2025: 40 cases spread over June 2024 … May 2025 put 4 in May, 3 in May 2024? No: the spread
  // starts in June 2024, so a year earlier is 0; April–May 2025 hold 7.
  expect(pages[0]).toContain('新規相談件数407');
  expect(pages[0]).toContain('新規相談件数(年代別)');
  expect(pages[0]).toContain('未記入407');
  expect(pages[1]![1]).toBe('新規相談(続き)');
  expect(pages[1]).toContain('支援状況');
  expect(pages[2]).toContain('寄付');
  expect(pages[2]!.some((l) => l.startsWith('「未記入」は、年代・性別・課題・終結理由の欄が空欄の件数です。'))).toBe(
    true,
  );
  expect(pages[3]![1]).toBe('グラフ');
  expect(pages[3]).toContain('新規相談件数(分野別・直近12か月)');
  expect(pages[3]).toContain('6月7月8月9月10月11月12月1月2月3月4月5月');
  expect(pages[3]).toContain('2024年2025年');
  // Nothing runs past the bottom of a page's body.
  for (const f of p.fill) expect(f.bottom).toBeLessThanOrEqual(f.height);
});

test('public, with a long name, a warning and left-out rows: still labelled, nothing cut off, nothing nearly empty', async () => {
  const b = town('かさね町地域共生推進課（重層的支援体制整備事業担当）');
  const faults = { cases: [new Set(['area'])] };
  delete b.registry.cases[0]!.area;
  const warnings = [
    '「寄付」シートがないため、このシートの行は0件として集計しています。テンプレートと同じ名前のシートを作ってください。',
    '「支援記録」シートがないため、このシートの行は0件として集計しています。テンプレートと同じ名前のシートを作ってください。',
  ];
  const s = buildMonthlySummary(b.registry, '2025-05', {
    public: true,
    createdOn: '2025-06-03',
    read: { faults, warnings },
  });
  const p = await print(s);
  const pages = pdfPages(p.pdf);
  if (process.env.KASANE_PRINT_DEBUG) console.log(pages.map((l) => l.join('\n')).join('\n-----\n'));
  expect(pages.length).toBeGreaterThanOrEqual(4);
  for (const lines of pages) expect(lines[0]!.endsWith('基準日 令和7年5月31日 作成日 令和7年6月3日')).toBe(true);
  expectPagesLabelled(pages, pages[0]![0]!, '公表用(秘匿しきい値 5)');
  // The title wraps on page 1 (two lines of the heading) and the warnings follow it.
  const unspaced = (t: string) => t.normalize('NFKC').replace(/ /g, '');
  expect(unspaced(pages[0]!.slice(1, 3).join(''))).toBe(unspaced(s.title));
  expect(pages[0]!.some((l) => l.startsWith('注意: 「寄付」シートがないため'))).toBe(true);
  for (const f of p.fill) expect(f.bottom).toBeLessThanOrEqual(f.height);
  // No English keys and no internal notes anywhere in the printed public summary.
  const all = pages.flat().join('\n');
  expect(all).not.toMatch(/cases\.|kasane|除外した行/);
});
