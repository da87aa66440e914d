// The built sidebars in real headless Chromium (Debian's), served by the preview and answered by
// the built Code.js on the emulated spreadsheet. External requests (Google's stylesheet) are
// blocked so they fail fast.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, openReady } from './browser';
import { startPreview, TOWN, type RunningPreview } from './preview-server';

// Screenshots go to a temp folder: a test never writes into tracked files. `npm run screenshots`
// sets KASANE_SCREENSHOTS_DIR=docs/screenshots to refresh the README's pictures on purpose.
const SHOTS = process.env.KASANE_SCREENSHOTS_DIR
  ? resolve(process.env.KASANE_SCREENSHOTS_DIR)
  : mkdtempSync(join(tmpdir(), 'kasane-shots-'));
let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  preview = await startPreview(TOWN);
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function sidebar(name: 'intake' | 'meeting'): Promise<Page> {
  return openReady(browser, `${preview.base}/sidebar/${name}`);
}

async function dataRows(sheet: string): Promise<number> {
  const html = await (await fetch(`${preview.base}/sheet/${sheet}`)).text();
  return Number(/data-rows="(\d+)"/.exec(html)?.[1] ?? NaN);
}

async function fillIntake(page: Page, skip: string[] = []): Promise<void> {
  const f = async (key: string, act: () => Promise<unknown>) => {
    if (!skip.includes(key)) await act();
  };
  await f('receivedOn', () => page.getByLabel('受付日').fill('令和7年6月2日'));
  await f('channel', () => page.getByLabel('受付方法').selectOption('電話'));
  await f('referralSource', () => page.getByLabel('相談経路').selectOption('家族・親族'));
  await f('window', () => page.getByLabel('受付窓口').selectOption('こども家庭センター'));
  await f('domains', () => page.getByRole('checkbox', { name: 'こども' }).check());
  await f('issues', () => page.getByRole('checkbox', { name: 'ヤングケアラー' }).check());
  await f('area', () => page.getByLabel('エリア').selectOption('東'));
  await f('stage', () => page.getByLabel('支援状況').selectOption('受付'));
}

test('an intake with a required field left empty is refused in Japanese and adds no row', async () => {
  const before = await dataRows('cases');
  const page = await sidebar('intake');
  await fillIntake(page, ['referralSource']);
  await page.getByRole('button', { name: '保存' }).click();
  expect(await page.locator('#err-referralSource').isVisible()).toBe(true);
  expect(await page.locator('#err-referralSource').textContent()).toBe('必須項目が空欄です。入力してください。');
  expect(await page.locator('#status').textContent()).toContain('保存していません');
  await page.screenshot({ path: join(SHOTS, 'intake-refused.png'), fullPage: true });
  expect(await dataRows('cases')).toBe(before);
  await page.close();
});

test('a complete intake shows its ケースID and adds one row', async () => {
  const before = await dataRows('cases');
  const page = await sidebar('intake');
  await fillIntake(page);
  await page.getByLabel('本人同意').selectOption('同意あり');
  // The consent date appears with the consent state and is required by it.
  expect(await page.locator('#field-consentOn').isVisible()).toBe(true);
  expect(await page.locator('#field-consentRevokedOn').isVisible()).toBe(false);
  await page.getByLabel('同意日').fill('2025/6/2');
  expect(await page.locator('#hint-consentOn').textContent()).toBe('→ 2025-06-02（令和7年6月2日）');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#saved-id').textContent()).toBe('K-2025-0003');
  await page.screenshot({ path: join(SHOTS, 'intake-saved.png'), fullPage: true });
  expect(await dataRows('cases')).toBe(before + 1);
  const sheet = await (await fetch(`${preview.base}/sheet/cases`)).text();
  expect(sheet).toContain(
    '<td>K-2025-0003</td><td>2025-06-02</td><td>電話</td><td>家族・親族</td><td>こども家庭センター</td><td>こども</td><td>ヤングケアラー</td>',
  );
  await page.close();
});

test('a 重層的支援会議 offers only consented cases; the meeting is logged with the accepted one', async () => {
  const page = await sidebar('meeting');
  await page.getByLabel('会議種別').selectOption('重層的支援会議');
  await page.getByLabel('開催日').fill('2025-06-10');
  const refused = page.locator('li[data-case="K-2025-0002"]');
  expect(await refused.locator('input[type="checkbox"]').isDisabled()).toBe(true);
  expect(await refused.locator('.reason').textContent()).toBe(
    '選べません: 本人同意が「未確認」です。同意のないケースは支援会議（社会福祉法第106条の6）で検討できます。',
  );
  const accepted = page.locator('li[data-case="K-2025-0001"]');
  expect(await accepted.locator('input[type="checkbox"]').isDisabled()).toBe(false);
  await accepted.locator('input[type="checkbox"]').check();
  await page.getByLabel('検討内容').selectOption('プラン協議');
  await page.getByLabel('出席者数').fill('9');
  await page.screenshot({ path: join(SHOTS, 'meeting.png'), fullPage: true });
  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#saved-id').textContent()).toBe('M-2025-0001');
  await page.screenshot({ path: join(SHOTS, 'meeting-saved.png'), fullPage: true });
  const meetingCases = await (await fetch(`${preview.base}/sheet/meetingCases`)).text();
  expect(meetingCases).toContain('<td>M-2025-0001</td><td>K-2025-0001</td><td>プラン協議</td>');
  expect(meetingCases).not.toContain('K-2025-0002');
  expect(await dataRows('meetings')).toBe(1);
  await page.close();
});

test('a 支援会議 may discuss an unconsented case but needs the duty of confidentiality confirmed', async () => {
  const page = await sidebar('meeting');
  await page.getByLabel('会議種別').selectOption('支援会議');
  await page.getByLabel('開催日').fill('R7.6.12');
  await page.locator('li[data-case="K-2025-0002"] input[type="checkbox"]').check();
  await page.getByLabel('検討内容').selectOption('情報共有');
  await page.getByRole('button', { name: '記録する' }).click();
  expect(await page.locator('#err-confidentialityConfirmed').textContent()).toContain('守秘義務');
  expect(await dataRows('meetings')).toBe(1);
  await page.getByRole('checkbox', { name: '守秘義務確認' }).check();
  await page.getByRole('button', { name: '記録する' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#saved-id').textContent()).toBe('M-2025-0002');
  expect(await dataRows('meetings')).toBe(2);
  await page.close();
});

test('edit mode: a case loaded by ケースID is changed and saved; a save from a stale copy is refused', async () => {
  const page = await sidebar('intake');
  await page.getByText('登録済みのケースを直す').click();
  const load = async () => {
    await page.getByLabel('ケースID', { exact: true }).fill('K-2025-0002');
    await page.getByRole('button', { name: '読み込む' }).click();
    // The status says so once the row is in the form (the mode line may already name the case).
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('を読み込みました'));
    expect(await page.locator('#mode').textContent()).toBe('編集中: K-2025-0002');
  };
  await load();
  expect(await page.getByLabel('相談経路').inputValue()).toBe('民生委員・児童委員');
  expect(await page.getByRole('checkbox', { name: '生活困窮', exact: true }).isChecked()).toBe(true);
  await page.getByLabel('支援状況').selectOption('アセスメント');
  // Meanwhile someone types into the row (担当者, column S of row 3).
  preview.env.spreadsheet.sheetForHost('ケース')!.getRange('S3').setValue('山田');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForFunction(() => document.getElementById('status')?.className === 'status error');
  expect(await page.locator('#status').textContent()).toBe(
    'このケースは読み込んだ後に、ほかの人またはシート上で変更されています。保存していません。もう一度読み込んでから直してください。',
  );
  await page.screenshot({ path: join(SHOTS, 'intake-edit-refused.png'), fullPage: false });
  await load();
  expect(await page.getByLabel('担当者').inputValue()).toBe('山田');
  await page.getByLabel('支援状況').selectOption('アセスメント');
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('#saved-id');
  expect(await page.locator('#status').textContent()).toBe('変更を保存しました: K-2025-0002');
  const sheet = await (await fetch(`${preview.base}/sheet/cases`)).text();
  expect(sheet).toMatch(/<td>K-2025-0002<\/td>(<td>[^<]*<\/td>){15}<td>アセスメント<\/td><td><\/td><td>山田<\/td>/);
  await page.close();
});

test('the preview shows each sheet as a table, as a coordinator would see it', async () => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 360 }, locale: 'ja-JP' });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(`${preview.base}/sheet/cases`);
  const headers = await page.locator('#sheet thead th').allTextContents();
  expect(headers.slice(0, 5)).toEqual(['行', 'ケースID', '受付日', '受付方法', '相談経路']);
  expect(await page.locator('#sheet tbody tr td:nth-child(2)').allTextContents()).toEqual([
    'K-2025-0001',
    'K-2025-0002',
    'K-2025-0003',
  ]);
  await page.screenshot({ path: join(SHOTS, 'preview-sheet-cases.png') });
  await page.close();
});

test('Apps Script checks consent again: consent revoked after the sidebar loaded is refused next to the case', async () => {
  const page = await sidebar('meeting');
  await page.getByLabel('会議種別').selectOption('重層的支援会議');
  await page.getByLabel('開催日').fill('2025-06-20');
  await page.locator('li[data-case="K-2025-0001"] input[type="checkbox"]').check();
  await page.getByLabel('検討内容').selectOption('プラン評価');
  // Meanwhile the consent is recorded as revoked in the sheet (本人同意 L2, 同意撤回日 N2).
  const cases = preview.env.spreadsheet.sheetForHost('ケース')!;
  cases.getRange('L2').setValue('撤回');
  cases.getRange('N2').setValue('2025-06-01');
  try {
    const before = await dataRows('meetingCases');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.waitForFunction(() => document.getElementById('status')?.className === 'status error');
    expect(await page.locator('[id="err-cases.0.caseId"]').textContent()).toBe(
      '「K-2025-0001」は開催日に本人同意がありません（同意は 2025-06-01 に撤回されています）。重層的支援会議では同意のあるケースだけを検討できます。同意のないケースは支援会議（社会福祉法第106条の6）で検討できます。',
    );
    expect(await dataRows('meetingCases')).toBe(before);
  } finally {
    cases.getRange('L2').setValue('同意あり');
    cases.getRange('N2').setValue('');
    await page.close();
  }
});
