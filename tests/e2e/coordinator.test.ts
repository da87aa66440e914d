// The coordinator's views in real headless Chromium (Debian's), 300 px wide, served by the preview
// and answered by the built Code.js on the emulated spreadsheet holding tests/fixtures/coordinator.ts
// dated from today. External requests (Google's stylesheet) are aborted. No screenshots are written.
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { todayInJapan } from '../../core/dates/calendar';
import { addDays } from '../../core/dates/day-count';
import { coordinatorRegistry } from '../fixtures/coordinator';
import { sheetValues, startPreview, type RunningPreview } from './preview-server';

const T = todayInJapan();
const d = (n: number) => addDays(T, n);
let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview(coordinatorRegistry(T));
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function open(path: string, width = 300): Promise<Page> {
  return openReady(browser, `${preview.base}${path}`, width);
}

const listed = (page: Page, list = '#case-list') =>
  page.locator(`${list} > li[data-case]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-case')));

test('meeting sidebar: a case found by 氏名 and by 担当者; the chosen list, outside the scroll, takes 次回確認日', async () => {
  const page = await open('/sidebar/meeting');
  // Everyone, open and recently active first, 終結 last.
  expect(await listed(page)).toEqual([
    'K-2025-0001',
    'K-2025-0004',
    'K-2025-0005',
    'K-2025-0007',
    'K-2025-0003',
    'K-2025-0002',
    'K-2025-0006',
  ]);
  expect(await page.locator('#match-count').textContent()).toBe('該当 7件');
  const search = page.getByLabel('ケースを検索');
  await search.fill('山田');
  expect(await listed(page)).toEqual(['K-2025-0001']);
  await search.fill('ｽｽﾞｷ');
  expect(await page.locator('#match-count').textContent()).toBe('該当するケースがありません。');
  await search.fill('田中');
  expect(await listed(page)).toEqual(['K-2025-0004', 'K-2025-0002']);
  // The line says what tells two cases apart, 次回確認日 included.
  expect(await page.locator('li[data-case="K-2025-0004"] label').textContent()).toBe(
    `K-2025-0004 伊藤 三郎 支援中 · 担当 田中 · 最終 ${d(-10)} · 次回確認 ${T}`,
  );

  await page.getByLabel('会議種別').selectOption('支援会議');
  await page.getByLabel('開催日').fill(T);
  await page.getByRole('checkbox', { name: '守秘義務確認' }).check();
  // Cases chosen here are none of 確認予定's: the views share one spreadsheet.
  await search.fill('渡辺');
  await page.locator('li[data-case="K-2025-0005"] input[type="checkbox"]').check();
  // Chosen, then the search changes: the chosen case stays below the list.
  await search.fill('小林');
  await page.locator('li[data-case="K-2025-0007"] input[type="checkbox"]').check();
  const chosen = page.locator('#chosen-list > li');
  expect(await chosen.evaluateAll((els) => els.map((e) => e.getAttribute('data-chosen')))).toEqual([
    'K-2025-0005',
    'K-2025-0007',
  ]);
  expect(await page.locator('#chosen-count').textContent()).toBe('選択したケース: 2件');
  // The chosen list is not inside the scrolling one.
  expect(await page.locator('#case-list #chosen-list').count()).toBe(0);
  expect(await page.locator('li[data-chosen="K-2025-0005"] .sub').textContent()).toContain(`次回確認 ${d(5)}`);

  const first = page.locator('li[data-chosen="K-2025-0005"]');
  await first.getByLabel('検討内容').selectOption('プラン評価');
  await first.getByLabel('次回確認日').fill(d(30).replace(/-/g, '/'));
  expect(await first.locator('.hint').textContent()).toContain(`→ ${d(30)}`);
  await page.getByRole('button', { name: '記録する' }).click();
  // 検討内容 is required for every chosen case: the second has none.
  await page.waitForFunction(() => document.getElementById('status')?.className === 'status error');
  expect(await page.locator('[id="err-cases.1.purpose"]').isVisible()).toBe(true);
  await page.locator('li[data-chosen="K-2025-0007"]').getByLabel('検討内容').selectOption('情報共有');
  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForSelector('#saved-id');
  const meetingId = await page.locator('#saved-id').textContent();
  const sheet = await sheetValues(preview, 'meetingCases');
  expect(sheet.filter((r) => r[0] === meetingId)).toEqual([
    [meetingId, 'K-2025-0005', 'プラン評価', d(30)],
    [meetingId, 'K-2025-0007', '情報共有', ''],
  ]);
  await page.close();
});

test('meeting sidebar: a 重層的支援会議 keeps an unconsented case unchoosable, with the reason', async () => {
  const page = await open('/sidebar/meeting');
  await page.getByLabel('会議種別').selectOption('重層的支援会議');
  await page.getByLabel('開催日').fill(T);
  await page.getByLabel('ケースを検索').fill('高橋');
  const refused = page.locator('li[data-case="K-2025-0003"]');
  expect(await refused.locator('input[type="checkbox"]').isDisabled()).toBe(true);
  expect(await refused.locator('.reason').textContent()).toBe(
    '選べません: 本人同意が「未確認」です。同意のないケースは支援会議（社会福祉法第106条の6）で検討できます。',
  );
  await page.close();
});

test('確認予定 lists the hand-picked cases, narrows to one 担当者, links each row and opens a case', async () => {
  const page = await open('/sidebar/due');
  expect(await listed(page, '#due-list')).toEqual([
    'K-2025-0002',
    'K-2025-0001',
    'K-2025-0003',
    'K-2025-0004',
    'K-2025-0007',
  ]);
  expect(await page.locator('#due-count').textContent()).toBe('確認が必要なケース: 5件');
  expect(await page.locator('li[data-case="K-2025-0001"] .reasons').textContent()).toBe(
    `次回確認日 ${d(-3)}（3日超過。${d(-40)} の会議で設定）`,
  );
  expect(await page.locator('li[data-case="K-2025-0002"] .reasons').textContent()).toBe(
    `支援記録が 45日ありません（最後 ${d(-45)}）`,
  );
  const link = page.locator('li[data-case="K-2025-0002"] a.row-link');
  expect(await link.getAttribute('href')).toMatch(
    /^https:\/\/docs\.google\.com\/spreadsheets\/d\/.+\/edit#gid=\d+&range=A3$/,
  );
  expect(await link.getAttribute('target')).toBe('_blank');
  expect(await link.textContent()).toBe('「ケース」3行目');

  // 「設定」's 担当者 in its order (「佐 藤」 typed on 0007 is 佐藤, not a third name).
  expect(await page.locator('#staff option').allTextContents()).toEqual(['全員', '佐藤', '田中']);
  await page.getByLabel('担当者').selectOption('佐藤');
  expect(await listed(page, '#due-list')).toEqual(['K-2025-0001', 'K-2025-0003', 'K-2025-0007']);
  expect(await page.locator('#due-count').textContent()).toBe('佐藤さんの担当で確認が必要なケース: 3件');

  // 「開く」: the intake sidebar takes the sidebar's place with the case loaded for editing.
  await page.locator('li[data-case="K-2025-0003"]').getByRole('button', { name: '開く' }).click();
  await page.waitForFunction(() => document.getElementById('mode')?.textContent === '編集中: K-2025-0003');
  expect(await page.getByLabel('本人同意').inputValue()).toBe('未確認');
  await page.close();
});

test('ケースの経過: a case chosen by name, its events in order, 取扱注意 on screen and in print', async () => {
  const page = await open('/dialog/story', 760);
  await page.getByLabel('ケースを検索').fill('中村');
  await page.locator('li[data-case="K-2025-0006"] button').click();
  await page.waitForSelector('#story:not([hidden])');
  expect(await page.locator('#story-title').textContent()).toBe('ケースの経過: K-2025-0006 中村 五郎');
  expect(
    await page.locator('#story-events tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))),
  ).toEqual(['received', 'consent', 'revoked', 'contact', 'closed']);
  expect(await page.locator('#story-events tr:last-child td.kind').textContent()).toBe('終結');
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.caution').isVisible()).toBe(true);
  expect(await page.locator('.caution').textContent()).toBe('取扱注意（個人情報）');
  expect(await page.locator('#print').isVisible()).toBe(false);
  await page.close();
});

test('会議の準備シート: refused for a 重層的支援会議 with the reason; written for a 支援会議', async () => {
  const page = await open('/sidebar/prep');
  await page.getByLabel('会議種別').selectOption('重層的支援会議');
  await page.getByLabel('開催予定日').fill(d(7));
  await page.getByLabel('ケースを検索').fill('高橋');
  expect(await page.locator('li[data-case="K-2025-0003"] input[type="checkbox"]').isDisabled()).toBe(true);
  await page.getByLabel('会議種別').selectOption('支援会議');
  await page.locator('li[data-case="K-2025-0003"] input[type="checkbox"]').check();
  // Back to 重層的支援会議: the chosen case says why it cannot stay, and Apps Script refuses it.
  await page.getByLabel('会議種別').selectOption('重層的支援会議');
  expect(await page.locator('li[data-chosen="K-2025-0003"] .reason').textContent()).toContain(
    '本人同意が「未確認」です',
  );
  await page.getByRole('button', { name: '準備シートを作成' }).click();
  await page.waitForFunction(() => document.getElementById('status')?.className === 'status error');
  expect(await page.locator('[id="err-cases.0.caseId"]').textContent()).toContain(
    '「K-2025-0003」は開催日に本人同意がありません（本人同意が「未確認」です）。',
  );
  expect((await fetch(`${preview.base}/sheet/prep.json`)).status).toBe(404);

  await page.getByLabel('会議種別').selectOption('支援会議');
  await page.getByRole('button', { name: '準備シートを作成' }).click();
  await page.waitForFunction(() => document.getElementById('status')?.className === 'status ok');
  const sheet = await sheetValues(preview, 'prep');
  expect(sheet[0]![0]).toBe('取扱注意');
  expect(sheet.filter((r) => r[0]!.startsWith('■ ')).map((r) => r[0])).toEqual(['■ K-2025-0003']);
  await page.close();
});
