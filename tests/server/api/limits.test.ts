// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server):
// body limit, rate limit, CORS, unknown routes, malformed requests and unexpected faults.
import request from 'supertest';
import { Store } from '../../../server/store';
import { capturedLog, describeApi, japanese, listen } from './app';
import { town } from '../../fixtures/server-town';

describeApi((api) => {
  const { tenant } = api;

  describe('limits, CORS, unknown routes and faults', () => {
    test('unknown routes: 404 JSON in Japanese', async () => {
      for (const path of ['/nope', '/api/v1/nope', '/api/v2/sync']) {
        const r = await request(api.server).get(path);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('route.notFound');
        expect(japanese(r.body.error.message)).toBe(true);
      }
    });

    test('a body over the limit: 413 body.tooLarge', async () => {
      const small = listen({ store: api.store, bodyLimit: 2000 });
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
      const limited = listen({ store: api.store, rateLimit: { burst: 3, perSecond: 0.01 } });
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
      const closed = await request(api.server).get('/healthz').set('Origin', origin);
      expect(closed.headers['access-control-allow-origin']).toBeUndefined();
      const open = listen({ store: api.store, corsOrigins: [origin] });
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
      const logged = listen({ store: api.store, log });
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
      const faulty = Object.create(api.store) as Store;
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
