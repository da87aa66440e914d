// The CPU-heavy part of a request, as plain functions of plain data: reading a sync or validate body
// (JSON parse, the payload checks, validation, serialisation) and the figures of a stored revision
// (validation of the stored rows, indicators, the monthly summary and its file). They run in a
// worker thread for large inputs (worker.ts, worker-pool.ts) and inline for small ones, the same
// code either way. Faults are values (`WorkFault`), turned into the usual JSON error by the route.
import { validateRegistry, validationReport } from '../../core/validate';
import type { Issue, ValidationReport } from '../../core/issues';
import { makePeriod, type PeriodRequest } from '../../core/dates/fiscal';
import { computeIndicators, excludedRowsOf } from '../../core/indicators';
import { buildMonthlySummary, SummaryError } from '../../core/summary';
import { SHEET_KEYS, type SheetKey } from '../../core/registry/definition';
import type { RawRow } from '../../core/registry/records';
import { exportIndicators, exportSummary, type SummaryFormat } from '../../reports';
import { unstorable } from '../store/values';
import { readSnapshot, rowCounts, toRaw, type RowCounts, type SerializedSnapshot } from '../snapshot';
import { prepareSync } from '../sync';
import type { ReadRevision } from './registry-cache';

/** A fault to answer as `{"error":{code,message,...extra}}` with `status`. */
export interface WorkFault {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, unknown>;
}
export type Work<T> = { ok: true; value: T } | { ok: false; fault: WorkFault };

const fault = (status: number, code: string, message: string, extra?: Record<string, unknown>): Work<never> => ({
  ok: false,
  fault: { status, code, message, ...(extra ? { extra } : {}) },
});

/** A request body as received: its bytes (still encoded) and the charset its Content-Type names. */
export interface RawBody {
  bytes: Uint8Array;
  charset: string | null;
}

/** What the sync route answers and stores; the parsed body and the read registry stay behind. */
export interface SyncWork {
  baseRevision: number | null;
  counts: RowCounts;
  serialized: SerializedSnapshot;
  issues: Issue[];
  notices: Issue[];
  excludedRows: number;
}

export interface ValidateWork {
  report: ValidationReport;
  counts: RowCounts;
}

const MALFORMED =
  'リクエストの本文を JSON として読めません。JSON の書き方（括弧や引用符の対応など）を確認してください。';

/**
 * The body as JSON, read as express.json({strict: true}) reads it: UTF-8 (or another UTF), a BOM
 * dropped, an empty body is {}, and only an object or an array at the top.
 */
function parseJson(body: RawBody): Work<unknown> {
  const charset = (body.charset ?? 'utf-8').toLowerCase();
  let text: string;
  try {
    if (!charset.startsWith('utf-')) throw new RangeError(charset);
    text = new TextDecoder(charset).decode(body.bytes);
    // The bytes are not needed once decoded: let them go before the parse makes its objects.
    body.bytes = new Uint8Array(0);
  } catch {
    return fault(
      415,
      'body.encoding',
      'この文字コードや圧縮形式には対応していません。UTF-8 の JSON を送ってください。',
    );
  }
  if (text.length === 0) return { ok: true, value: {} };
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
  if (first !== '{' && first !== '[') return fault(400, 'json.malformed', MALFORMED);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fault(400, 'json.malformed', MALFORMED);
  }
}

/** The parsed body as a snapshot, after the store's value checks (store.storableBody's). */
function snapshotOf(body: RawBody, allowBaseRevision: boolean) {
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed;
  const bad = unstorable(parsed.value);
  if (bad) return fault(422, bad.code, bad.message, { details: bad.details });
  const read = readSnapshot(parsed.value, allowBaseRevision);
  if (!read.ok) {
    // Whatever else the reader tells (details, counts) goes into the answer beside code and message.
    const extra: Record<string, unknown> = { ...read };
    for (const k of ['ok', 'status', 'code', 'message']) delete extra[k];
    return fault(read.status, read.code, read.message, extra);
  }
  return { ok: true as const, value: read };
}

/** POST /sync's work: the body read, checked, validated and serialised. */
export function syncWork(body: RawBody): Work<SyncWork> {
  const read = snapshotOf(body, true);
  if (!read.ok) return read;
  const prepared = prepareSync(read.value.snapshot, read.value.baseRevision);
  const { outcome } = prepared;
  return {
    ok: true,
    value: {
      baseRevision: prepared.baseRevision,
      counts: prepared.counts,
      serialized: prepared.serialized,
      issues: outcome.issues,
      notices: outcome.read.notices,
      excludedRows: excludedRowsOf(outcome.read.registry, outcome.read),
    },
  };
}

/** POST /validate's work. */
export function validateWork(body: RawBody): Work<ValidateWork> {
  const read = snapshotOf(body, false);
  if (!read.ok) return read;
  const { issues } = validateRegistry(toRaw(read.value.snapshot));
  return { ok: true, value: { report: validationReport(issues), counts: rowCounts(read.value.snapshot) } };
}

/** A stored revision as text: its settings and each chunk's rows, as stored (JSON arrays). */
export interface StoredText {
  settings: Record<string, unknown>;
  chunks: Array<{ sheet: string; text: string }>;
}

/** A stored revision read and validated: what the figures are computed from. */
export function readStored(revision: number, stored: StoredText): ReadRevision {
  const sheets = Object.fromEntries(SHEET_KEYS.map((k) => [k, [] as RawRow[]])) as Record<SheetKey, RawRow[]>;
  for (const c of stored.chunks) {
    const target = sheets[c.sheet as SheetKey];
    if (target) for (const r of JSON.parse(c.text) as RawRow[]) target.push(r);
  }
  const { read } = validateRegistry(toRaw({ settings: stored.settings, sheets }));
  return { revision, registry: read.registry, read: { faults: read.faults, warnings: read.warnings } };
}

export type FiguresAsk =
  | { what: 'indicators'; request: PeriodRequest }
  | { what: 'summary'; month: string; public: boolean; format: SummaryFormat };

/** A file to send: its bytes, type and name. */
export interface FileWork {
  contentType: string;
  filename: string;
  body: Uint8Array;
}

const badQuery = (message: string) => fault(400, 'query.invalid', message);

/** GET /indicators' and GET /summaries/:month's work on a read revision: the file to send. */
export async function figuresWork(current: ReadRevision, ask: FiguresAsk): Promise<Work<FileWork>> {
  if (ask.what === 'indicators') {
    const period = makePeriod(ask.request, current.registry.settings.fiscalYearStartMonth);
    if (!period.ok) return badQuery(period.message);
    const doc = computeIndicators(current.registry, period.period, current.read);
    // The very bytes `kasane indicators --format json` writes.
    const file = await exportIndicators(doc, 'json');
    return { ok: true, value: file };
  }
  let summary;
  try {
    summary = buildMonthlySummary(current.registry, ask.month, { read: current.read, public: ask.public });
  } catch (e) {
    // A well-formed month whose comparison periods cannot be made (a fiscal year before 1900).
    if (e instanceof SummaryError) return badQuery(e.message);
    throw e;
  }
  const file = await exportSummary(summary, ask.format);
  return { ok: true, value: file };
}
