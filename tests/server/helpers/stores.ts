// The store factories every API test runs against: PGlite (in memory) and a PostgreSQL server.
import { Store } from '../../../server/store';
import { openPgliteThread } from './pglite-thread';
import { openPg } from '../../../server/store/pg';
import { SKIP_PG, startPostgres, type PostgresServer } from './postgres';

export interface StoreFactory {
  name: 'pglite' | 'pg';
  /** A fresh, migrated store. */
  open(): Promise<Store>;
  /** Stops what the factory started (the PostgreSQL server). */
  teardown(): Promise<void>;
}

export function pgliteFactory(): StoreFactory {
  return {
    name: 'pglite',
    async open() {
      const s = new Store(await openPgliteThread());
      await s.migrate();
      return s;
    },
    async teardown() {},
  };
}

export function pgFactory(): StoreFactory {
  let server: Promise<PostgresServer> | null = null;
  return {
    name: 'pg',
    async open() {
      server ??= startPostgres();
      const s = new Store(await openPg(await (await server).newDatabase()));
      await s.migrate();
      return s;
    },
    async teardown() {
      if (server) await (await server).stop();
    },
  };
}

/** Both engines, or PGlite alone when KASANE_SKIP_PG=1. */
export function storeFactories(): StoreFactory[] {
  return SKIP_PG ? [pgliteFactory()] : [pgliteFactory(), pgFactory()];
}
