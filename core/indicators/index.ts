// The indicator catalog and its computation (docs/indicators.md, kasane-indicators/1).
export { computeIndicators, excludedRowsOf, INDICATORS_FORMAT, type IndicatorsDoc, type ReadContext } from './compute';
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
