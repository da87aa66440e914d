// What the API test files share: the store factories (PGlite in memory and a real PostgreSQL
// server), a listening app per factory, a fresh workbook and token per test, and the helpers the
// assertions use. Each test file that calls describeApi() starts its own stores and stops them
// (and the PostgreSQL server its factory started) in its own afterAll.
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import request, { type Response } from 'supertest';
import { createApp, type AppOptions } from '../../../server/app';
import { silentLogger } from '../../../server/log';
import { Store } from '../../../server/store';
import { storeFactories, type StoreFactory } from '../helpers/stores';

export const japanese = (s: unknown) => typeof s === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(s);

/** supertest parser that keeps a download's bytes (CSV with its BOM, XLSX) as one Buffer. */
export const asBytes = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Every server listen() started in this test file; describeApi's afterAll closes them. */
const servers: Server[] = [];

export function listen(options: Omit<AppOptions, 'log'> & { log?: AppOptions['log'] }): Server {
  const server = createServer(
    createApp({ log: silentLogger(), rateLimit: { burst: 10_000, perSecond: 10_000 }, ...options }),
  ).listen(0, '127.0.0.1');
  servers.push(server);
  return server;
}

/** A logger whose lines are kept, to check what the server logs. */
export function capturedLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

export interface Tenant {
  workbook: string;
  id: string;
  token: string;
  auth: { Authorization: string };
}

/** One engine's store and app, as the tests of a describeApi() body see them. */
export interface Api {
  readonly factory: StoreFactory;
  /** The migrated store (set in beforeAll). */
  readonly store: Store;
  /** The app listening on that store (set in beforeAll). */
  readonly server: Server;
  /** A fresh workbook and a token for it. */
  tenant(prefix?: string): Promise<Tenant>;
  /** POST /api/v1/sync with the given auth header and body. */
  sync(auth: Record<string, string>, body: unknown): request.Test;
}

/**
 * Runs body once per store factory inside `describe('API on <engine>')` (so test names read
 * "API on pglite …" and "API on pg …"), with a fresh store and app per engine. Call it once per
 * test file, at the top level: it registers the file's afterAll that closes every server listen()
 * started and stops what the factories started (the PostgreSQL server).
 */
export function describeApi(body: (api: Api) => void): void {
  jest.setTimeout(60_000);
  const factories = storeFactories();

  afterAll(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    await Promise.all(factories.map((f) => f.teardown()));
  });

  describe.each(factories.map((f) => [f.name, f] as [string, StoreFactory]))('API on %s', (_name, factory) => {
    let store: Store;
    let server: Server;
    let wb = 0;
    const api: Api = {
      factory,
      get store() {
        return store;
      },
      get server() {
        return server;
      },
      async tenant(prefix = 'town') {
        const workbook = `${prefix}-${++wb}`;
        const { id, token } = await store.createToken(workbook);
        return { workbook, id, token, auth: { Authorization: `Bearer ${token}` } };
      },
      sync: (auth, body) =>
        request(server)
          .post('/api/v1/sync')
          .set(auth)
          .send(body as object),
    };

    beforeAll(async () => {
      store = await factory.open();
      server = listen({ store });
    });
    afterAll(async () => {
      await store.close();
    });

    body(api);
  });
}
