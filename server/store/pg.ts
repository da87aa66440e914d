// A PostgreSQL server through a `pg` pool (DATABASE_URL).
import { Pool, types, type PoolClient } from 'pg';
import type { Db, Queryable } from './db';

// int8 (count(*), bigserial) as a JS number, as PGlite answers: our counts stay far below 2^53.
types.setTypeParser(20, (v) => Number(v));

function wrap(c: Pool | PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await c.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  };
}

export async function openPg(connectionString: string): Promise<Db> {
  const pool = new Pool({ connectionString, max: 10 });
  // An idle client's network fault must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    kind: 'pg',
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
