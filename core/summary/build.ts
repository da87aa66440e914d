// buildMonthlySummary: the 月次集計 of docs/indicators.md — the month, the same month a year earlier and
// the fiscal year to date, rows grouped by theme, suppressed for publication when asked.
import {
  fiscalYearOf,
  makePeriod,
  previousYearMonth,
  shiftMonth,
  type Period,
  type PeriodRequest,
} from '../dates/fiscal';
import { isIsoDate, todayInJapan } from '../dates/calendar';
import { monthLabel } from '../dates/fiscal';
import { ENUMS } from '../registry/definition';
import type { Registry } from '../registry/records';
import { computeWith, figureWarnings, type IndicatorsDoc, type ReadContext } from '../indicators/compute';
import { FigureInputs } from '../indicators/needs';
import { indicatorDef, indicatorLabel, resolveKey, UNRECORDED } from '../indicators/catalog';
import { SUMMARY_LAYOUT } from './layout';
import {
  withholdStock,
  suppressionNote,
  suppressTable,
  suppressYearToDate,
  type Cell,
  type SuppressionBlock,
  type SuppressionTable,
} from './suppress';
import { monthlyFlows } from './months';
import { SUMMARY_FORMAT, type MonthlySummary, type SummaryColumn, type SummaryGroup, type SummaryRow } from './types';

export interface SummaryOptions {
  /** Apply small-cell suppression (settings.suppressionThreshold) for publication. */
  public: boolean;
  /** What the read of the registry says beside its records: unreadable cells, layout warnings. */
  read?: ReadContext;
  /** 作成日 (YYYY-MM-DD) printed on the summary; today in Japan when not given. */
  createdOn?: string;
}

/** A request the summary cannot be built for; `code` is machine-readable, `message` Japanese. */
export class SummaryError extends Error {
  constructor(
    readonly code: 'month.invalid' | 'createdOn.invalid',
    message: string,
  ) {
    super(message);
  }
}

function period(req: PeriodRequest, startMonth: number): Period {
  const r = makePeriod(req, startMonth);
  if (!r.ok) throw new SummaryError('month.invalid', r.message);
  return r.period;
}

export function buildMonthlySummary(registry: Registry, month: string, options: SummaryOptions): MonthlySummary {
  const createdOn = options.createdOn ?? todayInJapan();
  if (!isIsoDate(createdOn))
    throw new SummaryError('createdOn.invalid', `作成日「${createdOn}」は YYYY-MM-DD の日付ではありません。`);
  const settings = registry.settings;
  const startMonth = settings.fiscalYearStartMonth;
  const monthPeriod = period({ kind: 'month', month }, startMonth);
  const lastYear = period({ kind: 'month', month: previousYearMonth(month) }, startMonth);
  const toDate = period(
    { kind: 'fiscalYear', year: fiscalYearOf(monthPeriod.from, startMonth), asOf: monthPeriod.to },
    startMonth,
  );
  const columns: SummaryColumn[] = [
    { key: 'month', label: monthPeriod.label, period: monthPeriod },
    { key: 'lastYear', label: `前年同月（${lastYear.label}）`, period: lastYear },
    {
      key: 'fiscalYearToDate',
      label: `${toDate.label}累計（${Number(month.slice(5, 7))}月末まで）`,
      period: toDate,
    },
  ];
  // One selection of countable rows per figure, shared by the three columns.
  const inputs = new FigureInputs(registry, options.read);
  const warnings = figureWarnings(options.read ?? {}, options.public ? 'public' : 'office');
  const docs = columns.map((c) => computeWith(inputs, registry, c.period, warnings));
  const excludedRows = docs[0]!.indicators['data.excludedRows'] ?? 0;

  // Rows in layout order, with their raw values, then suppression over the whole table at once.
  const rows: Array<{
    group: number;
    key: string;
    level: 0 | 1;
    sensitive: boolean;
    /** Counted on the period's last day (支援中ケース数): its 年度累計 is its 当月. */
    stock: boolean;
    breakdown?: SummaryRow['breakdown'];
  }> = [];
  const rowOf = new Map<string, number>();
  const blocks: SuppressionBlock[] = [];
  SUMMARY_LAYOUT.forEach((g, group) => {
    for (const item of g.items) {
      if ('key' in item) {
        const def = indicatorDef(item.key);
        rowOf.set(item.key, rows.length);
        rows.push({
          group,
          key: item.key,
          level: 0,
          sensitive: def?.sensitive ?? true,
          stock: def?.kind === 'stock',
        });
        continue;
      }
      const def = indicatorDef(item.breakdown);
      if (!def || def.type !== 'breakdown')
        throw new Error(`summary layout names an unknown breakdown ${item.breakdown}`);
      // Every value, 未記入 included where the column may be empty: all of them are parts, for the
      // reader adding them up and for secondary suppression alike.
      const parts: number[] = [];
      const addsUp = def.partsOf !== undefined && def.partsOf === item.total;
      for (const v of def.values(settings)) {
        parts.push(rows.length);
        rows.push({
          group,
          key: `${def.key}.${v}`,
          level: 1,
          sensitive: def.sensitive,
          stock: def.kind === 'stock',
          breakdown: { key: def.key, label: def.label, value: v, total: item.total ?? null, addsUp },
        });
      }
      const total = item.total === undefined ? undefined : rowOf.get(item.total);
      if (total !== undefined) blocks.push({ total, parts, addsUp });
    }
  });
  const valuesOf = (d: IndicatorsDoc) => rows.map((r) => d.indicators[r.key] ?? null);
  // The twelve months the chart shows, this one last; the fiscal year's months so far are among
  // them. Earlier months carry their flows (a stock's 年度累計 needs only this month's).
  const chartMonths = Array.from({ length: 12 }, (_, i) => shiftMonth(monthPeriod.value, i - 11));
  const earlier = monthlyFlows(
    inputs,
    chartMonths.slice(0, 11).map((m) => period({ kind: 'month', month: m }, startMonth)),
  );
  const monthValues = [...earlier.map((f) => rows.map((r) => f[r.key] ?? null)), valuesOf(docs[0]!)];
  const threshold = settings.suppressionThreshold;
  let monthCells: Cell[][] = monthValues;
  let cells: Cell[][] = rows.map((r) => docs.map((d) => d.indicators[r.key] ?? null));
  if (options.public) {
    // Every 当月 column on its own month's counts, as that month's own table prints it: this
    // month's, the chart's and last year's (前年同月).
    const byColumn = (columns: ReadonlyArray<ReadonlyArray<number | null>>): Cell[][] => {
      const table: SuppressionTable = {
        values: rows.map((_, i) => columns.map((c) => c[i]!)),
        sensitive: rows.map((r) => r.sensitive),
        blocks,
      };
      const out = suppressTable(table, threshold);
      // A stock is withheld (suppress.ts): no difference of two months' stocks gives back a flow.
      return columns.map((_, c) =>
        out.map((row, i) => (rows[i]!.stock && rows[i]!.sensitive ? withholdStock(row[c]!) : row[c]!)),
      );
    };
    const shown = byColumn([...monthValues, valuesOf(docs[1]!)]);
    const sameMonthLastYear = shown.pop()!;
    monthCells = shown;
    const thisMonth = monthCells[11]!;
    // 年度累計: from the 当月 columns of the fiscal year's months so far (suppress.ts).
    const first = chartMonths.indexOf(toDate.from.slice(0, 7));
    if (first < 0) throw new Error(`the fiscal year of ${monthPeriod.value} starts before its chart`);
    const fiscalMonths = monthCells.slice(first);
    const toDateCells = suppressYearToDate(valuesOf(docs[2]!), fiscalMonths, rows);
    cells = rows.map((_, i) => [thisMonth[i]!, sameMonthLastYear[i]!, toDateCells[i]!]);
  }
  const indexOfRow = new Map(rows.map((r, i) => [r.key, i]));

  const groups: SummaryGroup[] = SUMMARY_LAYOUT.map((g) => ({ heading: g.heading, rows: [] }));
  rows.forEach((r, i) => {
    const row: SummaryRow = { key: r.key, label: indicatorLabel(r.key), level: r.level, cells: cells[i]! };
    if (r.breakdown) row.breakdown = r.breakdown;
    groups[r.group]!.rows.push(row);
  });

  const notes = [
    `${columns[0]!.label}と${columns[1]!.label}は各月1日から末日まで、${columns[2]!.label}は${columns[2]!.period.from}から${columns[2]!.period.end}までの件数です。支援中ケース数は各期間の末日時点の件数です。`,
    '内訳の件数は、分野・課題を除き、合計（新規相談件数・終結件数）と一致します。分野・課題は1件のケースに複数あるときそれぞれに数えるため、内訳の合計は新規相談件数と一致しないことがあります。',
    `「${UNRECORDED}」は、年代・性別・課題・終結理由の欄が空欄の件数です。`,
  ];
  if (excludedRows > 0) {
    if (options.public) {
      // Public readers learn why a breakdown may fall short of its total; how many rows were faulty,
      // and how to find them, is a matter for the office (a count of faulty rows is no public figure).
      notes.push(
        '読み取れない値があった行は、その値を使う集計から除いているため、内訳の合計が合計と一致しないことがあります。',
      );
    } else {
      notes.push(
        `入力エラー（読み取れない値、見つからないID）のため、一部の集計から除外した行が ${excludedRows} 行あります。除外した行はその値を使う集計にだけ数えないため、内訳の合計が合計と一致しないことがあります（「${UNRECORDED}」には含めません）。kasane validate（アドオンでは「台帳を検証する」）で確認できます。`,
      );
      const shown = new Set<string>();
      const parts: string[] = [];
      for (const r of rows) {
        const def = resolveKey(r.key)?.def;
        if (!def || shown.has(def.key)) continue;
        shown.add(def.key);
        const n = docs[0]!.leftOut[def.key] ?? 0;
        if (n > 0) parts.push(`${def.label} ${n}行`);
      }
      if (parts.length) notes.push(`読めないセルがあるため除外した行（指標ごと）: ${parts.join('、')}。`);
    }
  }
  if (options.public) notes.push(suppressionNote(threshold));

  const municipality = settings.municipality;
  return {
    format: SUMMARY_FORMAT,
    title: `${municipality ? municipality + ' ' : ''}重層的支援体制整備事業 月次集計 ${monthPeriod.label}${options.public ? '（公表用）' : ''}`,
    municipality,
    month,
    createdOn,
    referenceDate: monthPeriod.end,
    public: options.public,
    suppressionThreshold: options.public ? threshold : null,
    columns,
    groups,
    notes,
    warnings,
    excludedRows,
    charts: {
      newCasesByDomain: {
        months: chartMonths,
        // The year on the first month and on every January: twelve months always straddle two years.
        labels: chartMonths.map((m, i) =>
          i === 0 || m.endsWith('-01') ? monthLabel(m) : `${Number(m.slice(5, 7))}月`,
        ),
        // The 当月 of each month as its table shows it: the chart reveals nothing the tables hide.
        series: ENUMS.domain.map((domain) => {
          const row = indexOfRow.get(`cases.new.byDomain.${domain}`)!;
          return { domain, values: monthCells.map((column) => column[row]!) };
        }),
      },
      meetingsByType: {
        types: [...ENUMS.meetingType],
        month: ENUMS.meetingType.map((t) => docs[0]!.indicators[`meetings.held.byType.${t}`] ?? 0),
        fiscalYearToDate: ENUMS.meetingType.map((t) => docs[2]!.indicators[`meetings.held.byType.${t}`] ?? 0),
      },
    },
  };
}
