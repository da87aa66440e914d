// Reads an XLSX into a RawRegistry in a browser (the offline page, reports/page/): the shared
// reader (xlsx-registry.ts) with DecompressionStream and TextDecoder (xlsx-web.ts), so a workbook
// gives the page exactly the rows, issues and figures it gives the CLI.
import { WEB_IO } from './xlsx-web';
import { readXlsxRegistry, type XlsxRead } from './xlsx-registry';

export type { XlsxRead } from './xlsx-registry';

export function readRegistryXlsxWeb(bytes: Uint8Array): Promise<XlsxRead> {
  return readXlsxRegistry(bytes, WEB_IO);
}
