// The server survives its database (docs/RELIABILITY.md). A real PostgreSQL server under the built
// `kasane serve`: a backend terminated at each step of a sync's transaction, and at a moment the
// test does not choose, fails that sync only and leaves nothing half-written; while PostgreSQL is
// stopped (`pg_ctl stop -m immediate`) every route that needs it answers 503 store.unavailable with
// Retry-After; once it is started again the same process serves as before.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { generateSampleRegistry } from '../../core/sample';
import { toInterchange, withoutPii } from '../../core/registry/interchange';
import { Store } from '../../server/store';
import { openPg } from '../../server/store/pg';
import { cli, ensureBuilt, serve, stop, type Served } from '../cli/run';
import { freePort, postgresBin, SKIP_PG } from './helpers/postgres';
import { town } from '../fixtures/server-town';

jest.setTimeout(180_000);

const japanese = (s: unknown) => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

/** A PostgreSQL cluster the test can stop the hard way and start again on the same port and data. */
interface Cluster {
  url: string;
  kill(): void;
  start(): void;
  remove(): void;
}

async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL (initdb, pg_ctl) not found: install postgresql or set KASANE_SKIP_PG=1');
  const dir = mkdtempSync(join(tmpdir(), 'kasane-pg-resilience-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, cmd),
      asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args,
      { stdio: 'pipe', timeout: 60_000 },
    );
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE kasane_resilience');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/kasane_resilience`,
    kill: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    remove() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Set when the server process ends: polls stop at once instead of waiting for their deadline. */
let serverGone = false;

/** Calls `probe` until it gives a value, at most until the deadline (an event we cannot subscribe to). */
async function poll<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000, every = 10): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (serverGone) throw new Error(`the server exited while waiting for ${what}`);
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

type Answer = {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
};

(SKIP_PG ? describe.skip : describe)('the server survives its database (PostgreSQL)', () => {
  let cluster: Cluster;
  let served: Served;
  let token: string;
  /** A connection of the test's own, to look at and to terminate the server's connections. */
  let watcher: Client;

  const call = async (path: string, init: RequestInit = {}, auth = token): Promise<Answer> => {
    const r = await fetch(`${served.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    });
    return {
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      body: (await r.json()) as Answer['body'],
    };
  };
  const sync = (doc: unknown) => call('/api/v1/sync', { method: 'POST', body: JSON.stringify(doc) });
  const large = (seed: number, cases = 3000) => {
    const doc = toInterchange(withoutPii(generateSampleRegistry({ cases, seed }))) as Record<string, unknown>;
    return doc;
  };
  /** What is stored, to compare before and after a failed sync. */
  const stored = async () => {
    const q = async (sql: string) => Number((await watcher.query<{ n: string }>(sql)).rows[0]!.n);
    return {
      current: await q('SELECT max(current_revision) AS n FROM workbooks'),
      revisions: await q('SELECT count(*) AS n FROM revisions'),
      chunks: await q('SELECT count(*) AS n FROM chunks'),
      revisionChunks: await q('SELECT count(*) AS n FROM revision_chunks'),
      audit: await q('SELECT count(*) AS n FROM audit'),
    };
  };
  /** Every stored revision holds exactly the rows its counts say: none is half-stored. */
  const wholeRevisions = async () => {
    const { rows } = await watcher.query<{ revision: number; rows: number; counted: number }>(
      `SELECT r.revision, COALESCE(SUM(json_array_length(c.rows)), 0)::int AS rows,
              (SELECT SUM(value::int) FROM jsonb_each_text(r.counts))::int AS counted
         FROM revisions r
         LEFT JOIN revision_chunks x ON x.workbook_id = r.workbook_id AND x.revision = r.revision
         LEFT JOIN chunks c ON c.workbook_id = x.workbook_id AND c.hash = x.hash
        GROUP BY r.revision, r.counts ORDER BY r.revision`,
    );
    for (const r of rows) expect(r.rows).toBe(r.counted);
    return rows.length;
  };
  const serverPids = async (where: string): Promise<number[]> =>
    (
      await watcher.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND ${where}`,
      )
    ).rows.map((r) => r.pid);

  beforeAll(async () => {
    ensureBuilt();
    cluster = await startCluster();
    const store = new Store(await openPg(cluster.url));
    await store.migrate();
    token = (await store.createToken('town')).token;
    await store.close();
    served = await serve([], { DATABASE_URL: cluster.url });
    void served.exited.then(() => (serverGone = true));
    watcher = new Client({ connectionString: cluster.url });
    await watcher.connect();
    expect((await sync(town())).body).toMatchObject({ revision: 1, created: true });
  });
  afterAll(async () => {
    await watcher?.end().catch(() => undefined);
    if (served && !serverGone) await stop(served);
    cluster?.remove();
  });
  afterEach(() => {
    // Whatever happened to the database, the server process is still there.
    expect(serverGone).toBe(false);
  });

  test.each([
    ['before anything is written (the workbook row)', "SELECT 1 FROM workbooks WHERE name = 'town' FOR UPDATE"],
    ['after the revision row (chunks)', 'LOCK TABLE chunks IN SHARE MODE'],
    ['after the chunks (their index)', 'LOCK TABLE revision_chunks IN SHARE MODE'],
    ['after the new current revision (the audit row)', 'LOCK TABLE audit IN SHARE MODE'],
  ])(
    'a backend terminated %s: that sync answers 503, nothing is half-written, the next sync succeeds',
    async (_at, lock) => {
      const before = await stored();
      // The test holds a lock the sync needs at that step, so the sync waits there, mid-transaction.
      const holder = new Client({ connectionString: cluster.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(lock);
        const doc = large(before.revisions + 10);
        const pending = sync(doc);
        const [pid] = await poll('the sync to wait on the lock', async () => {
          const pids = await serverPids(`wait_event_type = 'Lock'`);
          return pids.length ? pids : undefined;
        });
        await watcher.query('SELECT pg_terminate_backend($1)', [pid]);
        await holder.query('ROLLBACK');
        const failed = await pending;
        expect(failed.status).toBe(503);
        expect(failed.body.error?.code).toBe('store.unavailable');
        expect(japanese(failed.body.error?.message)).toBe(true);
        expect(Number(failed.retryAfter)).toBeGreaterThan(0);
        expect(await stored()).toEqual(before);

        // The same sync again, on a fresh connection.
        const again = await sync(doc);
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ revision: before.current + 1, created: true });
      } finally {
        await holder.end();
      }
      expect(await wholeRevisions()).toBe(before.revisions + 1);
    },
  );

  test('a backend terminated at a moment the test does not choose during a large sync', async () => {
    const before = await stored();
    const pending = sync(large(99, 20_000));
    // The sync's own transaction: open, and past authentication.
    const pids = await poll('the sync transaction', async () => {
      const p = await serverPids(`xact_start IS NOT NULL AND query NOT LIKE 'SELECT t.hash%'`);
      return p.length ? p : undefined;
    });
    for (const pid of pids) await watcher.query('SELECT pg_terminate_backend($1)', [pid]);
    const answer = await pending;
    // Terminated before its COMMIT: 503 and nothing stored. (Terminated in the instant after it, the
    // revision is whole and the answer may still be 200.)
    expect([200, 503]).toContain(answer.status);
    if (answer.status === 503) {
      expect(answer.body.error?.code).toBe('store.unavailable');
      expect(answer.retryAfter).not.toBeNull();
    }
    const after = await stored();
    expect(after.revisions - before.revisions).toBe(after.current - before.current);
    await wholeRevisions();
    const next = await sync(town('終了後'));
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ revision: after.current + 1, created: true });
  });

  test('idle connections terminated between requests: the next requests are served', async () => {
    const idle = await serverPids('true');
    expect(idle.length).toBeGreaterThan(0);
    await watcher.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [idle]);
    const r = await call('/api/v1/revisions');
    expect(r.status).toBe(200);
    expect((await sync(town('再接続'))).status).toBe(200);
  });

  test('pg_ctl stop -m immediate: 503 store.unavailable with Retry-After; started again: 200, same process', async () => {
    const current = (await call('/api/v1/revisions')).body.currentRevision as number;
    await watcher.end();
    cluster.kill();

    const down: Array<[string, RequestInit, string?]> = [
      ['/readyz', {}],
      ['/api/v1/revisions', {}],
      ['/api/v1/indicators?fiscalYear=2025', {}],
      ['/api/v1/summaries/2025-05?format=csv', {}],
      ['/api/v1/sync', { method: 'POST', body: JSON.stringify(town('停止中')) }],
      ['/api/v1/validate', { method: 'POST', body: JSON.stringify(town()) }],
      // Whether an unknown token is valid cannot be known without the database: 503, not 401 or 500.
      ['/api/v1/revisions', {}, 'ks1.0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ];
    for (const [path, init, auth] of down) {
      const r = await call(path, init, auth);
      expect([path, r.status, r.body.error?.code]).toEqual([path, 503, 'store.unavailable']);
      expect(japanese(r.body.error?.message)).toBe(true);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    // A server started while the database is down says so and exits 2 (the running one goes on).
    const second = cli(['serve', '--port', '0'], { DATABASE_URL: cluster.url });
    expect(second.code).toBe(2);
    expect(second.err).toContain('データベース');
    expect(second.err).toContain('DATABASE_URL');
    // What needs no database still answers: the process is alive, a missing token is missing.
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${served.url}/api/v1/revisions`)).status).toBe(401);

    cluster.start();
    await poll(
      'readyz after the restart',
      async () => {
        const r = await fetch(`${served.url}/readyz`);
        return r.status === 200 ? true : undefined;
      },
      60_000,
      100,
    );
    const after = await sync(town('再開後'));
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ revision: current + 1, created: true });
    expect((await call('/api/v1/indicators?fiscalYear=2025')).status).toBe(200);
    watcher = new Client({ connectionString: cluster.url });
    await watcher.connect();
    await wholeRevisions();
  });
});
