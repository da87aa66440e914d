// Reads an XLSX into a RawRegistry in Node (the CLI, the server, tests): the shared reader
// (xlsx-registry.ts) with zlib and Buffer's decoding (xlsx-node.ts). The offline page reads with the
// same code through read-xlsx-web.ts. The CLI's figures read straight into records instead
// (readRegistryXlsxRecords, xlsx-records.ts).
import { availableParallelism } from 'node:os';
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
 * Whether a second thread can run beside this one: more than one core. Not whether the cores are
 * idle: on the shared 2-core machine, `kasane indicators` on the 100k-case file took 1.6–1.7 s with
 * the thread and 2.3–2.6 s without it when nothing else ran, 2.3 s against 3.0 s beside one busy
 * process and 3.0 s against 4.1 s beside two — two threads get more of a busy machine than one.
 * (It once looked at the load average, which on that machine is often 2 just from the commands run
 * before, and so left the thread out when it would have helped.)
 */
function secondCore(): boolean {
  return availableParallelism() > 1;
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
  const thread =
    (options.thread ?? (bytes.length >= THREAD_MIN_BYTES && secondCore())) ? SheetThread.open() : undefined;
  try {
    return await readXlsxRecords(bytes, NODE_IO, thread);
  } finally {
    thread?.close();
  }
}
