// Reads an XLSX into a RawRegistry in Node (the CLI, the server, tests): the shared reader
// (xlsx-registry.ts) with zlib and Buffer's decoding (xlsx-node.ts). The offline page reads with the
// same code through read-xlsx-web.ts. The CLI's figures read straight into records instead
// (readRegistryXlsxRecords, xlsx-records.ts).
import { availableParallelism, loadavg } from 'node:os';
import { NODE_IO } from './xlsx-node';
import { SheetThread } from './xlsx-sheet-thread';
import { readXlsxRecords, type XlsxRecordsRead } from './xlsx-records';
import { readXlsxRegistry, type XlsxRead } from './xlsx-registry';

export { plainValue, type XlsxRead } from './xlsx-registry';
export type { XlsxRecordsRead } from './xlsx-records';

export function readRegistryXlsx(bytes: Buffer): Promise<XlsxRead> {
  return readXlsxRegistry(bytes, NODE_IO);
}

/**
 * A file this large (zipped) has its sheets parsed in a worker thread: about 10,000 cases. Below it,
 * starting the thread costs more than it saves.
 */
const THREAD_MIN_BYTES = 1024 * 1024;

/**
 * Whether a second thread can be expected to run beside this one. The thread costs CPU of its own
 * (the rows packed and unpacked, two heaps): on the shared 2-core machine, `kasane indicators` on
 * the 100k-case file took 2.0–2.2 s with it against 2.4–2.6 s without at a load average of 3, but
 * 3.0–4.4 s against 2.7–3.3 s at 4–5, when every core is taken already.
 */
function coreFree(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0]! < cores * 2;
}

/**
 * The same file as readRegistry(readRegistryXlsx(bytes).raw) gives it, read straight into records
 * (xlsx-records.ts); a large one with its sheets parsed in a worker thread while this thread rules
 * their rows (xlsx-sheet-thread.ts). `thread` forces the choice (tests).
 */
export async function readRegistryXlsxRecords(
  bytes: Buffer,
  options: { thread?: boolean } = {},
): Promise<XlsxRecordsRead> {
  const thread = (options.thread ?? (bytes.length >= THREAD_MIN_BYTES && coreFree())) ? SheetThread.open() : undefined;
  try {
    return await readXlsxRecords(bytes, NODE_IO, thread);
  } finally {
    thread?.close();
  }
}
