// Rows of a worksheet packed into typed arrays, to cross from the thread that parsed them
// (xlsx-sheet-worker.ts) to the one that reads them (xlsx-sheet-thread.ts): the arrays' buffers
// are moved, not copied, and unpacking gives the row sink exactly the values the parser gave —
// a structured clone of the rows as objects would cost about what parsing them does.
import { LostResult, type RowSink, type XlsxCell } from './xlsx-cells';
import type { ZipEntry } from './xlsx-zip';
import type { MergedRange } from '../../core/registry/merged';

export interface SheetRequest {
  kind: 'read';
  id: number;
  entry: ZipEntry;
  /** The part's stored bytes (xlsx-zip.ts sheetData), moved to the worker. */
  data: Uint8Array;
}

export type SheetReply =
  | { id: number; kind: 'rows'; ints: Int32Array; nums: Float64Array; texts: string[] }
  | { id: number; kind: 'end'; merges: MergedRange[] }
  | { id: number; kind: 'error'; message: string };

// Per cell in `ints`: its column, then its shared-string index (most cells) or one of these kinds;
// a number goes in `nums`, a text that is not shared (or a lost result's formula) in `texts`.
const NUMBER = -1;
const TEXT = -2;
const TRUE = -3;
const FALSE = -4;
const LOST = -5;

/** A batch holds about this many cells: a few dozen batches for a 100k-case sheet. */
const BATCH_INTS = 1 << 16;

/** Packs rows as a RowSink receives them, handing each full batch to `send`. */
export class RowPacker {
  private ints = new Int32Array(BATCH_INTS);
  private nums = new Float64Array(BATCH_INTS / 2);
  private texts: string[] = [];
  private ni = 0;
  private nn = 0;

  constructor(
    private readonly send: (ints: Int32Array<ArrayBuffer>, nums: Float64Array<ArrayBuffer>, texts: string[]) => void,
  ) {}

  /** A row as readSheetRows gives it with SHARED_BY_INDEX: a shared cell's column negated, its index its value. */
  row(row: number, cols: number[], values: XlsxCell[], count: number): void {
    if (this.ni + 2 + 2 * count > this.ints.length || this.nn + count > this.nums.length) {
      this.flush();
      // A row longer than a batch (a hostile sheet's) gets a batch of its own size.
      if (2 + 2 * count > this.ints.length) {
        this.ints = new Int32Array(2 + 2 * count);
        this.nums = new Float64Array(count);
      }
    }
    const ints = this.ints;
    const nums = this.nums;
    let ni = this.ni;
    let nn = this.nn;
    ints[ni++] = row;
    ints[ni++] = count;
    for (let j = 0; j < count; j++) {
      const v = values[j];
      const col = cols[j]!;
      if (col < 0) {
        ints[ni++] = -col;
        ints[ni++] = v as number;
        continue;
      }
      ints[ni++] = col;
      if (typeof v === 'number') {
        ints[ni++] = NUMBER;
        nums[nn++] = v;
      } else if (typeof v === 'string') {
        ints[ni++] = TEXT;
        this.texts.push(v);
      } else if (typeof v === 'boolean') ints[ni++] = v ? TRUE : FALSE;
      else {
        ints[ni++] = LOST;
        this.texts.push((v as LostResult).formula);
      }
    }
    this.ni = ni;
    this.nn = nn;
  }

  flush(): void {
    if (this.ni === 0) return;
    this.send(this.ints.slice(0, this.ni), this.nums.slice(0, this.nn), this.texts);
    this.ni = 0;
    this.nn = 0;
    this.texts = [];
  }
}

/**
 * Gives the sink a batch's rows as the parser gave them, shared cells looked up in `shared`: one
 * past the table (the thread has no table) is left out, as the parser leaves it out when it has
 * the table, and a row left with no cell is not given. Returns false when the sink stopped the
 * reading.
 */
export function unpackRows(
  ints: Int32Array,
  nums: Float64Array,
  texts: readonly string[],
  shared: readonly string[],
  sink: RowSink,
  cols: number[],
  values: XlsxCell[],
): boolean {
  let ni = 0;
  let nn = 0;
  let ti = 0;
  while (ni < ints.length) {
    const row = ints[ni++]!;
    const count = ints[ni++]!;
    let kept = 0;
    for (let j = 0; j < count; j++) {
      const col = ints[ni++]!;
      const kind = ints[ni++]!;
      const value =
        kind >= 0
          ? shared[kind]
          : kind === NUMBER
            ? nums[nn++]!
            : kind === TEXT
              ? texts[ti++]!
              : kind === TRUE
                ? true
                : kind === FALSE
                  ? false
                  : new LostResult(texts[ti++]!);
      if (value === undefined) continue;
      cols[kept] = col;
      values[kept++] = value;
    }
    if (kept > 0 && sink(row, cols, values, kept) === false) return false;
  }
  return true;
}
