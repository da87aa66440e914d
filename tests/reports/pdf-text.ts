// The text of each page of a PDF that Chromium (Skia) prints, read without a PDF library: objects,
// Flate streams, each page's fonts and their ToUnicode maps, and the text operators of its content
// (Tf, Tm, Td, TJ, Tj, and the ActualText spans Skia wraps around glyphs whose map says otherwise).
// Enough for the tests' questions (how many pages, which lines on each), not a general reader.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s < 0) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    let from = start + s + 'stream'.length;
    if (text[from] === '\r') from++;
    if (text[from] === '\n') from++;
    const to = text.indexOf('endstream', from);
    const dict = body.slice(0, s);
    let data = pdf.subarray(from, to);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    out.set(Number(m[1]), { dict, stream: data });
    re.lastIndex = to;
  }
  return out;
}

const hexBytes = (hex: string): number[] => {
  const clean = hex.replace(/\s+/g, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2).padEnd(2, '0'), 16));
  return out;
};

/** UTF-16BE hex (ToUnicode targets, ActualText) to a string. */
const utf16 = (hex: string): string => {
  const b = hexBytes(hex);
  const units: number[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) units.push((b[i]! << 8) | b[i + 1]!);
  if (units[0] === 0xfeff) units.shift();
  return String.fromCharCode(...units);
};

/** A ToUnicode CMap: code (one byte, as Skia writes them) → text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(code!, 16), utf16(text!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = utf16(text!);
      for (let c = parseInt(lo!, 16), k = 0; c <= parseInt(hi!, 16); c++, k++)
        map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + k));
    }
  return map;
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** The pages in order, each as its lines of text (top to bottom as printed, NFKC-normalised). */
export function pdfPages(pdf: Buffer): string[][] {
  const objs = objects(pdf);
  const root = [...objs.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  if (!root) throw new Error('no page tree');
  const order: number[] = [];
  const walk = (o: PdfObject) => {
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
    for (const [, n] of kids.matchAll(/(\d+) 0 R/g)) {
      const kid = objs.get(Number(n))!;
      if (/\/Type\s*\/Pages\b/.test(kid.dict)) walk(kid);
      else order.push(Number(n));
    }
  };
  walk(root);
  const cmaps = new Map<number, Map<number, string>>();
  return order.map((n) => {
    const page = objs.get(n)!.dict;
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(page)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(id))!;
      const tu = ref(font.dict, 'ToUnicode');
      if (tu === undefined) continue;
      if (!cmaps.has(tu)) cmaps.set(tu, toUnicode(objs.get(tu)!.stream!.toString('latin1')));
      fonts.set(name!, cmaps.get(tu)!);
    }
    const contents = /\/Contents\s*(?:\[([^\]]*)\]|(\d+) 0 R)/.exec(page);
    const ids = contents?.[1]
      ? [...contents[1].matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]))
      : [Number(contents?.[2])];
    const content = ids.map((id) => objs.get(id)!.stream!.toString('latin1')).join('\n');
    return linesOf(content, fonts);
  });
}

type Matrix = [number, number, number, number, number, number];

/** m × n: first m, then n. */
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Text runs placed by the content stream, grouped into lines by their baseline on the page. */
function linesOf(content: string, fonts: Map<string, Map<number, string>>): string[] {
  // Tokens: ActualText spans, hex strings, literal strings, names, numbers, brackets, operators.
  const token =
    /\/Span\s*<<\s*\/ActualText\s*<([0-9A-Fa-f\s]*)>\s*>>\s*BDC|<([0-9A-Fa-f\s]*)>|\((?:\\.|[^\\)])*\)|\/[^\s/<>[\]()]+|-?\d*\.?\d+(?:e-?\d+)?|\[|\]|[A-Za-z'"*]+/g;
  const runs: Array<{ x: number; y: number; text: string }> = [];
  let font = new Map<number, string>();
  let ctm: Matrix = IDENTITY;
  const saved: Matrix[] = [];
  let line: Matrix = IDENTITY;
  let actual: string | null = null;
  let actualUsed = false;
  const operands: string[] = [];
  let array: string[] | null = null;
  const num = (back: number) => Number(operands[operands.length - back]);
  const show = (codes: string[]) => {
    let text = '';
    for (const c of codes) {
      if (c.startsWith('(')) text += c.slice(1, -1);
      else for (const b of hexBytes(c.slice(1, -1))) text += font.get(b) ?? '';
    }
    if (actual !== null) {
      text = actualUsed ? '' : actual;
      actualUsed = true;
    }
    if (!text) return;
    const at = times(line, ctm);
    runs.push({ x: at[4], y: at[5], text });
  };
  for (const m of content.matchAll(token)) {
    const [t, actualHex, hex] = m;
    if (actualHex !== undefined) {
      actual = utf16(actualHex);
      actualUsed = false;
      continue;
    }
    if (hex !== undefined) {
      (array ?? operands).push(`<${hex}>`);
      continue;
    }
    if (t === '[') {
      array = [];
      continue;
    }
    if (t === ']') {
      operands.push(JSON.stringify(array));
      array = null;
      continue;
    }
    if (array) {
      if (t.startsWith('(')) array.push(t);
      continue;
    }
    if (!/^[A-Za-z'"*]+$/.test(t)) {
      operands.push(t);
      continue;
    }
    switch (t) {
      case 'q':
        saved.push(ctm);
        break;
      case 'Q':
        ctm = saved.pop() ?? IDENTITY;
        break;
      case 'cm':
        ctm = times([num(6), num(5), num(4), num(3), num(2), num(1)], ctm);
        break;
      case 'BT':
        line = IDENTITY;
        break;
      case 'Tf':
        font = fonts.get(operands[operands.length - 2]!.slice(1)) ?? new Map<number, string>();
        break;
      case 'Tm':
        line = [num(6), num(5), num(4), num(3), num(2), num(1)];
        break;
      case 'Td':
      case 'TD':
        line = times([1, 0, 0, 1, num(2), num(1)], line);
        break;
      case 'Tj':
        show([operands[operands.length - 1]!]);
        break;
      case 'TJ':
        show(JSON.parse(operands[operands.length - 1]!) as string[]);
        break;
      case 'EMC':
        actual = null;
        break;
    }
    operands.length = 0;
  }
  // Page space has y upwards: the higher baseline first. Runs within a point of one baseline are
  // one line, left to right.
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; runs: typeof runs }> = [];
  for (const r of runs) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - r.y) < 1) last.runs.push(r);
    else lines.push({ y: r.y, runs: [r] });
  }
  return lines.map((l) =>
    l.runs
      .sort((a, b) => a.x - b.x)
      .map((r) => r.text)
      .join('')
      .normalize('NFKC'),
  );
}
