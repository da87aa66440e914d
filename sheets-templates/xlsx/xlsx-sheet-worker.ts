// A worker thread that parses worksheets for the main thread (xlsx-sheet-thread.ts; built as
// dist/xlsx-worker.cjs): it inflates a sheet's stored bytes and reads its rows with the same code
// as the main thread (xlsx-zip.ts sheetChunks, xlsx-cells.ts readSheetRows, Node's zlib and
// decoding), and sends them back packed in typed arrays whose buffers move to the main thread
// (rows-packing.ts) — no object graph is copied. It has no shared-string table, so it can start
// before the table is parsed: a shared cell comes back as its index, which the main thread looks up
// (leaving out one past the table's end, as the parser does with the table).
import { parentPort } from 'node:worker_threads';
import { readSheetRows, SHARED_BY_INDEX } from './xlsx-cells';
import { NODE_IO } from './xlsx-node';
import { RowPacker, type SheetReply, type SheetRequest } from './rows-packing';
import { sheetChunks } from './xlsx-zip';

const port = parentPort!;
const stopped = new Set<number>();
let queue = Promise.resolve();

async function read(r: SheetRequest): Promise<void> {
  const post = (m: SheetReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const packer = new RowPacker((ints, nums, texts) =>
    post({ id: r.id, kind: 'rows', ints, nums, texts }, [ints.buffer, nums.buffer]),
  );
  try {
    const merges = await readSheetRows(
      sheetChunks(r.entry, r.data, NODE_IO),
      SHARED_BY_INDEX,
      (row, cols, values, count) => {
        packer.row(row, cols, values, count);
        return !stopped.has(r.id);
      },
      NODE_IO.utf8,
    );
    packer.flush();
    post({ id: r.id, kind: 'end', merges });
  } catch (e) {
    packer.flush();
    post({ id: r.id, kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  stopped.delete(r.id);
}

port.on('message', (m: SheetRequest | { kind: 'stop'; id: number }) => {
  if (m.kind === 'stop') stopped.add(m.id);
  // Sheets are read one after another, in the order asked.
  else queue = queue.then(() => read(m));
});
