// Opens the configured store: a PostgreSQL server when DATABASE_URL is set, else PGlite in the data
// folder (locked to this process). Migrations run before the store is handed out.
import { join, resolve } from 'node:path';
import { Store } from './index';
import { lockDataDir, type DirLock } from './lock';
import { openPg } from './pg';
import { openPglite } from './pglite';
import { openPgliteThread, pgliteWorkerScript } from './pglite-thread';

export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The command holding the folder, shown to whoever finds it in use. */
  command: string;
}

export interface OpenedStore {
  store: Store;
  /** Where the data lives, for people: the folder, or the server with its password hidden. */
  location: string;
  close(): Promise<void>;
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'PostgreSQL';
  }
}

export async function openStore(config: StoreConfig): Promise<OpenedStore> {
  if (config.databaseUrl) {
    const store = new Store(await openPg(config.databaseUrl));
    try {
      await store.migrate();
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
    return { store, location: describeUrl(config.databaseUrl), close: () => store.close() };
  }
  const dir = resolve(config.dataDir);
  const lock: DirLock = lockDataDir(dir, config.command);
  let store: Store | undefined;
  try {
    // In its own thread when built (dist/pglite-worker.cjs), so the engine never holds the event loop.
    const script = pgliteWorkerScript();
    const data = join(dir, 'pgdata');
    store = new Store(script ? await openPgliteThread(script, data) : await openPglite(data));
    await store.migrate();
  } catch (e) {
    await store?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
  const opened = store;
  return {
    store: opened,
    location: dir,
    async close() {
      try {
        await opened.close();
      } finally {
        lock.release();
      }
    },
  };
}
