// The /api/v1 handlers. Each one works on the workbook of the caller's token only.
import { Router, type RequestHandler } from 'express';
import * as z from 'zod/mini';
import { makePeriod } from '../../core/dates/fiscal';
import { periodRequestOf } from '../../core/dates/period-request';
import type { Store } from '../store';
import { storeSync } from '../sync';
import { ApiError } from './errors';
import { principalOf, requireToken } from './auth';
import { rateLimit, type RateLimit } from './rate-limit';
import { RegistryCache } from './registry-cache';
import { requestIdOf } from './request-id';
import { SUMMARY_FORMATS, type SummaryFormat } from '../../reports';
import { figuresOf, prepareSyncOf, rawJson, revisionIssuesOf, validateOf } from './offload';
import type { WorkPool } from './worker-pool';
import { IssueCache, ISSUES_IN_ANSWER, issuesAnswer, issuesPageOf } from './issues';

export interface RouteOptions {
  bodyLimit: number;
  rateLimit: RateLimit;
  /** Worker threads for the heavy part of large requests; null runs everything on the main thread. */
  pool: WorkPool | null;
}

const NO_DATA = 'このワークブックにはまだ同期されたデータがありません。先にスプレッドシートから同期してください。';

const querySchema = z.object({
  fiscalYear: z.optional(z.string()),
  month: z.optional(z.string()),
  asOf: z.optional(z.string()),
});
const summaryQuerySchema = z.object({
  format: z.optional(z.string()),
  public: z.optional(z.string()),
});

function badQuery(message: string): ApiError {
  return new ApiError(400, 'query.invalid', message);
}

export function apiRoutes(store: Store, options: RouteOptions): Router {
  const router = Router();
  const cache = new RegistryCache();
  const issueCache = new IssueCache();
  const { pool } = options;
  // The bytes only: JSON is parsed with the rest of the work (offload.ts), off the main thread when large.
  const json = rawJson(options.bodyLimit);
  const guard: RequestHandler[] = [requireToken(store), rateLimit(options.rateLimit)];

  router.post('/sync', ...guard, json, async (req, res) => {
    const p = principalOf(res);
    const t0 = performance.now();
    cache.drop(p.workbookId);
    const prepared = await prepareSyncOf(req, pool);
    const { baseRevision, counts } = prepared;
    const hash = prepared.serialized.contentHash;
    const t1 = performance.now();
    const r = await storeSync(store, p, prepared, prepared.issueTotal, requestIdOf(res));
    // Durations only (no content), for the request log: where a slow sync spends its time.
    res.locals.timings = { prepareMs: Math.round(t1 - t0), storeMs: Math.round(performance.now() - t1) };
    if (r.kind === 'conflict') {
      throw new ApiError(
        409,
        'revision.conflict',
        `サーバーの最新の版は ${r.revision} で、送られた baseRevision（${baseRevision}）より新しくなっています。最新の版を確かめてから送り直してください。`,
        { currentRevision: r.revision },
      );
    }
    // The registry cache fills from the store on the next read (in the worker for a large one).
    res.json({
      revision: r.revision,
      created: r.kind === 'created',
      contentHash: hash,
      counts,
      excludedRows: prepared.excludedRows,
      // The first issues, their total and counts by code; the rest from GET /revisions/{revision}/issues.
      issues: prepared.issues.slice(0, ISSUES_IN_ANSWER),
      issueTotal: prepared.issueTotal,
      issueCounts: prepared.issueCounts,
      notices: prepared.notices,
    });
    // A list from the worker holds the first issues only: the page route reads the rest from the store.
    if (prepared.complete) issueCache.put(p.workbookId, r.revision, prepared.issues);
  });

  router.post('/validate', ...guard, json, async (req, res) => {
    const { report, issueTotal, issueCounts, counts } = await validateOf(req, pool);
    res.json({ ...report, issueTotal, issueCounts, counts });
  });

  router.get('/revisions', ...guard, async (req, res) => {
    const p = principalOf(res);
    const q = z.object({ limit: z.optional(z.string().check(z.regex(/^\d{1,4}$/))) }).safeParse(req.query);
    const limit = q.success && q.data.limit !== undefined ? Number(q.data.limit) : 100;
    if (!q.success || limit < 1 || limit > 1000)
      throw badQuery('limit は 1〜1000 の整数で指定してください（既定 100）。');
    const [revisions, currentRevision] = await Promise.all([
      store.revisions(p.workbookId, limit),
      store.currentRevision(p.workbookId),
    ]);
    res.json({ workbook: p.workbook, currentRevision, revisions });
  });

  router.get('/revisions/:revision/issues', ...guard, async (req, res) => {
    const p = principalOf(res);
    const page = issuesPageOf(req.params.revision, req.query);
    // A large revision not in the cache is validated again in a worker (offload.ts).
    const slice = await revisionIssuesOf(store, issueCache, pool, p.workbookId, page);
    if (!slice)
      throw new ApiError(
        404,
        'revision.notFound',
        `このワークブックに版 ${page.revision} はありません。GET /api/v1/revisions で版の一覧を確かめてください。`,
      );
    await store.record(p, 'issues', requestIdOf(res), page.revision);
    res.json(issuesAnswer(p.workbook, page, slice));
  });

  router.get('/indicators', ...guard, async (req, res) => {
    const p = principalOf(res);
    const q = querySchema.safeParse(req.query);
    if (!q.success)
      throw badQuery(
        'クエリは fiscalYear=YYYY または month=YYYY-MM（と必要なら asOf=YYYY-MM-DD）を一つずつ指定してください。',
      );
    // The same reading of a period as the CLI's: ?fiscalYear=R7 is --fiscal-year R7.
    const asked = periodRequestOf(q.data);
    if (!asked.ok)
      throw badQuery(
        asked.field === null
          ? 'fiscalYear=YYYY か month=YYYY-MM のどちらか一つを指定してください。'
          : `${asked.field}: ${asked.message}`,
      );
    // The very bytes `kasane indicators --format json` writes (work.ts figuresWork).
    const current = await figuresOf(store, cache, pool, p.workbookId, { what: 'indicators', request: asked.request });
    if (!current) throw new ApiError(404, 'revision.none', NO_DATA);
    const { file } = current;
    await store.record(p, 'indicators', requestIdOf(res), current.revision);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('X-Kasane-Revision', String(current.revision));
    res.send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
  });

  router.get('/summaries/:month', ...guard, async (req, res) => {
    const p = principalOf(res);
    // Checked before the store is read: a malformed month is the caller's fault even without data.
    // Read as the CLI reads --month (2025-05, R7.5, 令和7年5月).
    const asked = periodRequestOf({ month: String(req.params.month) });
    if (!asked.ok || asked.request.kind !== 'month') throw badQuery(asked.ok ? '' : asked.message);
    const month = asked.request.month;
    const monthCheck = makePeriod(asked.request);
    if (!monthCheck.ok) throw badQuery(monthCheck.message);
    const q = summaryQuerySchema.safeParse(req.query);
    if (!q.success) throw badQuery('format と public は一つずつ指定してください。');
    const format = q.data.format ?? 'json';
    if (!(SUMMARY_FORMATS as readonly string[]).includes(format))
      throw badQuery(`format は ${SUMMARY_FORMATS.join(' / ')} のいずれかです（指定: ${format}）。`);
    const pub = q.data.public ?? 'false';
    if (!['true', 'false', '1', '0'].includes(pub)) throw badQuery('public は true か false で指定してください。');
    const current = await figuresOf(store, cache, pool, p.workbookId, {
      what: 'summary',
      month,
      public: pub === 'true' || pub === '1',
      format: format as SummaryFormat,
    });
    if (!current) throw new ApiError(404, 'revision.none', NO_DATA);
    const { file } = current;
    await store.record(p, 'export', requestIdOf(res), current.revision);
    res.setHeader('Content-Type', file.contentType);
    // A plain ASCII name for every client, and the exact one (RFC 5987) for those that read it.
    const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    res.setHeader('X-Kasane-Revision', String(current.revision));
    res.send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
  });

  return router;
}
