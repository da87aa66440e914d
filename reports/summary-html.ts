// 月次集計 as one printable A4 HTML page: tables per theme and inline SVG charts, no external
// resources (no fonts, scripts or images from elsewhere), so it prints and archives as it is.
import type { MonthlySummary } from '../core/summary/types';
import { escapeHtml, htmlCell } from './html';
import { CHART_TITLES, meetingsByTypeSvg, newCasesByDomainSvg } from './svg-charts';
import { summaryMode } from './summary-table';

const STYLE = `
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; font-size: 10pt; color: #222; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; border-left: 4px solid #1f4e79; padding-left: 2mm; }
.mode { color: #555; margin: 0 0 3mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.5pt solid #bbb; padding: 0.8mm 1.5mm; }
thead th { background: #1f4e79; color: #fff; font-weight: bold; }
td.n { text-align: right; font-variant-numeric: tabular-nums; width: 24mm; }
td.l1 { padding-left: 6mm; }
.warning { color: #b00000; font-weight: bold; border: 1px solid #b00000; padding: 1mm 2mm; margin: 2mm 0; }
.notes { font-size: 8.5pt; color: #444; margin-top: 4mm; }
.notes li { margin-bottom: 1mm; }
figure { margin: 3mm 0; page-break-inside: avoid; }
figcaption { font-weight: bold; font-size: 10pt; margin-bottom: 1mm; }
svg text { fill: #222; }
@media print { .chart-page { page-break-before: always; } }
`;

export function summaryHtml(s: MonthlySummary): string {
  const head = `<tr><th>指標</th>${s.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const groups = s.groups
    .map(
      (g) =>
        `<h2>${escapeHtml(g.heading)}</h2><table><thead>${head}</thead><tbody>` +
        g.rows
          .map(
            (r) =>
              `<tr><td class="l${r.level}">${escapeHtml(r.label)}</td>${r.cells.map((c) => `<td class="n">${htmlCell(c)}</td>`).join('')}</tr>`,
          )
          .join('') +
        '</tbody></table>',
    )
    .join('\n');
  const charts =
    `<section class="chart-page"><h2>グラフ</h2>` +
    `<figure><figcaption>${CHART_TITLES.newCasesByDomain}</figcaption>${newCasesByDomainSvg(s.charts.newCasesByDomain)}</figure>` +
    `<figure><figcaption>${CHART_TITLES.meetingsByType}</figcaption>${meetingsByTypeSvg(s.charts.meetingsByType, s.columns[0]!.label, s.columns[2]!.label)}</figure></section>`;
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(s.title)}</h1>
<p class="mode">${escapeHtml(summaryMode(s))}</p>
${s.warnings.map((w) => `<p class="warning" role="alert">注意: ${escapeHtml(w)}</p>`).join('\n')}
${groups}
<ul class="notes">${s.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
${charts}
</body>
</html>
`;
}
