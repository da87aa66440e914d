// Starts the preview (built add-on on the emulated spreadsheet) in-process on a free port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { previewApp } from '../../addon/preview/app';
import { previewEnvironment, readBuiltAddon } from '../../addon/preview/workbook';
import type { RawRegistry } from '../../core/registry/records';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';
import { ADDON_DIR } from '../addon/harness';

export { ADDON_DIR };

export interface RunningPreview {
  base: string;
  env: GasEnvironment;
  close(): Promise<void>;
}

export async function startPreview(raw?: RawRegistry): Promise<RunningPreview> {
  const addon = readBuiltAddon(ADDON_DIR);
  const env = previewEnvironment(addon, raw);
  const app = previewApp(env, addon.files);
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    env,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A sheet as the preview shows it at /sheet/<key>.json: its display values, row 1 first. */
export async function sheetValues(preview: RunningPreview, key: string): Promise<string[][]> {
  const doc = (await (await fetch(`${preview.base}/sheet/${key}.json`)).json()) as { values: string[][] };
  return doc.values;
}

/**
 * A small registry: one case with consent in force from 2025-04-20, one never consented; 「設定」
 * lists the office's 担当者 and 関係機関.
 */
export const TOWN: RawRegistry = {
  settings: { municipality: 'かさね町', staff: ['山田', '佐藤'], agencies: ['地域包括支援センター東'] },
  sheets: {
    cases: [{ ...CONSENTED_CASE }, { ...UNCONSENTED_CASE }],
  },
};
