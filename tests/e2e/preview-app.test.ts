// The preview server's routes, without a browser.
import request from 'supertest';
import { previewApp } from '../../addon/preview/app';
import { previewEnvironment, readBuiltAddon } from '../../addon/preview/workbook';
import { ADDON_DIR, TOWN } from './preview-server';

const addon = readBuiltAddon(ADDON_DIR);
const env = previewEnvironment(addon, TOWN);
const app = previewApp(env, addon.files);

test('a sidebar is served exactly as built, with the google.script.run shim put first in <head>', async () => {
  const r = await request(app).get('/sidebar/intake').expect(200);
  const built = addon.files.get('intake')!;
  const shimEnd = r.text.indexOf('</script>') + '</script>'.length;
  expect(r.text.slice(0, r.text.indexOf('<head>') + 6)).toBe(built.slice(0, built.indexOf('<head>') + 6));
  expect(r.text.slice(shimEnd)).toBe(built.slice(built.indexOf('<head>') + 6));
  expect(r.text).toContain('window.google = { script: { run: runner(null, null)');
  await request(app).get('/sidebar/other').expect(404);
});

test('google.script.run calls reach the built Code.js on the emulated spreadsheet', async () => {
  const r = await request(app).post('/run/getMeetingContext').send({ args: [] }).expect(200);
  expect(r.body.ok).toBe(true);
  expect(r.body.value.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['K-2025-0001', 'K-2025-0002']);
  const missing = await request(app).post('/run/noSuch').send({ args: [] }).expect(404);
  expect(missing.body).toEqual({ ok: false, error: 'Script function not found: noSuch' });
  await request(app).post('/run/private_').send({ args: [] }).expect(404);
});

test('every sheet is an HTML table; settings loaded from the input are in 設定', async () => {
  const cases = await request(app).get('/sheet/cases').expect(200);
  expect(cases.text).toContain('data-rows="2"');
  expect(cases.text).toContain('<td>K-2025-0001</td><td>2025-04-01</td>');
  const settings = await request(app).get('/sheet/settings').expect(200);
  expect(settings.text).toContain('<td>自治体名</td><td>かさね町</td>');
  await request(app).get('/sheet/nothing').expect(404);
});

test('a long text wraps within its column (class w); a short one stays on one line, as in a sheet', async () => {
  // A date no one could read, so that 検証結果 holds a message (a long text) for it.
  const cases = env.spreadsheet.getSheetByName('ケース')!;
  const receivedOn = (cases.getRange(1, 1, 1, cases.getLastColumn()).getValues()[0] as string[]).indexOf('受付日') + 1;
  const before = cases.getRange(2, receivedOn).getValue();
  cases.getRange(2, receivedOn).setValue('あした');
  await request(app).post('/run/validateWorkbook').send({ args: [] }).expect(200);
  cases.getRange(2, receivedOn).setValue(before);
  const page = (await request(app).get('/sheet/validation').expect(200)).text;
  const header = (await request(app).get('/sheet/validation.json').expect(200)).body as { values: string[][] };
  const messages = header.values.flat().filter((v) => v.length > 30);
  expect(messages.length).toBeGreaterThan(0);
  // The town's workbook has at least one issue whose message is long; every such cell wraps.
  for (const m of messages)
    expect(page).toContain(
      `<td class="w">${m.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</td>`,
    );
  const casesPage = (await request(app).get('/sheet/cases').expect(200)).text;
  expect(casesPage).toContain('<td>K-2025-0001</td>');
  expect(page).toContain('td.w{white-space:pre-wrap');
});

describe('kasane preview arguments', () => {
  test('a bad port and a missing build are usage errors in Japanese', async () => {
    const { run } = await import('../../cli/commands/preview');
    const { UsageError } = await import('../../cli/args');
    await expect(run(['--port', '99999'])).rejects.toThrow(
      new UsageError('--port は 0〜65535 の整数です（指定: 99999）。'),
    );
    await expect(run(['--addon-dir', '/nonexistent/addon'])).rejects.toThrow(
      '/nonexistent/addon/Code.js がありません。先に npm run build を実行してください。',
    );
    await expect(run(['--input', 'registry.txt', '--addon-dir', ADDON_DIR])).rejects.toThrow(
      '入力ファイル registry.txt は .xlsx（.xlsm）か .json にしてください。',
    );
  });
});
