// The embedded engine's thread (built as dist/pglite-worker.cjs): PGlite runs here, so its work on
// a large statement (a 5,000-row chunk of JSON, a whole snapshot read back) never holds the server's
// event loop. Messages: {id, op: 'query' | 'exec' | 'close', sql, params} → {id, rows} or {id, error}.
import { parentPort, workerData } from 'node:worker_threads';
import { createPglite } from './pglite';

export interface PgliteRequest {
  id: number;
  op: 'query' | 'exec' | 'close';
  sql: string;
  params: unknown[];
}

export interface PgliteReply {
  id: number;
  rows?: unknown[];
  /** The engine's error: its message and SQLSTATE code, as PGlite gives them in process. */
  error?: { name: string; message: string; code?: string };
}

const port = parentPort;
if (port) {
  const dir = (workerData as { dir?: string } | null)?.dir;
  const ready = createPglite(dir);
  // An engine that cannot start answers every request with that error.
  ready.catch(() => undefined);
  port.on('message', (m: PgliteRequest) => {
    void (async () => {
      try {
        const db = await ready;
        let rows: unknown[] = [];
        if (m.op === 'query') rows = (await db.query(m.sql, m.params)).rows;
        else if (m.op === 'exec') await db.exec(m.sql);
        else await db.close();
        const reply: PgliteReply = { id: m.id, rows };
        port.postMessage(reply);
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        const code = (err as { code?: unknown }).code;
        const reply: PgliteReply = {
          id: m.id,
          error: { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) },
        };
        port.postMessage(reply);
      }
    })();
  });
}
