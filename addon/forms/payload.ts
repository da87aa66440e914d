// What the two forms' payloads share: bounded text, and the filled fields laid out as the raw row
// the core row rules read (text trimmed, empty fields left out as an empty cell would be).
import * as z from 'zod/mini';
import type { ColumnDef } from '../../core/registry/definition';
import type { RawRow } from '../../core/registry/records';

export const text = z.string().check(z.maxLength(4000));

/** `row` with the payload's filled fields of `columns` added. */
export function withFields(
  row: RawRow,
  payload: Readonly<Record<string, unknown>>,
  columns: readonly ColumnDef[],
): RawRow {
  for (const col of columns) {
    const v = payload[col.key];
    if (v === undefined || v === null || v === '') continue;
    row[col.key] = typeof v === 'string' ? v.trim() : v;
  }
  return row;
}
