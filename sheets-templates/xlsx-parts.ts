// Drives exceljs's streaming XLSX parsers over a zip opened with random access (jszip).
//
// Why not exceljs's own WorkbookReader loop: it reads the zip front to back, so a worksheet stored
// before workbook.xml / sharedStrings.xml (as Excel and exceljs itself store them) goes through a
// temp file, and with six or more such sheets its loop ends early and throws (exceljs 4.4.0).
// Why the decoding: its XML reader decodes each inflated chunk on its own (TextDecoder without
// `stream: true`), so a Japanese character split across two chunks becomes U+FFFD. We hand its
// parsers text decoded across chunk boundaries (strings pass through its decoder unchanged).
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** The part's text, decoded across chunk boundaries (node's StringDecoder via setEncoding). */
function decodedStream(entry: NodeJS.ReadableStream): Readable {
  const out = new PassThrough();
  out.setEncoding('utf8');
  entry.on('error', (e: Error) => out.destroy(e));
  entry.pipe(out);
  return out;
}

/** The exceljs WorkbookReader internals used here (exceljs 4.4.0), checked at run time. */
interface ReaderInternals {
  options: Record<string, unknown>;
  workbookRels?: Array<{ Id: string; Target: string; Type?: string }>;
  model?: { sheets?: Array<{ name: string; rId: string; state?: string }> };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

export interface SheetPart {
  name: string;
  /** The sheet's rows, parsed as they are inflated. */
  rows(): AsyncIterable<ExcelJS.Row>;
}

export interface XlsxParts {
  sheets: SheetPart[];
  date1904: boolean;
}

const partPath = (target: string): string =>
  (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');

/** Opens an XLSX: workbook, relationships and shared strings are read; sheets are read on demand. */
export async function openXlsx(bytes: Buffer, options: { sheetWanted: (name: string) => boolean }): Promise<XlsxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (path: string): Readable | undefined => {
    const f = zip.file(path);
    return f ? decodedStream(f.nodeStream('nodebuffer')) : undefined;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // A date column is known from the contract, so date cells are read as serial numbers and
    // converted by column: reading styles only to learn which cells are dates costs more.
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const r = reader as unknown as ReaderInternals;
  for (const m of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseWorksheet'] as const) {
    if (typeof r[m] !== 'function')
      throw new Error(
        `exceljs WorkbookReader.${m} is missing: check sheets-templates/xlsx-parts.ts against the installed exceljs`,
      );
  }
  const rels = part('xl/_rels/workbook.xml.rels');
  const book = part('xl/workbook.xml');
  if (!rels || !book) throw new Error('xl/workbook.xml がありません');
  await r._parseRels(rels);
  await r._parseWorkbook(book);
  const sharedTarget = r.workbookRels?.find((x) => x.Type?.endsWith('/sharedStrings'))?.Target;
  const shared = part(sharedTarget ? partPath(sharedTarget) : 'xl/sharedStrings.xml');
  if (shared) for await (const _ of r._parseSharedStrings(shared)) void _;
  if (!Array.isArray((r as unknown as { sharedStrings?: unknown }).sharedStrings))
    (r as unknown as { sharedStrings: unknown[] }).sharedStrings = [];

  const sheets: SheetPart[] = [];
  for (const s of r.model?.sheets ?? []) {
    if (!options.sheetWanted(s.name)) continue;
    const rel = r.workbookRels?.find((x) => x.Id === s.rId);
    const path = rel && partPath(rel.Target);
    const file = path ? zip.file(path) : null;
    if (!file) continue;
    const sheetNo = /sheet(\d+)\.xml$/.exec(path!)?.[1] ?? s.rId;
    sheets.push({
      name: s.name,
      rows: () => {
        const gen = r._parseWorksheet(decodedStream(file.nodeStream('nodebuffer')), sheetNo);
        const ws = gen.next().value?.value as AsyncIterable<ExcelJS.Row> | undefined;
        if (!ws) throw new Error(`${s.name} を読めません`);
        return ws;
      },
    });
  }
  return { sheets, date1904: r.properties?.model?.date1904 === true };
}
