// What a clerk's day in the sidebars turned up (browser8), in real headless Chromium (Debian's) on
// the preview: a form held still while its save is in flight, a lost answer said as such (the save
// may have happened) with the form kept and a second press refused as the same record, the focus
// on the first red field and after 外す, 外す beside a long name at 300 px, and a day typed without
// its year. Each save is held at the network (page.route) until the test lets it go, so the test
// waits on events and never on time. Screenshots go to a temporary directory, for a person to look at.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, type Route } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { sheetValues, startPreview, type RunningPreview } from './preview-server';
import type { RawRegistry } from '../../core/registry/records';
import { todayInJapan } from '../../core/dates/calendar';
import { toWareki } from '../../core/dates/era';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';

jest.setTimeout(120_000);

const SHOTS = mkdtempSync(join(tmpdir(), 'kasane-sidebars-saving-'));
const LONG_NAME =
  '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処やぶら小路の藪柑子パイポパイポパイポのシューリンガンシューリンガンのグーリンダイ';

/** K-2025-0001 山田太郎 (consent), K-2025-0002 (none), K-2025-0003 with an 84-character name. */
const REGISTRY: RawRegistry = {
  settings: { municipality: 'かさね町', staff: ['佐藤'] },
  sheets: {
    cases: [
      { ...CONSENTED_CASE, name: '山田太郎' },
      { ...UNCONSENTED_CASE },
      { ...CONSENTED_CASE, caseId: 'K-2025-0003', name: LONG_NAME },
    ],
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

const rows = async (sheet: string): Promise<string[][]> => (await sheetValues(preview, sheet)).slice(1);

/**
 * The next google.script.run call of `fn`, held at the network until the test lets it go. (In an
 * object: an async function's promise of a promise would wait for the call itself.)
 */
async function holdNext(page: Page, fn: string): Promise<{ arrived: Promise<Route> }> {
  let arrive!: (r: Route) => void;
  const arrived = new Promise<Route>((ok) => (arrive = ok));
  await page.route(`**/run/${fn}`, (route) => arrive(route), { times: 1 });
  return { arrived };
}

/** The answer is lost after Apps Script has written the record (a dropped connection, a timeout). */
async function loseAnswer(route: Route): Promise<void> {
  await route.fetch();
  await route.abort('connectionreset');
}

/** The ids (or names) of the controls of a form that can still be used. */
function usable(page: Page, form: string): Promise<string[]> {
  return page.locator(form).evaluate((f) =>
    Array.from((f as HTMLFormElement).elements)
      .filter((e) => !(e as HTMLInputElement).disabled)
      .map((e) => e.id || (e as HTMLInputElement).name || e.tagName),
  );
}

/** The save is over: the form is no longer held. */
const settled = (page: Page, form: string) => page.waitForSelector(`${form}:not([aria-busy])`);

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function fillNewCase(page: Page, name: string): Promise<void> {
  await page.getByLabel('受付日').fill('令和7年6月2日');
  await page.getByLabel('相談経路').selectOption('家族・親族');
  await page.getByLabel('受付窓口').selectOption('地域包括支援センター');
  await page.getByRole('checkbox', { name: '高齢', exact: true }).check();
  await page.getByLabel('エリア').selectOption('東');
  await page.getByLabel('支援状況').selectOption('受付');
  await page.getByLabel('氏名').fill(name);
}

const LOST_CASE =
  '通信が途切れたため、保存できたかどうか分かりません。入力した内容はそのまま残しています。' +
  'もう一度「保存」を押しても、同じ内容が二重に保存されることはありません（保存済みなら、そのケースが「似ているケース」として表示されます）。';

test('intake: while 保存 runs every field is disabled; a lost answer keeps the form and says it may be saved; a second press finds the case', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  const before = await rows('cases');
  await fillNewCase(page, '遅い 三郎');
  const held = await holdNext(page, 'submitIntake');
  await page.getByRole('button', { name: '保存' }).click();
  const route = await held.arrived;
  // Nothing can be typed or pressed while the save is on its way: not 氏名, not クリア, not 読み込む.
  expect(await usable(page, '#case-form')).toEqual([]);
  expect(await usable(page, '#load-form')).toEqual([]);
  expect(await page.locator('#f-name').isEditable()).toBe(false);
  await page.locator('#case-form').screenshot({ path: join(SHOTS, 'intake-saving.png') });

  await loseAnswer(route);
  await settled(page, '#case-form');
  expect(await page.locator('#status').textContent()).toBe(LOST_CASE);
  expect(await usable(page, '#case-form')).toContain('f-name');
  expect(await page.locator('#f-name').inputValue()).toBe('遅い 三郎');
  expect(await page.getByLabel('相談経路').inputValue()).toBe('家族・親族');
  expect(await rows('cases')).toHaveLength(before.length + 1); // it was written after all

  // Pressed again as the message says: the case just written is shown, and nothing is written twice.
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#duplicates:not([hidden])');
  expect(await page.locator('#duplicates li[data-case="K-2025-0004"]').count()).toBe(1);
  expect(await rows('cases')).toHaveLength(before.length + 1);
  await page.close();
});

test('intake: a save that succeeds empties the form as before; a lost answer without 氏名・連絡先・住所 asks to look at the sheet', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  await fillNewCase(page, '');
  let held = await holdNext(page, 'submitIntake');
  await page.getByRole('button', { name: '保存' }).click();
  await loseAnswer(await held.arrived);
  await settled(page, '#case-form');
  expect(await page.locator('#status').textContent()).toBe(
    '通信が途切れたため、保存できたかどうか分かりません。入力した内容はそのまま残しています。' +
      '氏名・連絡先・住所が空欄のため、二重になっていないか分かりません。「ケース」シートの最後の行を確かめて、なければもう一度「保存」を押してください。',
  );
  expect(await page.getByLabel('支援状況').inputValue()).toBe('受付');

  await page.getByLabel('氏名').fill('早い 四郎');
  held = await holdNext(page, 'submitIntake');
  await page.getByRole('button', { name: '保存' }).click();
  await (await held.arrived).continue();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#f-name').inputValue()).toBe('');
  expect(await page.getByLabel('支援状況').inputValue()).toBe('');
  expect(await usable(page, '#case-form')).toContain('f-name');
  await page.close();
});

async function chooseCase(page: Page, caseId: string): Promise<void> {
  await page.locator('#case-search').fill(caseId);
  await page.locator(`#pick-${caseId}`).check();
  await page.locator('#case-search').fill('');
}

test('meeting: every field waits with 記録する; a lost answer says so in Japanese, and the second press is refused as the same meeting', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await page.getByLabel('会議種別').selectOption('支援会議');
  await page.getByLabel('開催日').fill('2025-06-10');
  await page.getByLabel(/守秘義務/).check();
  await chooseCase(page, 'K-2025-0001');
  await page.locator('#purpose-K-2025-0001').selectOption({ index: 1 });
  const held = await holdNext(page, 'submitMeeting');
  await page.getByRole('button', { name: '記録する' }).click();
  const route = await held.arrived;
  expect(await usable(page, '#meeting-form')).toEqual([]);
  await loseAnswer(route);
  await settled(page, '#meeting-form');
  const status = await page.locator('#status').textContent();
  expect(status).toBe(
    '通信が途切れたため、記録できたかどうか分かりません。入力した内容はそのまま残しています。' +
      'もう一度「記録する」を押しても、同じ内容が二重に記録されることはありません（記録済みなら、同じ内容の会議がすでにあると表示されます）。',
  );
  expect(status).not.toMatch(/[A-Za-z]/);
  expect(await page.getByLabel('開催日').inputValue()).toBe('2025-06-10');
  expect(await page.locator('#chosen-list li[data-chosen="K-2025-0001"]').count()).toBe(1);
  expect(await rows('meetings')).toHaveLength(1);

  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('同じ内容の会議'));
  expect(await rows('meetings')).toHaveLength(1);
  await page.close();
});

test('activity: every field and 別のケースを選ぶ wait with 記録する; a lost answer keeps メモ', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/activity`);
  await page.locator('#case-search').fill('K-2025-0001');
  await page.locator('li[data-case="K-2025-0001"] button').click();
  await page.getByLabel('実施日').fill('2025-06-02');
  await page.getByLabel('種別').selectOption({ index: 1 });
  await page.getByLabel('メモ').fill('訪問した');
  const held = await holdNext(page, 'submitActivity');
  await page.getByRole('button', { name: '記録する' }).click();
  const route = await held.arrived;
  expect(await usable(page, '#activity-form')).toEqual([]);
  await route.abort('connectionreset');
  await settled(page, '#activity-form');
  expect(await page.locator('#status').textContent()).toBe(
    '通信が途切れたため、記録できたかどうか分かりません。入力した内容はそのまま残しています。' +
      'もう一度「記録する」を押しても、同じ内容が二重に記録されることはありません（記録済みなら、同じ内容の記録がすでにあると表示されます）。',
  );
  expect(await page.getByLabel('メモ').inputValue()).toBe('訪問した');
  expect(await usable(page, '#activity-form')).toContain('f-note');
  await page.close();
});

test('a refused save puts the focus on the first red field and keeps the summary', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  await page.getByLabel('氏名').fill('空欄 多子');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#err-referralSource:not([hidden])');
  // 受付日 is today's; 相談経路 is the first field in error.
  expect(await focusedId(page)).toBe('f-referralSource');
  expect(await page.locator('#status').textContent()).toBe(
    '入力に誤りがあります。赤字の項目を直してください。保存していません。',
  );
  // A check-box group in error: its first box.
  await page.getByLabel('相談経路').selectOption('本人');
  await page.getByLabel('受付窓口').selectOption('地域包括支援センター');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#err-domains:not([hidden])');
  expect(await focusedId(page)).toBe('f-domains-0');
  await page.close();

  // The meeting sidebar: a 支援会議 with no case is refused next to the cases; the search box is focused.
  const meeting = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await meeting.getByLabel('会議種別').selectOption('支援会議');
  await meeting.getByLabel('開催日').fill('2025-06-10');
  await meeting.getByLabel(/守秘義務/).check();
  await meeting.getByRole('button', { name: '記録する' }).click();
  await meeting.waitForSelector('#err-cases:not([hidden])');
  expect(await focusedId(meeting)).toBe('case-search');
  await meeting.close();
});

test('外す names its case; after it the focus goes to the next 外す, then to the search box', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await page.getByLabel('会議種別').selectOption('支援会議');
  await chooseCase(page, 'K-2025-0001');
  await chooseCase(page, 'K-2025-0002');
  const first = page.getByRole('button', { name: 'K-2025-0001 を外す' });
  expect(await first.count()).toBe(1);
  await first.focus();
  await page.keyboard.press('Enter');
  expect(await page.locator('#chosen-list li[data-chosen]').count()).toBe(1);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('K-2025-0002 を外す');
  await page.keyboard.press('Enter');
  expect(await page.locator('#chosen-list li[data-chosen]').count()).toBe(0);
  expect(await focusedId(page)).toBe('case-search');
  await page.close();
});

test('a date hint is the description of its field', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  const described = await page.getByLabel('受付日').getAttribute('aria-describedby');
  expect(described?.split(' ')).toContain('hint-receivedOn');
  const meeting = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await chooseCase(meeting, 'K-2025-0001');
  const next = meeting.locator('#next-K-2025-0001');
  await next.fill('令和7年7月1日');
  const hintId = await next.getAttribute('aria-describedby');
  expect(await meeting.locator(`[id="${hintId}"]`).textContent()).toBe('→ 2025-07-01（令和7年7月1日）');
  expect(await meeting.getByLabel('開催日').getAttribute('aria-describedby')).toBe('hint-heldOn');
  await page.close();
  await meeting.close();
});

test('外す beside an 84-character name at 300 px keeps its size on one line; the name wraps', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await chooseCase(page, 'K-2025-0003');
  const remove = page.locator('#chosen-list li[data-chosen="K-2025-0003"] button.remove');
  const box = await remove.evaluate((b) => {
    const r = b.getBoundingClientRect();
    return {
      width: r.width,
      height: r.height,
      overflows: b.scrollHeight > b.clientHeight || b.scrollWidth > b.clientWidth,
    };
  });
  expect(box.width).toBeGreaterThanOrEqual(40);
  expect(box.height).toBe(24);
  expect(box.overflows).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  const head = page.locator('#chosen-list li[data-chosen="K-2025-0003"] .head');
  expect(await head.locator('strong').evaluate((s) => s.getBoundingClientRect().height)).toBeGreaterThan(40);
  await page.locator('#chosen-list').screenshot({ path: join(SHOTS, 'meeting-long-name.png') });
  await page.close();
});

/** The latest `MM-DD` that is not after today, in Japan (as the sidebar reads 4/1). */
function lastDay(mmdd: string): string {
  const today = todayInJapan();
  const year = Number(today.slice(0, 4));
  return `${`${year}-${mmdd}` <= today ? year : year - 1}-${mmdd}`;
}

/** The first `MM-DD` from today on (as a field of a day to come reads 4/1). */
function nextDay(mmdd: string): string {
  const today = todayInJapan();
  const year = Number(today.slice(0, 4));
  return `${`${year}-${mmdd}` >= today ? year : year + 1}-${mmdd}`;
}

test('a day typed without its year is the last such day, shown in the hint and saved as that date', async () => {
  const page = await openReady(browser, `${preview.base}/sidebar/intake`);
  const field = page.getByLabel('受付日');
  const hint = page.locator('#hint-receivedOn');
  const reading = (day: string) => `→ ${day}（${toWareki(day)}）`;
  for (const typed of ['4/1', '４／１', ' 4月1日']) {
    await field.fill(typed);
    expect(await hint.textContent()).toBe(reading(lastDay('04-01')));
  }
  await field.fill('12/31');
  expect(await hint.textContent()).toBe(reading(lastDay('12-31')));
  await field.fill('2/30');
  expect(await hint.textContent()).toBe('→ 日付として読めません');
  await page.locator('#field-receivedOn').screenshot({ path: join(SHOTS, 'intake-yearless.png') });

  await fillNewCase(page, '年なし 五郎');
  await field.fill('４／１');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#saved-id');
  const saved = (await rows('cases')).find((r) => r.includes('年なし 五郎'));
  expect(saved?.[1]).toBe(lastDay('04-01'));

  // An impossible day stays refused on saving.
  await fillNewCase(page, '年なし 六郎');
  await field.fill('2/30');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#err-receivedOn:not([hidden])');
  expect(await page.locator('#err-receivedOn').textContent()).toContain('「2/30」は日付として読めません');
  await page.close();

  // 実施日 of a contact reads it too; 次回確認日, a day to come, reads it as the next such day.
  const activity = await openReady(browser, `${preview.base}/sidebar/activity`);
  await activity.getByLabel('実施日').fill('4/1');
  expect(await activity.locator('#hint-on').textContent()).toBe(reading(lastDay('04-01')));
  await activity.close();
  const meeting = await openReady(browser, `${preview.base}/sidebar/meeting`);
  await meeting.getByLabel('開催日').fill('4月1日');
  expect(await meeting.locator('#hint-heldOn').textContent()).toBe(reading(lastDay('04-01')));
  await chooseCase(meeting, 'K-2025-0001');
  await meeting.locator('#next-K-2025-0001').fill('4/1');
  expect(await meeting.locator('#hint-next-K-2025-0001').textContent()).toBe(reading(nextDay('04-01')));
  await meeting.locator('#next-K-2025-0001').fill('2/30');
  expect(await meeting.locator('#hint-next-K-2025-0001').textContent()).toBe('→ 日付として読めません');
  // Recorded: the 会議 on the last 4/1, its case's 次回確認日 on the next one.
  await meeting.locator('#next-K-2025-0001').fill('４／１');
  await meeting.getByLabel('会議種別').selectOption('支援会議');
  await meeting.getByLabel(/守秘義務/).check();
  await meeting.locator('#purpose-K-2025-0001').selectOption({ index: 1 });
  const before = (await rows('meetingCases')).length;
  await meeting.getByRole('button', { name: '記録する' }).click();
  await meeting.waitForSelector('#saved-id');
  const discussed = (await rows('meetingCases')).slice(before);
  expect(discussed.map((r) => [r[1], r[3]])).toEqual([['K-2025-0001', nextDay('04-01')]]);
  await meeting.close();
});
