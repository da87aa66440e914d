// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server):
// /healthz, /readyz, the OpenAPI document, security headers and the schema migrations.
import { SHEETS, SHEET_KEYS, piiKeys } from '../../../core/registry/definition';
import request from 'supertest';
import type { Store } from '../../../server/store';
import { describeApi, japanese, listen } from './app';

describeApi((api) => {
  describe('health and description', () => {
    test('/healthz and /readyz answer 200; /readyz names the engine', async () => {
      expect((await request(api.server).get('/healthz')).body).toEqual({ status: 'ok' });
      const ready = await request(api.server).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', store: api.factory.name });
    });

    test('/readyz answers 503 when the database does not', async () => {
      const broken = {
        kind: 'pg',
        ping: () => Promise.reject(new Error('down')),
      } as unknown as Store;
      const r = await request(listen({ store: broken })).get('/readyz');
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('store.unavailable');
      expect(japanese(r.body.error.message)).toBe(true);
    });

    test('the OpenAPI document lists every endpoint, sheet, PII column and summary format', async () => {
      const r = await request(api.server).get('/api/v1/openapi.json');
      expect(r.status).toBe(200);
      expect(r.body.openapi).toBe('3.1.0');
      expect(Object.keys(r.body.paths).sort()).toEqual(
        [
          '/api/v1/indicators',
          '/api/v1/openapi.json',
          '/api/v1/revisions',
          '/api/v1/revisions/{revision}/issues',
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
      const r = await request(api.server).get('/healthz');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    test('migrations are recorded and not applied twice', async () => {
      const rows = await api.store.db.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows).toEqual([{ version: 1, name: 'initial' }]);
      expect(await api.store.migrate()).toEqual([]);
    });
  });
});
