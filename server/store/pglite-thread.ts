// PGlite in a worker thread (pglite-worker.ts, built as dist/pglite-worker.cjs), behind the same Db
// as openPglite: the embedded engine's work runs beside the event loop instead of on it, so /healthz
// and small requests keep answering while a large sync is stored. Transactions are BEGIN … COMMIT
// under a mutex, so nothing else runs inside an open transaction — as PGlite's own transaction() does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable } from './db';
import type { PgliteReply, PgliteRequest } from './pglite-worker';

/** dist/pglite-worker.cjs beside the bundle, or the built one when running from sources; null when not built. */
export function pgliteWorkerScript(): string | null {
  for (const candidate of [
    join(__dirname, 'pglite-worker.cjs'),
    join(__dirname, '..', '..', 'dist', 'pglite-worker.cjs'),
  ])
    if (existsSync(candidate)) return candidate;
  return null;
}

/** The engine's error, rebuilt on this side with its name, message and SQLSTATE code. */
function engineError(e: NonNullable<PgliteReply['error']>): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.code !== undefined) Object.assign(err, { code: e.code });
  return err;
}

/** The PGlite thread's young generation (V8 heap), in MB. */
export const PGLITE_THREAD_YOUNG_MB = 8;

/** The buffers of the JSON bytes among `params` that own their whole buffer (the others are copied). */
function movedParams(params: unknown[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const p of params)
    if (
      p instanceof Uint8Array &&
      p.buffer instanceof ArrayBuffer &&
      p.byteOffset === 0 &&
      p.byteLength === p.buffer.byteLength &&
      !out.includes(p.buffer)
    )
      out.push(p.buffer);
  return out;
}

export async function openPgliteThread(script: string, dir?: string): Promise<Db> {
  // A young generation of 8 MB, as the work pool's threads have: V8's default lets it grow to tens
  // of MB that stay resident (the engine's JavaScript side keeps little alive: rows of one answer,
  // protocol messages). About 20-30 MB less for the whole process; the old generation is not limited.
  const worker = new Worker(script, {
    workerData: { dir },
    resourceLimits: { maxYoungGenerationSizeMb: PGLITE_THREAD_YOUNG_MB },
  });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let dead: Error | null = null;
  worker.on('message', (m: PgliteReply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!p) return;
    if (m.error) p.reject(engineError(m.error));
    else p.resolve(m.rows ?? []);
  });
  const fail = (e: Error) => {
    dead ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the PGlite thread stopped (exit ${code})`)));
  const send = (op: PgliteRequest['op'], sql = '', params: unknown[] = []) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = ++next;
      pending.set(id, { resolve, reject });
      const message: PgliteRequest = { id, op, sql, params };
      // JSON bytes (db.ts JsonBytes) are moved to the engine's thread, not copied.
      worker.postMessage(message, movedParams(params));
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
  try {
    await direct.query('SELECT 1');
  } catch (e) {
    await worker.terminate();
    throw e;
  }
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
          await direct.exec('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    async close() {
      try {
        if (!dead) await send('close');
      } finally {
        await worker.terminate();
      }
    },
  };
}
