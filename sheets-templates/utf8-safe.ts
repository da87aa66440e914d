// exceljs 4.4's XML reader decodes each inflated chunk on its own (TextDecoder without
// `stream: true`), so a Japanese character split across two chunks turns into U+FFFD — random
// corruption in any sheet larger than one chunk. Its stream reader lets us hand it already decoded
// text instead, through the hooks below (strings pass through its decoder unchanged).
import { PassThrough, type Readable } from 'node:stream';

async function* decoded(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function decodedStream(entry: Readable): Readable {
  const out = new PassThrough();
  out.setEncoding('utf8');
  entry.on('error', (e) => out.destroy(e));
  return entry.pipe(out);
}

type Hooks = {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};

/** Makes one exceljs WorkbookReader decode UTF-8 across chunk boundaries. */
export function decodeUtf8AcrossChunks(reader: object): void {
  const r = reader as Hooks;
  const proto = Object.getPrototypeOf(reader) as Hooks;
  if (typeof proto._parseWorkbook !== 'function' || typeof proto._parseSharedStrings !== 'function' || typeof proto._parseWorksheet !== 'function') {
    throw new Error('exceljs WorkbookReader internals changed: check sheets-templates/utf8-safe.ts');
  }
  r._parseWorkbook = (entry) => proto._parseWorkbook.call(r, decodedStream(entry));
  r._parseSharedStrings = (entry) => proto._parseSharedStrings.call(r, decodedStream(entry));
  r._parseWorksheet = (iterator, sheetNo) => proto._parseWorksheet.call(r, decoded(iterator), sheetNo);
}
