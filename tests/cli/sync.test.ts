// kasane sync: the registry read first (the CLI's own reading of .xlsx and .json), then only readable
// cells sent in their canonical form; 「3人」 held back and counted, PII never sent, what an office
// typed (令和 dates, ○, stray spaces) sent as read. Against the app in this process (PGlite).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { silentLogger } from '../../server/log';
import { Store } from '../../server/store';
import { openPgliteThread } from '../server/helpers/pglite-thread';
import { run } from '../../cli/commands/sync';
import { runCommand } from './run';
import { officeXlsx } from '../fixtures/office';
import { TOWN } from '../fixtures/town';

jest.setTimeout(60_000);

let store: Store;
let server: Server;
let url: string;
let dir: string;
let workbookId: number;
const token = { value: '' };

beforeAll(async () => {
  store = new Store(await openPgliteThread());
  await store.migrate();
  server = createServer(createApp({ store, log: silentLogger(), pool: null })).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'kasane-sync-'));
  const t = await store.createToken('ひなた町');
  token.value = t.token;
  workbookId = (await store.authenticate(t.token))!.workbookId;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await store.close();
});

async function sync(args: string[], env: Record<string, string | undefined> = { KASANE_TOKEN: token.value }) {
  const saved = { KASANE_TOKEN: process.env.KASANE_TOKEN, KASANE_SERVER: process.env.KASANE_SERVER };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    const r = await runCommand(run, args);
    return { ...r, out: r.stdout.toString('utf8') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Everything stored for the workbook, as text. */
async function stored(): Promise<string> {
  const rows = await store.db.query<{ t: string }>(
    `SELECT rows::text AS t FROM chunks WHERE workbook_id = $1
      UNION ALL SELECT settings::text FROM revisions WHERE workbook_id = $1`,
    [workbookId],
  );
  return rows.map((r) => r.t).join('\n');
}

describe('kasane sync', () => {
  test('the office .xlsx: the readable cells are stored as read, 「3人」 is held back and counted (exit 1)', async () => {
    const xlsx = join(dir, 'ひなた町台帳.xlsx');
    writeFileSync(xlsx, await officeXlsx(TOWN));
    const r = await sync(['--input', xlsx, '--server', url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('版 1 として保存しました。');
    expect(r.out).toContain('読めないため送らなかったセル・設定が 1 件あります');
    expect(r.out).not.toContain('検証の問題');
    const snap = (await store.snapshot(workbookId, 1))!;
    // ケース has a title and a blank row above its header (row 3): elements 0 and 1 are no record,
    // and element i is still sheet row i + 2.
    expect(snap.sheets.cases).toHaveLength(TOWN.cases.length + 2);
    expect(snap.sheets.cases.slice(0, 2)).toEqual([{}, {}]);
    // Row 11 (element 9, the eighth case) kept its place, without 世帯人数.
    expect(snap.sheets.cases[9]!.caseId).toBe(TOWN.cases[7]!.caseId);
    const { householdSize: _held, ...rest } = TOWN.cases[7]!;
    expect(snap.sheets.cases[9]).toEqual(rest);
    // What the office typed is sent as read: the same cells as the clean town.
    expect(snap.sheets.cases.slice(2)).toEqual(TOWN.cases.map((c, i) => (i === 7 ? rest : c)));
    expect(snap.sheets.meetings).toEqual(TOWN.meetings);
    expect(await stored()).not.toMatch(/3人|令和|備考/);
    // The same file again: the same content, no new revision.
    const again = await sync(['--input', xlsx, '--server', url, '--format', 'json']);
    expect(JSON.parse(again.out)).toEqual({
      revision: 1,
      created: false,
      heldBack: 1,
      issueTotal: 0,
      issueCounts: {},
      issues: [],
    });
  });

  test('a .json as typed: PII never sent, 和暦 and spaces sent as read, the server’s issues listed', async () => {
    const file = join(dir, 'typed.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'kasane-registry/1',
        settings: { municipality: 'ひなた町', areas: '東、西' },
        cases: [
          {
            caseId: 'K-2025-0001',
            receivedOn: 'R7.5.1',
            referralSource: '本人 ',
            window: '地域包括支援センター',
            domains: '高齢、障がい',
            area: '東',
            stage: '受付',
            householdSize: '3人',
            name: '山田花子',
            note: '東町1-2-3 に住む',
          },
        ],
        meetingCases: [{ meetingId: 'M-2025-0404', caseId: 'K-2025-0001', purpose: '情報共有' }],
      }),
    );
    const r = await sync(['--input', file, '--server', url]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('版 2 として保存しました。');
    expect(r.out).toContain('送らなかったセル・設定が 1 件');
    expect(r.out).toContain('検証の問題が 1 件あります:');
    expect(r.out).toContain('[ref.missing]');
    const snap = (await store.snapshot(workbookId, 2))!;
    expect(snap.sheets.cases).toEqual([
      {
        caseId: 'K-2025-0001',
        receivedOn: '2025-05-01',
        referralSource: '本人',
        window: '地域包括支援センター',
        domains: ['高齢', '障がい'],
        area: '東',
        consent: '未確認',
        stage: '受付',
      },
    ]);
    expect(snap.settings).toMatchObject({ municipality: 'ひなた町', areas: ['東', '西'] });
    expect(await stored()).not.toMatch(/山田花子|東町1-2-3|3人/);
  });

  test('not stored: no token, a refused token, no server or none named, a stale base revision (exit 2, Japanese)', async () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify({ format: 'kasane-registry/1', cases: [] }));
    const none = await sync(['--input', file, '--server', url], { KASANE_TOKEN: undefined });
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('KASANE_TOKEN')]);
    const bad = await sync(['--input', file, '--server', url], { KASANE_TOKEN: 'ks1.0000000000000000.nope' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('サーバーが同期を受け付けませんでした（401 token.invalid）');
    const closed = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => closed.once('listening', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = await sync(['--input', file, '--server', `http://127.0.0.1:${port}`]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('に接続できません');
    const noServer = await sync(['--input', file], { KASANE_TOKEN: token.value, KASANE_SERVER: undefined });
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain('--server');
    const stale = await sync(['--input', file, '--server', url, '--base-revision', '1']);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain('409 revision.conflict');
    expect(await store.currentRevision(workbookId)).toBe(2);
  });
});
