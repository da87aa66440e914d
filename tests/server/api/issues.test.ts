// The HTTP API against both engines: /sync and /validate answer at most 200 issues with their total
// and counts by code; GET /api/v1/revisions/{revision}/issues pages through all of a revision's
// issues (from the sync's list, or validated again from the store), with checked query parameters.
import request from 'supertest';
import { describeApi, japanese, listen } from './app';
import { town } from '../../fixtures/server-town';

type IssueJson = { sheet: string; row: number; column: string; code: string; message: string };

/**
 * The town with 30 activities lacking their required 種別 (value.required, rows 3–32 of 支援記録)
 * and 250 検討ケース naming cases that do not exist (ref.missing, rows 2–251): 280 issues, row
 * rules first, then the cross-sheet rules.
 */
function manyIssues() {
  const doc = town();
  doc.meetingCases = Array.from({ length: 250 }, (_, i) => ({
    meetingId: 'M-2025-0001',
    caseId: `K-2025-${String(5000 + i)}`,
    purpose: '情報共有',
  }));
  doc.activities = [
    ...(doc.activities as object[]),
    ...Array.from({ length: 30 }, (_, i) => ({
      activityId: `A-2025-${String(100 + i).padStart(5, '0')}`,
      caseId: 'K-2025-0002',
      on: '2025-05-21',
    })),
  ];
  return doc;
}

const brief = (i: IssueJson) => [i.sheet, i.row, i.column, i.code];

describeApi((api) => {
  const { tenant, sync } = api;
  const issuesOf = (auth: Record<string, string>, path: string) =>
    request(api.server).get(`/api/v1/revisions/${path}`).set(auth);

  describe('bounded issues', () => {
    test('sync answers the first 200 issues, the total and the counts by code', async () => {
      const a = await tenant();
      const r = await sync(a.auth, manyIssues());
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        revision: 1,
        created: true,
        issueTotal: 280,
        issueCounts: { 'value.required': 30, 'ref.missing': 250 },
      });
      expect(r.body.issues).toHaveLength(200);
      expect(brief(r.body.issues[0])).toEqual(['activities', 3, 'kind', 'value.required']);
      expect(brief(r.body.issues[29])).toEqual(['activities', 32, 'kind', 'value.required']);
      expect(brief(r.body.issues[30])).toEqual(['meetingCases', 2, 'caseId', 'ref.missing']);
      expect(brief(r.body.issues[199])).toEqual(['meetingCases', 171, 'caseId', 'ref.missing']);
      // The revision list counts them all.
      const list = await request(api.server).get('/api/v1/revisions').set(a.auth);
      expect(list.body.revisions[0].issueCount).toBe(280);
    });

    test('validate answers the same bounds; ok is judged on all of them', async () => {
      const a = await tenant();
      const r = await request(api.server).post('/api/v1/validate').set(a.auth).send(manyIssues());
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        ok: false,
        issueTotal: 280,
        issueCounts: { 'value.required': 30, 'ref.missing': 250 },
      });
      expect(r.body.issues).toHaveLength(200);
      const clean = await request(api.server).post('/api/v1/validate').set(a.auth).send(town());
      expect(clean.body).toMatchObject({ ok: true, issues: [], issueTotal: 0, issueCounts: {} });
    });

    test('GET /revisions/{revision}/issues pages through every issue, in the order sync answered them', async () => {
      const a = await tenant();
      const synced = await sync(a.auth, manyIssues());
      const first = await issuesOf(a.auth, '1/issues?limit=100');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        workbook: a.workbook,
        revision: 1,
        total: 280,
        issueCounts: { 'value.required': 30, 'ref.missing': 250 },
        offset: 0,
        limit: 100,
        next: 100,
      });
      expect(first.body.issues).toEqual(synced.body.issues.slice(0, 100));
      const last = await issuesOf(a.auth, '1/issues?offset=250&limit=100');
      expect(last.body).toMatchObject({ offset: 250, next: null });
      expect(last.body.issues.map(brief)).toEqual(
        Array.from({ length: 30 }, (_, i) => ['meetingCases', 222 + i, 'caseId', 'ref.missing']),
      );
      const past = await issuesOf(a.auth, '1/issues?offset=400');
      expect(past.body).toMatchObject({ total: 280, offset: 400, limit: 200, next: null, issues: [] });
      // Default page: 200 from 0.
      const page = await issuesOf(a.auth, '1/issues');
      expect(page.body).toMatchObject({ offset: 0, limit: 200, next: 200 });
      expect(page.body.issues).toEqual(synced.body.issues);
      // A fresh server (no cached list) validates the stored revision again: the same list.
      const fresh = listen({ store: api.store });
      const all = await request(fresh).get('/api/v1/revisions/1/issues?limit=1000').set(a.auth);
      expect(all.body.issues).toHaveLength(280);
      expect(all.body.issues.slice(0, 200)).toEqual(synced.body.issues);
      expect([...page.body.issues, ...(await issuesOf(a.auth, '1/issues?offset=200')).body.issues]).toEqual(
        all.body.issues,
      );
    });

    test('an older revision keeps its own issues; a clean one has none', async () => {
      const a = await tenant();
      await sync(a.auth, manyIssues());
      await sync(a.auth, town());
      expect((await issuesOf(a.auth, '2/issues')).body).toMatchObject({ total: 0, issues: [], next: null });
      expect((await issuesOf(a.auth, '1/issues?limit=1')).body).toMatchObject({ total: 280, next: 1 });
    });

    test.each([
      ['1/issues?limit=0', 'limit'],
      ['1/issues?limit=1001', 'limit'],
      ['1/issues?limit=x', 'limit'],
      ['1/issues?limit=1&limit=2', 'limit'],
      ['1/issues?offset=-1', 'offset'],
      ['1/issues?offset=1.5', 'offset'],
      ['0/issues', 'revision'],
      ['abc/issues', 'revision'],
    ])('%s: 400 query.invalid naming %s', async (path, field) => {
      const a = await tenant();
      await sync(a.auth, town());
      const r = await issuesOf(a.auth, path);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('query.invalid');
      expect(r.body.error.message).toContain(field);
      expect(japanese(r.body.error.message)).toBe(true);
    });

    test('a revision the workbook does not have: 404, also when another workbook has it', async () => {
      const a = await tenant();
      const b = await tenant();
      await sync(a.auth, manyIssues());
      for (const auth of [a.auth, b.auth]) {
        const path = auth === a.auth ? '2/issues' : '1/issues';
        const r = await issuesOf(auth, path);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('revision.notFound');
        expect(japanese(r.body.error.message)).toBe(true);
      }
      expect((await request(api.server).get('/api/v1/revisions/1/issues')).status).toBe(401);
    });
  });
});
