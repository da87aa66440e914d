// The indicator catalog and its computation (INDICATORS.md, kasane-indicators/1).
export { computeIndicators, indicatorsDocSchema, INDICATORS_FORMAT, type IndicatorsDoc } from './compute';
export {
  INDICATORS,
  indicatorDef,
  indicatorKeys,
  indicatorLabel,
  resolveKey,
  type BreakdownIndicator,
  type IndicatorDef,
  type IndicatorKind,
  type ScalarIndicator,
} from './catalog';
