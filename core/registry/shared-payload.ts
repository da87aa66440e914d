// What a client sends of a registry it has read — the add-on's sync and `kasane sync` both send
// this: the read, normalised values in the interchange's canonical form (canonical.ts) — ISO
// dates, JSON numbers and booleans, arrays for multi-value cells, choices exactly as listed — and
// nothing else. A cell the row rules cannot read (「3人」, a date in no known form, a value outside
// its list) is held back and counted; PII columns never leave. Element i of a sheet stays sheet
// row i + 2 (a row with nothing readable keeps its place as {}), so the server's row numbers are
// the sheet's.
import { REGISTRY_FORMAT, SHEETS, idColumn, piiKeys, settingsLists, type SheetDef } from './definition';
import { parseCell } from './cells';
import { rowOfIndex, type ReadResult } from './read';
import type { RawRegistry } from './records';
import type { Issue } from '../issues';

/**
 * Layout faults that stop a sync: with a sheet missing or a header missing or repeated, the server
 * would count a registry other than the one the office keeps.
 */
const BLOCKING: ReadonlySet<string> = new Set([
  'sheet.missing',
  'sheet.duplicate',
  'column.duplicate',
  'column.missing',
]);

/** The layout issues that must be fixed before anything is sent (none: the registry may be sent). */
export function syncBlockers(raw: RawRegistry): Issue[] {
  return (raw.layout?.issues ?? []).filter((i) => BLOCKING.has(i.code));
}

export interface SharedPayload {
  /** kasane-registry/1 without PII, every cell canonical. */
  doc: Record<string, unknown>;
  /** Typed cells and settings not sent because they cannot be read. */
  heldBack: number;
}

/** `read` is readRegistry(raw). */
export function sharedPayload(raw: RawRegistry, read: ReadResult): SharedPayload {
  const held = read.issues.filter(
    (i) => (i.code.startsWith('value.') && i.code !== 'value.required') || i.code === 'setting.value',
  );
  const lists = settingsLists(read.registry.settings);
  // The settings as read (a setting that cannot be read is its default, as the server would take it).
  // A setting with no value (人口 left empty) is left out, as an empty cell is.
  const settings = Object.fromEntries(Object.entries(read.registry.settings).filter(([, v]) => v !== null));
  const doc: Record<string, unknown> = { format: REGISTRY_FORMAT, settings };
  for (const def of SHEETS as readonly SheetDef[]) {
    const rawRows = raw.sheets[def.key] ?? [];
    const pii = new Set(piiKeys(def));
    const id = idColumn(def);
    const out = Array.from({ length: rawRows.length }, (): Record<string, unknown> => ({}));
    const { rows } = read.rows[def.key];
    const faults = read.faults[def.key];
    (read.registry[def.key] as ReadonlyArray<Record<string, unknown>>).forEach((record, j) => {
      const index = rows[j]! - rowOfIndex(0);
      const row: Record<string, unknown> = {};
      for (const k in record) if (!pii.has(k)) row[k] = record[k];
      // A repeated id is a readable cell: sent, so the server reports the repeat as the validator does.
      const again = id && faults[j]?.has(id.key) ? parseCell(id, rawRows[index]?.[id.key], lists) : undefined;
      if (again?.ok && again.value !== undefined) row[id!.key] = again.value;
      out[index] = row;
    });
    doc[def.key] = out;
  }
  return { doc, heldBack: held.length };
}
