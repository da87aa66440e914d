// computeIndicators: every indicator of the catalog for one period, in the output shape of
// docs/indicators.md (kasane-indicators/1).
import type { Period } from '../dates/fiscal';
import type { Registry } from '../registry/records';
import { INDICATORS } from './catalog';
import { IndicatorContext } from './context';
import { FigureInputs } from './needs';
import type { RowFaults, SheetRows } from '../registry/read';
import { SHEETS, columnLabel, type SheetKey } from '../registry/definition';
import { absentHint, type AbsentColumn } from '../registry/layout';

export const INDICATORS_FORMAT = 'kasane-indicators/1';

export interface IndicatorsDoc {
  format: typeof INDICATORS_FORMAT;
  period: Period;
  /** Key → figure, in catalog order; `null` where a figure cannot be computed (a rate without population). */
  indicators: Record<string, number | null>;
  /** Per catalog entry (a breakdown's key prefix): rows left out because a cell it needs could not be read. */
  leftOut: Record<string, number>;
  /** Sheets or columns the figures had to do without (a missing or renamed sheet): never a silent zero. */
  warnings: string[];
}

/** What a read of the registry says beside its records: unreadable cells, and layout warnings. */
export interface ReadContext {
  faults?: Partial<RowFaults>;
  warnings?: readonly string[];
  /** The same as public files say them (ReadResult.publicWarnings); `warnings` where absent. */
  publicWarnings?: readonly string[];
  /** Optional columns the sheets lack (read as empty): each figure that counts one is named. */
  absentColumns?: Partial<Record<SheetKey, readonly AbsentColumn[]>>;
  /** The read's rows and ids of the same registry (ReadResult.rows): references are found in them. */
  rows?: Partial<Record<SheetKey, SheetRows>>;
}

/** Figures named in a warning before 「など」. */
const NAMED_FIGURES = 3;

/**
 * The read's warnings, and one for each optional column a sheet lacks that some figure counts: a
 * retyped 「重量(kg)」 leaves 寄付重量 at 0, which must not look like a month without donations.
 */
export function figureWarnings(read: ReadContext, audience: 'office' | 'public' = 'office'): string[] {
  const forPublic = audience === 'public';
  const out = [...((forPublic ? read.publicWarnings : undefined) ?? read.warnings ?? [])];
  for (const sheet of SHEETS) {
    const counted = (read.absentColumns?.[sheet.key] ?? []).filter((a) =>
      INDICATORS.some((d) => d.needs[sheet.key]?.includes(a.key)),
    );
    // A header that looks retyped gets its own line, with its figures and the fix; the others one line.
    for (const a of counted.filter((a) => a.near !== undefined)) out.push(absentWarning(sheet, [a], forPublic));
    const rest = counted.filter((a) => a.near === undefined);
    if (rest.length) out.push(absentWarning(sheet, rest, forPublic));
  }
  return out;
}

function absentWarning(sheet: (typeof SHEETS)[number], absent: readonly AbsentColumn[], forPublic: boolean): string {
  const labels = absent.map((a) => `「${columnLabel(sheet, a.key)}」`).join('');
  const figures = INDICATORS.filter((d) => absent.some((a) => d.needs[sheet.key]?.includes(a.key))).map((d) => d.label);
  const named = figures.slice(0, NAMED_FIGURES).join('、') + (figures.length > NAMED_FIGURES ? 'など' : '');
  return `「${sheet.name}」シートに見出し${labels}がないため、この列を使う数字（${named}）は空欄として集計しています。${forPublic ? '' : absentHint(sheet, absent)}`;
}

/**
 * All indicators for `period` (flows from its first day to its end, stocks on its end). Each figure
 * counts the rows whose cells it needs could be read (`read.faults`); `data.excludedRows` is the
 * number of rows left out of at least one figure.
 */
export function computeIndicators(registry: Registry, period: Period, read: ReadContext = {}): IndicatorsDoc {
  return computeWith(new FigureInputs(registry, read), registry, period, figureWarnings(read));
}

/** Rows left out of at least one figure (`data.excludedRows`), whatever the period. */
export function excludedRowsOf(registry: Registry, read: ReadContext = {}): number {
  return new FigureInputs(registry, read).leftOutOfAny(INDICATORS.map((d) => d.needs));
}

/** The same, with figure inputs shared by several periods (the monthly summary's three columns). */
export function computeWith(
  inputs: FigureInputs,
  registry: Registry,
  period: Period,
  warnings: readonly string[],
): IndicatorsDoc {
  const excludedRows = inputs.leftOutOfAny(INDICATORS.map((d) => d.needs));
  const contexts = new Map<Registry, IndicatorContext>();
  const indicators: Record<string, number | null> = {};
  const leftOut: Record<string, number> = {};
  for (const def of INDICATORS) {
    const input = inputs.for(def.needs);
    let ctx = contexts.get(input.registry);
    if (!ctx) {
      ctx = new IndicatorContext(input.registry, period, excludedRows);
      contexts.set(input.registry, ctx);
    }
    if (def.kind !== 'meta') leftOut[def.key] = input.leftOut;
    if (def.type === 'scalar') {
      indicators[def.key] = def.value(ctx);
      continue;
    }
    const counts = def.count(ctx);
    for (const v of def.values(registry.settings)) indicators[`${def.key}.${v}`] = counts.get(v) ?? 0;
  }
  return { format: INDICATORS_FORMAT, period, indicators, leftOut, warnings: [...warnings] };
}
