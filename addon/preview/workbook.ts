// The emulated spreadsheet behind the preview: the built add-on sets it up (「台帳を初期設定」), then
// the rows of an input file, if any, are written into its sheets as a coordinator would have typed them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GasEnvironment, zonedInstant } from '../../gas-emulator';
import { SETTING_DEFS, SETTINGS_SHEET, SHEETS, type ColumnDef } from '../../core/registry/definition';
import type { RawRegistry } from '../../core/registry/records';

export class AddonNotBuilt extends Error {}

export interface BuiltAddon {
  code: string;
  files: Map<string, string>;
}

export function readBuiltAddon(dir: string): BuiltAddon {
  const codePath = join(dir, 'Code.js');
  if (!existsSync(codePath))
    throw new AddonNotBuilt(`${codePath} がありません。先に npm run build を実行してください。`);
  const files = new Map<string, string>();
  for (const f of readdirSync(dir))
    if (f.endsWith('.html')) files.set(f.slice(0, -5), readFileSync(join(dir, f), 'utf8'));
  return { code: readFileSync(codePath, 'utf8'), files };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function cellOf(col: ColumnDef | undefined, v: unknown, tz: string): unknown {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join('、');
  if (col?.type === 'date' && typeof v === 'string') {
    const m = ISO.exec(v);
    if (m) return new Date(zonedInstant(Number(m[1]), Number(m[2]), Number(m[3]), tz));
  }
  return v;
}

/** Writes a raw registry's rows and settings into the set-up spreadsheet (host side). */
export function loadRegistry(env: GasEnvironment, raw: RawRegistry): void {
  const ss = env.spreadsheet;
  const tz = ss.timeZoneForHost();
  const settings = ss.sheetForHost(SETTINGS_SHEET.name);
  if (settings) {
    const current = settings.getDataRange().getValues();
    const rows = raw.settingsRows
      ? raw.settingsRows.map(([k, v]) => [cellOf(undefined, k, tz), cellOf(undefined, v, tz)])
      : current.slice(1).map((r) => {
          const def = SETTING_DEFS.find((d) => d.label === r[0]);
          const v = def ? raw.settings?.[def.key] : undefined;
          return [r[0], v === undefined || v === null ? r[1] : cellOf(undefined, v, tz)];
        });
    const height = Math.max(rows.length, current.length - 1);
    while (rows.length < height) rows.push(['', '']);
    if (height + 1 > settings.getMaxRows())
      settings.insertRowsAfter(settings.getMaxRows(), height + 1 - settings.getMaxRows());
    if (height) settings.getRange(2, 1, height, 2).setValues(rows);
  }
  for (const def of SHEETS) {
    const rows = raw.sheets[def.key];
    const sheet = ss.sheetForHost(def.name);
    if (!rows?.length || !sheet) continue;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const byLabel = new Map<string, ColumnDef>(def.columns.map((c) => [c.label, c as ColumnDef]));
    const lines = rows.map((r) =>
      headers.map((h) => {
        const col = byLabel.get(h);
        return col ? cellOf(col, r[col.key], tz) : '';
      }),
    );
    const need = lines.length + 1;
    if (need > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), need - sheet.getMaxRows());
    sheet.getRange(2, 1, lines.length, headers.length).setValues(lines);
  }
}

export function previewEnvironment(addon: BuiltAddon, raw?: RawRegistry): GasEnvironment {
  const env = new GasEnvironment({ code: addon.code, files: addon.files });
  env.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
  const setup = env.run('setupRegistry') as { ok?: boolean; message?: string } | undefined;
  if (!setup?.ok) throw new Error(setup?.message ?? 'setup failed');
  if (raw) loadRegistry(env, raw);
  env.log.reset();
  return env;
}
