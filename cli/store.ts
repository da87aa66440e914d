// The store as the token and audit commands open it: DATABASE_URL, else PGlite in --data-dir.
// A data folder held by a running server becomes a clear Japanese usage error.
import { UsageError } from './args';
import type { Store } from '../server/store';
import { DataDirBusyError } from '../server/store/lock';
import { openStore } from '../server/store/open';

export const DEFAULT_DATA_DIR = './data';

export async function withStore<T>(
  dataDir: string | undefined,
  command: string,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  let opened;
  try {
    opened = await openStore({ dataDir: dataDir ?? DEFAULT_DATA_DIR, databaseUrl: process.env.DATABASE_URL, command });
  } catch (e) {
    if (e instanceof DataDirBusyError) throw new UsageError(e.message, false);
    throw new UsageError(`データベースを開けません: ${e instanceof Error ? e.message : String(e)}`, false);
  }
  try {
    return await fn(opened.store);
  } finally {
    await opened.close();
  }
}
