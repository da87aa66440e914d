// The built folder is what `clasp push` uploads: it must load as Apps Script loads it.
import vm from 'node:vm';
import { builtAddon, newEnvironment } from './harness';

const { code, files, manifest } = builtAddon();

test('Code.js is one classic script: it compiles as a script, with no import/export or require', () => {
  expect(() => new vm.Script(code)).not.toThrow();
  expect(code).not.toMatch(/^\s*(import|export)\s/m);
  expect(code).not.toMatch(/\brequire\(/);
  expect(Buffer.byteLength(code)).toBeLessThan(150 * 1024);
});

// The figures dialog adds no scope: its CSV comes back as text and is saved with a Blob in the dialog.
test('appsscript.json: V8, Asia/Tokyo, and only the narrow scopes (external requests for the sync client)', () => {
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.timeZone).toBe('Asia/Tokyo');
  expect(manifest.oauthScopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.container.ui',
    'https://www.googleapis.com/auth/script.external_request',
  ]);
});

test("each sidebar and the figures dialog is one self-contained HTML file linking only Google's add-on stylesheet", () => {
  expect([...files.keys()].sort()).toEqual(['activity', 'due', 'figures', 'intake', 'meeting', 'prep', 'story']);
  for (const [, html] of files) {
    expect(html).toMatch(
      /<link rel="stylesheet" href="https:\/\/ssl\.gstatic\.com\/docs\/script\/css\/add-ons1\.css" \/>/,
    );
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html.match(/<link[^>]*>/g)).toHaveLength(1);
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    expect(html).toMatch(/<base target="_top" \/>/);
    expect(Buffer.byteLength(html)).toBeLessThan(150 * 1024);
  }
});

test('onOpen under AuthMode.NONE builds the かさね menu; every item names a global function', () => {
  const env = newEnvironment();
  env.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  expect(env.ui.menus).toHaveLength(1);
  const menu = env.ui.menus[0]!;
  expect(menu.addon).toBe(true);
  expect(menu.entries.map((e) => ('caption' in e ? e.caption : '-'))).toEqual([
    '台帳を初期設定',
    '相談を受け付ける',
    '会議を記録する',
    '支援を記録する',
    '確認予定',
    'ケースの経過',
    '会議の準備シート',
    '台帳を検証する',
    '指標を作成',
    '月次集計を作成',
    '-',
    'サーバーへ同期',
    '同期の設定',
  ]);
  const globals = env.globalFunctions();
  for (const e of menu.entries) if ('functionName' in e) expect(globals).toContain(e.functionName);
  // What google.script.run calls from the sidebars is global too.
  for (const fn of [
    'getIntakeContext',
    'submitIntake',
    'loadCase',
    'updateCase',
    'getMeetingContext',
    'submitMeeting',
    'getActivityContext',
    'submitActivity',
    'getDueList',
    'openCaseInIntake',
    'getCaseStory',
    'writePrepSheet',
    'getFiguresContext',
    'writeIndicatorsSheet',
    'writeMonthlySummarySheet',
    'getMonthlySummaryCsv',
    'onInstall',
  ])
    expect(globals).toContain(fn);
  // Nothing in onOpen touched the document.
  expect(env.log.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(0);
});

test('onInstall(e) builds the same menu', () => {
  const env = newEnvironment();
  env.run('onInstall', [{ authMode: 'FULL' }]);
  expect(env.ui.menus[0]!.entries).toHaveLength(13);
});

test('the sidebar menu items show the built HTML files as sidebars with Japanese titles', () => {
  const env = newEnvironment();
  env.run('showIntakeSidebar');
  env.run('showMeetingSidebar');
  env.run('showActivitySidebar');
  env.run('showDueSidebar');
  env.run('showPrepSidebar');
  const fileOf: Record<string, string> = {
    相談を受け付ける: 'intake',
    会議を記録する: 'meeting',
    支援を記録する: 'activity',
    確認予定: 'due',
    会議の準備シート: 'prep',
  };
  expect(env.ui.shown.map((s) => [s.kind, s.title, s.content === files.get(fileOf[s.title] ?? '')])).toEqual([
    ['sidebar', '相談を受け付ける', true],
    ['sidebar', '会議を記録する', true],
    ['sidebar', '支援を記録する', true],
    ['sidebar', '確認予定', true],
    ['sidebar', '会議の準備シート', true],
  ]);
});

test('an unknown function is refused as Apps Script refuses it', () => {
  const env = newEnvironment();
  expect(() => env.run('noSuchFunction')).toThrow('Script function not found: noSuchFunction');
});
