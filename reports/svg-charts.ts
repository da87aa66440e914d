// Inline SVG charts for the printable summary: no script, no external resource, prints as vectors.
import type { MonthlySummary } from '../core/summary/types';
import { SUPPRESSED } from '../core/summary/suppress';
import { escapeHtml } from './html';

/** The charts' titles: the SVG's accessible name and the caption the HTML page puts above it. */
export const CHART_TITLES = {
  newCasesByDomain: '新規相談件数（分野別・直近12か月）',
  meetingsByType: '会議開催回数（種別）',
} as const;

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
const FONT = 'font-family="inherit"';

const text = (x: number, y: number, s: string, attrs = '') =>
  `<text x="${x}" y="${y}" ${FONT} ${attrs}>${escapeHtml(s)}</text>`;

/** New cases by 分野: one small bar chart per 分野 over the same twelve months, on a shared scale. */
export function newCasesByDomainSvg(chart: MonthlySummary['charts']['newCasesByDomain']): string {
  const width = 680;
  const left = 90;
  const rowH = 62;
  const top = 8;
  // Two lines under the bars: the month, and the year on the first month and on January.
  const height = top + chart.series.length * rowH + 34;
  const slot = (width - left - 10) / chart.months.length;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.map((v) => (typeof v === 'number' ? v : 0))));
  const parts: string[] = [];
  chart.series.forEach((s, i) => {
    const base = top + (i + 1) * rowH - 14;
    const color = COLORS[i % COLORS.length]!;
    parts.push(text(4, base - 18, s.domain, 'font-size="12"'));
    parts.push(`<line x1="${left}" y1="${base}" x2="${width - 10}" y2="${base}" stroke="#999" stroke-width="0.5"/>`);
    s.values.forEach((v, j) => {
      const x = left + j * slot + slot * 0.2;
      const w = slot * 0.6;
      if (v === SUPPRESSED) {
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${base - 10}" width="${w.toFixed(1)}" height="10" fill="none" stroke="${color}" stroke-dasharray="2 2"/>`,
        );
        parts.push(text(x + w / 2, base - 13, SUPPRESSED, 'font-size="9" text-anchor="middle"'));
        return;
      }
      const n = typeof v === 'number' ? v : 0;
      const h = (n / max) * (rowH - 26);
      if (h > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"/>`,
        );
      parts.push(text(x + w / 2, base - h - 3, String(n), 'font-size="9" text-anchor="middle"'));
    });
  });
  chart.months.forEach((m, j) => {
    const x = left + j * slot + slot / 2;
    parts.push(text(x, height - 18, `${Number(m.slice(5, 7))}月`, 'font-size="10" text-anchor="middle"'));
    if (j === 0 || m.endsWith('-01'))
      parts.push(text(x, height - 5, `${m.slice(0, 4)}年`, 'font-size="9" text-anchor="middle"'));
  });
  return svg(width, height, CHART_TITLES.newCasesByDomain, parts);
}

/** Meetings held by type: the month and the fiscal year to date, each bar on its own scale. */
export function meetingsByTypeSvg(
  chart: MonthlySummary['charts']['meetingsByType'],
  monthLabel: string,
  yearLabel: string,
): string {
  const width = 680;
  const left = 190;
  const colW = (width - left - 20) / 2;
  const rowH = 20;
  const top = 22;
  const height = top + chart.types.length * rowH + 6;
  const maxM = Math.max(1, ...chart.month);
  const maxY = Math.max(1, ...chart.fiscalYearToDate);
  const parts: string[] = [
    text(left, 14, monthLabel, 'font-size="11" font-weight="bold"'),
    text(left + colW + 10, 14, yearLabel, 'font-size="11" font-weight="bold"'),
  ];
  chart.types.forEach((t, i) => {
    const y = top + i * rowH;
    parts.push(text(4, y + 13, t, 'font-size="11"'));
    const bars: Array<[number, number, number, string]> = [
      [left, chart.month[i] ?? 0, maxM, '#1f77b4'],
      [left + colW + 10, chart.fiscalYearToDate[i] ?? 0, maxY, '#7fa7cc'],
    ];
    for (const [x, n, max, color] of bars) {
      const w = (n / max) * (colW - 40);
      if (w > 0) parts.push(`<rect x="${x}" y="${y + 3}" width="${w.toFixed(1)}" height="12" fill="${color}"/>`);
      parts.push(text(x + w + 4, y + 13, String(n), 'font-size="10"'));
    }
  });
  return svg(width, height, CHART_TITLES.meetingsByType, parts);
}

/** The drawing's width and height (its viewBox): a printed page reserves height × page width ÷ width. */
export function svgSize(svgText: string): { width: number; height: number } {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svgText);
  if (!m) throw new Error('an SVG without a viewBox');
  return { width: Number(m[1]), height: Number(m[2]) };
}

function svg(width: number, height: number, title: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}
