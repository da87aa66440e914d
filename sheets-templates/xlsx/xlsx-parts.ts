// The parts of an XLSX a registry is read from: the workbook (sheet names, the 1904 date system),
// its relationships (where each sheet is), the shared strings, and the worksheets as streams.
// Parts are found through the zip's directory, so the order a program stored them in does not
// matter (Excel and exceljs store worksheets before workbook.xml and sharedStrings.xml). The
// platform (XlsxIo: Node's zlib or the browser's DecompressionStream) only inflates and decodes.
import { readSheetRows, sharedStrings, attributes, startTags, type RowSink } from './xlsx-cells';
import type { MergedRange } from '../../core/registry/merged';
import { entryBytes, entryChunks, zipEntries, type XlsxIo, type ZipEntry } from './xlsx-zip';

export interface SheetPart {
  name: string;
  /** Reads the sheet's rows as the part is inflated (see RowSink); answers its merged ranges. */
  read(sink: RowSink): Promise<MergedRange[]>;
  /**
   * Has the thread given to openXlsx start parsing the sheet now, for a later `read`; without a
   * thread, nothing (read parses it then).
   */
  start(): void;
}

/**
 * Parses sheets elsewhere (xlsx-sheet-thread.ts): `start` asks for one, its answer reads it. The
 * parser has no shared-string table: the answer looks its shared cells up in the table it is given.
 */
export interface SheetStarter {
  start(bytes: Uint8Array, entry: ZipEntry): StartedSheet;
}
export type StartedSheet = (sink: RowSink, shared: readonly string[]) => Promise<MergedRange[]>;

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
  let shared: string[] = [];

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
    let started: StartedSheet | undefined;
    const thread = options.thread;
    sheets.push({
      name,
      // A fault names its sheet: 「ケース」シート: 2,000,000,000 行目があり…
      async read(sink) {
        try {
          return await (started
            ? started(sink, shared)
            : readSheetRows(entryChunks(bytes, entry, io), shared, sink, io.utf8));
        } catch (e) {
          throw new Error(`「${name}」シート: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      },
      start() {
        started ??= thread?.start(bytes, entry);
      },
    });
  }
  options.sheetsKnown?.({ names, sheets });
  if (sharedBytes !== undefined) shared = sharedStrings(xmlOf(sharedBytes, io));
  return { names, sheets, date1904 };
}
