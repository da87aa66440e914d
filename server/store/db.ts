// The one seam between the store and its two engines: PGlite (embedded) and a PostgreSQL server via
// `pg`. Both speak the same SQL with $1 parameters, so everything above this file is engine-blind.

/**
 * A query parameter may be a json value's text as UTF-8 bytes (a stored chunk's rows, as the worker
 * serialised them). PGlite takes the bytes as they are, in binary format, which for json is the
 * text itself: no string is made of them on the way, and the PGlite thread is handed their buffer
 * (moved, not copied: the caller must not read them again). A PostgreSQL server gets the text.
 */
export type JsonBytes = Uint8Array;

/** The parameters with JSON bytes as text, for an engine that takes text only. */
export function withJsonText(params: unknown[]): unknown[] {
  if (!params.some((p) => p instanceof Uint8Array)) return params;
  const decoder = new TextDecoder();
  return params.map((p) => (p instanceof Uint8Array ? decoder.decode(p) : p));
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. A lost
   * connection (at any statement, COMMIT included) rejects with StoreUnavailableError and the
   * database rolls the transaction back; nothing of it is visible.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached, or dropped the connection in the middle of a statement: the
 * request fails (503, try again later) and the process goes on. `cause` is the engine's error, for
 * the log's name and code only (its message may quote a stored value).
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store.unavailable';
  constructor(cause: unknown) {
    super('データベースに接続できません。', { cause });
    this.name = 'StoreUnavailableError';
  }
}
