// What a file given as the registry workbook really is, when it is not an XLSX: offices save and
// rename files, so a password-protected workbook, an old .xls, an OpenDocument spreadsheet or a CSV
// can arrive named .xlsx. Each is told to the clerk by what it is and how to save it as .xlsx, the
// same on the CLI, `kasane preview --input` and the offline page (all read through
// xlsx-registry.ts, which asks here first). Only bytes are looked at: no macro, no content is run
// or shown.
import { entryBytes, zipEntries, type XlsxIo } from './xlsx-zip';

export type FileKindCode = 'format.encrypted' | 'format.xls' | 'format.ods' | 'format.csv';
export interface FileKindFault {
  code: FileKindCode;
  message: string;
}

const SAVE_AS_XLSX = '「名前を付けて保存」→「Excel ブック（.xlsx）」で保存し直してから指定してください。';

/** The answer for each kind of file kasane cannot read: one Japanese sentence naming the fix. */
export const FILE_KIND_FAULTS: Readonly<Record<FileKindCode, FileKindFault>> = {
  'format.encrypted': {
    code: 'format.encrypted',
    message:
      'パスワードで保護されたファイルです。Excel でパスワードを外して（ファイル → 情報 → ブックの保護 →「パスワードを使用して暗号化」のパスワードを消す）から、.xlsx 形式で保存し直して指定してください。',
  },
  'format.xls': {
    code: 'format.xls',
    message: `古い形式（.xls）のファイルです。Excel で開き、${SAVE_AS_XLSX}`,
  },
  'format.ods': {
    code: 'format.ods',
    message:
      'OpenDocument（.ods）のファイルです。LibreOffice などで開き、「名前を付けて保存」でファイルの種類を .xlsx（Excel 2007-365）にして保存し直してから指定してください。',
  },
  'format.csv': {
    code: 'format.csv',
    message: `CSV（テキスト）のファイルです。Excel で開き、${SAVE_AS_XLSX}`,
  },
};

/**
 * The names (extension, lower case, with its dot) the workbook reader is given; what the bytes are
 * decides the answer, so an .xls or .ods (or a real .xlsx so named) gets its own message. .xlsm is
 * Excel's macro-enabled workbook: the same zip as .xlsx, read the same (its macros are never run).
 */
export const WORKBOOK_EXTENSIONS: readonly string[] = ['.xlsx', '.xlsm', '.xls', '.ods'];

/** The answer for a file refused by its name alone (a .csv), or undefined. */
export function faultOfExtension(ext: string): FileKindFault | undefined {
  return ext.toLowerCase() === '.csv' ? FILE_KIND_FAULTS['format.csv'] : undefined;
}

/**
 * What the bytes are, when kasane cannot read them as an XLSX and knows why: undefined for a zip
 * that has an XLSX workbook, and for a file of no kind known here (the reader words that fault).
 */
export async function fileKindFault(bytes: Uint8Array, io: XlsxIo): Promise<FileKindFault | undefined> {
  if (isCompoundFile(bytes))
    return compoundHasEncryption(bytes) ? FILE_KIND_FAULTS['format.encrypted'] : FILE_KIND_FAULTS['format.xls'];
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)
    return (await isOpenDocumentSheet(bytes, io)) ? FILE_KIND_FAULTS['format.ods'] : undefined;
  return looksLikeCsv(bytes) ? FILE_KIND_FAULTS['format.csv'] : undefined;
}

// --- OLE compound files: an old .xls, or an Excel workbook encrypted with a password -------------

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= CFB_MAGIC.length && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

/** The streams Excel writes an encrypted workbook into (MS-OFFCRYPTO 2.3.4, ECMA-376 agile). */
const ENCRYPTION_STREAMS = new Set(['EncryptionInfo', 'EncryptedPackage']);
/** Directory sectors followed at most: an encrypted workbook's directory holds about ten entries. */
const MAX_DIRECTORY_SECTORS = 256;
/** Sector ids from 0xFFFFFFFA up are markers (end of chain, free, FAT…), never a sector. */
const LAST_SECTOR_ID = 0xfffffff9;

/**
 * Whether a compound file's directory (MS-CFB 2.6) names an encryption stream. The directory's
 * sectors are followed through the FAT sectors the header lists (its first 109: files up to about
 * 7 MB with 512-byte sectors, far more with 4096), at most MAX_DIRECTORY_SECTORS of them; each
 * 128-byte entry's UTF-16LE name is compared. A chain that leaves the file, or loops, ends the walk.
 */
export function compoundHasEncryption(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false; // a header cut short: an .xls as far as can be told
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return false;
  const size = 1 << shift;
  const idsPerSector = size / 4;
  const at = (sector: number): number => (sector + 1) * size;
  const next = (sector: number): number | undefined => {
    const index = Math.floor(sector / idsPerSector);
    if (index >= 109) return undefined;
    const fatSector = view.getUint32(0x4c + 4 * index, true);
    if (fatSector > LAST_SECTOR_ID) return undefined;
    const offset = at(fatSector) + 4 * (sector % idsPerSector);
    return offset + 4 <= bytes.length ? view.getUint32(offset, true) : undefined;
  };
  const seen = new Set<number>();
  let sector: number | undefined = view.getUint32(0x30, true);
  while (sector !== undefined && sector <= LAST_SECTOR_ID && seen.size < MAX_DIRECTORY_SECTORS) {
    if (seen.has(sector) || at(sector) + size > bytes.length) return false;
    seen.add(sector);
    for (let entry = at(sector); entry < at(sector) + size; entry += 128) {
      const nameBytes = view.getUint16(entry + 0x40, true);
      if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0) continue;
      let name = '';
      for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(view.getUint16(entry + i, true));
      if (ENCRYPTION_STREAMS.has(name)) return true;
    }
    sector = next(sector);
  }
  return false;
}

// --- OpenDocument spreadsheets ------------------------------------------------------------------

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * Whether a zip is an OpenDocument spreadsheet: its `mimetype` entry says so (ODF 1.2 part 3, 3.3),
 * or, without one, it has the ODF `content.xml` and no XLSX workbook. A zip whose directory cannot
 * be read is left to the reader.
 */
async function isOpenDocumentSheet(bytes: Uint8Array, io: XlsxIo): Promise<boolean> {
  try {
    const entries = zipEntries(bytes);
    if (entries.has('xl/workbook.xml')) return false;
    const mimetype = entries.get('mimetype');
    if (mimetype && mimetype.size <= 256)
      // .ots, a template, is saved the same way; another ODF file (a text, .odt) is not a spreadsheet
      return io.utf8
        .decode(await entryBytes(bytes, mimetype, io))
        .trim()
        .startsWith(ODS_MIMETYPE);
    return entries.has('content.xml');
  } catch {
    return false;
  }
}

// --- CSV ----------------------------------------------------------------------------------------

/** Bytes of the file's start looked at. */
const CSV_SAMPLE_BYTES = 4096;

/**
 * Whether the bytes look like a CSV or tab-separated text: no control bytes but tab and line ends
 * in the first 4 KB (UTF-8 and Shift_JIS text alike), and a comma or a tab in its first line. JSON,
 * XML and HTML (a `{`, `[` or `<` first) are not.
 */
export function looksLikeCsv(bytes: Uint8Array): boolean {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = Math.min(bytes.length, start + CSV_SAMPLE_BYTES);
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return false;
  }
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
  if (start === end || [0x7b, 0x5b, 0x3c].includes(bytes[start]!)) return false;
  for (let i = start; i < end && bytes[i] !== 0x0a && bytes[i] !== 0x0d; i++)
    if (bytes[i] === 0x2c || bytes[i] === 0x09) return true;
  return false;
}
