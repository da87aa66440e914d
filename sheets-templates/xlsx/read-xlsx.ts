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
 * Whether a second thread can be expected to run beside this one: fewer runnable processes, on
 * average over the last minute, than cores. The thread costs CPU of its own (the rows packed and
 * unpacked, two heaps), so it only pays when a core is idle: on the shared 2-core machine,
 * `kasane indicators` on the 100k-case file took 2.0–2.2 s with it against 2.4–2.6 s without when
 * the other work there left a core free, but with another process busy (load average 3.5–4.5) it
 * was no faster than before the change, and slower than without the thread.
 */
function coreFree(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0]! < cores;
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
