// The offline page's DOM: a clerk drops the registry .xlsx, sees what is wrong with it, the
// indicators of a period and the 月次集計, and saves them as CSV. Everything is computed by
// model.ts (core and the shared reader) inside the page; nothing is fetched or sent, and the page's
// Content-Security-Policy (scripts/build-report.mjs) would refuse it if anything tried.
import type { IndicatorsDoc } from '../../core/indicators/compute';
import { resolveKey } from '../../core/indicators/catalog';
import type { MonthlySummary } from '../../core/summary/types';
import { todayInJapan } from '../../core/dates/calendar';
import { summaryHtml } from '../summary-html';
import { asOfHint, periodOfTexts } from './as-of';
import { issueLines, rowRanges, type IssueLine } from './issue-lines';
import {
  defaultChoices,
  fragmentOf,
  fragmentRequest,
  indicatorsFileName,
  indicatorsOf,
  issuePlace,
  loadRegistry,
  periodLine,
  shownValue,
  summaryFileName,
  summaryOf,
  type Loaded,
  type PeriodChoice,
  type PeriodInput,
} from './model';

/** What the page takes from the reports/ renderers that return bytes (see renderers.ts). */
export interface CsvRenderers {
  indicatorsCsv(doc: IndicatorsDoc): Uint8Array;
  summaryCsv(s: MonthlySummary): Uint8Array;
  leftOutOf(doc: IndicatorsDoc, key: string): number;
}

/** Issues listed on the page at most; a registry in a bad state can have tens of thousands. */
const ISSUES_SHOWN = 2000;

type Attrs = Record<string, string>;

/** A CSS string literal of any text (a town's name in a margin box). */
const cssString = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;

export function startPage(doc: Document, csv: CsvRenderers): void {
  const byId = <T extends HTMLElement>(id: string): T => {
    const e = doc.getElementById(id);
    if (!e) throw new Error(`#${id} がありません`);
    return e as T;
  };
  const h = (tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };

  const app = byId<HTMLElement>('app');
  const fileInput = byId<HTMLInputElement>('file');
  const drop = byId<HTMLElement>('drop');
  const fileStatus = byId<HTMLElement>('file-status');
  const sections = {
    check: byId<HTMLElement>('step-check'),
    indicators: byId<HTMLElement>('step-indicators'),
    summary: byId<HTMLElement>('step-summary'),
  };
  const periodForm = byId<HTMLFormElement>('period-form');
  const yearInput = byId<HTMLInputElement>('year');
  const monthInput = byId<HTMLInputElement>('month');
  const asOfInput = byId<HTMLInputElement>('as-of');
  const asOfNote = byId<HTMLElement>('as-of-hint');
  const periodError = byId<HTMLElement>('period-error');
  const summaryForm = byId<HTMLFormElement>('summary-form');
  const summaryMonth = byId<HTMLInputElement>('summary-month');
  const summaryError = byId<HTMLElement>('summary-error');
  const frame = byId<HTMLIFrameElement>('summary-frame');
  const indicatorsOut = byId<HTMLElement>('indicators-result');
  const summaryOut = byId<HTMLElement>('summary-result');
  const indicatorsStale = byId<HTMLElement>('indicators-stale');
  const summaryStale = byId<HTMLElement>('summary-stale');
  const indicatorButtons = ['save-indicators', 'print-indicators'].map((id) => byId<HTMLButtonElement>(id));
  const summaryButtons = ['save-summary-csv', 'save-summary-html', 'print-summary'].map((id) =>
    byId<HTMLButtonElement>(id),
  );
  const periodInputs: Record<PeriodInput, HTMLInputElement> = { year: yearInput, month: monthInput, asOf: asOfInput };
  const runningHead = doc.createElement('style');
  doc.head.append(runningHead);

  let loaded: Loaded | undefined;
  let indicators: IndicatorsDoc | undefined;
  let summary: MonthlySummary | undefined;

  const setStatus = (text: string, kind: 'busy' | 'ok' | 'error' | '') => {
    fileStatus.textContent = text;
    fileStatus.className = `status ${kind}`;
  };
  const showError = (where: HTMLElement, message: string) => {
    where.textContent = message;
    where.hidden = message === '';
  };
  /** The field a fault is in is marked (red, and aria-invalid naming the message); the others not. */
  const markInvalid = (inputs: HTMLInputElement[], faulty: HTMLInputElement | undefined, error: HTMLElement) => {
    for (const input of inputs) {
      input.setAttribute('aria-invalid', String(input === faulty));
      if (input === faulty) input.setAttribute('aria-describedby', error.id);
      else if (input.getAttribute('aria-describedby') === error.id) input.removeAttribute('aria-describedby');
    }
  };
  /**
   * A table shown, and saved as CSV, must be of the period the inputs now say: once an input of its
   * form changes, the table and its buttons go until the figures are made again (computing on every
   * keystroke would take seconds on a large registry), and a line says which button brings them back.
   */
  const goStale = (out: HTMLElement, buttons: HTMLButtonElement[], note: HTMLElement) => {
    if (out.hidden) return;
    out.hidden = true;
    for (const b of buttons) b.disabled = true;
    note.hidden = false;
  };
  const showFresh = (out: HTMLElement, buttons: HTMLButtonElement[], note: HTMLElement, shown: boolean) => {
    out.hidden = !shown;
    for (const b of buttons) b.disabled = !shown;
    note.hidden = true;
  };

  // --- the period inputs -------------------------------------------------------------------
  const kindOf = (): PeriodChoice['kind'] =>
    (periodForm.elements.namedItem('kind') as RadioNodeList).value === 'month' ? 'month' : 'fiscalYear';
  const setKind = (kind: PeriodChoice['kind']) => {
    (periodForm.elements.namedItem('kind') as RadioNodeList).value = kind;
    yearInput.closest('.field')?.toggleAttribute('hidden', kind !== 'fiscalYear');
    monthInput.closest('.field')?.toggleAttribute('hidden', kind !== 'month');
  };
  const isPublic = (): boolean => (summaryForm.elements.namedItem('audience') as RadioNodeList).value === 'public';
  const setPublic = (value: boolean) => {
    (summaryForm.elements.namedItem('audience') as RadioNodeList).value = value ? 'public' : 'internal';
  };
  const choice = (): PeriodChoice =>
    kindOf() === 'month'
      ? { kind: 'month', month: monthInput.value, asOf: asOfInput.value }
      : { kind: 'fiscalYear', year: yearInput.value, asOf: asOfInput.value };

  /** What the typed 基準日 means for the period beside it (as the add-on's 指標 dialog says it). */
  const showAsOfHint = () => {
    const c = choice();
    const text =
      c.asOf.trim() === ''
        ? ''
        : asOfHint(
            c.asOf,
            periodOfTexts(
              c.kind === 'month' ? { month: c.month } : { fiscalYear: c.year },
              loaded?.outcome.read.registry.settings.fiscalYearStartMonth ?? 4,
            ),
          );
    asOfNote.textContent = text;
    asOfNote.hidden = text === '';
  };

  /** The period the URL fragment names (`#fiscalYear=2025&asOf=2026-01-31`, `#month=2025-05`). */
  const applyFragment = () => {
    const f = fragmentRequest(doc.location.hash);
    if (f.choice) {
      setKind(f.choice.kind);
      asOfInput.value = f.choice.asOf;
      if (f.choice.kind === 'fiscalYear') yearInput.value = f.choice.year;
      else {
        monthInput.value = f.choice.month;
        summaryMonth.value = f.choice.month;
      }
    }
    if (f.public !== undefined) setPublic(f.public);
  };

  // --- 2. the validation -------------------------------------------------------------------
  const issueRow = ({ first: i, rows }: IssueLine): HTMLElement => {
    const p = issuePlace(i);
    const many = rows.length > 1;
    const attrs: Attrs = {
      'data-sheet': i.sheet,
      'data-row': p.row,
      'data-column': i.column ?? '',
      'data-code': i.code,
    };
    if (many) attrs['data-count'] = String(rows.length);
    // The same issue in many rows: one line, the rows as ranges, the first's message with its cell.
    return h(
      'tr',
      attrs,
      h('td', {}, p.sheet),
      h('td', { class: many ? 'n rows' : 'n' }, many ? rowRanges(rows) : p.row),
      h('td', {}, p.column),
      h('td', {}, i.message, ' ', h('span', { class: 'code' }, i.code)),
    );
  };

  const showCheck = (l: Loaded) => {
    const { issues, read } = l.outcome;
    const out = byId<HTMLElement>('check-result');
    out.replaceChildren();
    out.append(
      h(
        'p',
        {
          class: issues.length ? 'verdict bad' : 'verdict good',
          id: 'issue-count',
          'data-count': String(issues.length),
        },
        issues.length
          ? `${issues.length}件の問題が見つかりました。台帳の該当するセルを直してください。`
          : '問題は見つかりませんでした。',
      ),
    );
    for (const w of read.warnings) out.append(h('p', { class: 'warning', role: 'alert' }, `注意: ${w}`));
    if (issues.length) {
      const lines = issueLines(issues);
      const body = h('tbody', {}, ...lines.slice(0, ISSUES_SHOWN).map(issueRow));
      out.append(
        h(
          'table',
          { class: 'issues', id: 'issues' },
          h('thead', {}, h('tr', {}, h('th', {}, 'シート'), h('th', {}, '行'), h('th', {}, '列'), h('th', {}, '内容'))),
          body,
        ),
      );
      if (lines.length < issues.length)
        out.append(
          h('p', { class: 'note', id: 'issues-grouped' }, '同じ列に同じ問題がある行は、まとめて1行で示しています。'),
        );
      if (lines.length > ISSUES_SHOWN)
        out.append(
          h(
            'p',
            { class: 'note' },
            `先頭の${ISSUES_SHOWN}行を表示しています（全${lines.length}行、問題は${issues.length}件）。`,
          ),
        );
    }
    if (read.notices.length)
      out.append(
        h('h3', {}, 'お知らせ（問題ではありません）'),
        h(
          'ul',
          { class: 'notices', id: 'notices' },
          ...read.notices.map((n) => h('li', { 'data-sheet': n.sheet, 'data-code': n.code }, n.message)),
        ),
      );
  };

  // --- 3. the indicators -------------------------------------------------------------------
  const showIndicators = () => {
    if (!loaded) return;
    const r = indicatorsOf(loaded, choice());
    const inputs = Object.values(periodInputs);
    if (!r.ok) {
      // The table of the last period never stays under the fault: it is no answer to what was asked.
      showError(periodError, r.message);
      markInvalid(inputs, r.field ? periodInputs[r.field] : undefined, periodError);
      showFresh(indicatorsOut, indicatorButtons, indicatorsStale, false);
      indicators = undefined;
      return;
    }
    showError(periodError, '');
    markInvalid(inputs, undefined, periodError);
    const d = r.value;
    indicators = d;
    const town = loaded.outcome.read.registry.settings.municipality;
    byId<HTMLElement>('indicators-title').textContent = `指標 ${periodLine(d.period)}`;
    // Printed only: what a sheet of paper needs to stand alone (the page numbers come from page.css).
    const made = todayInJapan(new Date());
    byId<HTMLElement>('indicators-print-head').textContent =
      `${town ? `${town}、` : ''}基準日 ${d.period.end}（この日までを数えています）、作成日 ${made}、台帳 ${loaded.fileName}`;
    // Every printed page names the town, the period and its 基準日 at its top (a margin box of @page).
    runningHead.textContent =
      `@page { @top-left { content: ${cssString(`${town ? `${town} ` : ''}指標 ${d.period.label}（基準日 ${d.period.end}）`)}; }` +
      ` @top-right { content: ${cssString(`作成日 ${made}`)}; } }`;
    const notes = byId<HTMLElement>('indicators-notes');
    notes.replaceChildren(...d.warnings.map((w) => h('p', { class: 'warning', role: 'alert' }, `注意: ${w}`)));
    const excluded = d.indicators['data.excludedRows'] ?? 0;
    if (excluded > 0)
      notes.append(
        h(
          'p',
          { class: 'note' },
          `読めないセル（または見つからないID）のある ${excluded} 行を、そのセルを使う集計から除外しました（上の検証結果で確認できます）。`,
        ),
      );
    const rows: HTMLElement[] = [];
    let group = '';
    for (const [key, value] of Object.entries(d.indicators)) {
      const resolved = resolveKey(key);
      let label = resolved?.def.label ?? key;
      let cls = '';
      if (resolved && resolved.value !== null) {
        // A breakdown: its name once, then one indented row per value.
        if (resolved.def.key !== group)
          rows.push(h('tr', { class: 'group' }, h('th', { colspan: '3', scope: 'rowgroup' }, resolved.def.label)));
        group = resolved.def.key;
        label = resolved.value;
        cls = 'part';
      } else group = '';
      const out = csv.leftOutOf(d, key);
      rows.push(
        h(
          'tr',
          { class: cls },
          h('td', { class: 'label', title: key }, label),
          h(
            'td',
            { class: 'value', 'data-key': key, 'data-value': value === null ? '' : String(value) },
            shownValue(value),
          ),
          h('td', { class: 'n' }, out ? `${out}行` : ''),
        ),
      );
    }
    byId<HTMLElement>('indicators-body').replaceChildren(...rows);
    showFresh(indicatorsOut, indicatorButtons, indicatorsStale, true);
    try {
      // The address names the period shown, for a bookmark; a file:// page may refuse, which is harmless.
      history.replaceState(null, '', fragmentOf(d, isPublic()));
    } catch {
      /* the period stays on the page */
    }
  };

  // --- 4. the monthly summary --------------------------------------------------------------
  const showSummary = () => {
    if (!loaded) return;
    const r = summaryOf(loaded, summaryMonth.value, isPublic());
    if (!r.ok) {
      showError(summaryError, r.message);
      markInvalid([summaryMonth], summaryMonth, summaryError);
      showFresh(summaryOut, summaryButtons, summaryStale, false);
      summary = undefined;
      return;
    }
    showError(summaryError, '');
    markInvalid([summaryMonth], undefined, summaryError);
    summary = r.value;
    // The title says 公表用 itself (core's title, as the sheet and the CSV have it); 内部用 is said here.
    byId<HTMLElement>('summary-title').textContent = r.value.public ? r.value.title : `${r.value.title}（内部用）`;
    frame.srcdoc = summaryHtml(r.value);
    showFresh(summaryOut, summaryButtons, summaryStale, true);
  };
  frame.addEventListener('load', () => {
    // As tall as the page it holds, so the clerk scrolls one page and not a box inside it.
    const d = frame.contentDocument;
    if (d) frame.style.height = `${d.documentElement.scrollHeight + 16}px`;
    frame.dataset.month = summary?.month ?? '';
  });

  // --- saving ------------------------------------------------------------------------------
  const save = (bytes: Uint8Array | string, name: string, type: string) => {
    // Blob and <a download>: the file goes to the clerk's downloads, never over a network.
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const a = h('a', { href: url, download: name }) as HTMLAnchorElement;
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  byId<HTMLButtonElement>('save-indicators').addEventListener('click', () => {
    if (indicators) save(csv.indicatorsCsv(indicators), indicatorsFileName(indicators), 'text/csv');
  });
  byId<HTMLButtonElement>('save-summary-csv').addEventListener('click', () => {
    if (summary) save(csv.summaryCsv(summary), summaryFileName(summary, 'csv'), 'text/csv');
  });
  byId<HTMLButtonElement>('save-summary-html').addEventListener('click', () => {
    if (summary) save(summaryHtml(summary), summaryFileName(summary, 'html'), 'text/html');
  });
  byId<HTMLButtonElement>('print-summary').addEventListener('click', () => frame.contentWindow?.print());
  // The indicators alone: the rest of the page is left out of the print while the dialog is open.
  byId<HTMLButtonElement>('print-indicators').addEventListener('click', () => {
    doc.body.classList.add('print-indicators');
    doc.defaultView?.print();
  });
  doc.defaultView?.addEventListener('afterprint', () => doc.body.classList.remove('print-indicators'));

  // --- the file ----------------------------------------------------------------------------
  const open = async (file: File) => {
    app.dataset.state = 'loading';
    setStatus(`「${file.name}」を読み込んでいます…`, 'busy');
    loaded = undefined;
    for (const s of Object.values(sections)) s.hidden = true;
    try {
      const r = await loadRegistry(file.name, new Uint8Array(await file.arrayBuffer()));
      if (!r.ok) {
        setStatus(r.message, 'error');
        app.dataset.state = 'failed';
        return;
      }
      loaded = r;
      const cases = r.outcome.read.registry.cases.length;
      setStatus(`「${file.name}」を読み込みました（ケース ${cases}件）。`, 'ok');
      showCheck(r);
      sections.check.hidden = false;
      if (r.blocking.length) {
        byId<HTMLElement>('check-result').append(
          h(
            'p',
            { class: 'warning', role: 'alert', id: 'blocking' },
            '「設定」シートの値を読めないため、指標と月次集計は作れません。上の問題を直してから、もう一度ファイルを選んでください。',
          ),
        );
      } else {
        sections.indicators.hidden = false;
        sections.summary.hidden = false;
        showAsOfHint();
        showIndicators();
        showSummary();
      }
      app.dataset.state = 'loaded';
    } catch (e) {
      setStatus(
        `読み込み中に予期しないエラーが起きました（${e instanceof Error ? e.message : String(e)}）。ファイルが壊れていないか確認してください。`,
        'error',
      );
      app.dataset.state = 'failed';
    }
  };

  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    // Emptied, so picking the same file again after fixing it in Excel reads it again.
    fileInput.value = '';
    if (f) void open(f);
  });
  // A file dropped anywhere on the page is read; the browser would otherwise open or download it.
  doc.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  doc.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) drop.classList.remove('over');
  });
  doc.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = e.dataTransfer?.files;
    // Two registries dropped at once: which one the figures are of would be a guess.
    if (files && files.length > 1) {
      setStatus(
        `台帳ファイルは1つずつドロップしてください（${files.length}つのファイルがドロップされました）。どれも読み込んでいません。`,
        'error',
      );
      return;
    }
    const f = files?.[0];
    if (f) void open(f);
  });

  periodForm.addEventListener('submit', (e) => {
    e.preventDefault();
    showIndicators();
  });
  periodForm.addEventListener('change', (e) => {
    if ((e.target as HTMLInputElement).name === 'kind') setKind(kindOf());
    showAsOfHint();
  });
  periodForm.addEventListener('input', showAsOfHint);
  // 年度, 月, 基準日 or the kind changed: the table shown is of another period now.
  const periodChanged = () => {
    indicators = undefined;
    goStale(indicatorsOut, indicatorButtons, indicatorsStale);
  };
  periodForm.addEventListener('input', periodChanged);
  periodForm.addEventListener('change', periodChanged);
  // 公表用 or 内部用 counts too: a 内部用 table saved as if it were 公表用 would show the small numbers.
  const summaryChanged = () => {
    summary = undefined;
    goStale(summaryOut, summaryButtons, summaryStale);
  };
  summaryForm.addEventListener('input', summaryChanged);
  summaryForm.addEventListener('change', summaryChanged);
  summaryForm.addEventListener('submit', (e) => {
    e.preventDefault();
    showSummary();
  });
  doc.defaultView?.addEventListener('hashchange', () => {
    applyFragment();
    showAsOfHint();
    showIndicators();
    showSummary();
  });

  const defaults = defaultChoices(new Date());
  yearInput.value = defaults.year;
  monthInput.value = defaults.month;
  summaryMonth.value = defaults.month;
  setKind('fiscalYear');
  applyFragment();
  showAsOfHint();

  if (typeof DecompressionStream === 'undefined') {
    setStatus(
      'このブラウザでは台帳を読めません。Microsoft Edge か Google Chrome の新しい版でこのファイルを開いてください。',
      'error',
    );
    fileInput.disabled = true;
    app.dataset.state = 'unsupported';
    return;
  }
  app.dataset.state = 'ready';
}
