// What a clerk stumbled on in the add-on's sidebars and the 指標 dialog, in headless Chromium on the
// preview: a memo longer than the payload takes, the 本人同意 choices, a date with the wrong weekday,
// an empty 年度 and a 基準日 after the 年度's end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { startPreview, TOWN, type RunningPreview } from './preview-server';

jest.setTimeout(120_000);

/** Screenshots for a person to look at; never into the checkout. */
const SHOTS = mkdtempSync(join(tmpdir(), 'kasane-sidebars-clerk-'));
let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview(TOWN);
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function dataRows(sheet: string): Promise<number> {
  const html = await (await fetch(`${preview.base}/sheet/${sheet}`)).text();
  return Number(/data-rows="(\d+)"/.exec(html)?.[1] ?? NaN);
}

/** Puts text in a field as a loaded cell or a script would: past the field's maxlength. */
async function setLong(page: Page, selector: string, length: number): Promise<void> {
  await page.locator(selector).evaluate((el, n) => {
    (el as HTMLTextAreaElement).value = 'あ'.repeat(n);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, length);
}

test('a memo over 4,000 characters: the field stops at 4,000, and text over it is refused next to the field and kept', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  expect(await page.locator('#f-note').getAttribute('maxlength')).toBe('4000');
  // Pasted or typed: the field takes 4,000 and says it is full.
  await page.locator('#f-note').fill('い'.repeat(4100));
  expect((await page.locator('#f-note').inputValue()).length).toBe(4000);
  expect(await page.locator('#count-note').textContent()).toBe(
    '4,000 / 4,000文字（上限です。続きは別の記録に書いてください）',
  );

  const before = await dataRows('cases');
  await page.getByLabel('受付日').fill('令和7年6月2日');
  await page.getByLabel('受付方法').selectOption('電話');
  await page.getByLabel('相談経路').selectOption('家族・親族');
  await page.getByLabel('受付窓口').selectOption('こども家庭センター');
  await page.getByRole('checkbox', { name: 'こども' }).check();
  await page.getByLabel('支援状況').selectOption('受付');
  await setLong(page, '#f-note', 4321);
  await page.getByRole('button', { name: '保存' }).click();
  expect(await page.locator('#err-note').textContent()).toBe(
    '4,000文字までです（いま 4,321文字）。321文字減らすか、続きを別の記録に書いてください。',
  );
  expect(await page.locator('#status').textContent()).toContain('保存していません');
  expect((await page.locator('#f-note').inputValue()).length).toBe(4321);
  expect(await dataRows('cases')).toBe(before);
  await page.locator('#field-note').screenshot({ path: join(SHOTS, 'intake-note-too-long.png') });
  await page.close();
});

test('議事メモ over 4,000 characters is refused next to the field before anything is sent', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/meeting`);
  expect(await page.locator('#f-minutes').getAttribute('maxlength')).toBe('4000');
  await page.getByLabel('会議種別').selectOption('支援会議');
  await page.getByLabel('開催日').fill('2025-06-10');
  await setLong(page, '#f-minutes', 5000);
  await page.getByRole('button', { name: '記録する' }).click();
  expect(await page.locator('#err-minutes').textContent()).toBe(
    '4,000文字までです（いま 5,000文字）。1,000文字減らすか、続きを別の記録に書いてください。',
  );
  expect((await page.locator('#f-minutes').inputValue()).length).toBe(5000);
  expect(await dataRows('meetings')).toBe(0);
  await page.close();
});

test('本人同意 lists 未確認 once, chosen at first, and the help says the same', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  const consent = page.getByLabel('本人同意');
  expect(await consent.locator('option').allTextContents()).toEqual(['未確認', '同意あり', '同意なし', '撤回']);
  expect(await consent.inputValue()).toBe('未確認');
  expect(await page.locator('#help-consent').textContent()).toBe('確かめていなければ「未確認」のままにしてください。');
  await consent.selectOption('同意あり');
  await page.getByRole('button', { name: 'クリア' }).click();
  expect(await consent.inputValue()).toBe('未確認');
  await page.locator('#field-consent').screenshot({ path: join(SHOTS, 'intake-consent.png') });
  await page.close();
});

test('開催日 with the wrong weekday: the hint says what the error says', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await page.getByLabel('開催日').fill('令和7年5月20日（水）');
  expect(await page.locator('#hint-heldOn').textContent()).toBe(
    '→ 曜日が日付と合いません。2025-05-20（令和7年5月20日）は火曜日です',
  );
  await page.locator('#field-heldOn').screenshot({ path: join(SHOTS, 'meeting-weekday.png') });
  await page.getByLabel('開催日').fill('令和7年5月20日（火）');
  expect(await page.locator('#hint-heldOn').textContent()).toBe('→ 2025-05-20（令和7年5月20日）');
  await page.close();
});

test('指標: an empty 年度 asks for it; the 基準日 offered is never after the 年度’s end, and one typed later says so', async () => {
  const page = await openReady(browser, `${preview.base}/dialog/indicators`, 460, 700);
  const asOf = page.locator('#f-asOf');
  const hint = page.locator('#hint-asOf');
  // 令和6年度 ended on 2025-03-31: its last day is offered instead of today.
  await page.locator('#f-fiscalYear').fill('令和6年度');
  expect(await asOf.inputValue()).toBe('2025-03-31');
  expect(await hint.textContent()).toBe('→ 2025-03-31（令和7年3月31日）まで数えます');
  // A year not begun yet: no 基準日 (the whole year).
  await page.locator('#f-fiscalYear').fill('令和20年度');
  expect(await asOf.inputValue()).toBe('');
  // A 基準日 typed by the clerk stays, and the hint tells where the count stops.
  await page.locator('#f-fiscalYear').fill('令和7年度');
  await asOf.fill('2026-11-30');
  expect(await hint.textContent()).toBe('→ 基準日が年度の末日より後のため、年度末（2026-03-31）まで数えます');
  await page.locator('#f-fiscalYear').fill('令和6年度');
  expect(await asOf.inputValue()).toBe('2026-11-30');
  expect(await hint.textContent()).toBe('→ 基準日が年度の末日より後のため、年度末（2025-03-31）まで数えます');
  await page.screenshot({ path: join(SHOTS, 'indicators-as-of-after-end.png'), fullPage: true });

  await page.locator('#f-fiscalYear').fill('');
  await page.getByRole('button', { name: '指標を作成' }).click();
  await page.waitForSelector('#err-fiscalYear:not([hidden])');
  expect(await page.locator('#err-fiscalYear').textContent()).toBe(
    '年度を入力してください（例: 2025、2025年度、令和7年度、R7）。',
  );
  await page.close();
});

test('a 受付日 after today (a year typed wrong) is refused next to the field, nothing saved', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  const before = await dataRows('cases');
  await page.getByLabel('受付日').fill('2099-06-02');
  await page.getByLabel('エリア').selectOption({ index: 1 });
  await page.getByLabel('相談経路').selectOption('家族・親族');
  await page.getByLabel('受付窓口').selectOption('こども家庭センター');
  await page.getByRole('checkbox', { name: 'こども' }).check();
  await page.getByLabel('支援状況').selectOption('受付');
  await page.getByRole('button', { name: '保存' }).click();
  expect(await page.locator('#err-receivedOn').textContent()).toMatch(
    /^受付日が今日（\d{4}-\d{2}-\d{2}）より後です。年や月を確かめてください。$/,
  );
  expect(await page.locator('#status').textContent()).toContain('保存していません');
  expect(await dataRows('cases')).toBe(before);
  await page.locator('#field-receivedOn').screenshot({ path: join(SHOTS, 'intake-received-in-future.png') });
  await page.close();
});
