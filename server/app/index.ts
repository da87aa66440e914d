// The Express app: helmet, request ids, request logs without content, CORS (closed by default),
// the API, and JSON errors for everything else.
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Principal, Store } from '../store';
import type { Logger } from '../log';
import { cors } from './cors';
import { ApiError, errorHandler, notFound, storeUnavailable } from './errors';
import { openApiDocument } from './openapi';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';
import { requestId, requestIdOf } from './request-id';
import { apiRoutes } from './routes';
import { sharedPool, type WorkPool } from './worker-pool';

export const DEFAULT_BODY_LIMIT = 50 * 1024 * 1024;

export interface AppOptions {
  store: Store;
  log: Logger;
  /** Largest request body in bytes (default 50 MB, the most Apps Script's UrlFetchApp sends). */
  bodyLimit?: number;
  rateLimit?: RateLimit;
  /** Origins allowed to call the API from a browser; none by default. */
  corsOrigins?: readonly string[];
  version?: string;
  /**
   * Worker threads for the heavy part of large requests (worker-pool.ts): the process's pool by
   * default; null runs everything on the main thread.
   */
  pool?: WorkPool | null;
}

export function createApp(options: AppOptions): Express {
  const { store, log } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = express();
  app.set('trust proxy', false);
  app.set('etag', false);
  app.use(helmet());
  app.use(requestId);
  // HTTP/1.1 requires a Host header (RFC 9112 §3.2); the HTTP server leaves the check here, to answer in JSON.
  app.use((req, _res, next) => {
    if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && req.headers.host === undefined)
      throw new ApiError(
        400,
        'request.malformed',
        'Host ヘッダーがありません。HTTP/1.1 のリクエストには Host ヘッダーを付けてください。',
      );
    next();
  });
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const p = res.locals.principal as Principal | undefined;
      log.info(
        {
          requestId: requestIdOf(res),
          method: req.method,
          // The path without its query; the router rewrites req.path, originalUrl keeps it whole.
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          workbook: p?.workbook,
          tokenId: p?.tokenId,
          ...(res.locals.timings as Record<string, number> | undefined),
        },
        'request',
      );
    });
    next();
  });
  app.use(cors(options.corsOrigins ?? []));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
    } catch {
      throw storeUnavailable();
    }
    res.json({ status: 'ok', store: store.kind });
  });
  const openapi = openApiDocument(options.version ?? '0.0.0');
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  const pool = options.pool === undefined ? sharedPool() : options.pool;
  if (!pool) log.warn('worker script (dist/worker.cjs) not found: large requests run on the main thread');
  app.use('/api/v1', apiRoutes(store, { bodyLimit, rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT, pool }));
  app.use(notFound);
  app.use(errorHandler(log, bodyLimit));
  return app;
}
