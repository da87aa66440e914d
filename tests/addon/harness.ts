// Loads THE BUILT add-on (build/addon, written by `npm run build`) into the emulator, as Apps Script
// loads it: Code.js evaluated afresh for every call, HTML files found by name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GasEnvironment } from '../../gas-emulator';
import { readBuiltAddon } from '../../addon/preview/workbook';

export const ADDON_DIR = join(__dirname, '..', '..', 'build', 'addon');

export function builtAddon(): { code: string; files: Map<string, string>; manifest: Record<string, unknown> } {
  return {
    ...readBuiltAddon(ADDON_DIR),
    manifest: JSON.parse(readFileSync(join(ADDON_DIR, 'appsscript.json'), 'utf8')) as Record<string, unknown>,
  };
}

export function newEnvironment(): GasEnvironment {
  const { code, files } = builtAddon();
  return new GasEnvironment({ code, files });
}

/** The values of a sheet as a host sees them (no call counted): row 1 first, '' for empty. */
export function sheetValues(env: GasEnvironment, name: string): unknown[][] {
  const sheet = env.spreadsheet.sheetForHost(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  // Host-side reads are counted like any call; tests that count calls reset the log after reading.
  return sheet.getDataRange().getValues();
}

/** Rows as objects keyed by header label (data rows only). */
export function records(env: GasEnvironment, name: string): Array<Record<string, unknown>> {
  const [header = [], ...rows] = sheetValues(env, name);
  if (header.every((h) => h === '')) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

export const validIntake = {
  receivedOn: '2025-05-12',
  channel: '電話',
  referralSource: '民生委員・児童委員',
  window: '地域包括支援センター',
  domains: ['高齢', '生活困窮'],
  issues: ['8050', 'ひきこもり'],
  area: '東',
  consent: '未確認',
  stage: '受付',
  name: '架空 太郎',
  contact: '0120-000-000',
};
