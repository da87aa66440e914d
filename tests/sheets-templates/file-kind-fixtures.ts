// Hand-made files that are not what their name says, for the file-kind tests (the reader's and the
// CLI's): OLE compound files as Excel writes an encrypted workbook or an old .xls, and zips.
import JSZip from 'jszip';

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/**
 * An OLE compound file (MS-CFB) as Excel writes one: the header, one FAT sector (sector 0), and the
 * directory in the sectors given, chained through the FAT in that order — each holding up to
 * size/128 entries named by `directory` — with every other sector a data sector holding `data`
 * (UTF-16LE), which is not the directory and so is never read as names.
 */
export function compoundFile(options: {
  directory: string[][];
  sectors: number[];
  shift?: 9 | 12;
  data?: string;
  total?: number;
}): Buffer {
  const shift = options.shift ?? 9;
  const size = 1 << shift;
  const total = options.total ?? Math.max(...options.sectors) + 2;
  const bytes = Buffer.alloc((total + 1) * size);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  bytes.writeUInt16LE(0x3e, 0x18); // minor version
  bytes.writeUInt16LE(shift === 9 ? 3 : 4, 0x1a); // major version
  bytes.writeUInt16LE(0xfffe, 0x1c); // byte order
  bytes.writeUInt16LE(shift, 0x1e);
  bytes.writeUInt16LE(6, 0x20); // mini sector shift
  bytes.writeUInt32LE(1, 0x2c); // one FAT sector
  bytes.writeUInt32LE(options.sectors[0]!, 0x30); // the directory's first sector
  bytes.writeUInt32LE(4096, 0x38);
  bytes.writeUInt32LE(END_OF_CHAIN, 0x3c);
  bytes.writeUInt32LE(END_OF_CHAIN, 0x44);
  for (let i = 0; i < 109; i++) bytes.writeUInt32LE(i === 0 ? 0 : FREE, 0x4c + 4 * i);
  const at = (sector: number) => (sector + 1) * size;
  // The FAT: sector 0 is itself, the directory's sectors chain, the rest are free.
  for (let s = 0; s < size / 4; s++) bytes.writeUInt32LE(s === 0 ? FAT_SECTOR : FREE, at(0) + 4 * s);
  // (A sector past the ids FAT sector 0 holds has no entry: its link is in a FAT sector not listed.)
  options.sectors.forEach((s, i) => {
    if (s < size / 4) bytes.writeUInt32LE(options.sectors[i + 1] ?? END_OF_CHAIN, at(0) + 4 * s);
  });
  for (let s = 1; s < total; s++)
    if (!options.sectors.includes(s) && options.data) bytes.write(options.data, at(s), 'utf16le');
  options.sectors.forEach((s, i) =>
    (options.directory[i] ?? []).forEach((name, k) => {
      const entry = at(s) + 128 * k;
      bytes.write(name, entry, 'utf16le');
      bytes.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
      bytes.writeUInt8(name === 'Root Entry' ? 5 : 2, entry + 0x42);
    }),
  );
  return bytes;
}

/** The directory of a workbook Excel encrypted: its data spaces, then the two streams, last. */
export const ENCRYPTED_DIRECTORY = [
  ['Root Entry', '\u0006DataSpaces', 'Version', 'DataSpaceMap'],
  ['DataSpaceInfo', 'StrongEncryptionDataSpace', 'TransformInfo', 'StrongEncryptionTransform'],
  ['\u0006Primary', 'EncryptionInfo', 'EncryptedPackage'],
];
/** An old .xls: the workbook stream and the document summaries. */
export const XLS_DIRECTORY = [
  ['Root Entry', 'Workbook', '\u0005SummaryInformation', '\u0005DocumentSummaryInformation'],
];

export async function zip(files: Record<string, string>, mimetypeStored = true): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, text] of Object.entries(files))
    z.file(name, text, { compression: name === 'mimetype' && mimetypeStored ? 'STORE' : 'DEFLATE' });
  return z.generateAsync({ type: 'nodebuffer' });
}
export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
export const CONTENT_XML = '<?xml version="1.0"?><office:document-content/>';
