// PGlite: PostgreSQL compiled to WebAssembly, data in a folder (or in memory when no folder is given).
import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

/**
 * PGlite's start parameters: its defaults with a smaller buffer pool. PostgreSQL's shared memory
 * lives in the engine's WebAssembly memory and is all touched at start, so shared_buffers' 128 MB
 * default is resident from the first second (a server at about 340 MB before any request) and
 * never given back. 16 MB holds the hot tables (workbooks, tokens, revisions, the chunks' index);
 * a revision's chunks pass through it to the data folder's files, which the system caches.
 * wal_buffers stays at the 4 MB it had (it defaults to 1/32 of shared_buffers).
 */
export const PGLITE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
  '-c',
  'wal_buffers=4MB',
];

/**
 * json parameters: JSON bytes (db.ts JsonBytes) go as they are, which PGlite's protocol writer sends
 * in binary format (for json, the text itself); anything else as PGlite serialises it.
 */
const jsonParam = (value: unknown): unknown =>
  value instanceof Uint8Array ? value : types.serializers[types.JSON]!(value);

/** Opens PGlite in `dir` (in memory without one) with this project's start parameters. */
export function createPglite(dir?: string): Promise<PGlite> {
  return PGlite.create({
    ...(dir === undefined ? {} : { dataDir: dir }),
    startParams: [...PGLITE_START_PARAMS],
    // PGlite's types say a serializer returns a string; a Uint8Array is written as binary (see above).
    serializers: { [types.JSON]: jsonParam as (value: unknown) => string },
  });
}

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
  const pg = await createPglite(dir);
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    // PGlite has one connection: its transaction() holds a mutex, so transactions never interleave.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
