// A Db over PGlite in a worker thread (see pglite-worker.cjs). Transactions are BEGIN … COMMIT under
// a mutex, so nothing else runs inside an open transaction — as PGlite's own transaction() does.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable } from '../../../server/store/db';

type Reply = { id: number; rows?: unknown[]; error?: { message: string; code?: string } };

export async function openPgliteThread(dir?: string): Promise<Db> {
  const worker = new Worker(join(__dirname, 'pglite-worker.cjs'), { workerData: { dir } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!p) return;
    if (m.error) p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else p.resolve(m.rows ?? []);
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const send = (op: string, sql = '', params: unknown[] = []) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, sql, params });
    });
  const direct: Queryable = {
    query: async <T>(sql: string, params: unknown[] = []) => (await send('query', sql, params)) as T[],
    exec: async (sql: string) => {
      await send('exec', sql);
    },
  };
  let lock: Promise<void> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  await direct.query('SELECT 1');
  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    transaction: (fn) =>
      exclusive(async () => {
        await direct.exec('BEGIN');
        try {
          const out = await fn(direct);
          await direct.exec('COMMIT');
          return out;
        } catch (e) {
          await direct.exec('ROLLBACK');
          throw e;
        }
      }),
    async close() {
      await send('close');
      await worker.terminate();
    },
  };
}
