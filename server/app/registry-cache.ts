// The validated registry of recent revisions, so indicator and summary requests do not re-read a
// large snapshot each time. Revisions never change, so (workbook, revision) is a safe key.
import { validateRegistry } from '../../core/validate';
import type { Registry } from '../../core/registry/records';
import type { Store } from '../store';
import { toRaw } from '../snapshot';

export interface ReadRevision {
  revision: number;
  registry: Registry;
  excludedRows: number;
}

export class RegistryCache {
  private readonly entries = new Map<string, ReadRevision>();
  constructor(private readonly size = 4) {}

  put(workbookId: number, value: ReadRevision): void {
    const key = `${workbookId}:${value.revision}`;
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The workbook's current revision, read; null before its first sync. */
  async current(store: Store, workbookId: number): Promise<ReadRevision | null> {
    const revision = await store.currentRevision(workbookId);
    if (revision === 0) return null;
    const hit = this.entries.get(`${workbookId}:${revision}`);
    if (hit) return hit;
    const snapshot = await store.snapshot(workbookId, revision);
    if (!snapshot) return null;
    const { read } = validateRegistry(toRaw(snapshot));
    const value = { revision, registry: read.registry, excludedRows: read.excludedRows };
    this.put(workbookId, value);
    return value;
  }
}
