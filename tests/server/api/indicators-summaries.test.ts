// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server):
// GET /api/v1/indicators and GET /api/v1/summaries/{month}: figures, periods, formats, public
// suppression and 400s.
import request from 'supertest';
import { asBytes, describeApi, japanese } from './app';
import { town } from '../../fixtures/server-town';

describeApi((api) => {
  const { tenant, sync } = api;

  describe('indicators and summaries', () => {
    let a: Awaited<ReturnType<typeof tenant>>;
    beforeAll(async () => {
      a = await tenant();
      await sync(a.auth, town());
    });

    test('fiscal year 2025: hand-counted figures in kasane-indicators/1', async () => {
      const r = await request(api.server).get('/api/v1/indicators?fiscalYear=2025').set(a.auth);
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
      const m = await request(api.server).get('/api/v1/indicators?month=2025-05').set(a.auth);
      expect(m.body.period).toMatchObject({ kind: 'month', from: '2025-05-01', to: '2025-05-31' });
      expect(m.body.indicators).toMatchObject({ 'cases.new': 1, 'cases.active': 2, 'outreach.contacts': 1 });
      const cut = await request(api.server).get('/api/v1/indicators?fiscalYear=2025&asOf=2025-04-30').set(a.auth);
      expect(cut.body.period.end).toBe('2025-04-30');
      expect(cut.body.indicators).toMatchObject({ 'cases.new': 1, 'cases.active': 1, 'outreach.contacts': 0 });
    });

    test('periods as clerks write them, read as the CLI reads its options', async () => {
      const western = await request(api.server).get('/api/v1/indicators?fiscalYear=2025').set(a.auth);
      const era = await request(api.server)
        .get(`/api/v1/indicators?fiscalYear=${encodeURIComponent('令和7年度')}&asOf=R8.3.31`)
        .set(a.auth);
      expect(era.status).toBe(200);
      expect(era.body.period).toEqual(
        western.body.period.asOf === null ? { ...western.body.period, asOf: '2026-03-31' } : null,
      );
      expect(era.body.indicators).toEqual(western.body.indicators);
      const month = await request(api.server).get('/api/v1/indicators?month=R7.5').set(a.auth);
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
      const r = await request(api.server).get(`/api/v1/indicators${query}`).set(a.auth);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(japanese(r.body.error.message)).toBe(true);
    });

    test('a workbook with no sync yet: 404 revision.none', async () => {
      const b = await tenant();
      for (const path of ['/api/v1/indicators?fiscalYear=2025', '/api/v1/summaries/2025-05']) {
        const r = await request(api.server).get(path).set(b.auth);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('revision.none');
      }
    });

    test('summaries in each format, as attachments', async () => {
      const json = await request(api.server).get('/api/v1/summaries/2025-05?format=json').set(a.auth);
      expect(json.status).toBe(200);
      const summary = JSON.parse(json.text);
      expect(summary).toMatchObject({
        format: 'kasane-summary/1',
        month: '2025-05',
        public: false,
        municipality: 'かさね町',
      });
      const csv = await request(api.server)
        .get('/api/v1/summaries/2025-05?format=csv')
        .set(a.auth)
        .buffer(true)
        .parse(asBytes);
      const bytes = csv.body as Buffer;
      expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''kasane-summary-2025-05.csv");
      const xlsx = await request(api.server)
        .get('/api/v1/summaries/2025-05?format=xlsx')
        .set(a.auth)
        .buffer(true)
        .parse(asBytes);
      expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
      const html = await request(api.server).get('/api/v1/summaries/2025-05?format=html').set(a.auth);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.text).toContain('かさね町');
    });

    test('a public summary suppresses small counts of cases', async () => {
      const rowOf = (s: { groups: { rows: { key: string; cells: unknown[] }[] }[] }, key: string) =>
        s.groups.flatMap((g) => g.rows).find((r) => r.key === key)!;
      const internal = JSON.parse(
        (await request(api.server).get('/api/v1/summaries/2025-05?format=json').set(a.auth)).text,
      );
      const pub = JSON.parse(
        (await request(api.server).get('/api/v1/summaries/2025-05?format=json&public=true').set(a.auth)).text,
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
      const r = await request(api.server).get(path).set(a.auth);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(japanese(r.body.error.message)).toBe(true);
    });
  });
});
