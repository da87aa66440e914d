// The HTTP API against both engines (PGlite in memory and a real PostgreSQL server):
// Bearer tokens: missing, malformed, unknown, tampered and revoked; only hashes stored.
import request from 'supertest';
import { describeApi, japanese } from './app';

describeApi((api) => {
  const { tenant } = api;

  describe('authentication', () => {
    test('no token: 401 token.missing with a Bearer challenge', async () => {
      const r = await request(api.server).get('/api/v1/revisions');
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
        const r = await request(api.server).get('/api/v1/revisions').set('Authorization', `Bearer ${t}`);
        expect(r.status).toBe(401);
        expect(r.body.error.code).toBe('token.invalid');
      }
    });

    test("a revoked token: 401; the workbook's other token still works", async () => {
      const a = await tenant();
      const second = await api.store.createToken(a.workbook);
      expect(await api.store.revokeToken(a.workbook, a.id)).toBe(true);
      expect(await api.store.revokeToken(a.workbook, a.id)).toBe(false);
      expect((await request(api.server).get('/api/v1/revisions').set(a.auth)).status).toBe(401);
      expect(
        (await request(api.server).get('/api/v1/revisions').set('Authorization', `Bearer ${second.token}`)).status,
      ).toBe(200);
      const list = (await api.store.listTokens(a.workbook))!;
      expect(list.map((t) => [t.id, t.revokedAt === null])).toEqual(
        expect.arrayContaining([
          [a.id, false],
          [second.id, true],
        ]),
      );
    });

    test('only a SHA-256 hash of the token is stored', async () => {
      const a = await tenant();
      const rows = await api.store.db.query<{ hash: string }>('SELECT hash FROM tokens WHERE id = $1', [a.id]);
      expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await api.store.db.query('SELECT * FROM tokens'))).not.toContain(a.token.split('.')[2]);
    });
  });
});
