// The sync client through the bundle: what leaves the spreadsheet carries no PII and is accepted
// by the server's own payload reader; then against a real `kasane serve` process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { newEnvironment, validIntake } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';
import { readSnapshot } from '../../server/snapshot';
import type { FetchRequest, GasEnvironment } from '../../gas-emulator';

function configured(env: GasEnvironment, url = 'https://kasane.example.jp', token = 'ks1.test-token'): void {
  env.ui.promptAnswers.push({ text: url }, { text: token });
  expect(env.run('configureServerSync')).toMatchObject({ ok: true });
}

function filled(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  env.run('submitIntake', [{ ...validIntake, address: '架空市1-2-3', note: '長男と同居' }]);
  // The same person again, registered as another case (「別のケースとして登録」).
  env.run('submitIntake', [
    { ...validIntake, receivedOn: '2025-06-01', consent: '同意あり', consentOn: '2025-06-01' },
    { confirmNew: true },
  ]);
  env.run('submitMeeting', [
    {
      type: '重層的支援会議',
      heldOn: '2025-06-10',
      minutes: '架空 太郎さんについて',
      cases: [{ caseId: 'K-2025-0002', purpose: '情報共有' }],
    },
  ]);
  return env;
}

test("the payload has no PII column, lists as arrays, dates as ISO, and the server's reader accepts it", () => {
  const env = filled();
  configured(env);
  const sent: FetchRequest[] = [];
  env.fetchHandler = (req) => {
    sent.push(req);
    return { status: 200, body: JSON.stringify({ revision: 1, created: true, issues: [] }) };
  };
  expect(env.run('syncToServer')).toEqual({
    ok: true,
    revision: 1,
    issues: 0,
    message: '同期しました（版 1）。問題はありません。',
  });
  const [req] = sent;
  expect(req).toMatchObject({
    url: 'https://kasane.example.jp/api/v1/sync',
    method: 'POST',
    contentType: 'application/json',
    headers: { Authorization: 'Bearer ks1.test-token' },
  });
  for (const pii of ['架空 太郎', '0120-000-000', '架空市', '長男と同居', '架空 太郎さん'])
    expect(req!.payload).not.toContain(pii);
  const doc = JSON.parse(req!.payload) as Record<string, Array<Record<string, unknown>>> & {
    settings: Record<string, unknown>;
  };
  expect(doc.cases![0]).toEqual({
    caseId: 'K-2025-0001',
    receivedOn: '2025-05-12',
    channel: '電話',
    referralSource: '民生委員・児童委員',
    window: '地域包括支援センター',
    domains: ['高齢', '生活困窮'],
    issues: ['8050', 'ひきこもり'],
    area: '東',
    consent: '未確認',
    stage: '受付',
  });
  expect(doc.meetings![0]).toEqual({ meetingId: 'M-2025-0001', heldOn: '2025-06-10', type: '重層的支援会議' });
  expect(doc.settings.areas).toEqual(['東', '西']);
  expect('baseRevision' in doc).toBe(false);
  expect(readSnapshot(doc).ok).toBe(true);
  // The next sync names the revision it builds on.
  env.run('syncToServer');
  expect(JSON.parse(sent[1]!.payload).baseRevision).toBe(1);
});

test('only cells the row rules can read are sent, in their canonical form; a 担当者 not in 「設定」 never leaves', () => {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, {
    settings: { staff: ['佐藤'], population: '約1万人' },
    sheets: {
      cases: [
        { ...CONSENTED_CASE, staff: '架空 次郎', householdSize: '3人', name: '架空 太郎' },
        {},
        { ...UNCONSENTED_CASE, staff: ' 佐藤 ', receivedOn: '令和7年4月15日', householdSize: '２', multiAgency: '○' },
      ],
      activities: [{ activityId: 'A-2025-00001', caseId: 'K-2025-0001', on: '2025/5/1', kind: '同行支援' }],
    },
  });
  configured(env);
  const sent: FetchRequest[] = [];
  env.fetchHandler = (req) => {
    sent.push(req);
    return { status: 200, body: JSON.stringify({ revision: 1, created: true, issues: [] }) };
  };
  // 架空 次郎 (not in 担当者), 「3人」 and 人口 「約1万人」: three typed cells held back.
  expect(env.run('syncToServer')).toEqual({
    ok: true,
    revision: 1,
    issues: 0,
    heldBack: 3,
    message: '同期しました（版 1）。問題のある 3 セルは送っていません。「台帳を検証する」で確認してください。',
  });
  const payload = sent[0]!.payload;
  for (const never of ['架空 次郎', '架空次郎', '3人', '約1万', '架空 太郎']) expect(payload).not.toContain(never);
  const doc = JSON.parse(payload) as Record<string, Array<Record<string, unknown>>> & {
    settings: Record<string, unknown>;
  };
  // Row 3 is blank and keeps its place; row 4 is read: 佐藤 as listed, the era date, ２ and ○.
  expect(doc.cases).toEqual([
    { ...CONSENTED_CASE },
    {},
    { ...UNCONSENTED_CASE, staff: '佐藤', receivedOn: '2025-04-15', householdSize: 2, multiAgency: true },
  ]);
  expect(doc.activities).toEqual([
    { activityId: 'A-2025-00001', caseId: 'K-2025-0001', on: '2025-05-01', kind: '同行支援' },
  ]);
  expect(doc.settings).toMatchObject({ staff: ['佐藤'], fiscalYearStartMonth: 4, suppressionThreshold: 5 });
  expect('population' in doc.settings).toBe(false);
  expect(readSnapshot(doc).ok).toBe(true);
});

test('a repeated header stops the sync before anything is sent, naming the sheet and the header', () => {
  const env = newEnvironment();
  env.run('setupRegistry');
  const cases = env.spreadsheet.sheetForHost('ケース')!;
  const width = cases.getLastColumn();
  cases.insertColumnsAfter(width, 1);
  cases.getRange(1, width + 1).setValue('担当者');
  configured(env);
  let calls = 0;
  env.fetchHandler = () => {
    calls++;
    return { status: 200, body: '{}' };
  };
  const r = env.run('syncToServer') as { ok: boolean; message: string };
  expect(r.ok).toBe(false);
  expect(r.message).toMatch(
    /^同期していません。先に次の点を直してください: 「ケース」シート 1行目: 見出し「担当者」が/,
  );
  expect(calls).toBe(0);
});

test('server refusals become Japanese messages; nothing is sent before the sync is set up', () => {
  const env = filled();
  let calls = 0;
  env.fetchHandler = () => {
    calls++;
    return { status: 401, body: JSON.stringify({ error: { code: 'token.invalid', message: 'トークンが無効です。' } }) };
  };
  expect(env.run('syncToServer')).toEqual({
    ok: false,
    message: '同期先が設定されていません。先に「同期の設定」を実行してください。',
  });
  expect(calls).toBe(0);
  env.ui.promptAnswers.push({ text: 'http://insecure.example' });
  expect(env.run('configureServerSync')).toMatchObject({ ok: false, message: 'URL が正しくありません。' });
  configured(env);
  expect(env.run('syncToServer')).toMatchObject({
    ok: false,
    message: expect.stringContaining('API トークンが正しくないか失効しています'),
  });
  env.fetchHandler = undefined;
  expect(env.run('syncToServer')).toMatchObject({
    ok: false,
    message: expect.stringContaining('同期できませんでした（Address unavailable'),
  });
});

describe('against a real kasane serve', () => {
  let server: ChildProcess | undefined;
  let dataDir = '';
  let token = '';
  let port = 0;
  const cli = join(__dirname, '..', '..', 'dist', 'cli.cjs');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kasane-sync-'));
    // A port nobody holds right now (another test's server on a guessed port would answer instead).
    port = await new Promise<number>((ok) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => ok(p));
      });
    });
    const t = spawnSync(process.execPath, [cli, 'token', 'create', '--workbook', 'addon-test', '--data-dir', dataDir], {
      encoding: 'utf8',
    });
    token = t.stdout.trim().split('\n').pop()!.trim();
    server = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // Ready when it says where it listens (an event, not a guessed delay).
    await new Promise<void>((ready, fail) => {
      let out = '';
      server!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes(`127.0.0.1:${port}`)) ready();
      });
      server!.on('exit', (code) => fail(new Error(`kasane serve exited (${code}) before listening`)));
    });
  }, 30000);

  afterAll(() => {
    server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the server stores the synced registry and answers its indicators', async () => {
    const env = filled();
    configured(env, 'https://kasane.example.jp', token);
    // UrlFetchApp is synchronous: the request is made by a child process (the server runs in another).
    env.fetchHandler = (req) => {
      const url = req.url.replace('https://kasane.example.jp', `http://127.0.0.1:${port}`);
      const script = `fetch(${JSON.stringify(url)}, { method: 'POST', headers: { ...${JSON.stringify(req.headers)}, 'content-type': ${JSON.stringify(req.contentType)} }, body: require('fs').readFileSync(0, 'utf8') }).then(async (r) => process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })))`;
      const r = spawnSync(process.execPath, ['-e', script], { input: req.payload, encoding: 'utf8' });
      return JSON.parse(r.stdout) as { status: number; body: string };
    };
    expect(env.run('syncToServer')).toMatchObject({ ok: true, revision: 1, issues: 0 });
    const ind = await (
      await fetch(`http://127.0.0.1:${port}/api/v1/indicators?fiscalYear=2025`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(ind.indicators['cases.new']).toBe(2);
    // A second sync builds on revision 1.
    expect(env.run('syncToServer')).toMatchObject({ ok: true });
  }, 30000);
});

describe("the token is a person's, not the document's", () => {
  test('「同期の設定」 keeps the token in UserProperties: no editor can read it from the document', () => {
    const env = filled();
    configured(env, 'https://kasane.example.jp', 'ks1.person-a');
    expect(env.properties.user.getProperty('kasane.sync.token')).toBe('ks1.person-a');
    expect(env.properties.document.getProperty('kasane.sync.token')).toBeNull();
    expect(env.properties.document.getProperty('kasane.sync.url')).toBe('https://kasane.example.jp');
  });

  test('a shared token left in the document by an earlier version is deleted, never sent', () => {
    const env = filled();
    configured(env, 'https://kasane.example.jp', 'ks1.person-a');
    env.properties.document.setProperty('kasane.sync.token', 'ks1.shared-old');
    const sent: FetchRequest[] = [];
    env.fetchHandler = (req) => {
      sent.push(req);
      return { status: 200, body: JSON.stringify({ revision: 1, created: true, issues: [] }) };
    };
    const r = env.run('syncToServer') as { ok: boolean; message: string };
    expect(r.ok).toBe(false);
    expect(r.message).toContain('共有の API トークンは、ほかの編集者にも読めるため削除しました');
    expect(sent).toEqual([]);
    expect(env.properties.document.getProperty('kasane.sync.token')).toBeNull();
    // The person's own token is kept: the next sync goes through with it.
    expect(env.run('syncToServer')).toMatchObject({ ok: true });
    expect(sent[0]!.headers).toEqual({ Authorization: 'Bearer ks1.person-a' });
  });

  test('another person with no token of their own is asked to set theirs', () => {
    const env = filled();
    configured(env, 'https://kasane.example.jp', 'ks1.person-a');
    env.properties.user.deleteProperty('kasane.sync.token');
    expect(env.run('syncToServer')).toMatchObject({
      ok: false,
      message: 'あなた用の API トークンがまだ設定されていません。「同期の設定」を実行してください。',
    });
  });
});

test('a server answer listing its first 200 issues is counted by its issueTotal', () => {
  const env = filled();
  configured(env);
  const listed = Array.from({ length: 200 }, (_, i) => ({ code: 'ref.missing', row: i + 2 }));
  env.fetchHandler = () => ({
    status: 200,
    body: JSON.stringify({ revision: 1, created: true, issues: listed, issueTotal: 350 }),
  });
  const r = env.run('syncToServer') as { ok: boolean; issues: number; message: string };
  expect(r).toMatchObject({ ok: true, revision: 1, issues: 350 });
  expect(r.message).toContain('サーバーの検証で 350 件の問題があります。');
});

describe('headers that changed places since the last sync are asked about before anything is sent', () => {
  function synced(): { env: GasEnvironment; sent: FetchRequest[] } {
    const env = filled();
    configured(env);
    const sent: FetchRequest[] = [];
    env.fetchHandler = (req) => {
      sent.push(req);
      return { status: 200, body: JSON.stringify({ revision: sent.length, created: true, issues: [] }) };
    };
    expect(env.run('syncToServer')).toMatchObject({ ok: true, revision: 1 });
    return { env, sent };
  }
  const header = (env: GasEnvironment) => env.spreadsheet.sheetForHost('ケース')!.getRange('1:1');
  const asked = (env: GasEnvironment) => env.ui.alerts.filter((a) => a.title === '列の並び');

  test('an office column inserted between contract columns is no move', () => {
    const { env, sent } = synced();
    const cases = env.spreadsheet.sheetForHost('ケース')!;
    cases.insertColumnsAfter(1, 1);
    cases.getRange(1, 2).setValue('備考');
    expect(env.run('syncToServer')).toMatchObject({ ok: true, revision: 2 });
    expect(asked(env)).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  test('受付日 and 担当者 swapped: both named with their columns; 「いいえ」 sends nothing, 「はい」 sends and remembers', () => {
    const { env, sent } = synced();
    const labels = header(env).getValues()[0]!.map(String);
    const received = labels.indexOf('受付日');
    const staff = labels.indexOf('担当者');
    // Counted in core/registry/definition.ts: 受付日 is column B, 担当者 the 19th column, S.
    expect([received, staff]).toEqual([1, 18]);
    const cases = env.spreadsheet.sheetForHost('ケース')!;
    cases.getRange(1, received + 1).setValue('担当者');
    cases.getRange(1, staff + 1).setValue('受付日');

    env.ui.answer = 'NO';
    expect(env.run('syncToServer')).toEqual({
      ok: false,
      message: '同期していません。列の中身を確かめてから同期し直してください。',
    });
    expect(sent).toHaveLength(1);
    expect(asked(env)).toEqual([
      {
        title: '列の並び',
        prompt:
          '前回の同期から見出しの並びが変わっています: 「ケース」の「担当者」（B列）、「ケース」の「受付日」（S列）。列の中身が見出しと合っていれば「はい」で同期します。',
      },
    ]);

    env.ui.answer = 'YES';
    expect(env.run('syncToServer')).toMatchObject({ ok: true, revision: 2 });
    expect(sent).toHaveLength(2);
    // The new order is remembered: the next sync asks nothing.
    expect(env.run('syncToServer')).toMatchObject({ ok: true, revision: 3 });
    expect(asked(env)).toHaveLength(2);
  });

  test('「同期の設定」 starts afresh: a new server gets the order as it is, unasked', () => {
    const { env } = synced();
    const cases = env.spreadsheet.sheetForHost('ケース')!;
    const labels = header(env).getValues()[0]!.map(String);
    cases.getRange(1, labels.indexOf('受付日') + 1).setValue('担当者');
    cases.getRange(1, labels.indexOf('担当者') + 1).setValue('受付日');
    configured(env, 'https://other.example.jp');
    expect(env.run('syncToServer')).toMatchObject({ ok: true });
    expect(asked(env)).toEqual([]);
  });
});
