// PGlite for the Jest suites, in the server's own worker thread (server/store/pglite-thread.ts):
// PGlite starts with a dynamic import() that Jest's module runtime cannot run, while a worker is
// plain Node. The worker script is the one `npm run build` writes (the global setup builds once).
import type { Db } from '../../../server/store/db';
import { openPgliteThread as openThread, pgliteWorkerScript } from '../../../server/store/pglite-thread';

export async function openPgliteThread(dir?: string): Promise<Db> {
  const script = pgliteWorkerScript();
  if (script === null) throw new Error('dist/pglite-worker.cjs is missing: run npm run build (the test setup does).');
  return openThread(script, dir);
}
