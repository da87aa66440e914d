// A PostgreSQL server through a `pg` pool (DATABASE_URL). The server may go away at any moment
// (restarted, a backend terminated, the network cut): a lost connection fails the statement that
// used it with StoreUnavailableError, never the process, and the pool connects afresh when the
// server is back.
import { Pool, types, type PoolClient } from 'pg';
import { StoreUnavailableError, withJsonText, type Db, type Queryable } from './db';

// int8 (count(*), bigserial) as a JS number, as PGlite answers: our counts stay far below 2^53.
types.setTypeParser(20, (v) => Number(v));

/** Socket faults of a connection that could not be made or was cut. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What `pg` says when a connection ended, or when it was never made in time. */
const LOST_MESSAGE =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection terminated due to connection timeout/;

/**
 * Whether an error means the database is out of reach rather than a fault of the statement:
 * socket errors, SQLSTATE class 08 (connection exception), 53 (insufficient resources: too many
 * connections, disk full), 57P01–57P03 (terminated by an administrator, crash shutdown, starting up).
 */
export function isConnectionLoss(e: unknown): boolean {
  if (e instanceof StoreUnavailableError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK.has(code) || /^(08|53)/.test(code) || /^57P0[123]$/.test(code))) return true;
  return LOST_MESSAGE.test(e.message);
}

const unavailableOr = (e: unknown): unknown => (isConnectionLoss(e) ? new StoreUnavailableError(e) : e);

/** A plain read, safe to send twice: the pool may hand out a connection whose end it has not yet seen. */
const retryable = (sql: string): boolean => /^\s*SELECT\b/i.test(sql) && !/\bFOR\s+(UPDATE|SHARE)\b/i.test(sql);

function wrap(c: PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await c.query(sql, withJsonText(params))).rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  };
}

export async function openPg(connectionString: string): Promise<Db> {
  const pool = new Pool({
    connectionString,
    max: 10,
    // An unreachable server fails a request within seconds instead of holding it.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client's network fault must not crash the process: the pool drops that client, and
  // the next statement connects again (or reports the server unreachable).
  pool.on('error', () => undefined);

  /** One statement on a pooled connection (autocommit); a read is tried once more on a fresh one. */
  const statement = async <T>(sql: string, given: unknown[] = []): Promise<T[]> => {
    const params = withJsonText(given);
    try {
      return (await pool.query(sql, params)).rows as T[];
    } catch (e) {
      if (!isConnectionLoss(e) || !retryable(sql)) throw unavailableOr(e);
    }
    try {
      return (await pool.query(sql, params)).rows as T[];
    } catch (e) {
      throw unavailableOr(e);
    }
  };

  return {
    kind: 'pg',
    query: statement,
    async exec(sql: string) {
      await statement(sql);
    },
    async transaction(fn) {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw unavailableOr(e);
      }
      // A checked-out client has no listener of the pool's: the server ending the connection between
      // two statements (or right after one failed) would be an unhandled 'error' and end the process.
      let lost: Error | undefined;
      const onError = (e: Error) => {
        lost ??= e;
      };
      client.on('error', onError);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        if (lost || isConnectionLoss(e)) {
          // The server rolls back a transaction whose connection ended; a lost COMMIT may have
          // committed, which a retry of the same sync finds (it answers created: false).
          broken = lost ?? (e instanceof Error ? e : new Error(String(e)));
          throw new StoreUnavailableError(lost ?? e);
        }
        try {
          await client.query('ROLLBACK');
        } catch (r) {
          broken = r instanceof Error ? r : new Error(String(r));
        }
        throw e;
      } finally {
        // A broken client leaves the pool; the pool's own listener is back on the client before ours goes.
        client.release(broken ?? lost);
        client.off('error', onError);
      }
    },
    close: () => pool.end(),
  };
}
