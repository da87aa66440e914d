// computeIndicators: every indicator of the catalog for one period, in the output shape of
// docs/indicators.md (kasane-indicators/1).
import * as z from 'zod/mini';
import type { Period } from '../dates/fiscal';
import type { Registry } from '../registry/records';
import { isoDate } from '../registry/schema';
import { INDICATORS } from './catalog';
import { IndicatorContext } from './context';
import { FigureInputs } from './needs';
import type { RowFaults } from '../registry/read';

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
}

/**
 * All indicators for `period` (flows from its first day to its end, stocks on its end). Each figure
 * counts the rows whose cells it needs could be read (`read.faults`); `data.excludedRows` is the
 * number of rows left out of at least one figure.
 */
export function computeIndicators(registry: Registry, period: Period, read: ReadContext = {}): IndicatorsDoc {
  return computeWith(new FigureInputs(registry, read.faults), registry, period, read.warnings ?? []);
}

/** Rows left out of at least one figure (`data.excludedRows`), whatever the period. */
export function excludedRowsOf(registry: Registry, read: ReadContext = {}): number {
  return new FigureInputs(registry, read.faults).leftOutOfAny(INDICATORS.map((d) => d.needs));
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

/** The document as it crosses a boundary (HTTP response, a file read back). */
export const indicatorsDocSchema = z.strictObject({
  format: z.literal(INDICATORS_FORMAT),
  period: z.strictObject({
    kind: z.enum(['fiscalYear', 'month']),
    value: z.string(),
    label: z.string(),
    from: isoDate,
    to: isoDate,
    asOf: z.nullable(isoDate),
    end: isoDate,
  }),
  indicators: z.record(z.string(), z.nullable(z.number())),
  leftOut: z.record(z.string(), z.number()),
  warnings: z.array(z.string()),
});
