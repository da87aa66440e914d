// The cell grammar of SpreadsheetML (ECMA-376 Part 1, §18.3.1 sheetData, §18.4 shared strings),
// read with indexOf over decoded text: a general XML parser costs most of the 100k-case budget on
// events we never use. Only what the registry needs is read: row and cell positions, the cell
// type and its cached value; styles, formulas' text (but for a missing result) and the rest are
// skipped. A sheet arrives as chunks of inflated bytes; a row is parsed once it is complete, so
// the sheet's text is never held whole. No platform API: bytes become text through a Utf8 the
// caller passes (Node's Buffer in xlsx-node.ts, the standard TextDecoder otherwise), so Node and
// the browser read every cell by this same code.

import { MAX_COLUMNS, MAX_ROWS, mergedRangeOf, type MergedRange } from '../../core/registry/merged';

/** A formula cell saved without its result (a program that does not recalculate on save). */
export class LostResult {
  constructor(readonly formula: string) {}
}

/** A cell's value as stored: text, number, boolean (`t="b"`), error text (`#N/A`), or a lost result. */
export type XlsxCell = string | number | boolean | LostResult;

/**
 * Receives each row with content, in sheet order: its 1-based number and its cells as parallel
 * arrays of 1-based column numbers and values (reused between calls: read them before returning).
 * Returning false stops reading the sheet. Read with SHARED_BY_INDEX instead of the shared-string
 * table, a shared cell comes with its column negated and its index in the table as its value.
 */
export type RowSink = (row: number, cols: number[], values: XlsxCell[], count: number) => boolean | void;

/**
 * Read shared cells as indexes into the table (see RowSink): what a thread without the table does
 * (xlsx-sheet-worker.ts); the thread that has it looks them up, leaving out any past its end.
 */
export const SHARED_BY_INDEX = 'by-index';
/** The shared-string table, or SHARED_BY_INDEX. */
export type SharedCells = readonly string[] | typeof SHARED_BY_INDEX;

/** The largest index a shared cell read by index may have: the packed rows hold it in an Int32. */
const MAX_SHARED_INDEX = 0x7fffffff;

/** UTF-8 as a platform decodes it; the caller cuts bytes after an ASCII `>`, so never inside a character. */
export interface Utf8 {
  decode(bytes: Uint8Array): string;
  /** The UTF-8 length of a text (to give back what the parser left unread as bytes). */
  byteLength(text: string): number;
  concat(a: Uint8Array, b: Uint8Array): Uint8Array;
}

/** UTF-8 by the standard TextDecoder (browsers, Node, Deno). */
export function standardUtf8(): Utf8 {
  // ignoreBOM keeps a U+FEFF that starts a chunk (it is text in a cell then), as Buffer#toString does.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return {
    decode: (bytes) => decoder.decode(bytes),
    byteLength(text) {
      let n = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // A surrogate pair is 4 bytes, 2 per half; a lone surrogate is written as U+FFFD (3 bytes).
        if (c < 0x80) n += 1;
        else if (c < 0x800) n += 2;
        else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          n += 4;
          i++;
        } else n += 3;
      }
      return n;
    },
    concat(a, b) {
      const out = new Uint8Array(a.length + b.length);
      out.set(a);
      out.set(b, a.length);
      return out;
    },
  };
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character and entity references. */
export function xmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

// Excel escapes characters XML cannot hold (a carriage return, control characters) as _xHHHH_.
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;
const stringText = (s: string): string => {
  const t = xmlText(s);
  return t.indexOf('_x') < 0 ? t : t.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
};

/**
 * A copy of a text cut from a chunk: V8 keeps a long slice as a view of the whole chunk, so a sheet
 * of inline strings would otherwise keep every chunk it was read from. (Flattening the rope makes
 * the copy; the slice then points into that copy alone.)
 */
const detached = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

/** Whether the character may follow a tag name (so `<c` does not match `<col`). */
const endsName = (code: number): boolean => code === 32 || code === 62 || code === 47 || (code >= 9 && code <= 13);

/** The most text one row may take: a registry row is a few hundred bytes; this is ten thousand of them. */
export const MAX_ROW_BYTES = 32 * 1024 * 1024;

const grouped = (n: number): string => n.toLocaleString('en-US');

/**
 * `s.indexOf(needle, from)` for a reader whose `from` only moves forward: the last answer is
 * remembered, so a needle that is far away (or absent) is looked for once, not once per row or
 * run — what keeps a hostile sheet (rows without cells, cells without an end) linear.
 */
function forward(s: string, needle: string): (from: number) => number {
  let searchedFrom = -1;
  let found = -1;
  return (from) => {
    if (searchedFrom < 0 || from < searchedFrom || (found >= 0 && found < from)) {
      searchedFrom = from;
      found = s.indexOf(needle, from);
    }
    return found;
  };
}

/** Start of the next `<name` element in [from, to), or -1; `search` is a `forward` over `s` for `open`. */
function findTag(s: string, open: string, from: number, to: number, search?: (from: number) => number): number {
  let p = from;
  for (;;) {
    p = search ? search(p) : s.indexOf(open, p);
    if (p < 0 || p >= to) return -1;
    if (endsName(s.charCodeAt(p + open.length))) return p;
    p += open.length;
  }
}

/**
 * The text of a string item (`<si>` or `<is>`) in [from, to): its `<t>`, or the `<t>` of each rich
 * text run, leaving out phonetic guides (`<rPh>`, the furigana Excel keeps for Japanese text).
 */
function runsText(s: string, p: string): string {
  const to = s.length;
  const tOpen = `<${p}t`;
  const tClose = `</${p}t>`;
  const rPh = `<${p}rPh`;
  const rPhEnd = `</${p}rPh>`;
  const phonetic = forward(s, rPh);
  let out = '';
  let i = 0;
  for (;;) {
    const t = findTag(s, tOpen, i, to);
    if (t < 0) return stringText(out);
    const ph = findTag(s, rPh, i, t, phonetic);
    if (ph >= 0) {
      const e = s.indexOf(rPhEnd, ph);
      i = e < 0 ? to : e + rPhEnd.length;
      continue;
    }
    const gt = s.indexOf('>', t);
    if (s.charCodeAt(gt - 1) === 47) {
      i = gt + 1; // <t/>
      continue;
    }
    const e = s.indexOf(tClose, gt);
    if (e < 0 || e > to) return stringText(out);
    out += s.slice(gt + 1, e);
    i = e + tClose.length;
  }
}

/** The element-name prefix a part uses (`x:` in some generators' output), from its root tag. */
function prefixOf(s: string, localName: string): string | undefined {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}[\\s>/]`).exec(s);
  return m ? (m[1] ?? '') : undefined;
}

/** The shared string table (`xl/sharedStrings.xml`). */
export function sharedStrings(xml: string): string[] {
  const p = prefixOf(xml, 'sst') ?? '';
  const open = `<${p}si`;
  const close = `</${p}si>`;
  const out: string[] = [];
  const textEnd = forward(xml, '</t>');
  let i = 0;
  for (;;) {
    const s =
      xml.charCodeAt(i) === 60 && xml.startsWith(open, i) && endsName(xml.charCodeAt(i + open.length))
        ? i
        : findTag(xml, open, i, xml.length);
    if (s < 0) return out;
    const gt = xml.indexOf('>', s);
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      i = gt + 1;
      continue;
    }
    // Most items are <si><t>text</t></si>: no runs, no phonetic guide.
    if (p === '' && xml.startsWith('<t>', gt + 1)) {
      const t = textEnd(gt + 4);
      if (t > 0 && xml.startsWith('</si>', t + 4)) {
        out.push(stringText(xml.slice(gt + 4, t)));
        i = t + 9;
        continue;
      }
    }
    const e = xml.indexOf(close, gt);
    if (e < 0) throw new Error('sharedStrings.xml が途中で切れています');
    out.push(runsText(xml.slice(gt + 1, e), p));
    i = e + close.length;
  }
}

const space = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
// Name characters of attributes as kasane reads them: letters, digits, _ : . -
const nameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45;

/**
 * Attributes of one start tag, for the small parts (workbook, relationships): name="value" or
 * name='value'. A scan from '=' to '=' (a pattern with a backtracking name would be quadratic in
 * a long run of letters).
 */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  for (;;) {
    const eq = tag.indexOf('=', i);
    if (eq < 0) return out;
    let nameEnd = eq;
    while (nameEnd > i && space(tag.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && nameChar(tag.charCodeAt(nameStart - 1))) nameStart--;
    let q = eq + 1;
    while (q < tag.length && space(tag.charCodeAt(q))) q++;
    const quote = tag.charCodeAt(q);
    if (quote !== 34 && quote !== 39) {
      i = eq + 1;
      continue;
    }
    const close = tag.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (close < 0) return out;
    if (nameStart < nameEnd) out.set(tag.slice(nameStart, nameEnd), xmlText(tag.slice(q + 1, close)));
    i = close + 1;
  }
}

/** Every start tag of elements with this local name (any prefix). */
export function startTags(xml: string, localName: string): string[] {
  const out: string[] = [];
  const start = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}[\\s/>]`, 'g');
  for (let m = start.exec(xml); m; m = start.exec(xml)) {
    const end = xml.indexOf('>', m.index + m[0].length - 1);
    // No tag ends after this one: none that starts later does either.
    if (end < 0) return out;
    out.push(xml.slice(m.index, end + 1));
    start.lastIndex = end + 1;
  }
  return out;
}

const A = 65;

/**
 * Reads a worksheet part's `<sheetData>` as it is inflated. Rows and cells without an `r`
 * attribute follow the previous one, as the format allows. Returns the sheet's merged ranges
 * (`<mergeCells>`, which follows the data), or none when the sink stopped the reading.
 */
export async function readSheetRows(
  chunks: AsyncIterable<Uint8Array>,
  shared: SharedCells,
  sink: RowSink,
  utf8: Utf8 = standardUtf8(),
): Promise<MergedRange[]> {
  const cols: number[] = [];
  const values: XlsxCell[] = [];
  const table: readonly string[] = shared === SHARED_BY_INDEX ? [] : shared;
  const byIndex = shared === SHARED_BY_INDEX;
  let started = false;
  let p = '';
  let rowOpen = '<row';
  let rowClose = '</row>';
  let cOpen = '<c';
  let cClose = '</c>';
  let vOpen = '<v';
  let vClose = '</v>';
  let fOpen = '<f';
  let fClose = '</f>';
  let isOpen = '<is';
  let dataEnd = '</sheetData';
  let rowNumber = 0;
  /** Set by parse when the sheet data has ended, with where the text after it starts. */
  let ended = false;
  let tailFrom = 0;
  /** Set by parse when a row's end is still to come: the bytes are held, not parsed again, until it is. */
  let rowOpenEnded = false;
  // Searches over the text being parsed that could run past the row: remembered (forward()).
  let nextCell: (from: number) => number = () => -1;
  let nextCellEnd: (from: number) => number = () => -1;

  /** Parses complete rows of `s`; returns where the unparsed rest starts, or -1 when the sheet data has ended. */
  const parse = (s: string): number => {
    let i = 0;
    rowOpenEnded = false;
    nextCell = forward(s, cOpen);
    nextCellEnd = forward(s, cClose);
    if (!started) {
      const m = /<([A-Za-z_][\w.-]*:)?sheetData(\s[^>]*)?(\/?)>/.exec(s);
      if (!m) return Math.max(0, s.length - 4096); // still before <sheetData>: keep a tail for a split tag
      if (m[3] === '/') {
        ended = true;
        tailFrom = m.index + m[0].length;
        return -1;
      }
      started = true;
      p = m[1] ?? '';
      rowOpen = `<${p}row`;
      rowClose = `</${p}row>`;
      cOpen = `<${p}c`;
      cClose = `</${p}c>`;
      vOpen = `<${p}v`;
      vClose = `</${p}v>`;
      fOpen = `<${p}f`;
      fClose = `</${p}f>`;
      isOpen = `<${p}is`;
      dataEnd = `</${p}sheetData`;
      i = m.index + m[0].length;
      nextCell = forward(s, cOpen);
      nextCellEnd = forward(s, cClose);
    }
    for (;;) {
      // No <row> follows </sheetData> (<rowBreaks> is another name): look for the end only when rows run out.
      const r =
        s.charCodeAt(i) === 60 && s.startsWith(rowOpen, i) && endsName(s.charCodeAt(i + rowOpen.length))
          ? i
          : findTag(s, rowOpen, i, s.length);
      // What lies between rows is not ours to read: dropped, not held (it cannot hold a split <row>,
      // since s ends with a '>').
      if (r < 0) {
        const end = s.indexOf(dataEnd, i);
        if (end < 0) return s.length;
        ended = true;
        tailFrom = end;
        return -1;
      }
      const tagEnd = s.indexOf('>', r);
      if (tagEnd < 0) return r;
      const selfClosing = s.charCodeAt(tagEnd - 1) === 47;
      let rowEnd = tagEnd + 1;
      if (!selfClosing) {
        const e = rowEndFrom(s, tagEnd);
        if (e < 0) {
          rowOpenEnded = true; // the row goes on in the next chunk
          return r;
        }
        rowEnd = e;
      }
      const n = attrNumber(s, r + rowOpen.length, tagEnd, 114 /* r */);
      rowNumber = n > 0 ? n : rowNumber + 1;
      if (rowNumber > MAX_ROWS)
        throw new Error(`${grouped(rowNumber)} 行目があり、Excel の上限（${grouped(MAX_ROWS)} 行）を超えています`);
      const count = selfClosing ? 0 : readCells(s, tagEnd + 1, rowEnd);
      if (count > 0 && sink(rowNumber, cols, values, count) === false) return -1;
      i = selfClosing ? rowEnd : rowEnd + rowClose.length;
    }
  };

  // Where the row that starts before `from` ends: the first `</row>` from there. Found through its
  // last two characters, `w>`, which nothing else in a row's cells holds but text: an indexOf for
  // the whole tag stops at every `<` of every cell.
  const rowEndFrom = (s: string, from: number): number => {
    const back = rowClose.length - 2;
    for (let e = s.indexOf('w>', from + back); e >= 0; e = s.indexOf('w>', e + 1))
      if (s.startsWith(rowClose, e - back)) return e - back;
    return -1;
  };

  const readCells = (s: string, from: number, to: number): number => {
    let count = 0;
    let col = 0;
    let i = from;
    for (;;) {
      // The next cell usually starts right where the last one ended, and the row where the last cell did.
      if (i === to) return count;
      const c =
        s.charCodeAt(i) === 60 &&
        (p === '' ? s.charCodeAt(i + 1) === 99 /* c */ : s.startsWith(cOpen, i)) &&
        endsName(s.charCodeAt(i + cOpen.length))
          ? i
          : findTag(s, cOpen, i, to, nextCell);
      if (c < 0) return count;
      // attributes: r (the reference, e.g. "AB12") and t (the type), read up to the tag's end
      let ref = 0;
      let type = 110; // n
      let typeLength = 1;
      let k = c + cOpen.length;
      let tagEnd = -1;
      while (k < to) {
        const ch = s.charCodeAt(k);
        if (ch === 62 /* > */) {
          tagEnd = k;
          break;
        }
        if (ch <= 32 || ch === 47) {
          k++;
          continue;
        }
        const nameStart = k;
        while (k < to && s.charCodeAt(k) !== 61 /* = */) k++;
        const q = s.charCodeAt(k + 1);
        const vStart = k + 2;
        let vEnd = vStart;
        while (vEnd < to && s.charCodeAt(vEnd) !== q) vEnd++;
        if (k - nameStart === 1) {
          const name = s.charCodeAt(nameStart);
          if (name === 114 /* r */) {
            for (let j = vStart; j < vEnd; j++) {
              const letter = s.charCodeAt(j);
              if (letter < A || letter > 90) break;
              ref = ref * 26 + (letter - A + 1);
            }
          } else if (name === 116 /* t */) {
            type = s.charCodeAt(vStart);
            typeLength = vEnd - vStart;
          }
        }
        k = vEnd + 1;
      }
      if (tagEnd < 0) return count;
      col = ref > 0 ? ref : col + 1;
      if (col > MAX_COLUMNS)
        throw new Error(
          `${grouped(rowNumber)} 行目に ${col > 99_999 ? `${grouped(MAX_COLUMNS + 1)} 列目以降` : `${grouped(col)} 列目`}のセルがあり、Excel の上限（${grouped(MAX_COLUMNS)} 列、XFD 列）を超えています`,
        );
      if (s.charCodeAt(tagEnd - 1) === 47) {
        i = tagEnd + 1;
        continue;
      }
      // Most cells are <c …><v>digits</v></c>: numbers and shared-string indexes read in place. The
      // tags are compared a character at a time: here String#startsWith cost a tenth of the parse.
      if (
        p === '' &&
        (type === 110 || (type === 115 && typeLength === 1)) &&
        s.charCodeAt(tagEnd + 1) === 60 &&
        s.charCodeAt(tagEnd + 2) === 118 &&
        s.charCodeAt(tagEnd + 3) === 62
      ) {
        let n = 0;
        let j = tagEnd + 4;
        for (; j - tagEnd < 19; j++) {
          const d = s.charCodeAt(j) - 48;
          if (d < 0 || d > 9) break;
          n = n * 10 + d;
        }
        if (
          j > tagEnd + 4 &&
          j + 8 <= to &&
          s.charCodeAt(j) === 60 &&
          s.charCodeAt(j + 1) === 47 &&
          s.charCodeAt(j + 2) === 118 &&
          s.charCodeAt(j + 3) === 62 &&
          s.charCodeAt(j + 4) === 60 &&
          s.charCodeAt(j + 5) === 47 &&
          s.charCodeAt(j + 6) === 99 &&
          s.charCodeAt(j + 7) === 62
        ) {
          i = j + 8;
          if (type === 115 && byIndex) {
            if (n > MAX_SHARED_INDEX) continue;
            cols[count] = -col;
            values[count] = n;
            count++;
            continue;
          }
          const value = type === 110 ? n : table[n];
          if (value === undefined) continue;
          cols[count] = col;
          values[count] = value;
          count++;
          continue;
        }
      }
      const cellEnd = nextCellEnd(tagEnd);
      const stop = cellEnd < 0 || cellEnd > to ? to : cellEnd;
      i = stop === to ? to : cellEnd + cClose.length;
      // The cell's content on its own, so a search for an element it lacks stops at its end.
      const body = s.slice(tagEnd + 1, stop);
      let value: XlsxCell | undefined;
      let sharedIndex = false;
      if (type === 105 /* inlineStr */) {
        const is = findTag(body, isOpen, 0, body.length);
        if (is >= 0) value = detached(runsText(body.slice(is), p));
      } else {
        const text = elementText(body, vOpen, vClose);
        if (text === undefined) {
          const f = elementText(body, fOpen, fClose);
          if (f !== undefined || findTag(body, fOpen, 0, body.length) >= 0) value = new LostResult(xmlText(f ?? ''));
        } else if (type === 110 /* n */) {
          const x = Number(text);
          value = text === '' ? undefined : Number.isNaN(x) ? text : x;
        } else if (type === 115 /* s, str */) {
          if (typeLength > 1) value = detached(stringText(text));
          else if (!byIndex) value = table[Number(text)];
          else {
            // The index the table would be looked up by; one no table has (negative, fractional) is no cell.
            const x = Number(text);
            if (Number.isInteger(x) && x >= 0 && x <= MAX_SHARED_INDEX) {
              value = x;
              sharedIndex = true;
            }
          }
        } else if (type === 98 /* b */) {
          // A boolean formula's result reads as 1 or 0, as exceljs read it (and as a number column
          // takes =TRUE()); a boolean column takes 1 and 0 as well.
          const b = text === '1' || text.toLowerCase() === 'true';
          value = findTag(body, fOpen, 0, body.length) >= 0 ? (b ? 1 : 0) : b;
        } else if (type === 100 /* d: ISO 8601 */) value = /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
        else value = xmlText(text); // e: #N/A, #VALUE! …
      }
      if (value === undefined) continue;
      cols[count] = sharedIndex ? -col : col;
      values[count] = value;
      count++;
    }
  };

  // Text is decoded up to the chunk's last '>' (ASCII, so never inside a character): the string is
  // flat (a concatenation would make every character read go through a rope) and whole characters
  // only. What parse leaves unread goes back to bytes and waits for the next chunk. While that is a
  // row whose end has not come (or text without any '>'), the chunks are only held and looked
  // through for that end, each once: one huge row costs its length, not its length per chunk.
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let awaited: Uint8Array | null = null;
  /** The text after the sheet data, once it has ended, up to the merged ranges. */
  let tail: string | undefined;
  for await (const chunk of chunks) {
    if (tail !== undefined) {
      tail += utf8.decode(chunk);
      if (pastMerges(tail)) break;
      continue;
    }
    const previous = held[held.length - 1];
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes > MAX_ROW_BYTES + chunk.length)
      throw new Error(
        `1行のデータが ${MAX_ROW_BYTES / 1024 / 1024} MB を超えています（${grouped(rowNumber + 1)} 行目のあたり）。セルの中身を確かめてください`,
      );
    if (awaited && !containsAcross(previous, chunk, awaited)) continue;
    // The usual case, a short rest and the next chunk, joins as the platform joins best.
    const bytes =
      held.length === 1 ? chunk : held.length === 2 ? utf8.concat(held[0]!, chunk) : joined(held, heldBytes);
    const cut = bytes.lastIndexOf(62) + 1;
    if (cut === 0) {
      held = [bytes];
      awaited = GT;
      continue;
    }
    const s = utf8.decode(bytes.subarray(0, cut));
    const rest = parse(s);
    // Leaving the loop ends the iteration, which stops the inflating (a Node stream is destroyed).
    if (rest < 0) {
      if (!ended) return [];
      tail = s.slice(tailFrom) + utf8.decode(bytes.subarray(cut));
      if (pastMerges(tail)) break;
      continue;
    }
    const restBytes = rest >= s.length ? 0 : utf8.byteLength(s.slice(rest));
    const pending = bytes.subarray(cut - restBytes);
    held = pending.length ? [pending] : [];
    heldBytes = pending.length;
    awaited = rowOpenEnded ? new TextEncoder().encode(rowClose) : null;
  }
  if (tail === undefined) {
    const last = utf8.decode(joined(held, heldBytes));
    const rest = last ? parse(last) : 0;
    if (rest >= 0 && started) throw new Error('シートのデータが途中で切れています');
    if (rest < 0 && ended) tail = last.slice(tailFrom);
  }
  return tail === undefined ? [] : mergedRanges(tail);
}

/**
 * Whether the text after the sheet data has gone past where `<mergeCells>` may stand: its end, an
 * element the schema puts after it (ECMA-376 §18.3.1.99: conditional formats, validations, page
 * setup …), the worksheet's end, or more text than any sheet's settings before it hold.
 */
function pastMerges(tail: string): boolean {
  return tail.length > MAX_TAIL || AFTER_MERGES.test(tail);
}
const MAX_TAIL = 1 << 20;
const AFTER_MERGES =
  /<(\/([\w.-]+:)?(mergeCells|worksheet)\b|([\w.-]+:)?(phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|drawing|legacyDrawing|tableParts|extLst)\b)/;

/** How many merged ranges a sheet's reading keeps: a registry has a handful, a hostile file millions. */
const MAX_MERGES = 10_000;

/** The merged ranges (`<mergeCell ref="B3:B5"/>`) in the text after the sheet data, inside the grid. */
function mergedRanges(tail: string): MergedRange[] {
  const out: MergedRange[] = [];
  const tag = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["']([^"']{1,40})["']/g;
  for (let m = tag.exec(tail); m && out.length < MAX_MERGES; m = tag.exec(tail)) {
    const r = mergedRangeOf(m[1]!);
    if (r) out.push(r);
  }
  return out;
}

const GT = new Uint8Array([62]);

/** The byte strings one after another (one copy). */
function joined(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Whether `needle` occurs in `chunk`, or across the end of `previous` and the start of `chunk`. */
function containsAcross(previous: Uint8Array | undefined, chunk: Uint8Array, needle: Uint8Array): boolean {
  const n = needle.length;
  if (previous && n > 1) {
    const edge = new Uint8Array(Math.min(previous.length, n - 1) + Math.min(chunk.length, n - 1));
    edge.set(previous.subarray(previous.length - Math.min(previous.length, n - 1)));
    edge.set(chunk.subarray(0, Math.min(chunk.length, n - 1)), Math.min(previous.length, n - 1));
    if (indexOfBytes(edge, needle) >= 0) return true;
  }
  return indexOfBytes(chunk, needle) >= 0;
}

/** First position of `needle` in `bytes`, or -1 (a first-byte scan: the needles here are short tags). */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array): number {
  const first = needle[0]!;
  for (let i = bytes.indexOf(first); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The text of the first `<name>…</name>` of a cell's content, undefined when absent (`<name/>` is ''). */
function elementText(body: string, open: string, close: string): string | undefined {
  const o = body.startsWith(open) && body.charCodeAt(open.length) === 62 ? 0 : findTag(body, open, 0, body.length);
  if (o < 0) return undefined;
  const gt = body.indexOf('>', o);
  if (body.charCodeAt(gt - 1) === 47) return '';
  const e = body.indexOf(close, gt);
  return e < 0 ? undefined : body.slice(gt + 1, e);
}

/**
 * A numeric attribute of a start tag spanning [from, to), or 0 when absent or not a plain number.
 * Only quoted values count (anything else is not XML); nothing is looked at outside the tag.
 */
function attrNumber(s: string, from: number, to: number, name: number): number {
  let k = from;
  while (k < to) {
    let eq = k;
    while (eq < to && s.charCodeAt(eq) !== 61 /* = */) eq++;
    if (eq >= to) return 0;
    const q = s.charCodeAt(eq + 1);
    if (q !== 34 && q !== 39) {
      k = eq + 1;
      continue;
    }
    let vEnd = eq + 2;
    while (vEnd < to && s.charCodeAt(vEnd) !== q) vEnd++;
    if (vEnd >= to) return 0;
    if (s.charCodeAt(eq - 1) === name && endsName(s.charCodeAt(eq - 2))) {
      let n = 0;
      for (let j = eq + 2; j < vEnd; j++) {
        const d = s.charCodeAt(j) - 48;
        if (d < 0 || d > 9) return 0;
        // Past the grid already: no need for the digits that would overflow.
        if (n <= 1e12) n = n * 10 + d;
      }
      return n;
    }
    k = vEnd + 1;
  }
  return 0;
}
