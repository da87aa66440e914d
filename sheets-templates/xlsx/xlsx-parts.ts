// The parts of an XLSX a registry is read from: the workbook (sheet names, the 1904 date system),
// its relationships (where each sheet is), the shared strings, and the worksheets as streams.
// Parts are found through the zip's directory, so the order a program stored them in does not
// matter (Excel and exceljs store worksheets before workbook.xml and sharedStrings.xml). The
// platform (XlsxIo: Node's zlib or the browser's DecompressionStream) only inflates and decodes.
import { readSheetRows, sharedStrings, attributes, startTags, type RowSink } from './xlsx-cells';
import { entryBytes, entryChunks, zipEntries, type XlsxIo, type ZipEntry } from './xlsx-zip';

export interface SheetPart {
  name: string;
  /** What the part inflates to, as its zip entry claims (a measure of the work, not a bound). */
  size: number;
  /** Reads the sheet's rows as the part is inflated (see RowSink). */
  read(sink: RowSink): Promise<void>;
  /**
   * Has the thread given to openXlsx start parsing the sheet now, for a later `read`; without a
   * thread, nothing (read parses it then).
   */
  start(): void;
}

/**
 * Parses sheets elsewhere (xlsx-sheet-thread.ts): `start` asks for one, its answer reads it. The
 * parser knows only how many shared strings to expect (`sharedCount`): it hands back each shared
 * cell as an index below it, which the answer looks up in the table it is given.
 */
export interface SheetStarter {
  start(bytes: Uint8Array, entry: ZipEntry, sharedCount: number): StartedSheet;
}
export type StartedSheet = (sink: RowSink, shared: readonly string[]) => Promise<void>;

export interface XlsxParts {
  /** Every sheet's name, in workbook order (a renamed sheet is named in messages). */
  names: string[];
  sheets: SheetPart[];
  date1904: boolean;
}

const partPath = (target: string): string =>
  (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');

/** The XML text of inflated part bytes, without a byte order mark. */
const xmlOf = (bytes: Uint8Array, io: XlsxIo): string => io.utf8.decode(bytes).replace(/^\uFEFF/, '');

/**
 * How many strings the shared-string table holds, as its root tag says (`uniqueCount`, else
 * `count`), or undefined when it does not say. Never more than the table's bytes could hold (an
 * item takes at least the five bytes of `<si/>`), so a false claim cannot make a thread allocate
 * more than the table would.
 */
function claimedCount(table: Uint8Array, io: XlsxIo): number | undefined {
  const root = startTags(xmlOf(table.subarray(0, 2048), io), 'sst').map(attributes)[0];
  const claim = Number(root?.get('uniqueCount') ?? root?.get('count'));
  return Number.isSafeInteger(claim) && claim >= 0 ? Math.min(claim, Math.floor(table.length / 5)) : undefined;
}

/**
 * Opens an XLSX: workbook, relationships and shared strings are read; sheets are read on demand.
 * `sheetsKnown` is called with the workbook's sheets before the shared strings are parsed, so that
 * sheets started then (`start`) are parsed by the thread while this one parses the table.
 */
export async function openXlsx(
  bytes: Uint8Array,
  options: {
    sheetWanted: (name: string) => boolean;
    thread?: SheetStarter | undefined;
    sheetsKnown?: (parts: Omit<XlsxParts, 'date1904'>) => void;
  },
  io: XlsxIo,
): Promise<XlsxParts> {
  const entries = zipEntries(bytes);
  const part = async (path: string): Promise<Uint8Array | undefined> => {
    const e = entries.get(path);
    return e ? entryBytes(bytes, e, io) : undefined;
  };
  const bookBytes = await part('xl/workbook.xml');
  const relsBytes = await part('xl/_rels/workbook.xml.rels');
  if (bookBytes === undefined || relsBytes === undefined) throw new Error('xl/workbook.xml がありません');
  const book = xmlOf(bookBytes, io);
  const rels = startTags(xmlOf(relsBytes, io), 'Relationship').map(attributes);
  const pr = startTags(book, 'workbookPr').map(attributes)[0];
  const date1904 = ['1', 'true'].includes(pr?.get('date1904') ?? '');

  const sharedTarget = rels.find((r) => r.get('Type')?.endsWith('/sharedStrings'))?.get('Target');
  const sharedBytes = await part(sharedTarget ? partPath(sharedTarget) : 'xl/sharedStrings.xml');
  // Until the table is parsed, a thread is told the count the table claims; a sheet started
  // without a claim waits for the table (below), and one whose claim fell short is read here (read).
  const claimed = sharedBytes === undefined ? 0 : claimedCount(sharedBytes, io);
  let shared: string[] = [];
  let tableRead = false;
  const waiting: Array<() => void> = [];

  const sheets: SheetPart[] = [];
  const names: string[] = [];
  const targets = new Map<string | undefined, string | undefined>();
  for (const r of rels) if (!targets.has(r.get('Id'))) targets.set(r.get('Id'), r.get('Target'));
  for (const a of startTags(book, 'sheet').map(attributes)) {
    const name = a.get('name');
    if (name !== undefined) names.push(name);
    // A name given twice (which no program writes) is read once: the repeat is named by findSheets.
    if (name === undefined || !options.sheetWanted(name) || sheets.some((s) => s.name === name)) continue;
    // the relationship id is r:id, whatever prefix the program bound the namespace to
    const rId = [...a].find(([k]) => k.endsWith(':id'))?.[1];
    const target = targets.get(rId);
    const entry = target === undefined ? undefined : entries.get(partPath(target));
    if (!entry) continue;
    let started: { read: StartedSheet; sharedCount: number } | undefined;
    let asked = false;
    const thread = options.thread;
    const startWith = (sharedCount: number) => {
      if (thread && !started) started = { read: thread.start(bytes, entry, sharedCount), sharedCount };
    };
    sheets.push({
      name,
      size: entry.size,
      // A fault names its sheet: 「ケース」シート: 2,000,000,000 行目があり…
      async read(sink) {
        try {
          if (started && shared.length <= started.sharedCount) return await started.read(sink, shared);
          // The table holds more strings than it claimed: the thread left out shared cells past
          // the claim, so its rows are dropped (the sink stops at once) and the sheet read here.
          if (started) await started.read(() => false, shared).catch(() => undefined);
          await readSheetRows(entryChunks(bytes, entry, io), shared, sink, io.utf8);
        } catch (e) {
          throw new Error(`「${name}」シート: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      },
      start() {
        if (asked) return;
        asked = true;
        if (claimed !== undefined) startWith(claimed);
        else if (tableRead) startWith(shared.length);
        else waiting.push(() => startWith(shared.length));
      },
    });
  }
  options.sheetsKnown?.({ names, sheets });
  if (sharedBytes !== undefined) shared = sharedStrings(xmlOf(sharedBytes, io));
  tableRead = true;
  for (const start of waiting) start();
  return { names, sheets, date1904 };
}
