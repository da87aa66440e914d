// Hostile .xlsx files get a message, not a crash (docs/RELIABILITY.md): row and column numbers past
// Excel's grid (1,048,576 × 16,384), zip bombs (a 7 MB sheet or shared-string table that inflates to
// gigabytes, whether its zip entry tells its size or lies about it), an unquoted attribute, and parts
// built to make a naive reader quadratic (one huge row, a huge cell of many runs, a run of rows with
// no cells, junk between rows). Each ends within seconds and a bounded amount of memory, with
// readRegistryXlsx answering {ok: false, code, message} in Japanese where the file cannot be read,
// and `kasane validate` exiting 2 with that message. The files are built here, byte by byte.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { readRegistryXlsx, readRegistryXlsxRecords } from '../../sheets-templates/xlsx/read-xlsx';
import { readSheetRows, sharedStrings } from '../../sheets-templates/xlsx/xlsx-cells';
import { ensureBuilt, root } from '../cli/run';
import { CASE_HEADERS } from './helpers';

jest.setTimeout(120_000);

const japanese = (s: unknown) => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// A zip written by hand: each part deflated (or given as raw deflate bytes with a declared size).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A part: its text, or deflate bytes as they are with the size the zip's directory will claim. */
type Part = { name: string; text: string } | { name: string; deflated: Buffer; claimedSize: number };

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const plain = 'text' in p ? Buffer.from(p.text, 'utf8') : null;
    const data = plain ? deflateRawSync(plain) : (p as { deflated: Buffer }).deflated;
    const size = plain ? plain.length : (p as { claimedSize: number }).claimedSize;
    const crc = plain ? crc32(plain) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const columnName = (n: number): string =>
  (n > 26 ? columnName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
const HEADER_ROW = `<row r="1">${CASE_HEADERS.map((h, i) => `<c r="${columnName(i + 1)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${HEADER_ROW}${rows}</sheetData></worksheet>`;

/** A workbook with one sheet, ケース, given as text or as its zip part; optionally a shared-string table. */
function workbook(sheet: string | Part, shared?: string | Part): Buffer {
  const part = (name: string, p: string | Part): Part => (typeof p === 'string' ? { name, text: p } : { ...p, name });
  return zip([
    {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="ケース" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    part('xl/worksheets/sheet1.xml', sheet),
    ...(shared === undefined ? [] : [part('xl/sharedStrings.xml', shared)]),
  ]);
}

/**
 * Deflate bytes for `head`, then `filler` (1 MiB, compressing about a thousand to one) repeated
 * until the compressed stream is about `compressedBytes`, then `tail`: blocks flushed one after
 * another, so gigabytes of text cost a few seconds to write here and none to hold.
 */
function bomb(head: string, tail: string, compressedBytes: number): { deflated: Buffer; inflatedSize: number } {
  const flushed = (s: string) => deflateRawSync(Buffer.from(s), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const start = flushed(head);
  const filler = flushed(' '.repeat(MB));
  const end = deflateRawSync(Buffer.from(tail));
  const n = Math.ceil(compressedBytes / filler.length);
  return {
    deflated: Buffer.concat([start, ...Array.from({ length: n }, () => filler), end]),
    inflatedSize: Buffer.byteLength(head) + n * MB + Buffer.byteLength(tail),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring: time, and the peak of resident memory while reading (sampled).

async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: Math.round(performance.now() - started), peakMb: Math.round((peak - base) / MB) };
  } finally {
    clearInterval(sampler);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kasane-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RANGE = /Excel の上限|行が大きすぎ|大きすぎ|圧縮率|ZIP の記録/;

const HOSTILE: Array<[string, () => Buffer, RegExp]> = [
  [
    'a row numbered 2,000,000,000',
    () => workbook(sheetXml('<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>K-1</t></is></c></row>')),
    /2,000,000,000 行目.*1,048,576/,
  ],
  [
    'a row numbered 1,048,577',
    () => workbook(sheetXml('<row r="1048577"><c t="inlineStr"><is><t>K-1</t></is></c></row>')),
    /1,048,577 行目/,
  ],
  [
    'a cell in column XFE (16,385)',
    () => workbook(sheetXml('<row r="2"><c r="XFE2" t="inlineStr"><is><t>K-1</t></is></c></row>')),
    /16,385 列目.*16,384/,
  ],
  [
    'a cell in column AAAAAAAAAAAA',
    () => workbook(sheetXml('<row r="2"><c r="AAAAAAAAAAAA2" t="inlineStr"><is><t>K-1</t></is></c></row>')),
    /16,384/,
  ],
  [
    '16,385 cells in one row, none with a reference',
    () => workbook(sheetXml(`<row r="2">${'<c><v>1</v></c>'.repeat(16_385)}</row>`)),
    /16,385 列目/,
  ],
  [
    'a 7 MB sheet inflating to 7 GB, its size told',
    () => {
      const b = bomb(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`, '</sheetData></worksheet>', 7 * MB);
      return workbook({ name: '', deflated: b.deflated, claimedSize: Math.min(b.inflatedSize, 0xfffffffe) });
    },
    /大きすぎ|圧縮率/,
  ],
  [
    'a 7 MB sheet inflating to 7 GB, its size a lie',
    () => {
      const b = bomb(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`, '</sheetData></worksheet>', 7 * MB);
      return workbook({ name: '', deflated: b.deflated, claimedSize: 40_000 });
    },
    /ZIP の記録/,
  ],
  [
    'a 7 MB shared-string table inflating to 7 GB, its size a lie',
    () => {
      const b = bomb(`<?xml version="1.0"?><sst ${NS}><si><t>`, '</t></si></sst>', 7 * MB);
      return workbook(sheetXml(''), { name: '', deflated: b.deflated, claimedSize: 3_000 });
    },
    /ZIP の記録/,
  ],
  [
    'a 7 MB shared-string table inflating to 7 GB, its size told',
    () => {
      const b = bomb(`<?xml version="1.0"?><sst ${NS}><si><t>`, '</t></si></sst>', 7 * MB);
      return workbook(sheetXml(''), {
        name: '',
        deflated: b.deflated,
        claimedSize: Math.min(b.inflatedSize, 0xfffffffe),
      });
    },
    /大きすぎ|圧縮率/,
  ],
  [
    'one row of 40 MB (a thousand to one)',
    () =>
      workbook(
        sheetXml(
          `<row r="2">${Array.from({ length: 16_000 }, (_, i) => `<c r="${columnName(i + 1)}2" t="inlineStr"><is><t>${'x'.repeat(2_500)}</t></is></c>`).join('')}</row>`,
        ),
      ),
    RANGE,
  ],
];

describe('readRegistryXlsx refuses hostile files with a message, within seconds and bounded memory', () => {
  test.each(HOSTILE)('%s', async (_what, build, message) => {
    const bytes = build();
    const { value: r, ms, peakMb } = await measured(() => readRegistryXlsx(bytes));
    console.log(`${_what}: ${(bytes.length / MB).toFixed(1)} MB file, ${ms} ms, peak +${peakMb} MB`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toEqual(expect.any(String));
    expect(japanese(r.message)).toBe(true);
    expect(r.message).toMatch(message);
    expect(ms).toBeLessThan(10_000);
    expect(peakMb).toBeLessThan(500);
  });

  // `kasane indicators` reads straight into records, its sheets parsed in a worker thread
  // (xlsx-records.ts): the same refusal, the same message, as bounded.
  test.each(HOSTILE)('%s: the same refusal read straight into records', async (_what, build) => {
    const bytes = build();
    const { value: r, ms, peakMb } = await measured(() => readRegistryXlsxRecords(bytes, { thread: true }));
    console.log(`${_what} (records): ${ms} ms, peak +${peakMb} MB`);
    expect(r).toEqual(await readRegistryXlsx(bytes));
    expect(ms).toBeLessThan(10_000);
    expect(peakMb).toBeLessThan(500);
  });

  test('an unquoted attribute as the last tag with attributes does not hang the reader', async () => {
    const bytes = workbook(sheetXml('<row spans=1:3><c r=A2 t=inlineStr><is><t>K-1</t></is></c></row>'));
    const { ms } = await measured(() => readRegistryXlsx(bytes));
    expect(ms).toBeLessThan(10_000);
  });

  test('the last row and column of the grid are read (a cell at XFD1048576 is an office column)', async () => {
    const row = (n: number) =>
      `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>K-${n}</t></is></c><c r="XFD${n}"><v>1</v></c></row>`;
    const bytes = workbook(sheetXml(row(2) + row(1_048_576)));
    const { value: r, ms, peakMb } = await measured(() => readRegistryXlsx(bytes));
    console.log(`row 1,048,576: ${ms} ms, peak +${peakMb} MB`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cases = r.raw.sheets.cases!;
    expect(cases.length).toBe(1_048_575);
    expect([cases[0], cases[1_048_574]]).toEqual([{ caseId: 'K-2' }, { caseId: 'K-1048576' }]);
    expect(ms).toBeLessThan(10_000);
  });
});

// ---------------------------------------------------------------------------------------------
// The cell grammar itself, fed by chunks as zlib gives them: linear in rows, cells and runs.

/** `text` as 256 KiB chunks, as the inflater hands them over. */
async function* chunks(text: string | Buffer): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
}
const sheetData = (rows: string) => `<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

async function readAll(xml: string | Buffer, shared: string[] = []) {
  let rows = 0;
  let cells = 0;
  let text = 0;
  await readSheetRows(chunks(xml), shared, (_n, _cols, values, count) => {
    rows++;
    cells += count;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (typeof v === 'string') text += v.length;
    }
  });
  return { rows, cells, text };
}

describe('the cell grammar is linear in the size of rows, cells and runs', () => {
  test('one row of 30 MB (16,000 cells of 1,900 characters) is read once, not once per chunk', async () => {
    const cell = (i: number) =>
      `<c r="${columnName(i + 1)}1" t="inlineStr"><is><t>${String(i).padStart(1_900, '0')}</t></is></c>`;
    const xml = sheetData(`<row r="1">${Array.from({ length: 16_000 }, (_, i) => cell(i)).join('')}</row>`);
    const { value, ms } = await measured(() => readAll(xml));
    console.log(`30 MB row: ${ms} ms`);
    expect(value).toEqual({ rows: 1, cells: 16_000, text: 16_000 * 1_900 });
    expect(ms).toBeLessThan(10_000);
  });

  test('a row over 32 MiB is refused with a message', async () => {
    const xml = sheetData(`<row r="1">${'<c t="inlineStr"><is><t>' + 'x'.repeat(33 * MB) + '</t></is></c>'}</row>`);
    await expect(readAll(xml)).rejects.toThrow(/1行のデータが.*32 MB/);
  });

  test('a cell of a million rich-text runs, and a shared string of a million runs', async () => {
    const runs = '<r><rPr><b/></rPr><t>あ</t></r>'.repeat(1_000_000);
    const { value, ms } = await measured(() =>
      readAll(sheetData(`<row r="1"><c r="A1" t="inlineStr"><is>${runs}</is></c></row>`)),
    );
    console.log(`a cell of 1M runs: ${ms} ms`);
    expect(value).toEqual({ rows: 1, cells: 1, text: 1_000_000 });
    expect(ms).toBeLessThan(10_000);
    const started = performance.now();
    const table = sharedStrings(`<sst ${NS}><si>${runs}</si><si><t>二</t></si></sst>`);
    const took = Math.round(performance.now() - started);
    console.log(`a shared string of 1M runs: ${took} ms`);
    expect(table.map((s) => s.length)).toEqual([1_000_000, 1]);
    expect(took).toBeLessThan(10_000);
  });

  test('a million rows without cells, and 60 MB of junk between rows', async () => {
    const empty = await measured(() => readAll(sheetData('<row><x/></row>'.repeat(1_000_000))));
    console.log(`1M rows without cells: ${empty.ms} ms`);
    expect(empty.value.rows).toBe(0);
    expect(empty.ms).toBeLessThan(10_000);
    const junk = await measured(() =>
      readAll(sheetData(`<row r="1"><c><v>1</v></c></row>${'<x/>'.repeat(15 * MB)}<row r="2"><c><v>2</v></c></row>`)),
    );
    console.log(`60 MB between rows: ${junk.ms} ms, peak +${junk.peakMb} MB`);
    expect(junk.value).toEqual({ rows: 2, cells: 2, text: 0 });
    expect(junk.ms).toBeLessThan(10_000);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line: `kasane validate` (the general reader) and `kasane indicators` (the records
// reader, xlsx-records.ts) on each file exit 2 with the message, never out of memory.

const COMMANDS = [
  ['validate', []],
  ['indicators', ['--fiscal-year', '2025']],
] as const;

describe.each(COMMANDS)('kasane %s on hostile files', (command, options) => {
  beforeAll(() => ensureBuilt());

  test.each(HOSTILE)('%s: exit 2 with a Japanese message, under a 512 MB heap', (what, build) => {
    const file = join(dir, `${command}-${what.replace(/[^A-Za-z0-9]+/g, '-')}.xlsx`);
    writeFileSync(file, build());
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=512', join(root, 'dist', 'cli.cjs'), command, '--input', file, ...options],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    const ms = Math.round(performance.now() - started);
    expect([r.status, r.signal]).toEqual([2, null]);
    expect(r.stdout).toBe('');
    expect(japanese(r.stderr)).toBe(true);
    expect(r.stderr).toContain(file);
    expect(ms).toBeLessThan(10_000);
  });
});
