// `kasane template --google` as a user runs it (dist/cli.cjs in a child process), against the
// emulated Sheets API in this process — so the child is awaited, never run synchronously.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHEETS } from '../../core/registry/definition';
import { root } from '../cli/run';
import { startSheetsEmulator, valueAt, type SheetsEmulator } from './google-emulator';

const TOKEN = 'ya29.cli-test-token';
const cli = join(root, 'dist', 'cli.cjs');
const home = mkdtempSync(join(tmpdir(), 'kasane-google-cli-'));

// No real Google anywhere: no ADC file, no gcloud config, no metadata-server probe.
const isolated: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: home,
  CLOUDSDK_CONFIG: join(home, 'gcloud'),
  METADATA_SERVER_DETECTION: 'none',
  NO_COLOR: '1',
};

function kasaneAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: home, env });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

let emu: SheetsEmulator;
const hooks = () => ({ ...isolated, KASANE_SHEETS_API_ROOT: emu.rootUrl, KASANE_GOOGLE_ACCESS_TOKEN: TOKEN });

beforeAll(async () => {
  emu = await startSheetsEmulator({ token: TOKEN });
}, 120_000);
afterAll(() => emu.close());

describe('kasane template --google', () => {
  test('creates the spreadsheet in two calls and prints its URL as the last line', async () => {
    const before = emu.calls.length;
    const r = await kasaneAsync(['template', '--google', '--municipality', 'かさね町'], hooks());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('Google スプレッドシートに台帳テンプレートを作成しました: かさね台帳（かさね町）');
    const url = lines[lines.length - 1]!;
    expect(url).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\/emulated-[^/]+\/edit$/);
    const calls = emu.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['create', 'batchUpdate']);
    for (const c of calls) expect(c.authorization).toBe(`Bearer ${TOKEN}`);
    const book = emu.spreadsheets.get(url.split('/')[5]!)!;
    expect(book.properties.title).toBe('かさね台帳（かさね町）');
    for (const def of SHEETS) {
      const s = book.sheets.find((x) => x.properties.title === def.name)!;
      expect(valueAt(s, 0, 0)).toBe(def.columns[0]!.label);
    }
    expect(r.out).not.toContain(TOKEN);
  });

  test("the API refuses: exit 2, status and Google's message in Japanese, no token", async () => {
    emu.refuse({
      method: 'create',
      code: 403,
      status: 'PERMISSION_DENIED',
      message: 'Google Sheets API has not been used in project 123 before or it is disabled.',
    });
    const r = await kasaneAsync(['template', '--google'], hooks());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('Google Sheets API がスプレッドシートの作成を拒否しました（HTTP 403 PERMISSION_DENIED）');
    expect(r.err).toContain('has not been used in project 123');
    expect(r.err).toContain('Google Sheets API が有効か');
    expect(r.err).toContain('GOOGLE_API_REFUSED');
    expect(r.err).not.toContain(TOKEN);
  });

  test('the batch refused after create: exit 2, and the half-made spreadsheet named for deletion', async () => {
    emu.refuse({
      method: 'batchUpdate',
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Invalid requests[0].updateCells: No grid with id: 5',
    });
    const r = await kasaneAsync(['template', '--google'], hooks());
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '見出し・入力規則の設定を拒否しました（HTTP 400 INVALID_ARGUMENT）: Invalid requests[0].updateCells: No grid with id: 5',
    );
    expect(r.err).toMatch(/削除してからやり直してください: https:\/\/docs\.google\.com\/spreadsheets\/d\/emulated-/);
  });

  test('nothing listening at the API root: exit 2, GOOGLE_UNREACHABLE', async () => {
    const closed = await startSheetsEmulator({ token: TOKEN });
    await closed.close();
    const r = await kasaneAsync(['template', '--google'], { ...hooks(), KASANE_SHEETS_API_ROOT: closed.rootUrl });
    expect(r.code).toBe(2);
    expect(r.err).toContain('Google Sheets API に接続できません（ECONNREFUSED）');
    expect(r.err).toContain('GOOGLE_UNREACHABLE');
  });

  test('no credentials at all (no ADC, no key file): exit 2, GOOGLE_NO_CREDENTIALS, nothing sent', async () => {
    const before = emu.calls.length;
    const r = await kasaneAsync(['template', '--google'], { ...isolated, KASANE_SHEETS_API_ROOT: emu.rootUrl });
    expect(r.code).toBe(2);
    expect(r.err).toContain('Google の認証情報が見つかりません');
    expect(r.err).toContain('GOOGLE_NO_CREDENTIALS');
    expect(emu.calls.length).toBe(before);
  });

  test('--credentials: a missing file and a file that is not a key are both GOOGLE_NO_CREDENTIALS', async () => {
    const missing = await kasaneAsync(['template', '--google', '--credentials', join(home, 'nope.json')], isolated);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.json を読めません');
    expect(missing.err).toContain('GOOGLE_NO_CREDENTIALS');
    const notKey = join(home, 'not-a-key.json');
    writeFileSync(notKey, '{}');
    const r = await kasaneAsync(['template', '--google', '--credentials', notKey], {
      ...isolated,
      KASANE_SHEETS_API_ROOT: emu.rootUrl,
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('GOOGLE_NO_CREDENTIALS');
  });

  test('--google with --out, or --credentials without --google: exit 2', async () => {
    const both = await kasaneAsync(['template', '--google', '--out', 'x.xlsx'], hooks());
    expect(both.code).toBe(2);
    expect(both.err).toContain('--google と --out は同時に使えません');
    const alone = await kasaneAsync(['template', '--credentials', 'key.json'], hooks());
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--credentials は --google と一緒に使います');
  });
});
