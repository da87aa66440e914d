// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server):
// tenant isolation, the append-only audit trail and what the logs may carry.
import request from 'supertest';
import { capturedLog, describeApi, listen } from './app';
import { town, TOWN_COUNTS } from '../../fixtures/server-town';

describeApi((api) => {
  const { tenant, sync } = api;

  describe('isolation and audit', () => {
    test("a workbook never sees another's data", async () => {
      const a = await tenant();
      const b = await tenant();
      await sync(a.auth, town('Aの町'));
      await sync(a.auth, town('Aの町2'));
      expect((await request(api.server).get('/api/v1/revisions').set(b.auth)).body).toEqual({
        workbook: b.workbook,
        currentRevision: 0,
        revisions: [],
      });
      expect((await request(api.server).get('/api/v1/indicators?fiscalYear=2025').set(b.auth)).status).toBe(404);
      // B's first sync is B's revision 1, and B's baseRevision is checked against B's history.
      expect((await sync(b.auth, { ...town('Bの町'), baseRevision: 0 })).body).toMatchObject({
        revision: 1,
        created: true,
      });
      const summary = await request(api.server).get('/api/v1/summaries/2025-05?format=json').set(b.auth);
      expect(JSON.parse(summary.text).municipality).toBe('Bの町');
      const ind = await request(api.server).get('/api/v1/summaries/2025-05?format=json').set(a.auth);
      expect(JSON.parse(ind.text).municipality).toBe('Aの町2');
      expect((await api.store.auditLog(b.workbook))!.every((e) => e.tokenId === b.id)).toBe(true);
    });

    test('every sync, export, issue page and token change leaves an audit row with its request id', async () => {
      const a = await tenant();
      const s1 = await sync(a.auth, town()).set('X-Request-Id', 'req-sync-1');
      await sync(a.auth, town()).set('X-Request-Id', 'req-sync-2');
      await sync(a.auth, { ...town('x'), baseRevision: 0 }).set('X-Request-Id', 'req-sync-3');
      await request(api.server)
        .get('/api/v1/summaries/2025-05?format=csv')
        .set(a.auth)
        .set('X-Request-Id', 'req-export');
      await request(api.server).get('/api/v1/indicators?month=2025-05').set(a.auth).set('X-Request-Id', 'req-ind');
      await request(api.server)
        .get('/api/v1/revisions/1/issues?limit=10')
        .set(a.auth)
        .set('X-Request-Id', 'req-issues');
      expect(s1.headers['x-request-id']).toBe('req-sync-1');
      await api.store.revokeToken(a.workbook, a.id);
      const log = (await api.store.auditLog(a.workbook))!;
      expect(log.map((e) => [e.action, e.actor, e.tokenId, e.revision, e.requestId])).toEqual([
        ['token.create', 'cli', a.id, null, null],
        ['sync', 'api', a.id, 1, 'req-sync-1'],
        ['sync.unchanged', 'api', a.id, 1, 'req-sync-2'],
        ['sync.conflict', 'api', a.id, 1, 'req-sync-3'],
        ['export', 'api', a.id, 1, 'req-export'],
        ['indicators', 'api', a.id, 1, 'req-ind'],
        ['issues', 'api', a.id, 1, 'req-issues'],
        ['token.revoke', 'cli', a.id, null, null],
      ]);
      expect(log[1]!.rowCounts).toEqual(TOWN_COUNTS);
      expect(log.every((e) => /^\d{4}-\d{2}-\d{2}T/.test(e.at))).toBe(true);
      expect(await api.store.auditLog('no-such-workbook')).toBeNull();
    });

    test('the audit table is append-only', async () => {
      const a = await tenant();
      await expect(api.store.db.query('UPDATE audit SET action = $1', ['x'])).rejects.toThrow(/append-only/);
      await expect(api.store.db.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
      await expect(api.store.db.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
      expect((await api.store.auditLog(a.workbook))!.length).toBe(1);
    });

    test('logs carry request ids and statuses but no record content or token', async () => {
      const { log, lines } = capturedLog();
      const logged = listen({ store: api.store, log });
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
});
