// Strict zod schemas derived from the definition, for normalised records at the boundaries
// (sync payloads, google.script.run, server storage). zod/mini keeps the Apps Script bundle small.
import * as z from 'zod/mini';
import { sheetDef, type ColumnDef, type SheetKey, type Settings } from './definition';

/** A normalised date, `YYYY-MM-DD`: the one form dates take once read. */
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

function columnSchema(col: ColumnDef): z.ZodMiniType {
  switch (col.type) {
    case 'date':
      return isoDate;
    case 'enum':
      return z.enum(col.values as [string, ...string[]]);
    case 'multiEnum':
      return z.array(z.enum(col.values as [string, ...string[]])).check(z.minLength(1));
    case 'multiList':
      return z.array(z.string().check(z.minLength(1)));
    case 'boolean':
      return z.boolean();
    case 'integer':
      return col.min === undefined ? z.int() : z.int().check(z.gte(col.min));
    case 'number':
      return col.min === undefined ? z.number() : z.number().check(z.gte(col.min));
    default:
      return z.string().check(z.minLength(1));
  }
}

/** A strict schema for one sheet's normalised record; `shared` leaves out (and so rejects) PII keys. */
export function recordSchema(sheet: SheetKey, options: { shared: boolean }) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const col of sheetDef(sheet).columns) {
    if (options.shared && col.pii) continue;
    const s = columnSchema(col);
    shape[col.key] = col.required === true ? s : z.optional(z.nullable(s));
  }
  return z.strictObject(shape);
}

export const settingsSchema: z.ZodMiniType<Settings> = z.strictObject({
  municipality: z.string(),
  fiscalYearStartMonth: z.int().check(z.gte(1), z.lte(12)),
  areas: z.array(z.string()),
  windows: z.array(z.string()),
  placeTypes: z.array(z.string()),
  issueTags: z.array(z.string()),
  population: z.nullable(z.int().check(z.gte(1))),
  suppressionThreshold: z.int().check(z.gte(1)),
});
