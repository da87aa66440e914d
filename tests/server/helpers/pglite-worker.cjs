// Runs PGlite in a worker thread for the Jest suites: PGlite starts with a dynamic import() that
// Jest's module runtime cannot run, while a worker is plain Node. Messages: {id, op, sql, params}.
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

const ready = workerData.dir ? PGlite.create(workerData.dir) : PGlite.create();
parentPort.on('message', async ({ id, op, sql, params }) => {
  try {
    const db = await ready;
    if (op === 'query') parentPort.postMessage({ id, rows: (await db.query(sql, params)).rows });
    else if (op === 'exec') {
      await db.exec(sql);
      parentPort.postMessage({ id, rows: [] });
    } else if (op === 'close') {
      await db.close();
      parentPort.postMessage({ id, rows: [] });
    } else parentPort.postMessage({ id, rows: [] });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e && e.message ? e.message : String(e), code: e && e.code } });
  }
});
