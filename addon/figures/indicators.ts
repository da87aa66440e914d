// 「指標を作成」: every indicator of the catalog for a 年度 or a 月 written to the sheet 「指標」 —
// the figures of `kasane indicators` on the same registry (computeIndicators over readRegistry of
// the workbook as readWorkbook reads it), one row per key in catalog order.
import { computeIndicators, type IndicatorsDoc } from '../../core/indicators/compute';
import { INDICATORS, resolveKey, indicatorLabel, type IndicatorDef } from '../../core/indicators/catalog';
import { SUMMARY_LAYOUT } from '../../core/summary/layout';
import { OUTPUT_SHEETS } from '../../core/registry/definition';
import type { Period } from '../../core/dates/fiscal';
import { isFailure, type Failure } from '../errors';
import { withDocumentLock } from '../lock';
import { openWorkbook, type Workbook } from '../workbook';
import { madeAt, outputSheet, writeOutput, type OutputLine } from './output-sheet';
import { readForFigures, readLines } from './read';
import { periodOf, readIndicatorsRequest } from './request';
import type { SheetWritten } from './types';

export const INDICATORS_HEADER = ['区分', '指標', '値', '期間', '除外した行数', '人口10万人あたり', 'キー'] as const;
const WIDTHS = [170, 330, 80, 230, 100, 120, 110];

/**
 * The 区分 of a catalog entry: the heading of the 月次集計 group it (or the figure it refines, e.g.
 * cases.new for cases.new.byAgeGroup) belongs to; entries of no group are their own 区分.
 */
const GROUP_OF: ReadonlyMap<string, string> = (() => {
  const byKey = new Map<string, string>();
  for (const g of SUMMARY_LAYOUT)
    for (const item of g.items) byKey.set('key' in item ? item.key : item.breakdown, g.heading);
  const groups = new Map<string, string>();
  for (const def of INDICATORS) {
    const base = def.key.split('.').slice(0, 2).join('.');
    groups.set(def.key, byKey.get(def.key) ?? byKey.get(base) ?? def.label);
  }
  return groups;
})();

/** The catalog has no unit field: the one figure that is no count of people, cases or events is the weight. */
const isCount = (def: IndicatorDef): boolean =>
  (def.kind === 'flow' || def.kind === 'stock') && def.key !== 'donations.weightKg';

/** Per 100,000 people, rounded half up to one decimal (as the catalog's own rates are rounded). */
const per100k = (value: number, population: number): number => Math.round((value * 1_000_000) / population) / 10;

export function periodText(p: Period): string {
  const cut = p.asOf !== null && p.end !== p.to ? `、${p.end}まで` : '';
  return `${p.label}（${p.from}〜${p.to}${cut}）`;
}

/** The table: header, then one row per key of doc.indicators (catalog order). */
export function indicatorLines(doc: IndicatorsDoc, population: number | null): OutputLine[] {
  const period = periodText(doc.period);
  const lines: OutputLine[] = [[...INDICATORS_HEADER]];
  for (const [key, value] of Object.entries(doc.indicators)) {
    const def = resolveKey(key)?.def;
    const rate =
      def && isCount(def) && value !== null && population !== null && population > 0
        ? per100k(value, population)
        : null;
    lines.push([
      def ? (GROUP_OF.get(def.key) ?? def.label) : '',
      indicatorLabel(key),
      value,
      period,
      def ? (doc.leftOut[def.key] ?? 0) : 0,
      rate,
      key,
    ]);
  }
  return lines;
}

export function makeIndicatorsSheet(input: unknown, wb: Workbook = openWorkbook()): SheetWritten | Failure {
  // The request is read before the spreadsheet: a bad month writes nothing and reads nothing.
  const request = readIndicatorsRequest(input);
  if (isFailure(request)) return request;
  const figures = readForFigures(wb);
  if (isFailure(figures)) return figures;
  const { registry } = figures.read;
  const period = periodOf(request, registry.settings.fiscalYearStartMonth);
  if (isFailure(period)) return period;
  const doc = computeIndicators(registry, period, figures.read);
  const excluded = doc.indicators['data.excludedRows'] ?? 0;
  const population = registry.settings.population;
  const municipality = registry.settings.municipality;

  const above: OutputLine[] = [
    [`${municipality ? municipality + ' ' : ''}重層的支援体制整備事業 指標 ${doc.period.label}`],
    ['作成日時', madeAt(wb)],
    ['期間', `${periodText(doc.period)}。フロー指標は期間の初日から終了日まで、ストック指標は終了日時点の件数です。`],
    ...readLines(figures, excluded, doc.warnings),
    [
      '人口',
      population === null
        ? '「設定」シートの人口が空欄のため、人口10万人あたりの値は空欄です。'
        : `${population.toLocaleString('ja-JP')}人（「設定」シートの人口。人口10万人あたり = 値 × 100,000 ÷ 人口）`,
    ],
    [],
  ];
  const table = indicatorLines(doc, population);
  const name = OUTPUT_SHEETS.indicators;
  return withDocumentLock((): SheetWritten | Failure => {
    const target = outputSheet(wb, name);
    if (isFailure(target)) return target;
    writeOutput(target, { name, lines: [...above, ...table], headerRow: above.length + 1, widths: WIDTHS });
    wb.ss.setActiveSheet(target.sheet);
    return { ok: true, sheet: name, rows: table.length - 1, warnings: doc.warnings };
  });
}
