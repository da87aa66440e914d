// The zip container of an XLSX, read with random access from the bytes already in memory: parts
// are found through the central directory, whatever order a program stored them in. Inflating is
// the platform's (XlsxIo): Node's own zlib (xlsx-node.ts) — fflate's JavaScript inflate costs
// about three times its CPU on a 100k-case workbook (118 MB of XML), jszip's (pako) more, and
// zlib's stream inflates on the thread pool while the sheet is being parsed — or the browser's
// DecompressionStream (xlsx-web.ts). Finding and cutting the parts is this file's alone, so
// both platforms read a workbook the same way.
import type { Utf8 } from './xlsx-cells';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated (the only two XLSX writers use). */
  method: number;
  compressedSize: number;
  /** The size the directory claims once inflated; inflating never goes past it. */
  size: number;
  /** Offset of the entry's local file header. */
  offset: number;
}

/** What reading an XLSX needs of its platform: raw deflate and UTF-8. */
export interface XlsxIo {
  /** A small deflated part, whole. */
  inflate(data: Uint8Array): Promise<Uint8Array>;
  /** A large deflated part as inflated chunks; leaving the iteration early stops the inflating. */
  inflateChunks(data: Uint8Array): AsyncIterable<Uint8Array>;
  utf8: Utf8;
}

/**
 * What a part may inflate to. A registry of 100,000 cases is a 76 MB sheet, a 9 MB shared-string
 * table, and parts that compress 2 to 14 to one: the limits leave ample room for real workbooks
 * and none for a zip bomb (a few megabytes that inflate to gigabytes).
 */
export const ZIP_LIMITS = {
  /** A worksheet, inflated as it is parsed. */
  sheetBytes: 512 * 1024 * 1024,
  /** A part read whole (the workbook, its relationships, the shared strings). */
  wholeBytes: 128 * 1024 * 1024,
  /** Inflated over compressed size, past the first megabyte (Apache POI refuses from 100 too). */
  ratio: 100,
  ratioGraceBytes: 1024 * 1024,
};

const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Refuses, before inflating, a part whose claimed size is over its limit or out of proportion. */
function checkClaim(e: ZipEntry, limit: number): void {
  if (e.method === 0) return; // stored: its bytes are in the file already
  if (e.size > limit) throw new Error(`${e.name} は展開すると ${mb(e.size)} になり、大きすぎます（上限 ${mb(limit)}）`);
  if (e.size > ZIP_LIMITS.ratioGraceBytes && e.size > e.compressedSize * ZIP_LIMITS.ratio)
    throw new Error(
      `${e.name} の圧縮率が高すぎます（${Math.round(e.size / Math.max(1, e.compressedSize))} 倍、上限 ${ZIP_LIMITS.ratio} 倍）。圧縮爆弾の疑いがあります`,
    );
}

/** The error when a part inflates past the size the zip's directory claims for it. */
const overClaim = (e: ZipEntry) =>
  new Error(
    `${e.name} が ZIP の記録（${e.size.toLocaleString('en-US')} バイト）より大きく展開されます。圧縮爆弾の疑いがあります`,
  );

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

// Names are few and short: the standard decoder serves both platforms (Buffer#toString's equal).
const names = new TextDecoder('utf-8', { ignoreBOM: true });

/** The entries of the zip's central directory, by part name (without a leading slash). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  let end = -1;
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('ZIP の目次が見つかりません');
  const count = u16(end + 10);
  let p = u32(end + 16);
  if (count === 0xffff || p === 0xffffffff) throw new Error('ZIP64 形式には対応していません');
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(p) !== CENTRAL) throw new Error('ZIP の目次が壊れています');
    const nameLength = u16(p + 28);
    if (p + 46 + nameLength > bytes.length) throw new Error('ZIP の目次が壊れています');
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLength)).replace(/^\//, '');
    entries.set(name, {
      name,
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      size: u32(p + 24),
      offset: u32(p + 42),
    });
    p += 46 + nameLength + u16(p + 30) + u16(p + 32);
  }
  return entries;
}

function compressed(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== LOCAL)
    throw new Error(`${e.name} の位置が壊れています`);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  if (start + e.compressedSize > bytes.length) throw new Error(`${e.name} が途中で切れています`);
  if (e.method !== 0 && e.method !== 8) throw new Error(`${e.name} の圧縮方式（${e.method}）には対応していません`);
  return bytes.subarray(start, start + e.compressedSize);
}

/**
 * Inflated chunks of a part, stopping with an error past the size the directory claims (a bomb
 * that understates its size) — the inflater stops as the iteration is left.
 */
async function* counted(e: ZipEntry, inflated: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of inflated) {
    total += chunk.length;
    if (total > e.size) throw overClaim(e);
    yield chunk;
  }
}

/** A small part, whole (at most ZIP_LIMITS.wholeBytes, and never past its claimed size). */
export async function entryBytes(bytes: Uint8Array, e: ZipEntry, io: XlsxIo): Promise<Uint8Array> {
  const data = compressed(bytes, e);
  if (e.method !== 8) return data;
  checkClaim(e, ZIP_LIMITS.wholeBytes);
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const c of counted(e, io.inflateChunks(data))) {
    parts.push(c);
    length += c.length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

/**
 * A large part as inflated chunks (a damaged entry, or one claiming more than ZIP_LIMITS allow,
 * throws here, before any chunk; one inflating past its claimed size throws as it gets there).
 */
export function entryChunks(bytes: Uint8Array, e: ZipEntry, io: XlsxIo): AsyncIterable<Uint8Array> {
  return sheetChunks(e, sheetData(bytes, e), io);
}

/** A large part's bytes as stored, checked as entryChunks checks them before any chunk (it throws here). */
export function sheetData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const data = compressed(bytes, e);
  if (e.method !== 0) checkClaim(e, ZIP_LIMITS.sheetBytes);
  return data;
}

/** The chunks of a part from its sheetData (a thread given the stored bytes inflates them so). */
export function sheetChunks(e: ZipEntry, data: Uint8Array, io: XlsxIo): AsyncIterable<Uint8Array> {
  return e.method === 0 ? once(data) : counted(e, io.inflateChunks(data));
}
