// An emulator of the Google services the add-on uses (SpreadsheetApp, LockService,
// PropertiesService, HtmlService, Ui, Utilities, Charts), faithful to Google's reference and counting calls.
export { CallLog } from './calls';
export { columnLetter, columnNumber, parseA1, toA1 } from './a1';
export { FakeSpreadsheet } from './spreadsheet';
export { FakeSheet } from './sheet';
export { FakeRange } from './range';
export { FakeRangeList } from './range-list';
export { FakeDataValidation, DataValidationCriteria } from './data-validation';
export { FakeProtection, ProtectionType } from './protection';
export { Charts, FakeEmbeddedChart, FakeEmbeddedChartBuilder, type ChartTypeName } from './charts';
export type { Shown } from './ui';
export { LOCK_TIMEOUT_MESSAGE } from './lock';
export {
  GasEnvironment,
  AuthMode,
  ScriptFunctionNotFound,
  type RunOptions,
  type GasEnvironmentOptions,
} from './environment';
export { zonedInstant, formatZoned } from './zone';
export type { FetchHandler, FetchRequest, FetchReply } from './url-fetch';
