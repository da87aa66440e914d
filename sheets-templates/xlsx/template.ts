// kasane-registry.xlsx: every sheet of the contract with its headers, dropdowns and 「設定」.
import { defaultSettings, type Settings } from '../../core/registry/definition';
import { writeWorkbook } from './workbook';

export const TEMPLATE_FILE = 'kasane-registry.xlsx';

export function buildTemplateXlsx(settings: Settings = defaultSettings()): Promise<Buffer> {
  return writeWorkbook(settings);
}
