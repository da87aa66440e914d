// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server):
// POST /api/v1/validate and GET /api/v1/revisions.
import request from 'supertest';
import { describeApi } from './app';
import { town, TOWN_COUNTS } from '../../fixtures/server-town';

describeApi((api) => {
  const { tenant, sync } = api;

  describe('validate and revisions', () => {
    test('validate answers issues and stores nothing', async () => {
      const a = await tenant();
      const doc = town();
      doc.meetingCases = [{ meetingId: 'M-2025-0009', caseId: 'K-2025-0001', purpose: '情報共有' }];
      const r = await request(api.server).post('/api/v1/validate').set(a.auth).send(doc);
      expect(r.status).toBe(200);
      expect(r.body.format).toBe('kasane-validation/1');
      expect(r.body.ok).toBe(false);
      expect(r.body.issues).toEqual([
        expect.objectContaining({ sheet: 'meetingCases', row: 2, column: 'meetingId', code: 'ref.missing' }),
      ]);
      expect(r.body.counts).toEqual(TOWN_COUNTS);
      const clean = await request(api.server).post('/api/v1/validate').set(a.auth).send(town());
      expect(clean.body).toMatchObject({ ok: true, issues: [] });
      expect((await request(api.server).get('/api/v1/revisions').set(a.auth)).body).toEqual({
        workbook: a.workbook,
        currentRevision: 0,
        revisions: [],
      });
      const pii = town();
      pii.cases[0]!.address = 'x';
      expect((await request(api.server).post('/api/v1/validate').set(a.auth).send(pii)).status).toBe(422);
    });

    test('revisions: newest first, with time, counts, issue count and content hash', async () => {
      const a = await tenant();
      const one = await sync(a.auth, town());
      const changed = town();
      changed.activities = [];
      const two = await sync(a.auth, changed);
      const latest = await request(api.server).get('/api/v1/revisions?limit=1').set(a.auth);
      expect(latest.body).toMatchObject({ currentRevision: 2, revisions: [{ revision: 2 }] });
      expect(latest.body.revisions).toHaveLength(1);
      for (const bad of ['0', '1001', 'x'])
        expect((await request(api.server).get(`/api/v1/revisions?limit=${bad}`).set(a.auth)).status).toBe(400);
      const r = await request(api.server).get('/api/v1/revisions').set(a.auth);
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
});
