// The figures dialog (「指標を作成」 and 「月次集計を作成」): periods typed as clerks write them, read
// back live with core's parsers and, on 作成, read by core's one reading of a period
// (period-request.ts, as the CLI and the API read theirs); Apps Script gets the period as data
// (`{"fiscalYear": 2025, "asOf": "2026-01-31"}`), checks it and writes the sheet.
// The 月次集計 CSV comes back as text and is saved here with a Blob and <a download>, so the add-on
// needs no Drive scope.
import { makePeriod, type PeriodRequest } from '../../core/dates/fiscal';
import { parseFiscalYearText, parseMonthText } from '../../core/dates/period-text';
import { periodRequestOf, type PeriodTexts } from '../../core/dates/period-request';
import { asOfDefault, asOfHint, periodOfTexts } from '../../reports/page/as-of';
import { isFailure, type Failure } from '../errors';
import type { CsvDownload } from '../figures/types';
import type { Calls } from '../calls';
import type { IndicatorsRequest, SummaryRequest } from '../figures/request';
import { call } from './bridge';
import { byId, say, showErrors } from './dom';

declare const google: { script: { host: { close(): void } } };

type Mode = 'indicators' | 'summary';

const main = byId('ready');
const mode: Mode = main.dataset.mode === 'summary' ? 'summary' : 'indicators';
const indicatorsForm = byId<HTMLFormElement>('indicators-form');
const summaryForm = byId<HTMLFormElement>('summary-form');
let startMonth = 4;
/** Today in Japan, from Apps Script; the 基準日 offered follows the period until the clerk types one. */
let today = '';
let asOfTyped = false;

const input = (id: string) => byId<HTMLInputElement>(id);
const checked = (form: HTMLFormElement, name: string): string =>
  form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';

/** What a typed period reads as, under its field; the request itself is read again in Apps Script. */
function periodHint(kind: 'fiscalYear' | 'month', text: string): string {
  if (!text.trim()) return kind === 'fiscalYear' ? '例: 令和7年度、R7、2025' : '例: 令和7年5月、R7.5、2025-05';
  const parsed = kind === 'fiscalYear' ? parseFiscalYearText(text) : parseMonthText(text);
  if (!parsed.ok) return '→ 読めません（作成を押すと理由を示します）';
  const req: PeriodRequest =
    kind === 'fiscalYear' ? { kind, year: parsed.value as number } : { kind, month: parsed.value as string };
  const r = makePeriod(req, startMonth);
  return r.ok ? `→ ${r.period.label}（${r.period.from}〜${r.period.to}）` : `→ ${r.message}`;
}

/** The period typed in the 指標 form, without its 基準日 (undefined while it cannot be read). */
function typedPeriod() {
  return periodOfTexts(
    periodKind() === 'fiscalYear' ? { fiscalYear: input('f-fiscalYear').value } : { month: input('f-month').value },
    startMonth,
  );
}

/** The 基準日 as it will be used: after the period's end the count stops at the end, and says so. */
function dayHint(text: string): string {
  if (!text.trim()) return '空欄なら期間の末日までを数えます。例: 令和8年1月31日、2026-01-31';
  return asOfHint(text, typedPeriod());
}

/** Until the clerk types a 基準日, the one offered is today, but never after the chosen period's end. */
function followPeriod(): void {
  const p = typedPeriod();
  if (asOfTyped || !today || !p) return;
  input('f-asOf').value = asOfDefault(today, p);
}

const hints: Array<() => void> = [];
function live(hint: string, text: () => string): void {
  const update = () => (byId(hint).textContent = text());
  hints.push(update);
  update();
}
/** Any change in the 指標 form: the offered 基準日 follows the period, and every reading is said again. */
function refreshHints(): void {
  followPeriod();
  for (const update of hints) update();
}

function periodKind(): 'fiscalYear' | 'month' {
  return checked(indicatorsForm, 'kind') === 'month' ? 'month' : 'fiscalYear';
}

function showKind(): void {
  const kind = periodKind();
  byId('field-fiscalYear').hidden = kind !== 'fiscalYear';
  byId('field-month').hidden = kind !== 'month';
  refreshHints();
}

function audienceHint(): void {
  byId('hint-audience').textContent =
    checked(summaryForm, 'audience') === 'public'
      ? '公表用: 小さな数（1〜しきい値−1）を「*」にし、合計から逆算できる値も隠します。'
      : '内部用: 秘匿処理をしません。外部に公表しないでください。';
}

function busy(form: HTMLFormElement, on: boolean): void {
  form.querySelectorAll('button').forEach((b) => (b.disabled = on));
}

/** Runs a google.script.run target; a Failure's field messages go next to their fields. */
type FigureCall = 'writeIndicatorsSheet' | 'writeMonthlySummarySheet' | 'getMonthlySummaryCsv';

async function run<K extends FigureCall>(
  form: HTMLFormElement,
  fn: K,
  request: Parameters<Calls[K]>[0],
  working: string,
): Promise<Exclude<ReturnType<Calls[K]>, Failure> | null> {
  showErrors(form, {});
  busy(form, true);
  say('info', working);
  try {
    // The three calls take one request each: the tuple is the call's own argument list.
    const r = await call(fn, ...([request] as Parameters<Calls[K]>));
    if (isFailure(r)) {
      showErrors(form, r.errors);
      say('error', r.message);
      return null;
    }
    return r as Exclude<ReturnType<Calls[K]>, Failure>;
  } catch (e) {
    say(
      'error',
      `Apps Script に接続できませんでした。もう一度お試しください。（${e instanceof Error ? e.message : String(e)}）`,
    );
    return null;
  } finally {
    busy(form, false);
  }
}

/**
 * The typed period as the request Apps Script takes, or undefined after showing why it cannot be
 * read next to its field (what the script would have said: the same core reading).
 */
function periodOfForm(form: HTMLFormElement, texts: PeriodTexts): PeriodRequest | undefined {
  const r = periodRequestOf(texts);
  if (r.ok) return r.request;
  showErrors(form, { [r.field ?? (texts.month === undefined ? 'fiscalYear' : 'month')]: r.message });
  say('error', r.message);
  return undefined;
}

function indicatorsRequest(): IndicatorsRequest | undefined {
  const asOf = input('f-asOf').value.trim() || undefined;
  const texts: PeriodTexts =
    periodKind() === 'fiscalYear'
      ? { fiscalYear: input('f-fiscalYear').value, asOf }
      : { month: input('f-month').value, asOf };
  const r = periodOfForm(indicatorsForm, texts);
  if (!r) return undefined;
  const asOfKey = r.asOf ? { asOf: r.asOf } : {};
  return r.kind === 'fiscalYear' ? { fiscalYear: r.year, ...asOfKey } : { month: r.month, ...asOfKey };
}

function summaryRequest(): SummaryRequest | undefined {
  const r = periodOfForm(summaryForm, { month: input('s-month').value });
  if (!r || r.kind !== 'month') return undefined;
  return { month: r.month, public: checked(summaryForm, 'audience') === 'public' };
}

indicatorsForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const request = indicatorsRequest();
  if (!request) return;
  void run(indicatorsForm, 'writeIndicatorsSheet', request, '指標を計算しています…').then(
    (r) => r && done(`「${r.sheet}」シートに ${r.rows} 行の指標を書きました。`, r.warnings),
  );
});

summaryForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const request = summaryRequest();
  if (!request) return;
  void run(summaryForm, 'writeMonthlySummarySheet', request, '月次集計を作っています…').then(
    (r) => r && done(`「${r.sheet}」シートに月次集計（${r.rows} 行）とグラフを書きました。`, r.warnings),
  );
});

/**
 * Done, with the 注意 the sheet or file carries (a ケース tab renamed: every case figure is 0) said
 * here too, where the clerk is looking, and not as a plain success.
 */
function done(text: string, warnings: readonly string[]): void {
  if (warnings.length) say('warn', `${text}ただし注意があります: ${warnings.join(' ')}`);
  else say('ok', text);
}

/** Saves text as a file: a Blob and a temporary <a download> (no Drive, no new permission). */
function download(file: CsvDownload): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has started the download by now; the URL is released on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

byId('download-csv').addEventListener('click', () => {
  const request = summaryRequest();
  if (!request) return;
  void run(summaryForm, 'getMonthlySummaryCsv', request, 'CSV を作っています…').then((r) => {
    if (!r) return;
    download(r);
    done(`CSV（${r.filename}）をダウンロードしました。`, r.warnings);
  });
});

document.querySelectorAll('button.close').forEach((b) => b.addEventListener('click', () => google.script.host.close()));
indicatorsForm.querySelectorAll('input[name="kind"]').forEach((r) => r.addEventListener('change', showKind));
summaryForm.querySelectorAll('input[name="audience"]').forEach((r) => r.addEventListener('change', audienceHint));

async function start(): Promise<void> {
  indicatorsForm.hidden = mode !== 'indicators';
  summaryForm.hidden = mode !== 'summary';
  try {
    const ctx = await call('getFiguresContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      busy(indicatorsForm, true);
      busy(summaryForm, true);
      return;
    }
    startMonth = ctx.fiscalYearStartMonth;
    // Defaults: the fiscal year of today and today as the 基準日; the last whole month for a summary.
    input('f-fiscalYear').value = ctx.fiscalYearLabel;
    input('f-month').value = ctx.monthLabel;
    today = ctx.today;
    input('f-asOf').value = ctx.today;
    input('f-asOf').addEventListener('input', () => (asOfTyped = true));
    indicatorsForm.addEventListener('input', refreshHints);
    summaryForm.addEventListener('input', refreshHints);
    input('s-month').value = ctx.monthLabel;
    live('hint-fiscalYear', () => periodHint('fiscalYear', input('f-fiscalYear').value));
    live('hint-month', () => periodHint('month', input('f-month').value));
    live('hint-asOf', () => dayHint(input('f-asOf').value));
    live('hint-s-month', () => periodHint('month', input('s-month').value));
    showKind();
    refreshHints();
    audienceHint();
  } catch (e) {
    say('error', `台帳の設定を読み込めませんでした。（${e instanceof Error ? e.message : String(e)}）`);
  } finally {
    main.dataset.ready = 'true';
  }
}

void start();
