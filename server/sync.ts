// The sync use case, once: a snapshot that passed the payload checks is validated with the core
// rules, serialised and stored as the workbook's next revision (or found unchanged, or refused as
// stale). The HTTP route (its preparing in a worker for a large body, app/work.ts) and
// `kasane serve --demo` both go through here.
import { validateRegistry, type ValidationOutcome } from '../core/validate';
import {
  rowCounts,
  serializeSnapshot,
  toRaw,
  type RowCounts,
  type SerializedSnapshot,
  type Snapshot,
} from './snapshot';
import type { Principal, Store, SyncOutcome } from './store';

export interface PreparedSync {
  baseRevision: number | null;
  counts: RowCounts;
  serialized: SerializedSnapshot;
  /** The validation of the snapshot: its issues are answered, its read registry cached. */
  outcome: ValidationOutcome;
}

/** Validates and serialises; the snapshot itself can be collected once this returns. */
export function prepareSync(snapshot: Snapshot, baseRevision: number | null): PreparedSync {
  return {
    baseRevision,
    counts: rowCounts(snapshot),
    serialized: serializeSnapshot(snapshot),
    outcome: validateRegistry(toRaw(snapshot)),
  };
}

/** What is stored of a prepared sync: the serialised snapshot, its counts and its base revision. */
export type StorableSync = Pick<PreparedSync, 'baseRevision' | 'counts' | 'serialized'>;

/**
 * Stores the prepared snapshot as the workbook's next revision (audited by the store, with how
 * many issues its validation found).
 */
export function storeSync(
  store: Store,
  principal: Principal,
  prepared: StorableSync,
  issueCount: number,
  requestId: string,
): Promise<SyncOutcome> {
  return store.sync(principal, {
    snapshot: prepared.serialized,
    counts: prepared.counts,
    issueCount,
    baseRevision: prepared.baseRevision,
    requestId,
  });
}
