// The built CLI as an operator runs it: token commands, serve on the embedded store (one process per
// data folder), graceful SIGTERM, the demo workbook, and a kill -9 in the middle of a large sync.
import { request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleRegistry } from '../../core/sample';
import { toInterchange, withoutPii } from '../../core/registry/interchange';
import { cli, lastLine, ensureBuilt, serve, stop, type Served } from '../cli/run';
import { openPgliteThread } from './helpers/pglite-thread';
import { town } from '../fixtures/server-town';
import { SKIP_PG, startPostgres } from './helpers/postgres';

jest.setTimeout(120_000);

const japanese = (s: string) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
const dirs: string[] = [];
const running: Served[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kasane-serve-'));
  dirs.push(d);
  return d;
};

beforeAll(() => ensureBuilt());
afterAll(async () => {
  for (const s of running) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const start = async (args: string[]) => {
  const s = await serve(args);
  running.push(s);
  return s;
};
const call = async (url: string, token: string, init: RequestInit = {}) => {
  const r = await fetch(url, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });
  return {
    status: r.status,
    body: (await r.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
};

test('token create prints the token last; list and revoke; faults exit 2 in Japanese', () => {
  const dir = tempDir();
  const created = cli(['token', 'create', '--workbook', 'かさね町', '--label', '本庁', '--data-dir', dir]);
  expect(created.code).toBe(0);
  const token = lastLine(created.out);
  expect(token).toMatch(/^ks1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
  const id = token.split('.')[1]!;
  const listed = cli(['token', 'list', '--workbook', 'かさね町', '--data-dir', dir, '--format', 'json']);
  expect(JSON.parse(listed.out)).toEqual({
    workbook: 'かさね町',
    tokens: [{ id, label: '本庁', createdAt: expect.any(String), revokedAt: null }],
  });
  expect(cli(['token', 'revoke', '--workbook', 'かさね町', '--id', id, '--data-dir', dir]).code).toBe(0);
  expect(cli(['token', 'list', '--workbook', 'かさね町', '--data-dir', dir]).out).toContain('失効');
  for (const args of [
    ['token', 'revoke', '--workbook', 'かさね町', '--id', id, '--data-dir', dir],
    ['token', 'list', '--workbook', 'no-such', '--data-dir', dir],
    ['token', 'create', '--data-dir', dir],
    ['token', 'rotate', '--workbook', 'x', '--data-dir', dir],
    ['audit', '--workbook', 'no-such', '--data-dir', dir],
  ]) {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(japanese(r.err)).toBe(true);
  }
  const audit = cli(['audit', '--workbook', 'かさね町', '--data-dir', dir, '--format', 'json']);
  expect(JSON.parse(audit.out).entries.map((e: { action: string; tokenId: string }) => [e.action, e.tokenId])).toEqual([
    ['token.create', id],
    ['token.revoke', id],
  ]);
});

test('serve holds its data folder; token commands say so; SIGTERM stops cleanly and the data stays', async () => {
  const dir = tempDir();
  const token = lastLine(cli(['token', 'create', '--workbook', 'town', '--data-dir', dir]).out);
  const s = await start(['--data-dir', dir]);
  expect(s.output()).toContain('組み込みデータベース PGlite');
  const busy = cli(['token', 'create', '--workbook', 'town', '--data-dir', dir]);
  expect(busy.code).toBe(2);
  expect(busy.err).toContain('使用中');
  expect(busy.err).toContain(`pid ${s.proc.pid}`);
  expect(busy.out).toBe('');
  const second = cli(['serve', '--port', '0', '--data-dir', dir]);
  expect(second.code).toBe(2);
  expect(second.err).toContain('使用中');

  const synced = await call(`${s.url}/api/v1/sync`, token, { method: 'POST', body: JSON.stringify(town()) });
  expect(synced.body).toMatchObject({ revision: 1, created: true });
  // SIGTERM while a sync is in flight: the sync is answered, then the process ends cleanly.
  const body = JSON.stringify(toInterchange(withoutPii(generateSampleRegistry({ cases: 3000, seed: 3 }))));
  const inFlight = new Promise<number>((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port: Number(new URL(s.url).port),
      path: '/api/v1/sync',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    // A moment after the body is out, so the server has surely taken the request in (if it already
    // answered, the check below holds all the same).
    req.on('finish', () => setTimeout(() => s.proc.kill('SIGTERM'), 150));
    req.end(body);
  });
  expect(await inFlight).toBe(200);
  expect(await s.exited).toBe(0);
  expect(s.output()).toContain('停止しました');
  expect(existsSync(join(dir, 'kasane.lock'))).toBe(false);

  const again = await start(['--data-dir', dir]);
  const revisions = await call(`${again.url}/api/v1/revisions`, token);
  expect(revisions.body).toMatchObject({ currentRevision: 2 });
  expect(await stop(again)).toBe(0);
  const audit = cli(['audit', '--workbook', 'town', '--data-dir', dir]);
  expect(audit.code).toBe(0);
  expect(audit.out).toContain('同期（新しい版）');
});

test('serve --rate-limit N: a burst of N requests per token, refilled over a minute; bad options exit 2', async () => {
  const dir = tempDir();
  const token = lastLine(cli(['token', 'create', '--workbook', 'town', '--data-dir', dir]).out);
  for (const args of [
    ['--rate-limit', '0'],
    ['--rate-limit', '1e3'],
    // Plain digits only: an exponent or a space is a typo, not a number.
    ['--port', ' 8080'],
    ['--port', '70000'],
    ['--body-limit', '50 MiB'],
  ]) {
    const r = cli(['serve', '--data-dir', dir, ...args]);
    expect(r.code).toBe(2);
    expect(japanese(r.err)).toBe(true);
  }
  const s = await start(['--data-dir', dir, '--rate-limit', '2']);
  expect(s.output()).not.toContain('ループバック以外');
  expect((await call(`${s.url}/api/v1/revisions`, token)).status).toBe(200);
  expect((await call(`${s.url}/api/v1/revisions`, token)).status).toBe(200);
  const limited = await fetch(`${s.url}/api/v1/revisions`, { headers: { authorization: `Bearer ${token}` } });
  expect(limited.status).toBe(429);
  // Two a minute refill one request in 30 s.
  expect(limited.headers.get('retry-after')).toBe('30');
  expect(await stop(s)).toBe(0);
});

test('--demo syncs the sample once and issues a fresh token at every start', async () => {
  const dir = tempDir();
  const first = await start(['--demo', '--data-dir', dir]);
  const token1 = lastLine(first.output());
  expect(token1).toMatch(/^ks1\./);
  expect(first.output()).toContain('今回サンプルを同期しました');
  const ind = await call(`${first.url}/api/v1/indicators?fiscalYear=2025`, token1);
  expect(ind.status).toBe(200);
  expect(ind.body.format).toBe('kasane-indicators/1');
  expect((ind.body.indicators as Record<string, number>)['cases.new']).toBeGreaterThan(0);
  const rev1 = await call(`${first.url}/api/v1/revisions`, token1);
  expect(rev1.body.currentRevision).toBe(1);
  await stop(first);

  const second = await start(['--demo', '--data-dir', dir]);
  const token2 = lastLine(second.output());
  expect(token2).not.toBe(token1);
  expect(second.output()).not.toContain('今回サンプルを同期しました');
  expect((await call(`${second.url}/api/v1/revisions`, token1)).status).toBe(401);
  expect((await call(`${second.url}/api/v1/revisions`, token2)).body.currentRevision).toBe(1);
  await stop(second);
});

test('kill -9 during a large sync leaves the previous revision intact, and the server restarts', async () => {
  const dir = tempDir();
  const token = lastLine(cli(['token', 'create', '--workbook', 'town', '--data-dir', dir]).out);
  const s = await start(['--data-dir', dir]);
  const small = await call(`${s.url}/api/v1/sync`, token, { method: 'POST', body: JSON.stringify(town()) });
  expect(small.body).toMatchObject({ revision: 1 });
  const large = JSON.stringify(toInterchange(withoutPii(generateSampleRegistry({ cases: 20_000, seed: 7 }))));
  const port = Number(new URL(s.url).port);
  // Kill the server once the whole body has been handed over: it is parsing, checking or storing.
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/v1/sync',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.on('finish', () => setTimeout(() => s.proc.kill('SIGKILL'), 100));
    req.end(large);
  });
  expect(await s.exited).toBe('SIGKILL');

  const after = await start(['--data-dir', dir]);
  const list = await call(`${after.url}/api/v1/revisions`, token);
  expect(list.status).toBe(200);
  const revisions = list.body.revisions as Array<{
    revision: number;
    contentHash: string;
    counts: Record<string, number>;
  }>;
  const one = revisions.find((r) => r.revision === 1)!;
  expect(one.contentHash).toBe(small.body.contentHash);
  expect(one.counts.cases).toBe(3);
  // Whether or not the large sync committed before the kill, no revision is half-stored.
  expect([1, 2]).toContain(list.body.currentRevision);
  expect((await call(`${after.url}/api/v1/indicators?fiscalYear=2025`, token)).status).toBe(200);
  const next = await call(`${after.url}/api/v1/sync`, token, { method: 'POST', body: JSON.stringify(town('再開後')) });
  expect(next.body).toMatchObject({ revision: (list.body.currentRevision as number) + 1, created: true });
  await stop(after);

  const db = await openPgliteThread(join(dir, 'pgdata'));
  try {
    const stored = await db.query<{ revision: number; rows: number; counted: number }>(
      `SELECT r.revision, COALESCE(SUM(json_array_length(c.rows)), 0)::int AS rows,
              (SELECT SUM(value::int) FROM jsonb_each_text(r.counts))::int AS counted
         FROM revisions r
         LEFT JOIN revision_chunks x ON x.workbook_id = r.workbook_id AND x.revision = r.revision
         LEFT JOIN chunks c ON c.workbook_id = x.workbook_id AND c.hash = x.hash
        GROUP BY r.revision, r.counts ORDER BY r.revision`,
    );
    for (const r of stored) expect(r.rows).toBe(r.counted);
  } finally {
    await db.close();
  }
});

(SKIP_PG ? test.skip : test)('with DATABASE_URL the token and audit commands work while the server runs', async () => {
  const pg = await startPostgres();
  try {
    const env = { DATABASE_URL: await pg.newDatabase() };
    const first = lastLine(cli(['token', 'create', '--workbook', 'town'], env).out);
    const s = await serve([], env);
    running.push(s);
    expect(s.output()).toContain('PostgreSQL サーバー');
    expect(s.output()).not.toMatch(/postgres:\/\/[^\s]*:[^*\s]+@/);
    expect(
      (await call(`${s.url}/api/v1/sync`, first, { method: 'POST', body: JSON.stringify(town()) })).body,
    ).toMatchObject({ revision: 1 });
    const created = cli(['token', 'create', '--workbook', 'town'], env);
    expect(created.code).toBe(0);
    const second = lastLine(created.out);
    expect((await call(`${s.url}/api/v1/revisions`, second)).body).toMatchObject({ currentRevision: 1 });
    expect(cli(['token', 'revoke', '--workbook', 'town', '--id', first.split('.')[1]!], env).code).toBe(0);
    expect((await call(`${s.url}/api/v1/revisions`, first)).status).toBe(401);
    const audit = JSON.parse(cli(['audit', '--workbook', 'town', '--format', 'json'], env).out);
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual([
      'token.create',
      'sync',
      'token.create',
      'token.revoke',
    ]);
    expect(await stop(s)).toBe(0);
  } finally {
    await pg.stop();
  }
});
