// Every sheet of the emulated spreadsheet as an HTML table, as a coordinator would see it.
import type { GasEnvironment } from '../../gas-emulator';
import { OUTPUT_SHEETS, SETTINGS_SHEET, SHEETS, isSheetKey, sheetDef } from '../../core/registry/definition';
import { escapeHtml as escape } from '../../reports/html';

/** URL keys: the contract's sheet keys, plus `settings` and `validation`. */
export function sheetNameOf(key: string): string | null {
  if (key === 'settings') return SETTINGS_SHEET.name;
  if (key === 'validation') return OUTPUT_SHEETS.validation;
  return isSheetKey(key) ? sheetDef(key).name : null;
}

export const SHEET_LINKS = [
  ...SHEETS.map((s) => ({ key: s.key, name: s.name })),
  { key: 'settings', name: SETTINGS_SHEET.name },
  { key: 'validation', name: OUTPUT_SHEETS.validation },
];

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:"Noto Sans CJK JP",sans-serif;font-size:13px;margin:16px}table{border-collapse:collapse}th,td{border:1px solid #dadce0;padding:3px 6px;text-align:left;white-space:nowrap}th{background:#e8f0fe}td.n{color:#80868b}nav a{margin-right:10px}</style>
</head><body><nav>${SHEET_LINKS.map((l) => `<a href="/sheet/${l.key}">${escape(l.name)}</a>`).join('')}<a href="/sidebar/intake">相談を受け付ける</a><a href="/sidebar/meeting">会議を記録する</a></nav>${body}</body></html>`;
}

export function sheetPage(env: GasEnvironment, key: string): string | null {
  const name = sheetNameOf(key);
  if (!name) return null;
  const sheet = env.spreadsheet.sheetForHost(name);
  if (!sheet) return page(name, `<h1>${escape(name)}</h1><p>このシートはまだありません。</p>`);
  const shown = sheet.getDataRange().getDisplayValues();
  const [header = [], ...rows] = shown;
  // Sheet row numbers are kept for the rows shown: a blank row in the middle is skipped, not renumbered.
  const data = rows.flatMap((cells, i) => (cells.some((v) => v !== '') ? [{ row: i + 2, cells }] : []));
  const body = data
    .map(({ row, cells }) => `<tr><td class="n">${row}</td>${cells.map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`)
    .join('');
  const table = `<table id="sheet" data-rows="${data.length}"><thead><tr><th>行</th>${header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
  return page(name, `<h1>${escape(name)}</h1><p>データ行: ${data.length}</p>${table}`);
}

export function indexPage(): string {
  return page(
    'かさね プレビュー',
    '<h1>かさね プレビュー</h1><p>ビルド済みのアドオンを、エミュレートしたスプレッドシートの上で動かしています。</p>',
  );
}
