// Every sheet of the emulated spreadsheet as an HTML table, as a coordinator would see it, and as
// JSON (what tests and the public contract check read); the index page is the かさね menu itself.
import type { GasEnvironment } from '../../gas-emulator';
import { OUTPUT_SHEETS, SETTINGS_SHEET, SHEETS, isSheetKey, sheetDef } from '../../core/registry/definition';
import { escapeHtml as escape } from '../../reports/html';

/** URL keys: the contract's sheet keys, plus `settings`, `validation`, `indicators`, `summary` and `prep`. */
const OWN_SHEETS: Readonly<Record<string, string>> = {
  settings: SETTINGS_SHEET.name,
  validation: OUTPUT_SHEETS.validation,
  indicators: OUTPUT_SHEETS.indicators,
  summary: OUTPUT_SHEETS.monthlySummary,
  prep: '準備シート',
};

export function sheetNameOf(key: string): string | null {
  if (Object.prototype.hasOwnProperty.call(OWN_SHEETS, key)) return OWN_SHEETS[key]!;
  return isSheetKey(key) ? sheetDef(key).name : null;
}

export const SHEET_LINKS = [
  ...SHEETS.map((s) => ({ key: s.key, name: s.name })),
  ...Object.entries(OWN_SHEETS).map(([key, name]) => ({ key, name })),
];

/**
 * What a menu item opens, by its function: the preview serves a sidebar at /sidebar/<name> and a
 * dialog at /dialog/<name> (the HTML the item shows when it runs in the emulator). Items not listed
 * here run on the emulated spreadsheet from the index page; tests/e2e/preview-figures.test.ts runs
 * every menu item to keep this table true.
 */
export const OPENS: Readonly<Record<string, { kind: 'sidebar' | 'dialog'; name: string }>> = {
  showIntakeSidebar: { kind: 'sidebar', name: 'intake' },
  showMeetingSidebar: { kind: 'sidebar', name: 'meeting' },
  showDueSidebar: { kind: 'sidebar', name: 'due' },
  showPrepSidebar: { kind: 'sidebar', name: 'prep' },
  showStoryDialog: { kind: 'dialog', name: 'story' },
  showActivitySidebar: { kind: 'sidebar', name: 'activity' },
  showIndicatorsDialog: { kind: 'dialog', name: 'indicators' },
  showSummaryDialog: { kind: 'dialog', name: 'summary' },
};

export const SIDEBARS: ReadonlySet<string> = new Set(
  Object.values(OPENS).flatMap((o) => (o.kind === 'sidebar' ? [o.name] : [])),
);

/** Dialog name → the menu function that shows it. */
export function dialogFunction(name: string): string | undefined {
  return Object.entries(OPENS).find(([, o]) => o.kind === 'dialog' && o.name === name)?.[0];
}

const STYLE = `body{font-family:"Noto Sans CJK JP",sans-serif;font-size:13px;margin:16px;color:#202124}
table{border-collapse:collapse}th,td{border:1px solid #dadce0;padding:3px 6px;text-align:left;white-space:nowrap}
th{background:#e8f0fe}td,th{max-width:26em;overflow-wrap:anywhere;vertical-align:top}td.w{white-space:pre-wrap;min-width:18em}td.n{color:#80868b}nav a{margin-right:10px}p.line b{display:inline-block;min-width:7em}
.menu{display:flex;flex-direction:column;gap:6px;max-width:320px;margin:12px 0}
.menu a,.menu button{display:block;text-align:left;padding:6px 12px;border:1px solid #dadce0;border-radius:4px;background:#fff;color:#1a73e8;font:inherit;cursor:pointer;text-decoration:none}
.menu hr{width:100%;border:0;border-top:1px solid #dadce0}#result{white-space:pre-wrap;background:#e8f0fe;padding:8px;border-radius:4px}
#result[hidden]{display:none}figure{margin:16px 0}figcaption{font-weight:bold;margin-bottom:4px}`;

/** Characters past which a cell's text wraps in the sheet pages instead of running over the next cell. */
const LONG_TEXT = 30;

function page(title: string, body: string): string {
  const links = SHEET_LINKS.map((l) => `<a href="/sheet/${l.key}">${escape(l.name)}</a>`).join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>${STYLE}</style>
</head><body><nav><a href="/">メニュー</a>${links}</nav>${body}</body></html>`;
}

/** The sheet's cells as it shows them (row 1 first), and its charts; null when the sheet is not there. */
export interface SheetJson {
  name: string;
  values: string[][];
  charts: Array<{ type: string; title: string }>;
}

export function sheetJson(env: GasEnvironment, name: string): SheetJson | null {
  const sheet = env.spreadsheet.sheetForHost(name);
  if (!sheet) return null;
  const shown = sheet.displayValuesForHost();
  const values = shown.length === 1 && shown[0]!.every((v) => v === '') ? [] : shown;
  const charts = sheet.chartsForHost().map((c) => {
    const s = c.stateForHost();
    return { type: s.type, title: String(s.options.get('title') ?? '') };
  });
  return { name, values, charts };
}

/**
 * The header row of a sheet: row 1 for the registry's sheets as set up; the add-on's figure sheets
 * carry a title and what was read above it, so there it is the row that starts with 区分.
 */
function headerIndex(values: string[][]): number {
  const i = values.findIndex((r) => r[0] === '区分' && r.includes('指標'));
  return i < 0 ? 0 : i;
}

export function sheetPage(env: GasEnvironment, key: string): string | null {
  const name = sheetNameOf(key);
  if (!name) return null;
  const json = sheetJson(env, name);
  if (!json) return page(name, `<h1>${escape(name)}</h1><p>このシートはまだありません。</p>`);
  const h = headerIndex(json.values);
  const above = json.values
    .slice(0, h)
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => {
      const [first = '', ...rest] = r.filter((v) => v !== '');
      return `<p class="line"><b>${escape(first)}</b> ${escape(rest.join(' '))}</p>`;
    })
    .join('');
  const header = json.values[h] ?? [];
  // Sheet row numbers are kept for the rows shown: a blank row in the middle is skipped, not renumbered.
  const data = json.values
    .slice(h + 1)
    .flatMap((cells, i) => (cells.some((v) => v !== '') ? [{ row: h + i + 2, cells }] : []));
  // A long text (a message, a note) wraps within its column; the rest stay on one line, as in a sheet.
  const cell = (v: string) => (v.length > LONG_TEXT ? `<td class="w">${escape(v)}</td>` : `<td>${escape(v)}</td>`);
  const body = data.map(({ row, cells }) => `<tr><td class="n">${row}</td>${cells.map(cell).join('')}</tr>`).join('');
  const table = `<table id="sheet" data-rows="${data.length}"><thead><tr><th>行</th>${header.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
  const charts = json.charts
    .map(
      (c) =>
        `<figure class="chart" data-type="${escape(c.type)}"><figcaption>グラフ（${escape(c.type)}）: ${escape(c.title)}</figcaption></figure>`,
    )
    .join('');
  return page(name, `<h1>${escape(name)}</h1>${above}<p>データ行: ${data.length}</p>${charts}${table}`);
}

/** The かさね menu as the add-on builds it (onOpen in the emulator): each item opens or runs. */
export function indexPage(env: GasEnvironment): string {
  const menu = env.ui.menus.find((m) => m.addon);
  const items = (menu?.entries ?? [])
    .map((e) => {
      if (!('functionName' in e)) return '<hr>';
      const opens = OPENS[e.functionName];
      if (opens)
        return `<a href="/${opens.kind}/${opens.name}" data-function="${escape(e.functionName)}">${escape(e.caption)}</a>`;
      return `<button type="button" data-run="${escape(e.functionName)}">${escape(e.caption)}</button>`;
    })
    .join('');
  const script = `<script>
document.querySelectorAll('button[data-run]').forEach(function (b) {
  b.addEventListener('click', function () {
    var out = document.getElementById('result');
    out.hidden = false;
    out.textContent = b.textContent + ' を実行しています…';
    fetch('/menu/' + encodeURIComponent(b.dataset.run), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(function (r) { return r.json(); }).then(function (j) {
      var lines = [];
      (j.alerts || []).forEach(function (a) { lines.push((a.title ? a.title + ': ' : '') + a.prompt); });
      (j.prompts || []).forEach(function (p) { lines.push('入力を求める画面「' + p.title + '」（プレビューでは「キャンセル」として扱います）'); });
      (j.toasts || []).forEach(function (t) { lines.push(t.message); });
      if (j.value && typeof j.value.message === 'string' && !(j.alerts || []).length) lines.push(j.value.message);
      if (!j.ok) lines.push('エラー: ' + j.error);
      out.textContent = lines.join('\\n') || b.textContent + ' を実行しました。';
    });
  });
});
</script>`;
  return page(
    'かさね プレビュー',
    `<h1>かさね プレビュー</h1><p>ビルド済みのアドオンを、エミュレートしたスプレッドシートの上で動かしています。メニュー「拡張機能 → ${escape(menu?.title ?? 'かさね')}」:</p>` +
      `<div class="menu" id="menu">${items || '<p>メニューがありません（onOpen を実行していません）。</p>'}</div>` +
      `<div id="result" role="status" hidden></div>` +
      script,
  );
}
