// What the routes call for their heavy part: a body read and prepared, or a revision's figures, in
// the work pool when large (so the event loop keeps answering), inline when small (a thread hop
// costs more than the work). Either way the same work.ts functions, and faults as ApiErrors.
import express, { type RequestHandler } from 'express';
import type { Store } from '../store';
import { ApiError } from './errors';
import { RegistryCache } from './registry-cache';
import { revisionIssues, type IssueCache } from './issues';
import { unpackSnapshot } from '../snapshot';
import { WorkerLost, type Task, type WorkPool } from './worker-pool';
import {
  figuresWork,
  issueSlice,
  syncWork,
  validateWork,
  type FileWork,
  type FiguresAsk,
  type PackedSyncWork,
  type IssueSlice,
  type RawBody,
  type StoredText,
  type SyncWork,
  type ValidateWork,
  type Work,
} from './work';

/** Bodies below this are read on the main thread (about 5 ms of work). */
export const INLINE_BODY_BYTES = 512 * 1024;
/** Revisions with fewer rows than this have their figures computed on the main thread. */
export const INLINE_ROWS = 10_000;

export const workUnavailable = () =>
  new ApiError(
    503,
    'work.unavailable',
    'サーバーの処理が途中で止まったため、このリクエストを処理できませんでした。少し待ってから送り直してください（同期は同じ内容で送り直しても二重に保存されません）。続くときは管理者に連絡してください。',
    { retryAfter: 5 },
    { 'Retry-After': '5' },
  );

function unwrap<T>(work: Work<T>): T {
  if (!work.ok) {
    const f = work.fault;
    throw new ApiError(f.status, f.code, f.message, f.extra ?? {});
  }
  return work.value;
}

/** A body whose work alone ran its worker out of memory: the same body would again. */
export const workTooLarge = () =>
  new ApiError(
    413,
    'work.tooLarge',
    '送られた台帳は、サーバーが一度に検証できる量を超えています（行や検証の問題が多すぎます）。送り直しても同じ結果になります。台帳の内容を確かめてください。',
  );

/**
 * Runs `task` in the pool; a lost worker is a 503 (an unexpected error inside it stays a 500, its
 * frames logged), or a 413 when a body's own work ran it out of memory.
 */
async function inPool(pool: WorkPool, task: Task, transfer: ArrayBuffer[] = [], affinity?: number) {
  try {
    return await pool.run(task, transfer, affinity);
  } catch (e) {
    if (e instanceof WorkerLost) {
      if (e.outOfMemory && e.alone && (task.kind === 'sync' || task.kind === 'validate')) throw workTooLarge();
      throw workUnavailable();
    }
    throw e;
  }
}

/**
 * The body parser of /sync and /validate: the bytes as sent (decompressed), up to `limit`; JSON
 * is parsed with the rest of the work, off the main thread when the body is large. A large body
 * sent as is, with its Content-Length, is read straight into one buffer of that length (express.raw
 * keeps every network chunk until the end and then copies them: twice the body, the chunks left for
 * a later collection); anything else (compressed, chunked, small, over the limit) goes to express.raw.
 */
export function rawJson(limit: number): RequestHandler {
  const raw = express.raw({ type: 'application/json', limit });
  return (req, res, next) => {
    const length = Number(req.headers['content-length']);
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (
      encoding !== 'identity' ||
      !/^\d+$/.test(String(req.headers['content-length'] ?? '')) ||
      length < INLINE_BODY_BYTES ||
      length > limit ||
      !req.is('application/json')
    )
      return raw(req, res, next);
    const body = Buffer.allocUnsafeSlow(length);
    let received = 0;
    let settled = false;
    const settle = (fault: { type: string; message: string } | null) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onError);
      if (!fault) {
        req.body = body;
        next();
        return;
      }
      // As body-parser does: the rest of the request is read off before the answer.
      req.resume();
      next(Object.assign(new Error(fault.message), { type: fault.type, status: 400, statusCode: 400, expose: true }));
    };
    const onData = (chunk: Buffer) => {
      if (received + chunk.length > length) return settle({ type: 'request.size.invalid', message: 'size' });
      chunk.copy(body, received);
      received += chunk.length;
    };
    const onEnd = () =>
      settle(received === length ? null : { type: 'request.size.invalid', message: 'request size did not match' });
    const onAborted = () => settle({ type: 'request.aborted', message: 'request aborted' });
    const onError = () => settle({ type: 'request.aborted', message: 'request error' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  };
}

function rawBodyOf(req: { body?: unknown; headers: Record<string, string | string[] | undefined> }): RawBody {
  if (!Buffer.isBuffer(req.body))
    throw new ApiError(
      400,
      'body.notJson',
      'JSON の本文がありません。Content-Type: application/json で kasane-registry/1 の JSON を送ってください。',
    );
  const type = String(req.headers['content-type'] ?? '');
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1] ?? null;
  const bytes = req.body;
  req.body = undefined;
  return { bytes, charset };
}

/** The body's bytes, moved (not copied) to the worker when they own their memory. */
function moved(body: RawBody): { body: RawBody; transfer: ArrayBuffer[] } {
  const b = body.bytes;
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer)
    return { body: { bytes: new Uint8Array(b.buffer), charset: body.charset }, transfer: [b.buffer] };
  return { body: { bytes: new Uint8Array(b), charset: body.charset }, transfer: [] };
}

export async function prepareSyncOf(req: Parameters<typeof rawBodyOf>[0], pool: WorkPool | null): Promise<SyncWork> {
  const body = rawBodyOf(req);
  if (!pool || body.bytes.byteLength < INLINE_BODY_BYTES) return unwrap(syncWork(body));
  const m = moved(body);
  const r = await inPool(pool, { kind: 'sync', body: m.body }, m.transfer);
  if (r.kind !== 'done') throw workUnavailable();
  // The chunks arrive as UTF-8 bytes; the store decodes each one as it inserts it.
  const { packed, ...rest } = unwrap(r.work as Work<PackedSyncWork>);
  return { ...rest, serialized: unpackSnapshot(packed) };
}

export async function validateOf(req: Parameters<typeof rawBodyOf>[0], pool: WorkPool | null): Promise<ValidateWork> {
  const body = rawBodyOf(req);
  if (!pool || body.bytes.byteLength < INLINE_BODY_BYTES) return unwrap(validateWork(body));
  const m = moved(body);
  const r = await inPool(pool, { kind: 'validate', body: m.body }, m.transfer);
  if (r.kind !== 'done') throw workUnavailable();
  return unwrap(r.work as Work<ValidateWork>);
}

/** The workbook's current revision and its row count; revision 0 before its first sync. */
async function currentOf(store: Store, workbookId: number): Promise<{ revision: number; rows: number }> {
  const got = await store.db.query<{ revision: number; counts: Record<string, number> | string }>(
    `SELECT r.revision, r.counts FROM workbooks w
       JOIN revisions r ON r.workbook_id = w.id AND r.revision = w.current_revision
      WHERE w.id = $1`,
    [workbookId],
  );
  const row = got[0];
  if (!row) return { revision: 0, rows: 0 };
  const counts = typeof row.counts === 'string' ? (JSON.parse(row.counts) as Record<string, number>) : row.counts;
  return { revision: row.revision, rows: Object.values(counts).reduce((n, c) => n + (Number(c) || 0), 0) };
}

/** A stored revision as its chunks' text, one chunk per query (the embedded engine's memory stays low). */
async function storedText(store: Store, workbookId: number, revision: number): Promise<StoredText | null> {
  const head = await store.db.query<{ settings: Record<string, unknown> }>(
    'SELECT settings FROM revisions WHERE workbook_id = $1 AND revision = $2',
    [workbookId, revision],
  );
  if (!head[0]) return null;
  const index = await store.db.query<{ sheet: string; hash: string }>(
    'SELECT sheet, hash FROM revision_chunks WHERE workbook_id = $1 AND revision = $2 ORDER BY sheet, chunk',
    [workbookId, revision],
  );
  const chunks: StoredText['chunks'] = [];
  const encoder = new TextEncoder();
  for (const { sheet, hash } of index) {
    const got = await store.db.query<{ text: string }>(
      'SELECT rows::text AS text FROM chunks WHERE workbook_id = $1 AND hash = $2',
      [workbookId, hash],
    );
    // Each chunk's text is let go as soon as it is encoded: the main thread holds the bytes only.
    if (got[0]) chunks.push({ sheet, bytes: encoder.encode(got[0].text) });
  }
  return { settings: head[0].settings, chunks };
}

/** The chunks' buffers, to move to the worker with the task. */
const storedBuffers = (stored: StoredText): ArrayBuffer[] =>
  stored.chunks.map((c) => c.bytes.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);

/**
 * A task on one stored revision, in the worker that keeps the workbook's read registries: it answers
 * from what it keeps, or asks for the revision, which is then read from the store and moved to it.
 * Null when the revision is gone from the store.
 */
async function onRevision(
  pool: WorkPool,
  store: Store,
  task: Extract<Task, { kind: 'figures' | 'issues' }>,
): Promise<Work<unknown> | null> {
  let r = await inPool(pool, task, [], task.workbookId);
  if (r.kind === 'stored') {
    const stored = await storedText(store, task.workbookId, task.revision);
    if (!stored) return null;
    r = await inPool(pool, { ...task, stored }, storedBuffers(stored), task.workbookId);
  }
  if (r.kind !== 'done') throw workUnavailable();
  return r.work;
}

/**
 * The file of a revision's figures (indicators or the monthly summary), with the revision it was
 * made from; null before the workbook's first sync. Large revisions are read and computed in the
 * worker that keeps the workbook's read registry; small ones here, from `cache`.
 */
export async function figuresOf(
  store: Store,
  cache: RegistryCache,
  pool: WorkPool | null,
  workbookId: number,
  ask: FiguresAsk,
): Promise<{ revision: number; file: FileWork } | null> {
  const head = await currentOf(store, workbookId);
  if (head.revision === 0) return null;
  if (!pool || head.rows < INLINE_ROWS) {
    const current = await cache.current(store, workbookId, head.revision);
    if (!current) return null;
    return { revision: current.revision, file: unwrap(await figuresWork(current, ask)) };
  }
  const work = await onRevision(pool, store, { kind: 'figures', workbookId, revision: head.revision, ask });
  return work && { revision: head.revision, file: unwrap(work as Work<FileWork>) };
}

/** The row count of a workbook's revision; null when it has no such revision. */
async function revisionRows(store: Store, workbookId: number, revision: number): Promise<number | null> {
  const got = await store.db.query<{ counts: Record<string, number> | string }>(
    'SELECT counts FROM revisions WHERE workbook_id = $1 AND revision = $2',
    [workbookId, revision],
  );
  const row = got[0];
  if (!row) return null;
  const counts = typeof row.counts === 'string' ? (JSON.parse(row.counts) as Record<string, number>) : row.counts;
  return Object.values(counts).reduce((n, c) => n + (Number(c) || 0), 0);
}

/**
 * A page of a stored revision's issues; null when the workbook has no such revision. From `cache`
 * (the latest syncs' lists) when there; a small revision is validated again here, a large one in the
 * worker that keeps the workbook's lists (the event loop is not held, and only the page comes back).
 */
export async function revisionIssuesOf(
  store: Store,
  cache: IssueCache,
  pool: WorkPool | null,
  workbookId: number,
  page: { revision: number; offset: number; limit: number },
): Promise<IssueSlice | null> {
  const hit = cache.get(workbookId, page.revision);
  if (hit) return issueSlice(hit, page.offset, page.limit);
  const rows = await revisionRows(store, workbookId, page.revision);
  if (rows === null) return null;
  if (!pool || rows < INLINE_ROWS) {
    const issues = await revisionIssues(store, cache, workbookId, page.revision);
    return issues && issueSlice(issues, page.offset, page.limit);
  }
  const work = await onRevision(pool, store, { kind: 'issues', workbookId, ...page });
  return work && unwrap(work as Work<IssueSlice>);
}
