// The indicators document as JSON (exactly kasane-indicators/1), a readable Japanese table, or CSV.
import type { IndicatorsDoc } from '../core/indicators/compute';
import { indicatorLabel, resolveKey } from '../core/indicators/catalog';
import { toCsv } from './csv';

/** Display width in a terminal: East Asian wide and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

export const padDisplay = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

function shown(value: number | null): string {
  if (value === null) return '—（人口未設定）';
  return value.toLocaleString('ja-JP', { maximumFractionDigits: 3 });
}

function periodLine(doc: IndicatorsDoc): string {
  const p = doc.period;
  const cut = p.asOf !== null && p.end !== p.to ? `、${p.end}時点` : '';
  return `${p.label}（${p.from}〜${p.to}${cut}）`;
}

export function indicatorsText(doc: IndicatorsDoc): string {
  const rows = Object.entries(doc.indicators).map(([k, v]) => [k, indicatorLabel(k), shown(v)] as const);
  const labelW = Math.max(...rows.map(([, l]) => displayWidth(l)));
  const valueW = Math.max(...rows.map(([, , v]) => displayWidth(v)));
  const lines = [
    `指標 ${periodLine(doc)}`,
    ...doc.warnings.map((w) => `注意: ${w}`),
    '',
    ...rows.map(([k, l, v]) => {
      const out = leftOutOf(doc, k);
      return `${padDisplay(l, labelW)}  ${' '.repeat(valueW - displayWidth(v))}${v}${out ? `  （除外 ${out}行）` : ''}`;
    }),
  ];
  lines.push('', 'フロー指標は期間の初日から終了日まで、ストック指標は終了日時点の件数です。');
  return lines.join('\n') + '\n';
}

/** Rows a figure left out because a cell it needs could not be read (by its catalog entry). */
export function leftOutOf(doc: IndicatorsDoc, key: string): number {
  const def = resolveKey(key)?.def;
  return def ? (doc.leftOut[def.key] ?? 0) : 0;
}

export function indicatorsCsv(doc: IndicatorsDoc): Buffer {
  // Header first, for whatever reads the file, unless the figures lack a sheet or a column: then the
  // 注意 lines come first, so that neither a clerk nor a program takes the zeros for real ones.
  return toCsv([
    ...doc.warnings.map((w) => ['注意', w]),
    ['キー', '指標', '期間', '開始日', '終了日', '値', '除外した行数'],
    ...Object.entries(doc.indicators).map(([k, v]) => [
      k,
      indicatorLabel(k),
      doc.period.label,
      doc.period.from,
      doc.period.end,
      v,
      leftOutOf(doc, k),
    ]),
  ]);
}

export function indicatorsJson(doc: IndicatorsDoc): Buffer {
  return Buffer.from(JSON.stringify(doc, null, 1) + '\n', 'utf8');
}
