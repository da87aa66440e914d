// What the offline page computes, without the DOM: the registry read from the dropped file by the
// same reader as the CLI (the browser's inflating only), validated and counted by core, the period
// read as clerks write it. Every figure the page shows comes from here, so it equals
// `kasane indicators` / `kasane summary` on the same file (tests/reports/page.test.ts).
import type { Issue } from '../../core/issues';
import { SHEETS, columnLabel, sheetDef, type SheetKey } from '../../core/registry/definition';
import { fromInterchange } from '../../core/registry/interchange';
import type { RawRegistry } from '../../core/registry/records';
import { settingsBlockingFigures } from '../../core/registry/read';
import { validateRegistry, type ValidationOutcome } from '../../core/validate';
import { todayInJapan } from '../../core/dates/calendar';
import {
  fiscalYearLabel,
  fiscalYearOf,
  makePeriod,
  monthLabel,
  type Period,
  type PeriodRequest,
} from '../../core/dates/fiscal';
import { periodRequestOf as requestOfTexts } from '../../core/dates/period-request';
import { parseMonthText } from '../../core/dates/period-text';
import { computeIndicators, type IndicatorsDoc } from '../../core/indicators/compute';
import { buildMonthlySummary, SummaryError } from '../../core/summary/build';
import type { MonthlySummary } from '../../core/summary/types';
import { readRegistryXlsxWeb } from '../../sheets-templates/xlsx/read-xlsx-web';
import { faultOfExtension, WORKBOOK_EXTENSIONS } from '../../sheets-templates/xlsx/file-kind';

/** The registry as read from the file, validated; `blocking`: settings the figures cannot go without. */
export interface Loaded {
  ok: true;
  fileName: string;
  outcome: ValidationOutcome;
  blocking: Issue[];
}
export type LoadResult = Loaded | { ok: false; message: string };

const XLSX_ONLY =
  'Excel の台帳（.xlsx）を選んでください。Google スプレッドシートの台帳は「ファイル → ダウンロード → Microsoft Excel (.xlsx)」で保存できます。';

/** Where the dropped bytes come from decides how they are read, as the CLI decides by extension. */
async function rawOf(fileName: string, bytes: Uint8Array): Promise<{ raw: RawRegistry } | { message: string }> {
  const ext = /\.[^.]*$/.exec(fileName.toLowerCase())?.[0] ?? '';
  if (WORKBOOK_EXTENSIONS.includes(ext)) {
    const r = await readRegistryXlsxWeb(bytes);
    return r.ok ? { raw: r.raw } : { message: r.message };
  }
  if (ext === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    } catch {
      return { message: 'JSON として読めません。ファイルが壊れていないか確認してください。' };
    }
    const r = fromInterchange(json);
    return r.ok ? { raw: r.raw } : { message: r.message };
  }
  return { message: faultOfExtension(ext)?.message ?? XLSX_ONLY };
}

/** Reads and validates a registry file's bytes; a file that cannot be read is a Japanese message. */
export async function loadRegistry(fileName: string, bytes: Uint8Array): Promise<LoadResult> {
  const r = await rawOf(fileName, bytes);
  if ('message' in r) return { ok: false, message: `${fileName}: ${r.message}` };
  const outcome = validateRegistry(r.raw);
  const blocking = settingsBlockingFigures(outcome.read.issues);
  return { ok: true, fileName, outcome, blocking };
}

/** The period as the clerk wrote it in the page (年度 or 月, and an optional 基準日). */
export type PeriodChoice =
  { kind: 'fiscalYear'; year: string; asOf: string } | { kind: 'month'; month: string; asOf: string };

/** The period input a fault is in, so the page can mark that field (the 基準日 or the 年度/月 beside it). */
export type PeriodInput = 'year' | 'month' | 'asOf';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; field?: PeriodInput };

const INPUT_OF = { fiscalYear: 'year', month: 'month', asOf: 'asOf' } as const;

/** 令和7年度, R7.5, 令和8年1月31日 … read by core/dates/period-request.ts, as the CLI reads its options. */
export function periodRequestOf(choice: PeriodChoice): Parsed<PeriodRequest> {
  const asOf = choice.asOf.trim() === '' ? undefined : choice.asOf;
  const r = requestOfTexts(
    choice.kind === 'fiscalYear' ? { fiscalYear: choice.year, asOf } : { month: choice.month, asOf },
  );
  if (r.ok) return { ok: true, value: r.request };
  return r.field ? { ok: false, message: r.message, field: INPUT_OF[r.field] } : { ok: false, message: r.message };
}

/** The indicators of a period, exactly as `kasane indicators` computes them. */
export function indicatorsOf(loaded: Loaded, choice: PeriodChoice): Parsed<IndicatorsDoc> {
  const req = periodRequestOf(choice);
  if (!req.ok) return req;
  const read = loaded.outcome.read;
  const p = makePeriod(req.value, read.registry.settings.fiscalYearStartMonth);
  // A period read but refused: a 基準日 before its first day, else the year or month itself.
  if (!p.ok)
    return { ok: false, message: p.message, field: p.message.startsWith('基準日') ? 'asOf' : INPUT_OF[req.value.kind] };
  return { ok: true, value: computeIndicators(read.registry, p.period, read) };
}

/** The 月次集計 of a month, exactly as `kasane summary` builds it. */
export function summaryOf(loaded: Loaded, monthText: string, isPublic: boolean): Parsed<MonthlySummary> {
  const m = parseMonthText(monthText);
  if (!m.ok) return m;
  const read = loaded.outcome.read;
  try {
    return { ok: true, value: buildMonthlySummary(read.registry, m.value, { read, public: isPublic }) };
  } catch (e) {
    if (e instanceof SummaryError) return { ok: false, message: e.message };
    throw e;
  }
}

/** `令和7年度（2025-04-01〜2026-03-31）`, with the cut-off when it shortens the period. */
export function periodLine(p: Period): string {
  const cut = p.asOf !== null && p.end !== p.to ? `、${p.end}時点` : '';
  return `${p.label}（${p.from}〜${p.to}${cut}）`;
}

/** A figure as the CLI's text table shows it: 1,234 or 4.2; a rate without population is explained. */
export function shownValue(value: number | null): string {
  if (value === null) return '—（人口未設定）';
  return value.toLocaleString('ja-JP', { maximumFractionDigits: 3 });
}

/** `指標_令和7年度.csv`, `指標_2025年5月_2025-05-20時点.csv`. */
export function indicatorsFileName(doc: IndicatorsDoc): string {
  const p = doc.period;
  return `指標_${p.label}${p.asOf !== null ? `_${p.asOf}時点` : ''}.csv`;
}

/** `月次集計_2025-05_公表用.csv` (or .html): the month and which kind, so the two are never confused. */
export function summaryFileName(s: MonthlySummary, ext: 'csv' | 'html'): string {
  return `月次集計_${s.month}_${s.public ? '公表用' : '内部用'}.${ext}`;
}

/** What the URL fragment asks for: `#fiscalYear=2025&asOf=2026-01-31`, `#month=2025-05&public=1`. */
export interface FragmentRequest {
  choice?: PeriodChoice;
  public?: boolean;
}

export function fragmentRequest(hash: string): FragmentRequest {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const out: FragmentRequest = {};
  const asOf = q.get('asOf') ?? '';
  const month = q.get('month');
  const year = q.get('fiscalYear');
  if (month !== null) out.choice = { kind: 'month', month, asOf };
  else if (year !== null) out.choice = { kind: 'fiscalYear', year, asOf };
  const pub = q.get('public');
  if (pub !== null) out.public = ['1', 'true', 'yes', '公表用'].includes(pub);
  return out;
}

/** The fragment that asks for this period again (what the page puts in its address for a bookmark). */
export function fragmentOf(doc: IndicatorsDoc, isPublic: boolean): string {
  const p = doc.period;
  const q = new URLSearchParams();
  q.set(p.kind === 'fiscalYear' ? 'fiscalYear' : 'month', p.value);
  if (p.asOf !== null) q.set('asOf', p.asOf);
  if (isPublic) q.set('public', '1');
  return `#${q.toString()}`;
}

const SHEET_NAME = new Map<string, string>(SHEETS.map((s) => [s.key, s.name]));
const SETTINGS_COLUMNS: Record<string, string> = { item: '項目', value: '値' };

/** An issue's place in the clerk's words: the sheet's name, the row, the column's heading. */
export function issuePlace(i: Issue): { sheet: string; row: string; column: string } {
  const sheet =
    i.sheet === 'registry' ? '台帳全体' : i.sheet === 'settings' ? '設定' : (SHEET_NAME.get(i.sheet) ?? i.sheet);
  let column = '';
  if (i.column !== null) {
    if (i.sheet === 'settings') column = SETTINGS_COLUMNS[i.column] ?? i.column;
    else if (i.sheet !== 'registry' && SHEET_NAME.has(i.sheet))
      column = columnLabel(sheetDef(i.sheet as SheetKey), i.column);
    else column = i.column;
  }
  return { sheet, row: i.row === null ? '' : String(i.row), column };
}

/** What the period inputs hold before a fragment or the clerk says otherwise: this 年度, last month. */
export function defaultChoices(now: Date): { year: string; month: string } {
  const today = todayInJapan(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { year: fiscalYearLabel(fiscalYearOf(today)), month: monthLabel(last) };
}
