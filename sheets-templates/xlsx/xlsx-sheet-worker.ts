// A worker thread that parses worksheets for the main thread (xlsx-sheet-thread.ts; built as
// dist/xlsx-worker.cjs): it inflates a sheet's stored bytes and reads its rows with the same code
// as the main thread (xlsx-zip.ts sheetChunks, xlsx-cells.ts readSheetRows, Node's zlib and
// decoding), and sends them back packed in typed arrays whose buffers move to the main thread
// (rows-packing.ts) — no object graph is copied. It has no shared-string table: a shared cell
// comes back as the index the main thread looks up. It is told only how many strings the table
// claims to hold (the sheet is asked for before the table is parsed): an index past the claim is
// left out here, one past the real table there (xlsx-parts.ts reads the sheet itself when the
// claim fell short).
import { parentPort } from 'node:worker_threads';
import { readSheetRows } from './xlsx-cells';
import { NODE_IO } from './xlsx-node';
import { RowPacker, SharedRef, type SheetReply, type SheetRequest } from './rows-packing';
import { sheetChunks } from './xlsx-zip';

const port = parentPort!;
const stopped = new Set<number>();
const refs: SharedRef[] = [];
let queue = Promise.resolve();

async function read(r: SheetRequest): Promise<void> {
  const post = (m: SheetReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  // One reference per index, made once for the table and kept for the next sheet.
  for (let i = refs.length; i < r.shared; i++) refs.push(new SharedRef(i));
  const shared = refs.length === r.shared ? refs : refs.slice(0, r.shared);
  const packer = new RowPacker((ints, nums, texts) =>
    post({ id: r.id, kind: 'rows', ints, nums, texts }, [ints.buffer, nums.buffer]),
  );
  try {
    await readSheetRows<SharedRef>(
      sheetChunks(r.entry, r.data, NODE_IO),
      shared,
      (row, cols, values, count) => {
        packer.row(row, cols, values, count);
        return !stopped.has(r.id);
      },
      NODE_IO.utf8,
    );
    packer.flush();
    post({ id: r.id, kind: 'end' });
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
