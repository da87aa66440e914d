// The work pool (server/app/worker-pool.ts, the built dist/worker.cjs): a large sync, validate and
// export answer exactly what the main thread answers for the same body; faults inside the worker
// are the usual JSON errors; a worker that dies answers 503 in Japanese and is replaced.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { generateSampleRegistry } from '../../core/sample';
import { toInterchange, withoutPii } from '../../core/registry/interchange';
import { INLINE_BODY_BYTES, INLINE_ROWS } from '../../server/app/offload';
import { WorkPool, WorkerLost, workerScript } from '../../server/app/worker-pool';
import { createApp, type AppOptions } from '../../server/app';
import { silentLogger } from '../../server/log';
import type { Store } from '../../server/store';
import { pgliteFactory } from './helpers/stores';

jest.setTimeout(120_000);

// 4,000 cases: about 2.7 MB of JSON and over 12,000 rows, so both the body and the figures go to the worker.
const doc = toInterchange(withoutPii(generateSampleRegistry({ cases: 4000, seed: 11 }))) as Record<string, unknown> & {
  cases: Array<Record<string, unknown>>;
};
const body = JSON.stringify(doc);
const rows = Object.values(doc)
  .filter(Array.isArray)
  .reduce((n, v) => n + v.length, 0);

const japanese = (s: unknown) => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
const servers: Server[] = [];
const listen = (o: Pick<AppOptions, 'store' | 'pool'>) => {
  const server = createServer(
    createApp({ log: silentLogger(), rateLimit: { burst: 10_000, perSecond: 10_000 }, ...o }),
  ).listen(0, '127.0.0.1');
  servers.push(server);
  return server;
};

let store: Store;
let pool: WorkPool;
const dir = mkdtempSync(join(tmpdir(), 'kasane-worker-'));

beforeAll(async () => {
  store = await pgliteFactory().open();
  pool = new WorkPool(workerScript()!, 1);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await pool.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const tenant = async (name: string) => ({ Authorization: `Bearer ${(await store.createToken(name)).token}` });
const post = (app: ReturnType<typeof listen>, path: string, auth: Record<string, string>, text: string) =>
  request(app).post(path).set(auth).set('Content-Type', 'application/json').send(text);
const bytes = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

test('the sample is past both thresholds, so the pool does the work', () => {
  expect(Buffer.byteLength(body)).toBeGreaterThan(INLINE_BODY_BYTES);
  expect(rows).toBeGreaterThan(INLINE_ROWS);
});

test('sync, validate, indicators and every summary format: the worker answers what the main thread answers', async () => {
  const inWorker = listen({ store, pool });
  const inline = listen({ store, pool: null });
  const before = pool.started;
  const a = await tenant('worker-a');
  const b = await tenant('worker-b');
  const ra = await post(inWorker, '/api/v1/sync', a, body);
  const rb = await post(inline, '/api/v1/sync', b, body);
  expect(ra.status).toBe(200);
  expect(rb.status).toBe(200);
  expect(ra.body).toEqual(rb.body);
  expect(ra.body.revision).toBe(1);
  expect(ra.body.counts.cases).toBe(4000);
  expect(pool.started).toBe(before + 1);

  const va = await post(inWorker, '/api/v1/validate', a, body);
  const vb = await post(inline, '/api/v1/validate', b, body);
  expect(va.status).toBe(200);
  expect(va.body).toEqual(vb.body);
  expect(va.body.counts.cases).toBe(4000);

  const ia = await request(inWorker).get('/api/v1/indicators?fiscalYear=2024').set(a);
  const ib = await request(inline).get('/api/v1/indicators?fiscalYear=2024').set(b);
  expect(ia.status).toBe(200);
  expect(ia.headers['x-kasane-revision']).toBe('1');
  expect(ia.body).toEqual(ib.body);
  expect(ia.body.format).toBe('kasane-indicators/1');
  expect(ia.body.indicators['cases.new']).toBeGreaterThan(0);

  for (const format of ['json', 'csv', 'html', 'xlsx']) {
    const sa = await request(inWorker).get(`/api/v1/summaries/2024-05?format=${format}`).set(a).parse(bytes);
    const sb = await request(inline).get(`/api/v1/summaries/2024-05?format=${format}`).set(b).parse(bytes);
    expect([format, sa.status, sa.headers['content-type']]).toEqual([format, 200, sb.headers['content-type']]);
    expect(sa.headers['content-disposition']).toBe(sb.headers['content-disposition']);
    // An XLSX holds its write time; the other formats are the same bytes.
    if (format === 'xlsx') expect((sa.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    else expect((sa.body as Buffer).equals(sb.body as Buffer)).toBe(true);
  }
  // A bad period is found in the worker and answered as the main thread answers it.
  const bad = await request(inWorker).get('/api/v1/indicators?fiscalYear=1800').set(a);
  const badInline = await request(inline).get('/api/v1/indicators?fiscalYear=1800').set(b);
  expect(bad.status).toBe(badInline.status);
  expect(bad.body).toEqual(badInline.body);

  // After a new revision, the worker's kept registry is not used: the figures follow the new data.
  // Cases received in May 2024 left out: fewer new cases in fiscal year 2024, as the main thread counts them.
  const fewer = { ...doc, cases: doc.cases.filter((c) => !String(c.receivedOn).startsWith('2024-05')) };
  const removed = doc.cases.length - fewer.cases.length;
  expect(removed).toBeGreaterThan(0);
  const again = await post(inWorker, '/api/v1/sync', a, JSON.stringify(fewer));
  expect([again.status, again.body.revision, again.body.counts.cases]).toEqual([200, 2, 4000 - removed]);
  expect((await post(inline, '/api/v1/sync', b, JSON.stringify(fewer))).body.revision).toBe(2);
  const after = await request(inWorker).get('/api/v1/indicators?fiscalYear=2024').set(a);
  expect(after.headers['x-kasane-revision']).toBe('2');
  expect(after.body.indicators['cases.new']).toBe(ia.body.indicators['cases.new'] - removed);
  expect(after.body).toEqual((await request(inline).get('/api/v1/indicators?fiscalYear=2024').set(b)).body);
});

test('a worker that read a large body is retired once idle (its heap goes back to the system); the next task starts another', async () => {
  const small = new WorkPool(workerScript()!, 1, 1024 * 1024);
  try {
    const app = listen({ store, pool: small });
    const auth = await tenant('worker-retired');
    expect((await post(app, '/api/v1/validate', auth, body)).status).toBe(200);
    expect([small.started, small.alive]).toEqual([1, 0]);
    expect((await post(app, '/api/v1/sync', auth, body)).status).toBe(200);
    expect([small.started, small.alive]).toEqual([2, 0]);
    // The figures keep their worker: it holds the workbook's read registry.
    expect((await request(app).get('/api/v1/indicators?fiscalYear=2024').set(auth)).status).toBe(200);
    expect([small.started, small.alive]).toEqual([3, 1]);
  } finally {
    await small.close();
  }
});

test('faults found in the worker: malformed JSON, a PII column, an unstorable value, a bad charset — the usual JSON errors', async () => {
  const app = listen({ store, pool });
  const auth = await tenant('worker-faults');
  const big = body.slice(0, -1); // cut: not JSON any more
  const malformed = await post(app, '/api/v1/sync', auth, big);
  expect([malformed.status, malformed.body.error.code]).toEqual([400, 'json.malformed']);
  expect(japanese(malformed.body.error.message)).toBe(true);

  const pii = { ...doc, cases: doc.cases.map((c, i) => (i === 1200 ? { ...c, name: '架空 花子' } : c)) };
  const refused = await post(app, '/api/v1/sync', auth, JSON.stringify(pii));
  expect([refused.status, refused.body.error.code]).toEqual([422, 'pii.rejected']);
  expect(refused.body.error.message).toContain('1202行目');
  expect(JSON.stringify(refused.body)).not.toContain('花子');

  const nul = { ...doc, cases: doc.cases.map((c, i) => (i === 7 ? { ...c, area: 'a\u0000b' } : c)) };
  const unstorable = await post(app, '/api/v1/validate', auth, JSON.stringify(nul));
  expect([unstorable.status, unstorable.body.error.code]).toEqual([422, 'value.unstorable']);

  const sjis = await request(app)
    .post('/api/v1/sync')
    .set(auth)
    .set('Content-Type', 'application/json; charset=shift_jis')
    .send(body);
  expect([sjis.status, sjis.body.error.code]).toEqual([415, 'body.encoding']);
  expect(await store.currentRevision((await store.authenticate(auth.Authorization.slice(7)))!.workbookId)).toBe(0);
});

test('a worker that dies: its request answers 503 work.unavailable in Japanese, the next one gets a new worker; an error inside one is a JSON 500', async () => {
  // A worker script that dies on its first task, then a healthy pool again.
  const script = join(dir, 'dies.cjs');
  writeFileSync(
    script,
    "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n",
  );
  const dying = new WorkPool(script, 1);
  try {
    await expect(
      dying.run({ kind: 'validate', body: { bytes: new Uint8Array(), charset: null } }),
    ).rejects.toBeInstanceOf(WorkerLost);
    const app = listen({ store, pool: dying });
    const auth = await tenant('worker-dies');
    const r = await post(app, '/api/v1/sync', auth, body);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('work.unavailable');
    expect(japanese(r.body.error.message)).toBe(true);
    expect(r.headers['retry-after']).toBe('5');
    expect(dying.started).toBe(2); // one per task: the dead worker was replaced
  } finally {
    await dying.close();
  }
  // An unexpected error inside a worker: a 500 in the usual JSON shape, with the request id.
  const failing = join(dir, 'fails.cjs');
  writeFileSync(
    failing,
    "const { parentPort } = require('node:worker_threads');\n" +
      "parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, kind: 'failed', error: { name: 'TypeError', code: '', frames: '    at work' } }));\n",
  );
  const erring = new WorkPool(failing, 1);
  try {
    const r = await post(listen({ store, pool: erring }), '/api/v1/validate', await tenant('worker-fails'), body);
    expect([r.status, r.body.error.code]).toEqual([500, 'internal']);
    expect(r.body.error.message).toContain(r.body.error.requestId);
    expect(japanese(r.body.error.message)).toBe(true);
  } finally {
    await erring.close();
  }
  // The real pool is unaffected and still answers.
  const app = listen({ store, pool });
  const ok = await post(app, '/api/v1/validate', await tenant('worker-after'), body);
  expect(ok.status).toBe(200);
});
