// The JSON interchange (kasane-registry/1): envelope checked with zod, rows handed to the row rules.
import * as z from 'zod/mini';
import { REGISTRY_FORMAT, SHEET_KEYS, isSheetKey, piiKeys, sheetDef, type SheetKey } from './definition';
import type { RawRegistry, RawRow, SharedRegistry, Registry } from './records';

const envelopeSchema = z.looseObject({
  format: z.string(),
  settings: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});

/** An object that is no array, with the prototype JSON.parse gives (or none). */
function isRowObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
/**
 * A row: a plain object of cells. Checked, not parsed into a copy (z.record copies every row: on a
 * 100k-case registry those copies were half the time of `kasane indicators` on JSON, 2 s of 4.5).
 */
const rowSchema = z.custom<Record<string, unknown>>(isRowObject);

/** The row without its null cells (JSON null means an empty cell); most rows have none and are kept as they are. */
function withoutNulls(row: Record<string, unknown>): RawRow {
  for (const k in row) {
    if (row[k] === null) return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
  }
  return row;
}

export type InterchangeRead =
  { ok: true; raw: RawRegistry } | { ok: false; code: string; message: string; path?: string };

/** Reads a parsed JSON value as a raw registry; the envelope's faults are returned, not thrown. */
export function fromInterchange(json: unknown): InterchangeRead {
  const env = envelopeSchema.safeParse(json);
  if (!env.success) {
    return {
      ok: false,
      code: 'format.invalid',
      message:
        'kasane-registry/1 の形式ではありません。"format": "kasane-registry/1" を持つ JSON オブジェクトが必要です。',
    };
  }
  if (env.data.format !== REGISTRY_FORMAT) {
    return {
      ok: false,
      code: 'format.unknown',
      message: `format「${env.data.format}」には対応していません。"${REGISTRY_FORMAT}" を指定してください。`,
      path: 'format',
    };
  }
  const obj = json as Record<string, unknown>;
  const sheets: Partial<Record<SheetKey, RawRow[]>> = {};
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'format' || key === 'settings') continue;
    if (!isSheetKey(key)) {
      unknownKeys.push(key);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) {
      return {
        ok: false,
        code: 'format.invalid',
        message: `「${sheetDef(key).name}」（${key}）は配列で指定してください。`,
        path: key,
      };
    }
    const rows: RawRow[] = new Array<RawRow>(value.length);
    for (let i = 0; i < value.length; i++) {
      const row = rowSchema.safeParse(value[i]);
      if (!row.success) {
        return {
          ok: false,
          code: 'format.invalid',
          message: `「${sheetDef(key).name}」（${key}）の ${i + 2}行目（要素 ${i}）はオブジェクトで指定してください。`,
          path: `${key}[${i}]`,
        };
      }
      rows[i] = withoutNulls(row.data);
    }
    sheets[key] = rows;
  }
  return { ok: true, raw: { settings: env.data.settings ?? {}, sheets, unknownSheets: unknownKeys } };
}

/** The interchange document for a registry; optional values are omitted. */
export function toInterchange(registry: Registry | SharedRegistry): Record<string, unknown> {
  const out: Record<string, unknown> = { format: REGISTRY_FORMAT, settings: registry.settings };
  for (const key of SHEET_KEYS) out[key] = registry[key];
  return out;
}

/** The registry without its PII columns: the only form that leaves the spreadsheet. */
export function withoutPii(registry: Registry): SharedRegistry {
  const out: Record<string, unknown> = { settings: registry.settings };
  for (const key of SHEET_KEYS) {
    const drop = new Set(piiKeys(sheetDef(key)));
    out[key] = (registry[key] as Record<string, unknown>[]).map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !drop.has(k))),
    );
  }
  return out as unknown as SharedRegistry;
}
