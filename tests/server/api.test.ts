// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server): every endpoint,
// every error status, idempotency, 409, tenant isolation, audit rows and concurrent syncs.
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import request, { type Response } from 'supertest';
import { SHEETS, SHEET_KEYS, piiKeys } from '../../core/registry/definition';
import { createApp, type AppOptions } from '../../server/app';
import { silentLogger } from '../../server/log';
import { Store } from '../../server/store';
import { storeFactories, type StoreFactory } from './helpers/stores';
import { town, TOWN_COUNTS } from '../fixtures/server-town';

jest.setTimeout(60_000);

const factories = storeFactories();
const japanese = (s: unknown) => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
const servers: Server[] = [];

/** supertest parser that keeps a download's bytes (CSV with its BOM, XLSX) as one Buffer. */
const asBytes = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

function listen(options: Omit<AppOptions, 'log'> & { log?: AppOptions['log'] }): Server {
  const server = createServer(
    createApp({ log: silentLogger(), rateLimit: { burst: 10_000, perSecond: 10_000 }, ...options }),
  ).listen(0, '127.0.0.1');
  servers.push(server);
  return server;
}

/** A logger whose lines are kept, to check what the server logs. */
function capturedLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await Promise.all(factories.map((f) => f.teardown()));
});

describe.each(factories.map((f) => [f.name, f] as [string, StoreFactory]))('API on %s', (_name, factory) => {
  let store: Store;
  let server: Server;
  let wb = 0;
  /** A fresh workbook and a token for it. */
  const tenant = async (prefix = 'town') => {
    const workbook = `${prefix}-${++wb}`;
    const { id, token } = await store.createToken(workbook);
    return { workbook, id, token, auth: { Authorization: `Bearer ${token}` } };
  };
  const sync = (auth: Record<string, string>, body: unknown) =>
    request(server)
      .post('/api/v1/sync')
      .set(auth)
      .send(body as object);

  beforeAll(async () => {
    store = await factory.open();
    server = listen({ store });
  });
  afterAll(async () => {
    await store.close();
  });

  describe('health and description', () => {
    test('/healthz and /readyz answer 200; /readyz names the engine', async () => {
      expect((await request(server).get('/healthz')).body).toEqual({ status: 'ok' });
      const ready = await request(server).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', store: factory.name });
    });

    test('/readyz answers 503 when the database does not', async () => {
      const broken = {
        kind: 'pg',
        ping: () => Promise.reject(new Error('down')),
        storableBody: Store.prototype.storableBody,
      } as unknown as Store;
      const r = await request(listen({ store: broken })).get('/readyz');
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('store.unavailable');
      expect(japanese(r.body.error.message)).toBe(true);
    });

    test('the OpenAPI document lists every endpoint, sheet, PII column and summary format', async () => {
      const r = await request(server).get('/api/v1/openapi.json');
      expect(r.status).toBe(200);
      expect(r.body.openapi).toBe('3.1.0');
      expect(Object.keys(r.body.paths).sort()).toEqual(
        [
          '/api/v1/indicators',
          '/api/v1/openapi.json',
          '/api/v1/revisions',
          '/api/v1/summaries/{month}',
          '/api/v1/sync',
          '/api/v1/validate',
          '/healthz',
          '/readyz',
        ].sort(),
      );
      // Every sheet, every PII column and every summary format of the definitions is described.
      const snapshot = r.body.components.schemas.Snapshot.properties;
      expect(Object.keys(snapshot)).toEqual(['format', 'baseRevision', 'settings', ...SHEET_KEYS]);
      for (const key of SHEETS.flatMap((s) => piiKeys(s))) expect(r.body.info.description).toContain(key);
      const format = r.body.paths['/api/v1/summaries/{month}'].get.parameters[1];
      expect(format).toMatchObject({ name: 'format', schema: { enum: ['csv', 'xlsx', 'json', 'html'] } });
    });

    test('helmet headers are set and Express is not announced', async () => {
      const r = await request(server).get('/healthz');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    test('migrations are recorded and not applied twice', async () => {
      const rows = await store.db.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows).toEqual([{ version: 1, name: 'initial' }]);
      expect(await store.migrate()).toEqual([]);
    });
  });

  describe('authentication', () => {
    test('no token: 401 token.missing with a Bearer challenge', async () => {
      const r = await request(server).get('/api/v1/revisions');
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('token.missing');
      expect(japanese(r.body.error.message)).toBe(true);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    test('a malformed, an unknown and a tampered token: 401 token.invalid', async () => {
      const { token } = await tenant();
      const unknown = `ks1.0123456789abcdef.${'A'.repeat(43)}`;
      const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      for (const t of ['nonsense', unknown, tampered]) {
        const r = await request(server).get('/api/v1/revisions').set('Authorization', `Bearer ${t}`);
        expect(r.status).toBe(401);
        expect(r.body.error.code).toBe('token.invalid');
      }
    });

    test("a revoked token: 401; the workbook's other token still works", async () => {
      const a = await tenant();
      const second = await store.createToken(a.workbook);
      expect(await store.revokeToken(a.workbook, a.id)).toBe(true);
      expect(await store.revokeToken(a.workbook, a.id)).toBe(false);
      expect((await request(server).get('/api/v1/revisions').set(a.auth)).status).toBe(401);
      expect(
        (await request(server).get('/api/v1/revisions').set('Authorization', `Bearer ${second.token}`)).status,
      ).toBe(200);
      const list = (await store.listTokens(a.workbook))!;
      expect(list.map((t) => [t.id, t.revokedAt === null])).toEqual(
        expect.arrayContaining([
          [a.id, false],
          [second.id, true],
        ]),
      );
    });

    test('only a SHA-256 hash of the token is stored', async () => {
      const a = await tenant();
      const rows = await store.db.query<{ hash: string }>('SELECT hash FROM tokens WHERE id = $1', [a.id]);
      expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await store.db.query('SELECT * FROM tokens'))).not.toContain(a.token.split('.')[2]);
    });
  });

  describe('sync', () => {
    test('a snapshot becomes revision 1 with its row counts and no issues', async () => {
      const a = await tenant();
      const r = await sync(a.auth, town());
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ revision: 1, created: true, counts: TOWN_COUNTS, excludedRows: 0, issues: [] });
      expect(r.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    });

    test('the same snapshot twice (even with keys reordered) makes no new revision', async () => {
      const a = await tenant();
      const first = await sync(a.auth, town());
      const doc = town();
      doc.cases = doc.cases.map((c) => Object.fromEntries(Object.entries(c).reverse()));
      const again = await sync(a.auth, doc);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ revision: 1, created: false, contentHash: first.body.contentHash });
      const changed = town();
      changed.cases[0]!.stage = '見守り';
      const next = await sync(a.auth, changed);
      expect(next.body).toMatchObject({ revision: 2, created: true });
      expect(next.body.contentHash).not.toBe(first.body.contentHash);
    });

    test('a stale baseRevision answers 409 with the current revision; a current one is accepted', async () => {
      const a = await tenant();
      await sync(a.auth, town('A'));
      await sync(a.auth, town('B'));
      const stale = await sync(a.auth, { ...town('C'), baseRevision: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'revision.conflict', currentRevision: 2 });
      expect(japanese(stale.body.error.message)).toBe(true);
      const ok = await sync(a.auth, { ...town('C'), baseRevision: 2 });
      expect(ok.body).toMatchObject({ revision: 3, created: true });
      // A retry of a sync that already went through answers its revision, not 409.
      const retry = await sync(a.auth, { ...town('C'), baseRevision: 2 });
      expect(retry.body).toMatchObject({ revision: 3, created: false });
      const bad = await sync(a.auth, { ...town(), baseRevision: 'one' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('baseRevision.invalid');
    });

    test('a PII column: 422 naming sheet, row and key, never the value; nothing stored', async () => {
      const a = await tenant();
      const doc = town();
      doc.cases[1]!.name = '山田太郎';
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('pii.rejected');
      expect(r.body.error.message).toContain('「ケース」（cases）の 3行目');
      expect(r.body.error.message).toContain('氏名');
      expect(r.body.error.message).toContain('（name）');
      expect(JSON.stringify(r.body)).not.toContain('山田太郎');
      expect(r.body.error.details).toEqual([{ sheet: 'cases', row: 3, key: 'name', kind: 'pii' }]);
      expect((await request(server).get('/api/v1/revisions').set(a.auth)).body.revisions).toEqual([]);
    });

    test.each([
      ['meetings', 'minutes', '議事メモ'],
      ['activities', 'note', 'メモ'],
    ])('PII in %s.%s is refused too', async (sheet, key, label) => {
      const a = await tenant();
      const doc = town();
      (doc[sheet] as Record<string, unknown>[])[0]![key] = '秘密の内容';
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(422);
      expect(r.body.error.message).toContain(label);
      expect(r.body.error.details[0]).toEqual({ sheet, row: 2, key, kind: 'pii' });
      expect(JSON.stringify(r.body)).not.toContain('秘密の内容');
    });

    test('donations.donorName, cases.contact/address/note: all refused', async () => {
      const a = await tenant();
      const doc = town();
      doc.donations = [{ donationId: 'D-1', receivedOn: '2025-06-01', donorType: '企業', donorName: '株式会社かさね' }];
      Object.assign(doc.cases[0]!, { contact: '090', address: '東1-1', note: 'メモ' });
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(422);
      expect(r.body.error.details).toEqual([
        { sheet: 'cases', row: 2, key: 'contact', kind: 'pii' },
        { sheet: 'cases', row: 2, key: 'address', kind: 'pii' },
        { sheet: 'cases', row: 2, key: 'note', kind: 'pii' },
        { sheet: 'donations', row: 2, key: 'donorName', kind: 'pii' },
      ]);
      expect(r.body.error.message).toContain('ほか 3 件');
      expect(JSON.stringify(r.body)).not.toMatch(/株式会社かさね|東1-1/);
    });

    test('an unknown column, sheet or setting: 422 naming it; a wrong format: 422', async () => {
      const a = await tenant();
      const col = town();
      col.meetings = [{ ...(col.meetings as object[])[0], colour: 'red' }];
      const c = await sync(a.auth, col);
      expect(c.status).toBe(422);
      expect(c.body.error.code).toBe('column.unknown');
      expect(c.body.error.message).toContain('「会議」（meetings）の 2行目');
      expect(c.body.error.message).toContain('colour');
      expect(c.body.error.message).not.toContain('red');
      const sheet = await sync(a.auth, { ...town(), staffList: [] });
      expect(sheet.body.error).toMatchObject({ code: 'sheet.unknown' });
      expect(sheet.body.error.message).toContain('staffList');
      const setting = await sync(a.auth, { ...town(), settings: { mayor: 'x' } });
      expect(setting.status).toBe(422);
      expect(setting.body.error.code).toBe('setting.unknown');
      const fmt = await sync(a.auth, { ...town(), format: 'kasane-registry/9' });
      expect(fmt.status).toBe(422);
      expect(fmt.body.error.code).toBe('format.unknown');
      const notRows = await sync(a.auth, { ...town(), cases: {} });
      expect(notRows.status).toBe(422);
      expect(notRows.body.error.code).toBe('format.invalid');
      expect((await request(server).get('/api/v1/revisions').set(a.auth)).body.revisions).toEqual([]);
    });

    test('rows with row-rule and cross-sheet issues are stored and the issues answered', async () => {
      const a = await tenant();
      const doc = town();
      doc.cases[2]!.referralSource = '通りがかり';
      doc.meetingCases = [{ meetingId: 'M-2025-0001', caseId: 'K-2025-0404', purpose: '情報共有' }];
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(200);
      expect(r.body.counts.cases).toBe(3);
      expect(r.body.excludedRows).toBe(1);
      expect(
        r.body.issues.map((i: { sheet: string; row: number; column: string; code: string }) => [
          i.sheet,
          i.row,
          i.column,
          i.code,
        ]),
      ).toEqual([
        ['cases', 4, 'referralSource', 'value.enum'],
        ['meetingCases', 2, 'caseId', 'ref.missing'],
      ]);
      const ind = await request(server).get('/api/v1/indicators?fiscalYear=2025').set(a.auth);
      expect(ind.body.indicators['data.excludedRows']).toBe(1);
      // K-2024-0099's 相談経路 cannot be read: it is left out of the 相談経路 breakdown only; its
      // closure on 2025-04-01 still counts in FY2025.
      expect(ind.body.leftOut['cases.new.byReferralSource']).toBe(1);
      expect(ind.body.leftOut['cases.closed']).toBe(0);
      expect(ind.body.indicators['cases.closed']).toBe(1);
    });

    test('malformed JSON: 400 json.malformed; a body that is not JSON: 400 body.notJson', async () => {
      const a = await tenant();
      const bad = await request(server)
        .post('/api/v1/sync')
        .set(a.auth)
        .set('Content-Type', 'application/json')
        .send('{"format":');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('json.malformed');
      expect(japanese(bad.body.error.message)).toBe(true);
      const text = await request(server)
        .post('/api/v1/sync')
        .set(a.auth)
        .set('Content-Type', 'text/plain')
        .send('hello');
      expect(text.status).toBe(400);
      expect(text.body.error.code).toBe('body.notJson');
      const arr = await request(server).post('/api/v1/sync').set(a.auth).send([1, 2]);
      expect(arr.status).toBe(422);
    });

    test('a revision stores only the chunks that changed since the one before', async () => {
      const a = await tenant();
      const doc = town();
      doc.activities = Array.from({ length: 5001 }, (_, i) => ({
        activityId: `A-2025-${String(i).padStart(5, '0')}`,
        caseId: 'K-2025-0002',
        on: '2025-05-20',
        kind: 'アウトリーチ',
      }));
      const p = (await store.authenticate(a.token))!;
      const chunks = async () =>
        (
          await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks WHERE workbook_id = $1', [
            p.workbookId,
          ])
        )[0]!.n;
      expect((await sync(a.auth, doc)).body).toMatchObject({ revision: 1, counts: { activities: 5001 } });
      // cases, meetings, meetingCases and two chunks of activities
      expect(await chunks()).toBe(5);
      (doc.activities as object[]).push({
        activityId: 'A-2025-99999',
        caseId: 'K-2025-0002',
        on: '2025-05-21',
        kind: '家庭訪問',
      });
      expect((await sync(a.auth, doc)).body).toMatchObject({ revision: 2, counts: { activities: 5002 } });
      expect(await chunks()).toBe(6);
      const two = (await store.snapshot(p.workbookId, 2))!;
      expect(two.sheets.activities).toHaveLength(5002);
      expect(two.sheets.activities[5001]).toEqual({
        activityId: 'A-2025-99999',
        caseId: 'K-2025-0002',
        on: '2025-05-21',
        kind: '家庭訪問',
      });
      expect((await store.snapshot(p.workbookId, 1))!.sheets.activities).toHaveLength(5001);
    });

    test('concurrent syncs to one workbook get consecutive revisions, none lost', async () => {
      const a = await tenant();
      const n = 8;
      const results = await Promise.all(Array.from({ length: n }, (_, i) => sync(a.auth, town(`町${i}`))));
      expect(results.map((r) => r.status)).toEqual(Array(n).fill(200));
      expect(results.map((r) => r.body.revision).sort((x: number, y: number) => x - y)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8,
      ]);
      const list = await request(server).get('/api/v1/revisions').set(a.auth);
      expect(list.body.currentRevision).toBe(8);
      expect(list.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      const byRevision = new Map(results.map((r) => [r.body.revision, r.body.contentHash]));
      for (const r of list.body.revisions) expect(r.contentHash).toBe(byRevision.get(r.revision));
      // Each revision holds its own snapshot.
      const p = (await store.authenticate(a.token))!;
      const names = await Promise.all(
        [1, 8].map(async (rev) => (await store.snapshot(p.workbookId, rev))!.settings.municipality),
      );
      expect(new Set(names).size).toBe(2);
    });
  });

  describe('validate and revisions', () => {
    test('validate answers issues and stores nothing', async () => {
      const a = await tenant();
      const doc = town();
      doc.meetingCases = [{ meetingId: 'M-2025-0009', caseId: 'K-2025-0001', purpose: '情報共有' }];
      const r = await request(server).post('/api/v1/validate').set(a.auth).send(doc);
      expect(r.status).toBe(200);
      expect(r.body.format).toBe('kasane-validation/1');
      expect(r.body.ok).toBe(false);
      expect(r.body.issues).toEqual([
        expect.objectContaining({ sheet: 'meetingCases', row: 2, column: 'meetingId', code: 'ref.missing' }),
      ]);
      expect(r.body.counts).toEqual(TOWN_COUNTS);
      const clean = await request(server).post('/api/v1/validate').set(a.auth).send(town());
      expect(clean.body).toMatchObject({ ok: true, issues: [] });
      expect((await request(server).get('/api/v1/revisions').set(a.auth)).body).toEqual({
        workbook: a.workbook,
        currentRevision: 0,
        revisions: [],
      });
      const pii = town();
      pii.cases[0]!.address = 'x';
      expect((await request(server).post('/api/v1/validate').set(a.auth).send(pii)).status).toBe(422);
    });

    test('revisions: newest first, with time, counts, issue count and content hash', async () => {
      const a = await tenant();
      const one = await sync(a.auth, town());
      const changed = town();
      changed.activities = [];
      const two = await sync(a.auth, changed);
      const latest = await request(server).get('/api/v1/revisions?limit=1').set(a.auth);
      expect(latest.body).toMatchObject({ currentRevision: 2, revisions: [{ revision: 2 }] });
      expect(latest.body.revisions).toHaveLength(1);
      for (const bad of ['0', '1001', 'x'])
        expect((await request(server).get(`/api/v1/revisions?limit=${bad}`).set(a.auth)).status).toBe(400);
      const r = await request(server).get('/api/v1/revisions').set(a.auth);
      expect(r.status).toBe(200);
      expect(r.body.currentRevision).toBe(2);
      expect(r.body.revisions).toEqual([
        {
          revision: 2,
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          counts: { ...TOWN_COUNTS, activities: 0 },
          issueCount: 0,
          contentHash: two.body.contentHash,
        },
        {
          revision: 1,
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          counts: TOWN_COUNTS,
          issueCount: 0,
          contentHash: one.body.contentHash,
        },
      ]);
    });
  });

  describe('indicators and summaries', () => {
    let a: Awaited<ReturnType<typeof tenant>>;
    beforeAll(async () => {
      a = await tenant();
      await sync(a.auth, town());
    });

    test('fiscal year 2025: hand-counted figures in kasane-indicators/1', async () => {
      const r = await request(server).get('/api/v1/indicators?fiscalYear=2025').set(a.auth);
      expect(r.status).toBe(200);
      expect(r.body.format).toBe('kasane-indicators/1');
      expect(r.body.period).toEqual({
        kind: 'fiscalYear',
        value: '2025',
        label: '令和7年度',
        from: '2025-04-01',
        to: '2026-03-31',
        asOf: null,
        end: '2026-03-31',
      });
      expect(r.body.indicators).toMatchObject({
        'cases.new': 2,
        'cases.new.byDomain.高齢': 1,
        'cases.new.byDomain.生活困窮': 1,
        'cases.new.byReferralSource.民生委員・児童委員': 1,
        'cases.closed': 1,
        'cases.active': 2,
        'meetings.held.byType.支援会議': 1,
        'outreach.contacts': 1,
        'data.excludedRows': 0,
      });
      expect(r.headers['x-kasane-revision']).toBe('1');
    });

    test('a month and an as-of cut-off', async () => {
      const m = await request(server).get('/api/v1/indicators?month=2025-05').set(a.auth);
      expect(m.body.period).toMatchObject({ kind: 'month', from: '2025-05-01', to: '2025-05-31' });
      expect(m.body.indicators).toMatchObject({ 'cases.new': 1, 'cases.active': 2, 'outreach.contacts': 1 });
      const cut = await request(server).get('/api/v1/indicators?fiscalYear=2025&asOf=2025-04-30').set(a.auth);
      expect(cut.body.period.end).toBe('2025-04-30');
      expect(cut.body.indicators).toMatchObject({ 'cases.new': 1, 'cases.active': 1, 'outreach.contacts': 0 });
    });

    test('periods as clerks write them, read as the CLI reads its options', async () => {
      const western = await request(server).get('/api/v1/indicators?fiscalYear=2025').set(a.auth);
      const era = await request(server)
        .get(`/api/v1/indicators?fiscalYear=${encodeURIComponent('令和7年度')}&asOf=R8.3.31`)
        .set(a.auth);
      expect(era.status).toBe(200);
      expect(era.body.period).toEqual(
        western.body.period.asOf === null ? { ...western.body.period, asOf: '2026-03-31' } : null,
      );
      expect(era.body.indicators).toEqual(western.body.indicators);
      const month = await request(server).get('/api/v1/indicators?month=R7.5').set(a.auth);
      expect(month.body.period).toMatchObject({ kind: 'month', value: '2025-05' });
    });

    test.each([
      ['', 'query.invalid'],
      ['?fiscalYear=2025&month=2025-05', 'query.invalid'],
      ['?fiscalYear=R7x', 'query.invalid'],
      ['?fiscalYear=今年', 'query.invalid'],
      ['?month=2025-13', 'query.invalid'],
      ['?fiscalYear=2025&asOf=2024-01-01', 'query.invalid'],
      ['?fiscalYear=2025&fiscalYear=2024', 'query.invalid'],
    ])('indicators%s: 400 %s with a Japanese message', async (query, code) => {
      const r = await request(server).get(`/api/v1/indicators${query}`).set(a.auth);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(japanese(r.body.error.message)).toBe(true);
    });

    test('a workbook with no sync yet: 404 revision.none', async () => {
      const b = await tenant();
      for (const path of ['/api/v1/indicators?fiscalYear=2025', '/api/v1/summaries/2025-05']) {
        const r = await request(server).get(path).set(b.auth);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('revision.none');
      }
    });

    test('summaries in each format, as attachments', async () => {
      const json = await request(server).get('/api/v1/summaries/2025-05?format=json').set(a.auth);
      expect(json.status).toBe(200);
      const summary = JSON.parse(json.text);
      expect(summary).toMatchObject({
        format: 'kasane-summary/1',
        month: '2025-05',
        public: false,
        municipality: 'かさね町',
      });
      const csv = await request(server)
        .get('/api/v1/summaries/2025-05?format=csv')
        .set(a.auth)
        .buffer(true)
        .parse(asBytes);
      const bytes = csv.body as Buffer;
      expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''kasane-summary-2025-05.csv");
      const xlsx = await request(server)
        .get('/api/v1/summaries/2025-05?format=xlsx')
        .set(a.auth)
        .buffer(true)
        .parse(asBytes);
      expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await request(server).get('/api/v1/summaries/2025-05?format=html').set(a.auth);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('かさね町');
    });

    test('a public summary suppresses small counts of cases', async () => {
      const rowOf = (s: { groups: { rows: { key: string; cells: unknown[] }[] }[] }, key: string) =>
        s.groups.flatMap((g) => g.rows).find((r) => r.key === key)!;
      const internal = JSON.parse(
        (await request(server).get('/api/v1/summaries/2025-05?format=json').set(a.auth)).text,
      );
      const pub = JSON.parse(
        (await request(server).get('/api/v1/summaries/2025-05?format=json&public=true').set(a.auth)).text,
      );
      expect(pub).toMatchObject({ public: true, suppressionThreshold: 5 });
      // May 2025: one new case (K-2025-0002); fiscal year to date: two.
      expect(rowOf(internal, 'cases.new').cells[0]).toBe(1);
      expect(rowOf(pub, 'cases.new').cells[0]).toBe('*');
      expect(rowOf(pub, 'cases.new').cells[2]).toBe('*');
    });

    test.each([
      ['/api/v1/summaries/2025-13?format=csv', 'query.invalid'],
      ['/api/v1/summaries/2025-05?format=pdf', 'query.invalid'],
      ['/api/v1/summaries/2025-05?public=yes', 'query.invalid'],
      // Well-formed, but its fiscal year to date would start before 1900.
      ['/api/v1/summaries/1900-02?format=json', 'query.invalid'],
    ])('%s: 400 %s with a Japanese message', async (path, code) => {
      const r = await request(server).get(path).set(a.auth);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(japanese(r.body.error.message)).toBe(true);
    });
  });

  describe('isolation and audit', () => {
    test("a workbook never sees another's data", async () => {
      const a = await tenant();
      const b = await tenant();
      await sync(a.auth, town('Aの町'));
      await sync(a.auth, town('Aの町2'));
      expect((await request(server).get('/api/v1/revisions').set(b.auth)).body).toEqual({
        workbook: b.workbook,
        currentRevision: 0,
        revisions: [],
      });
      expect((await request(server).get('/api/v1/indicators?fiscalYear=2025').set(b.auth)).status).toBe(404);
      // B's first sync is B's revision 1, and B's baseRevision is checked against B's history.
      expect((await sync(b.auth, { ...town('Bの町'), baseRevision: 0 })).body).toMatchObject({
        revision: 1,
        created: true,
      });
      const summary = await request(server).get('/api/v1/summaries/2025-05?format=json').set(b.auth);
      expect(JSON.parse(summary.text).municipality).toBe('Bの町');
      const ind = await request(server).get('/api/v1/summaries/2025-05?format=json').set(a.auth);
      expect(JSON.parse(ind.text).municipality).toBe('Aの町2');
      expect((await store.auditLog(b.workbook))!.every((e) => e.tokenId === b.id)).toBe(true);
    });

    test('every sync, export and token change leaves an audit row with its request id', async () => {
      const a = await tenant();
      const s1 = await sync(a.auth, town()).set('X-Request-Id', 'req-sync-1');
      await sync(a.auth, town()).set('X-Request-Id', 'req-sync-2');
      await sync(a.auth, { ...town('x'), baseRevision: 0 }).set('X-Request-Id', 'req-sync-3');
      await request(server).get('/api/v1/summaries/2025-05?format=csv').set(a.auth).set('X-Request-Id', 'req-export');
      await request(server).get('/api/v1/indicators?month=2025-05').set(a.auth).set('X-Request-Id', 'req-ind');
      expect(s1.headers['x-request-id']).toBe('req-sync-1');
      await store.revokeToken(a.workbook, a.id);
      const log = (await store.auditLog(a.workbook))!;
      expect(log.map((e) => [e.action, e.actor, e.tokenId, e.revision, e.requestId])).toEqual([
        ['token.create', 'cli', a.id, null, null],
        ['sync', 'api', a.id, 1, 'req-sync-1'],
        ['sync.unchanged', 'api', a.id, 1, 'req-sync-2'],
        ['sync.conflict', 'api', a.id, 1, 'req-sync-3'],
        ['export', 'api', a.id, 1, 'req-export'],
        ['indicators', 'api', a.id, 1, 'req-ind'],
        ['token.revoke', 'cli', a.id, null, null],
      ]);
      expect(log[1]!.rowCounts).toEqual(TOWN_COUNTS);
      expect(log.every((e) => /^\d{4}-\d{2}-\d{2}T/.test(e.at))).toBe(true);
      expect(await store.auditLog('no-such-workbook')).toBeNull();
    });

    test('the audit table is append-only', async () => {
      const a = await tenant();
      await expect(store.db.query('UPDATE audit SET action = $1', ['x'])).rejects.toThrow(/append-only/);
      await expect(store.db.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await expect(store.db.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
      expect((await store.auditLog(a.workbook))!.length).toBe(1);
    });

    test('logs carry request ids and statuses but no record content or token', async () => {
      const { log, lines } = capturedLog();
      const logged = listen({ store, log });
      const a = await tenant();
      const doc = town('ログ町');
      await request(logged).post('/api/v1/sync').set(a.auth).send(doc);
      const pii = town('ログ町');
      pii.cases[0]!.name = '山田花子';
      await request(logged).post('/api/v1/sync').set(a.auth).send(pii);
      const all = lines.join('');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(all).toContain('"status":200');
      expect(all).toContain('"status":422');
      for (const secret of ['ログ町', 'K-2025-0001', '山田花子', a.token]) expect(all).not.toContain(secret);
    });
  });

  describe('limits, CORS, unknown routes and faults', () => {
    test('unknown routes: 404 JSON in Japanese', async () => {
      for (const path of ['/nope', '/api/v1/nope', '/api/v2/sync']) {
        const r = await request(server).get(path);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('route.notFound');
        expect(japanese(r.body.error.message)).toBe(true);
      }
    });

    test('a body over the limit: 413 body.tooLarge', async () => {
      const small = listen({ store, bodyLimit: 2000 });
      const a = await tenant();
      const doc = town();
      doc.cases = Array.from({ length: 40 }, (_, i) => ({
        ...doc.cases[0],
        caseId: `K-2025-${String(i).padStart(4, '0')}`,
      }));
      const r = await request(small).post('/api/v1/sync').set(a.auth).send(doc);
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('body.tooLarge');
      expect(japanese(r.body.error.message)).toBe(true);
      expect((await request(small).post('/api/v1/sync').set(a.auth).send(town())).status).toBe(200);
    });

    test('too many requests per token: 429 with Retry-After; another token is unaffected', async () => {
      const limited = listen({ store, rateLimit: { burst: 3, perSecond: 0.01 } });
      const a = await tenant();
      const b = await tenant();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(limited).get('/api/v1/revisions').set(a.auth)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const r = await request(limited).get('/api/v1/revisions').set(a.auth);
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('rate.limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await request(limited).get('/api/v1/revisions').set(b.auth)).status).toBe(200);
    });

    test('CORS is closed by default and open only to configured origins', async () => {
      const origin = 'https://script.google.com';
      const closed = await request(server).get('/healthz').set('Origin', origin);
      expect(closed.headers['access-control-allow-origin']).toBeUndefined();
      const open = listen({ store, corsOrigins: [origin] });
      expect((await request(open).get('/healthz').set('Origin', origin)).headers['access-control-allow-origin']).toBe(
        origin,
      );
      expect(
        (await request(open).get('/healthz').set('Origin', 'https://evil.example')).headers[
          'access-control-allow-origin'
        ],
      ).toBeUndefined();
      const pre = await request(open)
        .options('/api/v1/sync')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST');
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
    });

    test('an undecodable path or a corrupt compressed body: 400 in Japanese, not an unexpected fault', async () => {
      const { log, lines } = capturedLog();
      const logged = listen({ store, log });
      const a = await tenant();
      const path = await request(logged).get('/api/v1/summaries/2025-0%ZZ').set(a.auth);
      expect([path.status, path.body.error.code]).toEqual([400, 'path.malformed']);
      expect(japanese(path.body.error.message)).toBe(true);
      for (const encoding of ['gzip', 'br']) {
        const body = await request(logged)
          .post('/api/v1/sync')
          .set(a.auth)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .send('{"format":"kasane-registry/1"}');
        expect([body.status, body.body.error.code]).toEqual([400, 'request.invalid']);
        expect(japanese(body.body.error.message)).toBe(true);
      }
      expect(lines.join('')).not.toContain('unexpected error');
    });

    test('an unexpected fault: 500 with the request id, no stack and no internal message', async () => {
      const faulty = Object.create(store) as Store;
      faulty.revisions = () => Promise.reject(new Error('relation secret_table K-2025-0001 exploded'));
      const r = await request(listen({ store: faulty }))
        .get('/api/v1/revisions')
        .set((await tenant()).auth);
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe('internal');
      expect(r.body.error.requestId).toBe(r.headers['x-request-id']);
      expect(r.body.error.message).toContain(r.headers['x-request-id']);
      expect(r.text).not.toMatch(/secret_table|K-2025-0001|\bat\s+\S+\s+\(/);
    });
  });
});
