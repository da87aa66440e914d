// Starts the sync server: opens the store (migrations included), optionally prepares the demo,
// listens, and shuts down gracefully (in-flight requests finish, the store closes cleanly).
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createApp } from './app';
import type { RateLimit } from './app/rate-limit';
import { prepareDemo, type Demo } from './demo';
import type { Logger } from './log';
import { openStore, type OpenedStore } from './store/open';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  demo?: boolean;
  bodyLimit?: number;
  rateLimit?: RateLimit;
  corsOrigins?: readonly string[];
  log: Logger;
  version?: string;
}

export interface RunningServer {
  url: string;
  location: string;
  storeKind: 'pglite' | 'pg';
  demo: Demo | null;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), closes the store. */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const opened: OpenedStore = await openStore({ dataDir: o.dataDir, databaseUrl: o.databaseUrl, command: 'serve' });
  let server: Server;
  let demo: Demo | null = null;
  try {
    if (o.demo) demo = await prepareDemo(opened.store);
    const app = createApp({
      store: opened.store,
      log: o.log,
      bodyLimit: o.bodyLimit,
      rateLimit: o.rateLimit,
      corsOrigins: o.corsOrigins,
      version: o.version,
    });
    server = createServer(app);
    // A sync of a large registry over a slow line may take a while; idle sockets still close soon.
    server.requestTimeout = 10 * 60_000;
    server.headersTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await opened.close().catch(() => undefined);
    throw e;
  }
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${addr.port}`,
    location: opened.location,
    storeKind: opened.store.kind,
    demo,
    server,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            server.closeAllConnections();
            resolve();
          }, graceMs);
          server.close(() => {
            clearTimeout(timer);
            resolve();
          });
          server.closeIdleConnections();
        });
        await opened.close();
      })();
      return closing;
    },
  };
}
