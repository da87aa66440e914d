// The validated registry of each workbook's latest revision, so indicator and summary requests do
// not re-read a large snapshot each time. Revisions never change, so (workbook, revision) is a safe
// key; a budget on rows keeps a few very large registries from holding the process's memory.
import { validateRegistry } from '../../core/validate';
import type { Registry } from '../../core/registry/records';
import type { ReadContext } from '../../core/indicators';
import { SHEET_KEYS } from '../../core/registry/definition';
import type { Store } from '../store';
import { toRaw } from '../snapshot';

export interface ReadRevision {
  revision: number;
  registry: Registry;
  /** Unreadable cells and layout warnings: each figure leaves out the rows it cannot read. */
  read: ReadContext;
}

const rowsOf = (r: Registry) => SHEET_KEYS.reduce((n, k) => n + r[k].length, 0);

export class RegistryCache {
  /** Workbook id → its latest read revision, least recently used first. */
  private readonly entries = new Map<number, ReadRevision & { rows: number }>();
  constructor(private readonly maxRows = 400_000) {}

  /** Forgets the workbook's entry: a sync is about to replace it, and its memory is better spent there. */
  drop(workbookId: number): void {
    this.entries.delete(workbookId);
  }

  put(workbookId: number, value: ReadRevision): void {
    const rows = rowsOf(value.registry);
    this.entries.delete(workbookId);
    if (rows > this.maxRows) return;
    this.entries.set(workbookId, { ...value, rows });
    let total = 0;
    for (const e of this.entries.values()) total += e.rows;
    for (const [id, e] of this.entries) {
      if (total <= this.maxRows) break;
      this.entries.delete(id);
      total -= e.rows;
    }
  }

  /** The workbook's current revision (`known` when the caller has just looked it up), read; null before its first sync. */
  async current(store: Store, workbookId: number, known?: number): Promise<ReadRevision | null> {
    const revision = known ?? (await store.currentRevision(workbookId));
    if (revision === 0) return null;
    const hit = this.entries.get(workbookId);
    if (hit && hit.revision === revision) {
      this.entries.delete(workbookId);
      this.entries.set(workbookId, hit);
      return hit;
    }
    const snapshot = await store.snapshot(workbookId, revision);
    if (!snapshot) return null;
    const { read } = validateRegistry(toRaw(snapshot));
    const value = {
      revision,
      registry: read.registry,
      read: {
        faults: read.faults,
        warnings: read.warnings,
        publicWarnings: read.publicWarnings,
        absentColumns: read.absentColumns,
      },
    };
    this.put(workbookId, value);
    return value;
  }
}
