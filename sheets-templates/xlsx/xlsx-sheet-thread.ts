// Worksheets parsed in a worker thread (xlsx-sheet-worker.ts, dist/xlsx-worker.cjs) while this
// thread applies the row rules to the rows already parsed: on the 2-core machine the CLI's figures
// are measured on, parsing a 100k-case sheet and ruling its rows each take about a second of CPU.
// Every sheet a reading will need is asked for at once; the worker parses them one after another,
// and the rows of each wait, packed (rows-packing.ts), until the reading gets to that sheet. What
// the sink sees is what readSheetRows on this thread gives it; a fault (a damaged part, a row past
// the grid) comes back as an error with the same message, thrown when the sheet is read.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RowSink, XlsxCell } from './xlsx-cells';
import { unpackRows, type SheetReply, type SheetRequest } from './rows-packing';
import { sheetData, type ZipEntry } from './xlsx-zip';
import type { StartedSheet } from './xlsx-parts';
import type { MergedRange } from '../../core/registry/merged';

/** dist/xlsx-worker.cjs beside the bundle (dist/cli.cjs), or the built one when running from sources. */
function workerScript(): string | undefined {
  for (const candidate of [join(__dirname, 'xlsx-worker.cjs'), join(__dirname, '..', '..', 'dist', 'xlsx-worker.cjs')])
    if (existsSync(candidate)) return candidate;
  return undefined;
}

interface Pending {
  batches: Array<Extract<SheetReply, { kind: 'rows' }>>;
  end?: { error?: string; merges?: MergedRange[] };
  /** Set while a reading waits for more of this sheet. */
  wake?: () => void;
}

export class SheetThread {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly script: string) {}

  /** A thread, or undefined where the worker's script is not built (the caller parses on its thread). */
  static open(): SheetThread | undefined {
    const script = workerScript();
    if (script === undefined) return undefined;
    const thread = new SheetThread(script);
    // Started now: it loads while this thread reads the workbook and its shared strings.
    thread.ensure();
    return thread;
  }

  /**
   * Asks for a sheet now; its rows are given to the sink passed to the answer. A part that cannot be
   * read (damaged, over its limits) throws when the answer is called, as the reading gets to it.
   */
  start(bytes: Uint8Array, entry: ZipEntry): StartedSheet {
    let data: Uint8Array<ArrayBuffer>;
    try {
      // A copy of the part alone (Buffer#slice would not copy): moving a view would move, and
      // detach, the whole file.
      data = new Uint8Array(sheetData(bytes, entry));
    } catch (e) {
      return () => Promise.reject(e);
    }
    const id = ++this.next;
    const p: Pending = { batches: [] };
    this.pending.set(id, p);
    const request: SheetRequest = { kind: 'read', id, entry, data };
    this.ensure().postMessage(request, [data.buffer]);
    return (sink, shared) => this.read(id, p, shared, sink);
  }

  /** Ends the worker (the answers already given keep their rows). */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (m: SheetReply) => {
      const p = this.pending.get(m.id);
      if (!p) return; // a sheet whose reading has stopped
      if (m.kind === 'rows') p.batches.push(m);
      else p.end = m.kind === 'error' ? { error: m.message } : { merges: m.merges };
      p.wake?.();
    });
    const fail = (message: string) => {
      for (const p of this.pending.values()) {
        p.end ??= { error: message };
        p.wake?.();
      }
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`XLSX の読み込みスレッドが終了しました（${code}）`));
    // The worker keeps the process alive only while a reading waits for it (read below).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private async read(id: number, p: Pending, shared: readonly string[], sink: RowSink): Promise<MergedRange[]> {
    const cols: number[] = [];
    const values: XlsxCell[] = [];
    try {
      for (;;) {
        const batch = p.batches.shift();
        if (batch) {
          if (!unpackRows(batch.ints, batch.nums, batch.texts, shared, sink, cols, values)) {
            this.worker?.postMessage({ kind: 'stop', id });
            return [];
          }
          continue;
        }
        if (p.end) {
          if (p.end.error !== undefined) throw new Error(p.end.error);
          return p.end.merges ?? [];
        }
        this.worker?.ref();
        await new Promise<void>((resolve) => (p.wake = resolve));
        p.wake = undefined;
        this.worker?.unref();
      }
    } finally {
      this.pending.delete(id);
    }
  }
}
