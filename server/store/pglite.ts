// PGlite: PostgreSQL compiled to WebAssembly, data in a folder (or in memory when no folder is given).
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export async function openPglite(dir?: string): Promise<Db> {
  const pg = dir === undefined ? await PGlite.create() : await PGlite.create(dir);
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    // PGlite has one connection: its transaction() holds a mutex, so transactions never interleave.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
