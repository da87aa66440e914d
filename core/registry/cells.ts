// One parser per column type, shared by JSON, XLSX and Sheets input. A parser never throws: it
// returns the normalised value, `undefined` for an empty cell, or the kind of fault.
import { parseDateCell } from '../dates/calendar';
import type { ColumnDef } from './definition';

export type CellFault = 'date' | 'integer' | 'number' | 'boolean' | 'enum' | 'list' | 'min' | 'text';
export type CellResult = { ok: true; value: unknown } | { ok: false; fault: CellFault; bad?: string[] };

export const EMPTY_CELL: CellResult = { ok: true, value: undefined };
// Results that are the same for every cell are made once: a registry has millions of cells.
const TRUE: CellResult = { ok: true, value: true };
const FALSE: CellResult = { ok: true, value: false };
const NOT_A_DATE: CellResult = { ok: false, fault: 'date' };

export function isEmptyCell(v: unknown): boolean {
  return (
    v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
  );
}

/** Splits a multi-value cell on 、 or , (full or half width); arrays pass through. */
export function splitMulti(v: unknown): string[] {
  const parts = Array.isArray(v)
    ? v.map((x) => (x === null || x === undefined ? '' : String(x)))
    : String(v).split(SEPARATOR);
  const seen = new Set<string>();
  for (const p of parts) {
    const t = p.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

interface KnownIndex {
  length: number;
  exact: Set<string>;
  /** First known value of each NFKC form, as `find` would return it. */
  byNfkc: Map<string, string>;
  /** One result per known value, for single-value cells. */
  results: Map<string, CellResult>;
}
// Lists are matched hundreds of thousands of times per registry: index each list once.
const indexes = new WeakMap<readonly string[], KnownIndex>();
function indexOf(known: readonly string[]): KnownIndex {
  let ix = indexes.get(known);
  if (ix && ix.length === known.length) return ix;
  const byNfkc = new Map<string, string>();
  for (const k of known) {
    const n = k.normalize('NFKC');
    if (!byNfkc.has(n)) byNfkc.set(n, k);
  }
  ix = {
    length: known.length,
    exact: new Set(known),
    byNfkc,
    results: new Map(known.map((k) => [k, { ok: true, value: k }])),
  };
  indexes.set(known, ix);
  return ix;
}

/** Matches a typed value to a known one, forgiving half-width brackets and stray spaces. */
export function matchKnown(value: string, known: readonly string[]): string | undefined {
  const v = value.trim();
  const ix = indexOf(known);
  if (ix.exact.has(v)) return v;
  return ix.byNfkc.get(v.normalize('NFKC'));
}

const SEPARATOR = /[、,，､]/;

const TRUE_WORDS = new Set(['true', 'はい', '○', '〇', '✓', '✔', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'いいえ', '×', '✗', '0', 'no', 'n']);

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.normalize('NFKC').replace(/,/g, '').trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

export function parseCell(col: ColumnDef, raw: unknown, lists: Record<string, readonly string[]>): CellResult {
  if (isEmptyCell(raw)) return EMPTY_CELL;
  switch (col.type) {
    case 'date': {
      const r = parseDateCell(raw);
      return r.ok ? r : NOT_A_DATE;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw ? TRUE : FALSE;
      const s = String(raw).normalize('NFKC').trim().toLowerCase();
      if (TRUE_WORDS.has(s)) return TRUE;
      if (FALSE_WORDS.has(s)) return FALSE;
      return { ok: false, fault: 'boolean' };
    }
    case 'integer':
    case 'number': {
      const n = toNumber(raw);
      if (n === undefined) return { ok: false, fault: col.type };
      if (col.type === 'integer' && !Number.isInteger(n)) return { ok: false, fault: 'integer' };
      if (col.min !== undefined && n < col.min) return { ok: false, fault: 'min' };
      return { ok: true, value: n };
    }
    case 'enum':
    case 'list': {
      if (typeof raw !== 'string') return { ok: false, fault: col.type, bad: [String(raw)] };
      const known = col.type === 'enum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);
      const m = matchKnown(raw, known);
      if (m === undefined) return { ok: false, fault: col.type, bad: [raw.trim()] };
      return indexOf(known).results.get(m) ?? { ok: true, value: m };
    }
    case 'multiEnum':
    case 'multiList': {
      if (!Array.isArray(raw) && typeof raw !== 'string') return { ok: false, fault: 'text' };
      const known = col.type === 'multiEnum' ? (col.values ?? []) : (lists[col.list ?? ''] ?? []);
      if (typeof raw === 'string' && !SEPARATOR.test(raw)) {
        // One value (most cells): what splitMulti would give, without its array and set.
        const part = raw.trim();
        if (!part) return EMPTY_CELL;
        const m = matchKnown(part, known);
        return m === undefined
          ? { ok: false, fault: col.type === 'multiEnum' ? 'enum' : 'list', bad: [part] }
          : { ok: true, value: [m] };
      }
      const values: string[] = [];
      const bad: string[] = [];
      for (const part of splitMulti(raw)) {
        const m = matchKnown(part, known);
        if (m === undefined) bad.push(part);
        else if (!values.includes(m)) values.push(m);
      }
      if (bad.length) return { ok: false, fault: col.type === 'multiEnum' ? 'enum' : 'list', bad };
      return values.length ? { ok: true, value: values } : EMPTY_CELL;
    }
    case 'id':
    case 'reference':
    case 'text': {
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
      if (typeof raw !== 'string') return { ok: false, fault: 'text' };
      return { ok: true, value: raw.trim() };
    }
  }
}
