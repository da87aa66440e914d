// kasane preview [--port 8090] [--host 127.0.0.1] [--input FILE]: the whole built add-on in a browser
// — the かさね menu, its sidebars and dialogs, every sheet — answered by the built Code.js on an
// emulated spreadsheet (set up, then filled from FILE if given).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, UsageError } from '../args';
import { SPECS } from './specs';
import { loadRegistryFile } from '../input';
import { previewApp } from '../../addon/preview/app';
import { AddonNotBuilt, previewEnvironment, readBuiltAddon } from '../../addon/preview/workbook';
import { OPENS, SHEET_LINKS } from '../../addon/preview/tables';
import type { RawRegistry } from '../../core/registry/records';

/**
 * What of the input file the preview could not load. Its rows are written into a freshly set-up
 * spreadsheet by their columns, so a sheet the reader could not place (renamed, repeated) or a
 * header it could not find leaves rows or cells out: said once at the start, not discovered later
 * as a registry with rows missing. The layout's messages name sheets and headers, never a value.
 */
export function notLoadedNotice(file: string, raw: RawRegistry | undefined): string | undefined {
  const faults = raw?.layout?.issues ?? [];
  if (!faults.length) return undefined;
  return [
    `注意: ${file} の次の点のため、プレビューに読み込んでいない行や列があります（kasane validate で確かめられます）。`,
    ...faults.slice(0, 5).map((i) => `  - ${i.message}`),
    ...(faults.length > 5 ? [`  ほか ${faults.length - 5} 件`] : []),
    '',
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.preview);
  const port = Number(values.port ?? '8090');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port は 0〜65535 の整数です（指定: ${values.port}）。`);
  const host = values.host ?? '127.0.0.1';
  // dist/cli.cjs → the package root's build/addon.
  const dir = values['addon-dir'] ?? resolve(__dirname, '..', 'build', 'addon');
  let addon;
  try {
    addon = readBuiltAddon(dir);
  } catch (e) {
    if (e instanceof AddonNotBuilt) throw new UsageError(e.message, false);
    throw e;
  }
  const raw = values.input ? await loadRegistryFile(values.input) : undefined;
  const notice = values.input ? notLoadedNotice(values.input, raw) : undefined;
  if (notice) process.stderr.write(notice);
  const env = previewEnvironment(addon, raw);
  const reportFile = resolve(dir, '..', 'kasane-report.html');
  const app = previewApp(
    env,
    addon.files,
    existsSync(reportFile) ? { reportPage: readFileSync(reportFile, 'utf8') } : {},
  );
  const server = await new Promise<import('node:http').Server>((ok, fail) => {
    const s = app.listen(port, host, () => ok(s));
    s.on('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE'
          ? new UsageError(`ポート ${port} は使用中です。--port で別の番号を指定してください。`, false)
          : e,
      ),
    );
  });
  const address = server.address();
  const base = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  // The menu's sidebars and dialogs by their captions, then the sheets.
  const items = (env.ui.menus.find((m) => m.addon)?.entries ?? []).flatMap((e) => {
    const opens = 'functionName' in e ? OPENS[e.functionName] : undefined;
    return opens && 'caption' in e ? [{ name: e.caption, path: `/${opens.kind}/${opens.name}` }] : [];
  });
  process.stdout.write(
    [
      `かさね プレビュー（メニュー）: ${base}/`,
      ...items.map((i) => `  ${i.name.padEnd(12, '　')}  ${base}${i.path}`),
      ...SHEET_LINKS.map((l) => `  ${l.name.padEnd(12, '　')}  ${base}/sheet/${l.key}`),
      '（Ctrl+C で終了）',
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = () => server.close(() => done());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
