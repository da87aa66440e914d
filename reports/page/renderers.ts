// The renderers of reports/ the page uses whose signatures speak Node's Buffer (CSV as bytes, for
// the CLI and the server). The page calls them as they are — the CSV it saves is the CLI's, byte
// for byte — and the build injects buffer-shim.ts for the one Buffer call they make. Kept apart
// from the page's DOM code so that tsconfig.page.json can check that code without Node's types.
import type { IndicatorsDoc } from '../../core/indicators/compute';
import type { MonthlySummary } from '../../core/summary/types';
import { indicatorsCsv, leftOutOf } from '../indicators';
import { summaryCsv } from '../summary-csv';
import type { CsvRenderers } from './main';

export const CSV_RENDERERS: CsvRenderers = {
  indicatorsCsv: (doc: IndicatorsDoc): Uint8Array => indicatorsCsv(doc),
  summaryCsv: (s: MonthlySummary): Uint8Array => summaryCsv(s),
  leftOutOf,
};
