// The event loop stays free while the heavy work runs (issue 12): the built server (kasane serve)
// takes a ~45 MB sync of one workbook and a large XLSX export of another at once, while /healthz
// and a third workbook's indicators are polled every 20 ms. On PostgreSQL both answer within
// 250 ms at the 99th percentile. On PGlite (its engine in a thread of its own, but one statement at a
// time) the same figures are printed for docs/PERFORMANCE.md and bounded loosely.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { generateSampleRegistry } from '../../core/sample';
import { toInterchange, withoutPii } from '../../core/registry/interchange';
import { cli, ensureBuilt, lastLine, serve, stop, type Served } from '../cli/run';
import { town } from '../fixtures/server-town';
import { SKIP_PG, startPostgres, type PostgresServer } from './helpers/postgres';

jest.setTimeout(180_000);

// 70,000 cases of the sample town without PII: about 45 MB of JSON (the Apps Script limit is 50 MB).
// Encoded once here: the upload must not hold this (the measuring) process's event loop either.
const big = new TextEncoder().encode(
  JSON.stringify(toInterchange(withoutPii(generateSampleRegistry({ cases: 70_000, seed: 5 })))),
);
// 20,000 cases for the export: well past the rows computed on the main thread.
const medium = new TextEncoder().encode(
  JSON.stringify(toInterchange(withoutPii(generateSampleRegistry({ cases: 20_000, seed: 6 })))),
);

const dirs: string[] = [];
const running: Served[] = [];
let pg: PostgresServer | null = null;

beforeAll(() => ensureBuilt());
afterAll(async () => {
  for (const s of running) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (pg) await pg.stop();
});

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1]!;

interface Polled {
  latencies: number[];
  statuses: number[];
}

/** GETs `url` every 20 ms (after each answer) until `until` settles; each answer's latency. */
async function poll(url: string, token: string | null, until: Promise<unknown>): Promise<Polled> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  const out: Polled = { latencies: [], statuses: [] };
  while (!done) {
    const t = performance.now();
    const r = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    await r.arrayBuffer();
    out.latencies.push(performance.now() - t);
    out.statuses.push(r.status);
    await delay(20);
  }
  return out;
}

async function post(url: string, token: string, body: string | Uint8Array<ArrayBuffer>) {
  const t = performance.now();
  const r = await fetch(`${url}/api/v1/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const json = (await r.json()) as { revision?: number; counts?: { cases: number } };
  return { status: r.status, json, ms: performance.now() - t };
}

/** The measurement on one engine: tokens made with `token`, the server started with `args`. */
async function measure(token: (workbook: string) => string, args: string[], env: Record<string, string>) {
  const tokens = { big: token('big'), exporter: token('exporter'), small: token('small') };
  const s = await serve(['--rate-limit', '100000', ...args], env);
  running.push(s);
  // Before the measurement: the export's workbook and the polled one have their data.
  expect((await post(s.url, tokens.exporter, medium)).status).toBe(200);
  expect((await post(s.url, tokens.small, JSON.stringify(town()))).status).toBe(200);
  const indicators = `${s.url}/api/v1/indicators?fiscalYear=2025`;
  expect((await fetch(indicators, { headers: { authorization: `Bearer ${tokens.small}` } })).status).toBe(200);

  const syncing = post(s.url, tokens.big, big);
  const exporting = (async () => {
    const t = performance.now();
    const r = await fetch(`${s.url}/api/v1/summaries/2024-05?format=xlsx`, {
      headers: { authorization: `Bearer ${tokens.exporter}` },
    });
    const bytes = Buffer.from(await r.arrayBuffer());
    return { status: r.status, bytes, ms: performance.now() - t };
  })();
  const both = Promise.all([syncing, exporting]);
  const [health, small, [synced, exported]] = await Promise.all([
    poll(`${s.url}/healthz`, null, both),
    poll(indicators, tokens.small, both),
    both,
  ]);
  expect([synced.status, synced.json.revision, synced.json.counts?.cases]).toEqual([200, 1, 70_000]);
  expect([exported.status, exported.bytes.subarray(0, 2).toString()]).toEqual([200, 'PK']);
  expect(new Set(health.statuses)).toEqual(new Set([200]));
  expect(new Set(small.statuses)).toEqual(new Set([200]));
  expect(await stop(s)).toBe(0);
  return {
    syncMs: Math.round(synced.ms),
    exportMs: Math.round(exported.ms),
    healthP99: Math.round(p99(health.latencies)),
    smallP99: Math.round(p99(small.latencies)),
    polls: health.latencies.length + small.latencies.length,
  };
}

test('the snapshot is about 45 MB', () => {
  expect(big.byteLength / 1e6).toBeGreaterThan(40);
  expect(big.byteLength / 1e6).toBeLessThan(50);
});

(SKIP_PG ? test.skip : test)(
  'PostgreSQL: /healthz and a small workbook answer within 250 ms (p99) during a 45 MB sync and a large export',
  async () => {
    pg = await startPostgres();
    const env = { DATABASE_URL: await pg.newDatabase() };
    const r = await measure((wb) => lastLine(cli(['token', 'create', '--workbook', wb], env).out), [], env);
    console.info(`event loop on PostgreSQL: ${JSON.stringify(r)}`);
    // Enough polls that the 99th percentile is not the single slowest answer.
    expect(r.polls).toBeGreaterThan(100);
    expect(r.healthP99).toBeLessThan(250);
    expect(r.smallP99).toBeLessThan(250);
  },
);

test('PGlite: the event loop stays free; another workbook waits on the one embedded connection, never for the whole sync', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasane-loop-'));
  dirs.push(dir);
  const r = await measure(
    (wb) => lastLine(cli(['token', 'create', '--workbook', wb, '--data-dir', dir]).out),
    ['--data-dir', dir],
    {},
  );
  console.info(`event loop on PGlite: ${JSON.stringify(r)}`);
  // The engine runs in its own thread, so the event loop answers /healthz as on PostgreSQL. A small
  // workbook's read needs the engine, which has one connection: it waits while the sync's
  // transaction holds it (1.7–1.9 s at p99 in the last runs) but never for the whole
  // sync. That wait is the documented reason to move to PostgreSQL (docs/PERFORMANCE.md).
  expect(r.polls).toBeGreaterThan(100);
  expect(r.healthP99).toBeLessThan(250);
  expect(r.smallP99).toBeLessThan(r.syncMs);
});
