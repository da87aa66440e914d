// The one seam between the store and its two engines: PGlite (embedded) and a PostgreSQL server via
// `pg`. Both speak the same SQL with $1 parameters, so everything above this file is engine-blind.

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
