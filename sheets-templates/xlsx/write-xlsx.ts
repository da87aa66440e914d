// A registry as an XLSX in the template's layout: dates as date cells, multi-values joined with 、,
// booleans TRUE/FALSE. Round-trip tests and benchmarks use it.
import type { Registry } from '../../core/registry/records';
import { writeWorkbook } from './workbook';

export function writeRegistryXlsx(registry: Registry): Promise<Buffer> {
  return writeWorkbook(registry.settings, registry);
}
