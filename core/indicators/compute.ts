// computeIndicators: every indicator of the catalog for one period, in the output shape of
// INDICATORS.md (kasane-indicators/1).
import * as z from 'zod/mini';
import type { Period } from '../dates/fiscal';
import type { Registry } from '../registry/records';
import { isoDate } from '../registry/schema';
import { INDICATORS } from './catalog';
import { IndicatorContext } from './context';

export const INDICATORS_FORMAT = 'kasane-indicators/1';

export interface IndicatorsDoc {
  format: typeof INDICATORS_FORMAT;
  period: Period;
  /** Key → figure, in catalog order; `null` where a figure cannot be computed (a rate without population). */
  indicators: Record<string, number | null>;
}

/**
 * All indicators for `period` (flows from its first day to its end, stocks on its end).
 * `excludedRows` is the count of rows the row rules left out, reported as `data.excludedRows`.
 */
export function computeIndicators(registry: Registry, period: Period, excludedRows: number): IndicatorsDoc {
  const ctx = new IndicatorContext(registry, period, excludedRows);
  const indicators: Record<string, number | null> = {};
  for (const def of INDICATORS) {
    if (def.type === 'scalar') {
      indicators[def.key] = def.value(ctx);
      continue;
    }
    const counts = def.count(ctx);
    for (const v of def.values(registry.settings)) indicators[`${def.key}.${v}`] = counts.get(v) ?? 0;
  }
  return { format: INDICATORS_FORMAT, period, indicators };
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
});
