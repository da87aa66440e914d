// 月次集計 as a printable HTML document of A4 pages, laid out here rather than by the browser: each
// page carries the title, 基準日 and 作成日 at its top and 「n / N ページ」 at its bottom (Chromium
// prints no @page margin boxes and no page counter in the content, so the pages are counted where
// they are made). Rows, headings and table headers have fixed heights in millimetres; a table breaks
// only between rows, repeating its heading and column header, never leaving a breakdown's title or
// fewer than three rows alone on a page. No external resources (no fonts, scripts or images from
// elsewhere), so it prints and archives as it is.
import type { MonthlySummary, SummaryGroup, SummaryRow } from '../core/summary/types';
import { escapeHtml, htmlCell } from './html';
import { CHART_TITLES, meetingsByTypeSvg, newCasesByDomainSvg, svgSize } from './svg-charts';
import { summaryDates, summaryMode } from './summary-table';

/** Millimetres, shared by the style sheet and the layout so that both count the same heights. */
const MM = {
  /** A hair under A4's 297 mm: a rounding error never spills a blank page. */
  pageHeight: 296,
  pageWidth: 210,
  side: 12,
  headTop: 8,
  runHeight: 5,
  footBottom: 7,
  bodyTop: 16,
  bodyHeight: 262,
  /** Width of the body: 210 − 2 × 12. */
  bodyWidth: 186,
  h1Line: 7,
  mode: 7,
  h2: 10,
  thead: 9,
  /** A table's outer border, beyond its rows (half of each collapsed edge), with room to spare. */
  tableEdge: 0.5,
  row: 5,
  figureColumn: 30,
  warningLine: 4.6,
  warningExtra: 4.6,
  noteLine: 4.2,
  noteExtra: 1,
  notesTop: 3,
  caption: 6,
  figureGap: 2,
} as const;

/** Points to millimetres. */
const pt = (n: number): number => (n * 25.4) / 72;

const STYLE = `
@page { size: A4 portrait; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; font-size: 9pt; color: #222; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { position: relative; width: ${MM.pageWidth}mm; height: ${MM.pageHeight}mm; overflow: hidden; background: #fff; break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
@media screen { body { background: #e6e6e6; padding: 4mm 0; } .page { margin: 0 auto 6mm; box-shadow: 0 0.5mm 2mm rgba(0, 0, 0, 0.3); } }
.run { position: absolute; left: ${MM.side}mm; right: ${MM.side}mm; height: ${MM.runHeight}mm; line-height: ${MM.runHeight - 0.5}mm; font-size: 7.5pt; color: #555; display: flex; justify-content: space-between; gap: 6mm; white-space: nowrap; }
.run span:first-child { overflow: hidden; text-overflow: ellipsis; }
.run-head { top: ${MM.headTop}mm; border-bottom: 0.3pt solid #999; }
.run-foot { bottom: ${MM.footBottom}mm; border-top: 0.3pt solid #999; line-height: ${MM.runHeight}mm; }
.body { position: absolute; top: ${MM.bodyTop}mm; left: ${MM.side}mm; width: ${MM.bodyWidth}mm; height: ${MM.bodyHeight}mm; overflow: hidden; }
h1 { font-size: 14pt; line-height: ${MM.h1Line}mm; margin: 0 0 1mm; }
.mode { height: ${MM.mode}mm; margin: 0; padding-bottom: 2mm; line-height: 5mm; font-size: 9.5pt; color: #555; }
.warning { margin: 0 0 2mm; padding: 1mm 2mm; border: 0.3mm solid #b00000; color: #b00000; font-weight: bold; line-height: ${MM.warningLine}mm; }
h2 { height: ${MM.h2}mm; margin: 0; padding: 3.5mm 0 1mm; font-size: 11pt; line-height: 5.5mm; white-space: nowrap; }
h2 span { border-left: 1.2mm solid #1f4e79; padding-left: 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.2mm solid #bbb; padding: 0 1.5mm; overflow: hidden; }
thead th { height: ${MM.thead}mm; background: #1f4e79; color: #fff; font-size: 8pt; line-height: 3.6mm; font-weight: bold; text-align: center; }
tbody tr { height: ${MM.row}mm; }
tbody td { line-height: 4.4mm; white-space: nowrap; text-overflow: ellipsis; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.l1 { padding-left: 7mm; }
tr.sub td { background: #eef3f9; font-weight: bold; color: #1f4e79; }
tr.sub small { font-weight: normal; color: #555; font-size: 7.5pt; }
.notes { margin: 0; padding: 0 0 0 5mm; font-size: 8.5pt; color: #444; }
.notes.first { padding-top: ${MM.notesTop}mm; }
.notes li { line-height: ${MM.noteLine}mm; padding-bottom: ${MM.noteExtra}mm; }
figure { margin: 0; padding-top: ${MM.figureGap}mm; }
figcaption { height: ${MM.caption}mm; line-height: ${MM.caption}mm; font-weight: bold; font-size: 9.5pt; }
.chart svg { display: block; width: 100%; height: 100%; }
svg text { fill: #222; }
`;

/** Width of a text in em: CJK and full-width characters take one, Latin, digits and half-width kana less. */
function ems(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp < 0x2000 || (cp >= 0xff61 && cp <= 0xff9f) ? 0.62 : 1;
  }
  return w;
}

/**
 * Lines a wrapped text takes in `width` mm at `size` pt, counted generously (a line never holds a
 * full width of text: words and punctuation do not break anywhere).
 */
function lineCount(text: string, width: number, size: number): number {
  return Math.max(1, Math.ceil(ems(text) / ((width / pt(size)) * 0.9)));
}

type Line = { kind: 'sub'; breakdown: string; html: string } | { kind: 'row'; breakdown: string | null; html: string };

/** At least this many rows of a table on each side of a page break. */
const MIN_ROWS = 3;

function rowHtml(r: SummaryRow): string {
  const label = r.breakdown ? r.breakdown.value : r.label;
  return `<tr><td class="l${r.level}">${escapeHtml(label)}</td>${r.cells.map((c) => `<td class="n">${htmlCell(c)}</td>`).join('')}</tr>`;
}

/** A group's rows, with a title row above each breakdown's parts. */
function groupLines(g: SummaryGroup, columns: number): Line[] {
  const lines: Line[] = [];
  let current: string | null = null;
  for (const r of g.rows) {
    const b = r.breakdown;
    if (b && b.key !== current) {
      const note = b.total !== null && !b.addsUp ? '<small>（1件に複数あるときはそれぞれに計上）</small>' : '';
      lines.push({
        kind: 'sub',
        breakdown: b.key,
        html: `<tr class="sub"><td colspan="${columns + 1}">${escapeHtml(b.label)}${note}</td></tr>`,
      });
    }
    current = b ? b.key : null;
    lines.push({ kind: 'row', breakdown: b ? b.key : null, html: rowHtml(r) });
  }
  return lines;
}

/** Whether a page may break before lines[i] of a table whose piece on this page starts at `start`. */
function canBreak(lines: readonly Line[], start: number, i: number): boolean {
  if (i - start < MIN_ROWS || lines.length - i < MIN_ROWS) return false;
  const before = lines[i - 1]!;
  if (before.kind === 'sub') return false;
  // A breakdown's title keeps two of its parts with it.
  const twoBefore = lines[i - 2];
  return !(twoBefore?.kind === 'sub' && i - 2 >= start && lines[i]!.breakdown === before.breakdown);
}

/** A column label on two lines, broken before its bracket: 「令和7年度累計」「（5月末まで）」. */
function columnLabel(label: string): string {
  const i = label.indexOf('（');
  return i > 0 ? `${escapeHtml(label.slice(0, i))}<br>${escapeHtml(label.slice(i))}` : escapeHtml(label);
}

interface Block {
  height: number;
  html: string;
}

/** Lays the content out on pages: blocks never break, tables break between rows. */
class Pages {
  readonly pages: string[][] = [[]];
  private room: number = MM.bodyHeight;

  private newPage(): void {
    this.pages.push([]);
    this.room = MM.bodyHeight;
  }

  private put(html: string, height: number): void {
    this.pages[this.pages.length - 1]!.push(html);
    this.room -= height;
  }

  block(b: Block): void {
    if (b.height > this.room && this.room < MM.bodyHeight) this.newPage();
    this.put(b.html, b.height);
  }

  table(heading: string, head: string, lines: readonly Line[]): void {
    const fixed = MM.h2 + MM.thead + MM.tableEdge;
    const piece = (from: number, to: number, more: boolean) =>
      `<h2><span>${escapeHtml(heading)}${more ? '（続き）' : ''}</span></h2><table>${head}<tbody>${lines
        .slice(from, to)
        .map((l) => l.html)
        .join('')}</tbody></table>`;
    let start = 0;
    while (start < lines.length) {
      const rest = lines.length - start;
      if (fixed + rest * MM.row <= this.room) {
        this.put(piece(start, lines.length, start > 0), fixed + rest * MM.row);
        return;
      }
      let end = -1;
      for (let i = start + 1; i < lines.length && fixed + (i - start) * MM.row <= this.room; i++)
        if (canBreak(lines, start, i)) end = i;
      if (end === -1) {
        if (this.room === MM.bodyHeight) throw new Error('a table that cannot break on an empty page');
        this.newPage();
        continue;
      }
      this.put(piece(start, end, start > 0), fixed + (end - start) * MM.row);
      this.newPage();
      start = end;
    }
  }
}

function chartsBlock(s: MonthlySummary): Block {
  const figures = [
    { title: CHART_TITLES.newCasesByDomain, svg: newCasesByDomainSvg(s.charts.newCasesByDomain) },
    {
      title: CHART_TITLES.meetingsByType,
      svg: meetingsByTypeSvg(s.charts.meetingsByType, s.columns[0]!.label, s.columns[2]!.label),
    },
  ];
  let height = MM.h2;
  const html = figures.map((f) => {
    const size = svgSize(f.svg);
    const h = Math.ceil((MM.bodyWidth * size.height * 10) / size.width) / 10;
    height += MM.figureGap + MM.caption + h;
    return `<figure><figcaption>${escapeHtml(f.title)}</figcaption><div class="chart" style="height:${h}mm">${f.svg}</div></figure>`;
  });
  return { height, html: `<section class="charts"><h2><span>グラフ</span></h2>${html.join('')}</section>` };
}

export function summaryHtml(s: MonthlySummary): string {
  const layout = new Pages();
  const h1Lines = lineCount(s.title, MM.bodyWidth, 14);
  layout.block({
    height: h1Lines * MM.h1Line + 1 + MM.mode,
    html: `<h1>${escapeHtml(s.title)}</h1>\n<p class="mode">${escapeHtml(summaryMode(s))}</p>`,
  });
  for (const w of s.warnings) {
    const text = `注意: ${w}`;
    layout.block({
      height: lineCount(text, MM.bodyWidth - 5, 9) * MM.warningLine + MM.warningExtra,
      html: `<p class="warning" role="alert">${escapeHtml(text)}</p>`,
    });
  }
  const figureColumns = s.columns.map(() => `<col style="width:${MM.figureColumn}mm">`).join('');
  const head =
    `<colgroup><col>${figureColumns}</colgroup>` +
    `<thead><tr><th>指標</th>${s.columns.map((c) => `<th>${columnLabel(c.label)}</th>`).join('')}</tr></thead>`;
  for (const g of s.groups) layout.table(g.heading, head, groupLines(g, s.columns.length));
  s.notes.forEach((n, i) =>
    layout.block({
      height: lineCount(n, MM.bodyWidth - 5, 8.5) * MM.noteLine + MM.noteExtra + (i === 0 ? MM.notesTop : 0),
      html: `<ul class="notes${i === 0 ? ' first' : ''}"><li>${escapeHtml(n)}</li></ul>`,
    }),
  );
  layout.block(chartsBlock(s));

  const total = layout.pages.length;
  const top = `<div class="run run-head"><span>${escapeHtml(s.title)}</span><span>${escapeHtml(summaryDates(s))}</span></div>`;
  const pages = layout.pages.map(
    (content, i) =>
      `<section class="page">${top}<div class="body">\n${content.join('\n')}\n</div>` +
      `<div class="run run-foot"><span>${escapeHtml(summaryMode(s))}</span><span>${i + 1} / ${total} ページ</span></div></section>`,
  );
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
}
