// What the two forms' payloads share: bounded text, a field's schema from its column (so both
// payloads derive from the definition), and the filled fields laid out as the raw row the core row
// rules read (text trimmed, empty fields left out as an empty cell would be).
import * as z from 'zod/mini';
import type { ColumnDef } from '../../core/registry/definition';
import type { RawRow } from '../../core/registry/records';

/** The most characters a text field of a form carries: the schema's limit and the sidebars' maxlength. */
export const TEXT_MAX = 4000;

export const text = z.string().check(z.maxLength(TEXT_MAX));

/**
 * A field's value as a form carries it: choices of a multi-value column as an array, a check box as
 * a boolean, a number as typed or as a number (the core parser reads both), anything else as text.
 */
export type FieldValueOf<C> = C extends { type: 'multiEnum' | 'multiList' }
  ? string[]
  : C extends { type: 'boolean' }
    ? boolean
    : C extends { type: 'integer' | 'number' }
      ? string | number
      : string;

/** Any field's value (FieldValueOf of every column type). */
export type FieldValue = string | number | boolean | string[];

/** The schema of one optional field, by its column's type. */
export function fieldSchema(col: ColumnDef): z.ZodMiniType<FieldValue | undefined> {
  if (col.type === 'multiEnum' || col.type === 'multiList') return z.optional(z.array(text).check(z.maxLength(100)));
  if (col.type === 'boolean') return z.optional(z.boolean());
  if (col.type === 'integer' || col.type === 'number') return z.optional(z.union([text, z.number()]));
  return z.optional(text);
}

/** An object shape with one optional field per column, typed by each column's key and type. */
export type FieldsShape<C extends ColumnDef> = {
  [X in C as X['key']]: z.ZodMiniOptional<z.ZodMiniType<FieldValueOf<X>>>;
};

export function fieldsShape<C extends ColumnDef>(columns: readonly C[]): FieldsShape<C> {
  const shape: Record<string, z.ZodMiniType<FieldValue | undefined>> = {};
  for (const col of columns) shape[col.key] = fieldSchema(col);
  // Each column's schema is the one its type asks for (fieldSchema), which FieldValueOf names.
  return shape as unknown as FieldsShape<C>;
}

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
