// A sync payload: a kasane-registry/1 snapshot without PII, plus an optional baseRevision.
// Keys are checked before anything else: a PII column or an unknown key refuses the whole payload
// (naming sheet, row and key, never the value). Then every cell and setting must be canonical
// (core/registry/canonical.ts: the form toInterchange writes from a read registry): anything else
// refuses the payload too (422 cell.invalid / setting.invalid, naming where, never the value), so
// no unreadable cell is ever stored. What is left for validation is required cells, duplicate ids
// and the cross-sheet rules, answered as issues.
import { createHash } from 'node:crypto';
import {
  FaultList,
  canonicalSettings,
  cellCheck,
  cellFaultMessage,
  type CanonicalFault,
  type CanonicalFaultCode,
  type CellCheck,
} from '../core/registry/canonical';
import { SETTING_DEFS, SHEET_KEYS, isSheetKey, piiKeys, sheetDef, type SheetKey } from '../core/registry/definition';
import { fromInterchange } from '../core/registry/interchange';
import type { RawRegistry, RawRow } from '../core/registry/records';
import { rowOfIndex } from '../core/registry/read';

export interface Snapshot {
  settings: Record<string, unknown>;
  sheets: Record<SheetKey, RawRow[]>;
}

export type RowCounts = Record<SheetKey, number>;

export interface KeyFault {
  sheet: string;
  row: number | null;
  key: string;
  kind: 'pii' | 'unknown';
}

export type PayloadFault = {
  status: 400 | 422;
  code: string;
  message: string;
  /** At most 100 places, never a value. */
  details?: KeyFault[] | CanonicalFault[];
  /** How many places in all, when `details` is given. */
  total?: number;
  /** Non-canonical cells and settings by code (cell.invalid / setting.invalid). */
  counts?: Partial<Record<CanonicalFaultCode, number>>;
};
export type SnapshotRead =
  { ok: true; snapshot: Snapshot; baseRevision: number | null } | ({ ok: false } & PayloadFault);

const MAX_DETAILS = 100;

function keyFaultMessage(f: KeyFault, total: number): string {
  const more = total > 1 ? `（ほか ${total - 1} 件）` : '';
  if (f.sheet === 'settings')
    return `設定に不明な項目「${f.key}」があります${more}。kasane-registry/1 の設定項目だけを送ってください。`;
  if (f.row === null)
    return `不明なシート「${f.key}」があります${more}。kasane-registry/1 にあるシートだけを送ってください。`;
  const def = sheetDef(f.sheet as SheetKey);
  const col = def.columns.find((c) => c.key === f.key);
  if (f.kind === 'pii') {
    return `「${def.name}」（${f.sheet}）の ${f.row}行目に個人情報の列「${col?.label ?? f.key}」（${f.key}）があります${more}。個人情報はスプレッドシートの外へ送れません。この列を除いて送り直してください。`;
  }
  return `「${def.name}」（${f.sheet}）の ${f.row}行目に不明な列「${f.key}」があります${more}。kasane-registry/1 にある列だけを送ってください。`;
}

/** Reads a parsed JSON body as a snapshot; /validate passes `allowBaseRevision` false and ignores it. */
export function readSnapshot(body: unknown, allowBaseRevision = true): SnapshotRead {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      status: 422,
      code: 'format.invalid',
      message:
        'kasane-registry/1 の形式ではありません。"format": "kasane-registry/1" を持つ JSON オブジェクトを送ってください。',
    };
  }
  const { baseRevision, ...doc } = body as Record<string, unknown>;
  let base: number | null = null;
  if (allowBaseRevision && baseRevision !== undefined && baseRevision !== null) {
    if (typeof baseRevision !== 'number' || !Number.isInteger(baseRevision) || baseRevision < 0) {
      return {
        ok: false,
        status: 400,
        code: 'baseRevision.invalid',
        message: 'baseRevision は 0 以上の整数で指定してください。',
      };
    }
    base = baseRevision;
  }
  // The envelope goes through fromInterchange with its sheets emptied (its messages, its checks);
  // the rows are walked once here, which is several times faster on a 100k-case snapshot.
  const envelope: Record<string, unknown> = {};
  const given: Partial<Record<SheetKey, unknown[]>> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (isSheetKey(key) && Array.isArray(value)) {
      given[key] = value;
      envelope[key] = [];
    } else envelope[key] = value;
  }
  const read = fromInterchange(envelope);
  if (!read.ok) return { ok: false, status: 422, code: read.code, message: read.message };

  const faults: KeyFault[] = [];
  let total = 0;
  const note = (f: KeyFault) => {
    total++;
    if (faults.length < MAX_DETAILS) faults.push(f);
  };
  for (const key of read.raw.unknownSheets ?? []) note({ sheet: 'registry', row: null, key, kind: 'unknown' });
  const settingKeys = new Set<string>(SETTING_DEFS.map((d) => d.key));
  const settings: Record<string, unknown> = {};
  const givenSettings = read.raw.settings ?? {};
  for (const key of Object.keys(givenSettings))
    if (!settingKeys.has(key)) note({ sheet: 'settings', row: null, key, kind: 'unknown' });
  for (const d of SETTING_DEFS)
    if (givenSettings[d.key] !== undefined && givenSettings[d.key] !== null) settings[d.key] = givenSettings[d.key];
  // Settings first: the list columns choose from the payload's own lists.
  const canon = canonicalSettings(givenSettings);
  const cellFaults = new FaultList();
  for (const f of canon.faults) cellFaults.add(f.sheet, f.row, f.column, f.code, () => f.message);

  const sheets = {} as Record<SheetKey, RawRow[]>;
  for (const key of SHEET_KEYS) {
    const def = sheetDef(key);
    const pii = new Set(piiKeys(def));
    // Shared columns only: a PII key is not a position, so it is reported like an unknown one.
    const columns: string[] = def.columns.map((c) => c.key).filter((k) => !pii.has(k));
    const position = new Map(columns.map((c, n) => [c, n]));
    const colDefs = columns.map((k) => def.columns.find((c) => c.key === k)!);
    const checks: CellCheck[] = colDefs.map((c) => cellCheck(c, canon.lists));
    const rows = given[key] ?? [];
    const out: RawRow[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const value = rows[i];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return {
          ok: false,
          status: 422,
          code: 'format.invalid',
          message: `「${def.name}」（${key}）の ${rowOfIndex(i)}行目（要素 ${i}）はオブジェクトで指定してください。`,
        };
      }
      const row = value as RawRow;
      // Definition order makes the content hash independent of the sender's key order. A row that
      // is already in that order without nulls (what toInterchange writes) is kept as it is.
      let last = -1;
      let canonicalAlready = true;
      for (const k in row) {
        const at = position.get(k);
        if (at === undefined) {
          canonicalAlready = false;
          note({ sheet: key, row: rowOfIndex(i), key: k, kind: pii.has(k) ? 'pii' : 'unknown' });
        } else {
          const v = row[k];
          const code = checks[at]!(v);
          if (code !== undefined)
            cellFaults.add(key, rowOfIndex(i), k, code, () => cellFaultMessage(def, rowOfIndex(i), colDefs[at]!, code));
          if (at <= last || v === null || v === undefined) canonicalAlready = false;
          else last = at;
        }
      }
      if (canonicalAlready) {
        out[i] = row;
        continue;
      }
      const canonical: RawRow = {};
      // JSON null means an empty cell, as in fromInterchange.
      for (const c of columns) if (row[c] !== undefined && row[c] !== null) canonical[c] = row[c];
      out[i] = canonical;
    }
    sheets[key] = out;
  }
  if (total > 0) {
    const pii = faults.filter((f) => f.kind === 'pii');
    const first = pii[0] ?? faults[0]!;
    return {
      ok: false,
      status: 422,
      code: pii.length
        ? 'pii.rejected'
        : isSheetKey(first.sheet)
          ? 'column.unknown'
          : first.sheet === 'settings'
            ? 'setting.unknown'
            : 'sheet.unknown',
      message: keyFaultMessage(first, total),
      details: faults,
      total,
    };
  }
  if (cellFaults.total > 0) {
    const first = cellFaults.faults[0]!;
    const more = cellFaults.total > 1 ? `ほかにも ${cellFaults.total - 1} 件あります（details）。` : '';
    return {
      ok: false,
      status: 422,
      code: first.sheet === 'settings' ? 'setting.invalid' : 'cell.invalid',
      message: `${first.message}${more}スプレッドシートで読み取った値（検証で問題のないセル）だけを送ってください。`,
      details: cellFaults.faults,
      total: cellFaults.total,
      counts: cellFaults.counts,
    };
  }
  return { ok: true, snapshot: { settings, sheets }, baseRevision: base };
}

/** Rows per stored chunk: each insert stays light, and a 100k-case snapshot is a few dozen of them. */
export const CHUNK_ROWS = 5000;

export interface Chunk {
  /** SHA-256 of `text`: a chunk that did not change since an earlier revision is not stored again. */
  hash: string;
  /** The rows' JSON (decoded when read, for a packed snapshot: read it once, when storing). */
  readonly text: string;
  /**
   * The rows' JSON as UTF-8, for a chunk a worker packed: the store hands these to the engine
   * instead of `text` (store/db.ts JsonBytes), and they may be moved away then.
   */
  readonly bytes?: Uint8Array;
}

/** The snapshot as stored: each sheet's rows serialised in chunks, and a hash over all of it. */
export interface SerializedSnapshot {
  settings: string;
  chunks: Record<SheetKey, Chunk[]>;
  /** SHA-256 over the settings and, sheet by sheet, the chunks' hashes. */
  contentHash: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A chunk as a worker hands it over: its rows' JSON as UTF-8, in a buffer of its own (moved, not copied). */
export interface PackedChunk {
  hash: string;
  bytes: Uint8Array;
}

/** The snapshot as serialised in a worker: half the memory of the text, and transferable. */
export interface PackedSnapshot {
  settings: string;
  chunks: Record<SheetKey, PackedChunk[]>;
  contentHash: string;
}

function serializeWith<C extends { hash: string }>(s: Snapshot, make: (text: string) => C) {
  const h = createHash('sha256');
  const settings = JSON.stringify(s.settings);
  h.update(settings);
  const chunks = {} as Record<SheetKey, C[]>;
  for (const key of SHEET_KEYS) {
    h.update(`\n${key}`);
    const rows = s.sheets[key];
    const list: C[] = [];
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const chunk = make(JSON.stringify(rows.slice(i, i + CHUNK_ROWS)));
      h.update(`\n${chunk.hash}`);
      list.push(chunk);
    }
    chunks[key] = list;
  }
  return { settings, chunks, contentHash: h.digest('hex') };
}

export function serializeSnapshot(s: Snapshot): SerializedSnapshot {
  return serializeWith(s, (text) => ({ hash: sha256(text), text }));
}

/** serializeSnapshot's chunks as UTF-8 bytes (the same hashes: SHA-256 over the UTF-8 of the text). */
export function packSnapshot(s: Snapshot): PackedSnapshot {
  const encoder = new TextEncoder();
  return serializeWith(s, (text) => {
    const bytes = encoder.encode(text);
    return { hash: sha256(bytes), bytes };
  });
}

/** A packed snapshot as the store takes it: each chunk's text is decoded when the store reads it. */
export function unpackSnapshot(p: PackedSnapshot): SerializedSnapshot {
  const decoder = new TextDecoder();
  const chunks = {} as Record<SheetKey, Chunk[]>;
  for (const key of SHEET_KEYS)
    chunks[key] = (p.chunks[key] ?? []).map(({ hash, bytes }) => ({
      hash,
      bytes,
      get text() {
        return decoder.decode(bytes);
      },
    }));
  return { settings: p.settings, chunks, contentHash: p.contentHash };
}

export function rowCounts(s: Snapshot): RowCounts {
  return Object.fromEntries(SHEET_KEYS.map((k) => [k, s.sheets[k].length])) as RowCounts;
}

export function toRaw(s: Snapshot): RawRegistry {
  return { settings: s.settings, sheets: s.sheets };
}
