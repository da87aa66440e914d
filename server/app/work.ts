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
import { SHEET_KEYS, isSheetKey, sheetDef, type SheetKey } from '../../core/registry/definition';
import type { RawRow } from '../../core/registry/records';
import { exportIndicators, exportSummary, type SummaryFormat } from '../../reports';
import { unstorable } from '../store/values';
import {
  packSnapshot,
  readSnapshot,
  rowCounts,
  toRaw,
  type PackedSnapshot,
  type RowCounts,
  type SerializedSnapshot,
} from '../snapshot';
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

/** Issues in a /sync or /validate answer; the rest are counted (and paged from the stored revision). */
export const ISSUES_IN_ANSWER = 200;

export type IssueCounts = Record<string, number>;

export function issueCounts(issues: readonly Issue[]): IssueCounts {
  const counts: IssueCounts = {};
  for (const i of issues) counts[i.code] = (counts[i.code] ?? 0) + 1;
  return counts;
}

/**
 * What the sync route answers and stores; the parsed body and the read registry stay behind.
 * `issues` holds every issue only when `complete` (always when the work ran inline, on a small
 * body); from the worker (packedSyncWork) it holds the first ISSUES_IN_ANSWER, so a body with millions of issues never crosses to
 * the main thread whole (GET /revisions/{revision}/issues pages them from the store).
 */
export interface SyncWork {
  baseRevision: number | null;
  counts: RowCounts;
  serialized: SerializedSnapshot;
  issues: Issue[];
  complete: boolean;
  issueTotal: number;
  issueCounts: IssueCounts;
  notices: Issue[];
  excludedRows: number;
}

/** /validate's answer: the report with its first ISSUES_IN_ANSWER issues (ok judged on all of them). */
export interface ValidateWork {
  report: ValidationReport;
  issueTotal: number;
  issueCounts: IssueCounts;
  counts: RowCounts;
}

/**
 * Google Sheets holds at most 10 million cells in a spreadsheet: a snapshot with more cells (rows
 * times each sheet's columns, its PII columns included) cannot come from one, and is refused before
 * any row is checked, so a body of millions of tiny rows is answered in bounded time and memory.
 */
export const MAX_CELLS = 10_000_000;

function tooLarge(value: unknown): Work<never> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  let cells = 0;
  let rows = 0;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isSheetKey(key) || !Array.isArray(v)) continue;
    rows += v.length;
    cells += v.length * sheetDef(key).columns.length;
  }
  if (cells <= MAX_CELLS) return null;
  return fault(
    413,
    'registry.tooLarge',
    `送られた台帳は ${rows.toLocaleString('en-US')} 行・約 ${Math.ceil(cells / 10_000).toLocaleString('en-US')} 万セルで、スプレッドシート 1 つに入る上限（1,000 万セル）を超えています。ワークブックの内容を確かめてください。`,
    { rows, cells, maxCells: MAX_CELLS },
  );
}

const MALFORMED =
  'リクエストの本文を JSON として読めません。JSON の書き方（括弧や引用符の対応など）を確認してください。';

/**
 * A full collection of the worker's heap, or nothing (inline work on the main thread). The heap of
 * a large sync holds, one after the other, the body's bytes, its decoded text (twice the bytes for
 * Japanese text), the parsed rows and the validation's read registry: each is garbage once the next
 * is made, but V8 collects it only when its heuristics say so, long after the next one has grown on
 * top of it (a worker's old generation may reach 512 MB). Collecting at those points keeps one of
 * them alive at a time: the 66 MB sample sync's peak is about 100 MB lower.
 */
let collect: () => void = () => undefined;

/** Bodies from this size on are collected between their steps (a smaller one leaves little garbage). */
export const COLLECT_FROM_BYTES = 8 * 1024 * 1024;

/** Installs the collector (worker.ts does, in a worker thread). */
export function collectGarbageWith(fn: () => void): void {
  collect = fn;
}

/**
 * The first character that is not JSON whitespace. A loop, not a regular expression: RegExp keeps
 * its last input (RegExp.input), which would hold the whole decoded body alive after the parse.
 */
function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return text[i];
  }
  return undefined;
}

/**
 * The body as JSON, read as express.json({strict: true}) reads it: UTF-8 (or another UTF), a BOM
 * dropped, an empty body is {}, and only an object or an array at the top.
 */
function parseJson(body: RawBody, large: boolean): Work<unknown> {
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
  if (large) collect();
  if (text.length === 0) return { ok: true, value: {} };
  const first = firstNonSpace(text);
  if (first !== '{' && first !== '[') return fault(400, 'json.malformed', MALFORMED);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fault(400, 'json.malformed', MALFORMED);
  }
}

/** The parsed body as a snapshot, after the store's value checks (values.ts unstorable). */
function snapshotOf(body: RawBody, allowBaseRevision: boolean) {
  const large = body.bytes.byteLength >= COLLECT_FROM_BYTES;
  const parsed = parseJson(body, large);
  if (!parsed.ok) return parsed;
  // The decoded text is garbage from here.
  if (large) collect();
  const big = tooLarge(parsed.value);
  if (big) return big;
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

/** POST /sync's work: the body read, checked, validated and serialised, with every issue (inline). */
export function syncWork(body: RawBody): Work<SyncWork> {
  const read = snapshotOf(body, true);
  if (!read.ok) return read;
  const prepared = prepareSync(read.value.snapshot, read.value.baseRevision);
  const { outcome } = prepared;
  const { issues } = outcome;
  return {
    ok: true,
    value: {
      baseRevision: prepared.baseRevision,
      counts: prepared.counts,
      serialized: prepared.serialized,
      issues,
      complete: true,
      issueTotal: issues.length,
      issueCounts: issueCounts(issues),
      notices: outcome.read.notices,
      excludedRows: excludedRowsOf(outcome.read.registry, outcome.read),
    },
  };
}

/** SyncWork as a worker hands it over: the chunks as UTF-8 bytes (moved), the first issues only. */
export type PackedSyncWork = Omit<SyncWork, 'serialized'> & { packed: PackedSnapshot };

/**
 * POST /sync's work in a worker, in the order that holds the least at once: the rows are validated
 * and the read registry let go (only the first issues, the counts and the notices are kept) before
 * the rows are serialised, as UTF-8 (half the memory of the text, and moved to the main thread).
 */
export function packedSyncWork(body: RawBody): Work<PackedSyncWork> {
  const large = body.bytes.byteLength >= COLLECT_FROM_BYTES;
  const read = snapshotOf(body, true);
  if (!read.ok) return read;
  const { snapshot, baseRevision } = read.value;
  const answer = (() => {
    const outcome = validateRegistry(toRaw(snapshot));
    const { issues } = outcome;
    return {
      issues: issues.slice(0, ISSUES_IN_ANSWER),
      complete: issues.length <= ISSUES_IN_ANSWER,
      issueTotal: issues.length,
      issueCounts: issueCounts(issues),
      notices: outcome.read.notices,
      excludedRows: excludedRowsOf(outcome.read.registry, outcome.read),
    };
  })();
  // The validation's read registry and its issues are garbage before the chunks are made.
  if (large) collect();
  return { ok: true, value: { baseRevision, counts: rowCounts(snapshot), ...answer, packed: packSnapshot(snapshot) } };
}

/** POST /validate's work. */
export function validateWork(body: RawBody): Work<ValidateWork> {
  const read = snapshotOf(body, false);
  if (!read.ok) return read;
  const { issues } = validateRegistry(toRaw(read.value.snapshot));
  const report = { ...validationReport(issues), issues: issues.slice(0, ISSUES_IN_ANSWER) };
  return {
    ok: true,
    value: {
      report,
      issueTotal: issues.length,
      issueCounts: issueCounts(issues),
      counts: rowCounts(read.value.snapshot),
    },
  };
}

/**
 * A stored revision as read from the store: its settings and each chunk's rows as stored (JSON
 * arrays), as UTF-8 bytes: half the memory of the text, and moved (not copied) to the worker.
 */
export interface StoredText {
  settings: Record<string, unknown>;
  chunks: Array<{ sheet: string; bytes: Uint8Array }>;
}

function validateStored(stored: StoredText) {
  const sheets = Object.fromEntries(SHEET_KEYS.map((k) => [k, [] as RawRow[]])) as Record<SheetKey, RawRow[]>;
  const decoder = new TextDecoder();
  for (const c of stored.chunks) {
    const target = sheets[c.sheet as SheetKey];
    if (target) for (const r of JSON.parse(decoder.decode(c.bytes)) as RawRow[]) target.push(r);
  }
  return validateRegistry(toRaw({ settings: stored.settings, sheets }));
}

/** A stored revision read and validated: what the figures are computed from. */
export function readStored(revision: number, stored: StoredText): ReadRevision {
  const { read } = validateStored(stored);
  return {
    revision,
    registry: read.registry,
    read: {
      faults: read.faults,
      warnings: read.warnings,
      publicWarnings: read.publicWarnings,
      absentColumns: read.absentColumns,
    },
  };
}

/** A stored revision's issues: the validation of its rows, the same list its sync answered. */
export function storedIssues(stored: StoredText): Issue[] {
  return validateStored(stored).issues;
}

/** A page of an issue list: the slice from `offset`, with the list's total and counts by code. */
export interface IssueSlice {
  total: number;
  issueCounts: IssueCounts;
  issues: Issue[];
}

export function issueSlice(issues: readonly Issue[], offset: number, limit: number): IssueSlice {
  return { total: issues.length, issueCounts: issueCounts(issues), issues: issues.slice(offset, offset + limit) };
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
