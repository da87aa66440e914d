// The zip container of an XLSX, read with random access from the bytes already in memory: parts
// are found through the central directory, whatever order a program stored them in, and inflated
// by Node's own zlib. Why not a zip library: fflate's JavaScript inflate costs about three times
// the CPU of zlib on a 100k-case workbook (118 MB of XML), jszip's (pako) more, and zlib's stream
// inflates on the thread pool while the sheet is being parsed.
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated (the only two XLSX writers use). */
  method: number;
  compressedSize: number;
  /** Offset of the entry's local file header. */
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the zip's central directory, by part name (without a leading slash). */
export function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  let end = -1;
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('ZIP の目次が見つかりません');
  const count = bytes.readUInt16LE(end + 10);
  let p = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || p === 0xffffffff) throw new Error('ZIP64 形式には対応していません');
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) throw new Error('ZIP の目次が壊れています');
    const nameLength = bytes.readUInt16LE(p + 28);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, '');
    entries.set(name, {
      name,
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      offset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return entries;
}

function compressed(bytes: Buffer, e: ZipEntry): Buffer {
  if (e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== LOCAL)
    throw new Error(`${e.name} の位置が壊れています`);
  const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
  if (start + e.compressedSize > bytes.length) throw new Error(`${e.name} が途中で切れています`);
  if (e.method !== 0 && e.method !== 8) throw new Error(`${e.name} の圧縮方式（${e.method}）には対応していません`);
  return bytes.subarray(start, start + e.compressedSize);
}

/** A small part, whole. */
export function entryBytes(bytes: Buffer, e: ZipEntry): Buffer {
  const data = compressed(bytes, e);
  return e.method === 8 ? inflateRawSync(data) : data;
}

/** A large part as a stream of inflated chunks. */
export function entryStream(bytes: Buffer, e: ZipEntry): Readable {
  const data = compressed(bytes, e);
  if (e.method === 0) return Readable.from([data]);
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
  inflate.end(data);
  return inflate;
}
