// The /api/v1 handlers. Each one works on the workbook of the caller's token only.
import express, { Router, type RequestHandler } from 'express';
import * as z from 'zod/mini';
import { validateRegistry, validationReport } from '../../core/validate';
import { makePeriod } from '../../core/dates/fiscal';
import { periodRequestOf } from '../../core/dates/period-request';
import { computeIndicators, excludedRowsOf } from '../../core/indicators';
import { buildMonthlySummary, SummaryError } from '../../core/summary';
import type { Store } from '../store';
import { readSnapshot, rowCounts, toRaw } from '../snapshot';
import { prepareSync, storeSync, type PreparedSync } from '../sync';
import { ApiError } from './errors';
import { principalOf, requireToken } from './auth';
import { rateLimit, type RateLimit } from './rate-limit';
import { RegistryCache } from './registry-cache';
import { requestIdOf } from './request-id';
import { exportIndicators, exportSummary, SUMMARY_FORMATS, type SummaryFormat } from '../../reports';

export interface RouteOptions {
  bodyLimit: number;
  rateLimit: RateLimit;
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

function bodyOf(req: { body?: unknown }): unknown {
  if (req.body === undefined) {
    throw new ApiError(
      400,
      'body.notJson',
      'JSON の本文がありません。Content-Type: application/json で kasane-registry/1 の JSON を送ってください。',
    );
  }
  return req.body;
}

/** The body read as a snapshot, or its fault (naming keys, never values) as the error answer. */
function snapshotOf(req: { body?: unknown }, allowBaseRevision: boolean) {
  const read = readSnapshot(bodyOf(req), allowBaseRevision);
  if (!read.ok) throw new ApiError(read.status, read.code, read.message, read.details ? { details: read.details } : {});
  return read;
}

/**
 * Reads, checks, validates and serialises a sync body. Only the serialised text and the validated
 * registry leave this function, so the parsed body and its copies can be collected before storing.
 */
function prepareSyncBody(req: { body?: unknown }): PreparedSync {
  const read = snapshotOf(req, true);
  req.body = undefined;
  return prepareSync(read.snapshot, read.baseRevision);
}

export function apiRoutes(store: Store, options: RouteOptions): Router {
  const router = Router();
  const cache = new RegistryCache();
  const json = store.storableBody(express.json({ limit: options.bodyLimit, strict: true }));
  const guard: RequestHandler[] = [requireToken(store), rateLimit(options.rateLimit)];

  router.post('/sync', ...guard, json, async (req, res) => {
    const p = principalOf(res);
    const t0 = performance.now();
    cache.drop(p.workbookId);
    const prepared = prepareSyncBody(req);
    const { baseRevision, counts, outcome } = prepared;
    const hash = prepared.serialized.contentHash;
    const t1 = performance.now();
    const r = await storeSync(store, p, prepared, requestIdOf(res));
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
    if (r.kind === 'created')
      cache.put(p.workbookId, {
        revision: r.revision,
        registry: outcome.read.registry,
        read: { faults: outcome.read.faults, warnings: outcome.read.warnings },
      });
    res.json({
      revision: r.revision,
      created: r.kind === 'created',
      contentHash: hash,
      counts,
      excludedRows: excludedRowsOf(outcome.read.registry, outcome.read),
      issues: outcome.issues,
      notices: outcome.read.notices,
    });
  });

  router.post('/validate', ...guard, json, (req, res) => {
    const read = snapshotOf(req, false);
    const { issues } = validateRegistry(toRaw(read.snapshot));
    res.json({ ...validationReport(issues), counts: rowCounts(read.snapshot) });
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
    const current = await cache.current(store, p.workbookId);
    if (!current) throw new ApiError(404, 'revision.none', NO_DATA);
    const period = makePeriod(asked.request, current.registry.settings.fiscalYearStartMonth);
    if (!period.ok) throw badQuery(period.message);
    const doc = computeIndicators(current.registry, period.period, current.read);
    await store.record(p, 'indicators', requestIdOf(res), current.revision);
    // The very bytes `kasane indicators --format json` writes.
    const file = await exportIndicators(doc, 'json');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('X-Kasane-Revision', String(current.revision));
    res.send(file.body);
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
    const current = await cache.current(store, p.workbookId);
    if (!current) throw new ApiError(404, 'revision.none', NO_DATA);
    let summary;
    try {
      summary = buildMonthlySummary(current.registry, month, {
        read: current.read,
        public: pub === 'true' || pub === '1',
      });
    } catch (e) {
      // A well-formed month whose comparison periods cannot be made (a fiscal year before 1900).
      if (e instanceof SummaryError) throw badQuery(e.message);
      throw e;
    }
    const file = await exportSummary(summary, format as SummaryFormat);
    await store.record(p, 'export', requestIdOf(res), current.revision);
    res.setHeader('Content-Type', file.contentType);
    // A plain ASCII name for every client, and the exact one (RFC 5987) for those that read it.
    const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    res.setHeader('X-Kasane-Revision', String(current.revision));
    res.send(file.body);
  });

  return router;
}
