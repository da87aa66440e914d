// The XLSX reader in a worker thread, for tests/fuzz/xlsx.test.ts: a hostile workbook that makes
// the reader loop or allocate without end stops this thread (terminated at the test's deadline, or
// out of its heap limit), never the test. tests/fuzz/xlsx.test.ts bundles this file with esbuild
// and starts it. Each job is read as the CLI reads a file — readRegistryXlsx, then validateRegistry
// on what was read — and answered with what came out, how long it took and the heap before and after.
import { parentPort } from 'node:worker_threads';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import { validateRegistry } from '../../core/validate';
import { issueShapeFault } from './arbitraries';

export interface XlsxJob {
  id: number;
  bytes: Uint8Array;
}

export type XlsxOutcome =
  | { kind: 'read'; rows: number; issues: number; issueFault?: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'rejected'; error: string }
  | { kind: 'validateThrew'; error: string };

export interface XlsxReply {
  id: number;
  outcome: XlsxOutcome;
  ms: number;
  /** process.memoryUsage().heapUsed of this thread's isolate, after a collection, before and after the read. */
  heapBefore: number;
  heapAfter: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const describeError = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function run(bytes: Uint8Array): Promise<XlsxOutcome> {
  let read;
  try {
    read = await readRegistryXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    return { kind: 'rejected', error: describeError(e) };
  }
  if (!read.ok) return { kind: 'refused', code: read.code, message: read.message };
  try {
    const { issues, read: r } = validateRegistry(read.raw);
    const rows = Object.values(read.raw.sheets).reduce((n, rs) => n + (rs?.length ?? 0), 0);
    let issueFault: string | undefined;
    for (const issue of [...issues, ...r.notices]) {
      const fault = issueShapeFault(issue);
      if (fault) {
        issueFault = `${fault}: ${JSON.stringify(issue).slice(0, 300)}`;
        break;
      }
    }
    return issueFault === undefined
      ? { kind: 'read', rows, issues: issues.length }
      : { kind: 'read', rows, issues: issues.length, issueFault };
  } catch (e) {
    return { kind: 'validateThrew', error: describeError(e) };
  }
}

parentPort?.on('message', (job: XlsxJob) => {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  void run(job.bytes).then((outcome) => {
    const ms = performance.now() - t0;
    gc();
    const reply: XlsxReply = { id: job.id, outcome, ms, heapBefore, heapAfter: process.memoryUsage().heapUsed };
    parentPort?.postMessage(reply);
  });
});
