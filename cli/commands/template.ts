// kasane template [--out kasane-registry.xlsx [--force]]: writes the empty registry template.
// kasane template --google [--credentials KEY.json] [--municipality 名前]: creates it in Google Sheets.
import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultSettings, type Settings } from '../../core/registry/definition';
import { TEMPLATE_FILE, buildTemplateXlsx } from '../../sheets-templates/xlsx/template';
import { UsageError, parse } from '../args';
import { SPECS } from './specs';
import { checkOut, outFormat, writeOut } from '../output';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, SPECS.template);
  if (positionals.length) throw new UsageError(`余分な引数があります: ${positionals.join(' ')}`);
  const settings: Settings = { ...defaultSettings(), municipality: values.municipality?.trim() ?? '' };
  if (values.google) {
    if (values.out !== undefined || values.force)
      throw new UsageError(
        `--google と ${values.out !== undefined ? '--out' : '--force'} は同時に使えません（Google スプレッドシートはファイルに書き出しません）。`,
      );
    return runGoogle(settings, values.credentials);
  }
  if (values.credentials !== undefined) throw new UsageError('--credentials は --google と一緒に使います。');
  const out = resolve(values.out ?? TEMPLATE_FILE);
  outFormat(undefined, out, { xlsx: ['.xlsx'] });
  const force = values.force === true;
  await checkOut(out, { force });
  const bytes = await buildTemplateXlsx(settings);
  await writeOut(out, bytes, { force });
  process.stdout.write(`台帳テンプレートを書き出しました: ${out}\n`);
  return 0;
}

/**
 * Test and operations hooks, read only here: KASANE_SHEETS_API_ROOT points the Sheets API client
 * elsewhere (the emulator in tests, a proxy), KASANE_GOOGLE_ACCESS_TOKEN supplies a ready access
 * token instead of credentials. Neither value is ever printed.
 */
async function runGoogle(settings: Settings, credentials: string | undefined): Promise<number> {
  // Loaded here: the Sheets client is only needed by this one path of the CLI.
  const { createGoogleTemplate, GoogleTemplateError } = await import('../../sheets-templates/google/create');
  const { sheetsAuth } = await import('../../sheets-templates/google/auth');
  const accessToken = process.env.KASANE_GOOGLE_ACCESS_TOKEN || undefined;
  const rootUrl = process.env.KASANE_SHEETS_API_ROOT || undefined;
  let keyFile: string | undefined;
  if (credentials !== undefined && !accessToken) {
    keyFile = resolve(credentials);
    try {
      await access(keyFile, constants.R_OK);
    } catch {
      throw new UsageError(
        `認証情報ファイル ${keyFile} を読めません。パスと権限を確認してください。（GOOGLE_NO_CREDENTIALS）`,
        false,
      );
    }
  }
  try {
    const made = await createGoogleTemplate({
      auth: sheetsAuth({ credentials: keyFile, accessToken }),
      settings,
      ...(rootUrl ? { rootUrl } : {}),
    });
    process.stdout.write(
      [
        `Google スプレッドシートに台帳テンプレートを作成しました: ${made.title}`,
        '職員と共有するには、ファイルを開いて「共有」から編集者として追加してください。',
        made.spreadsheetUrl,
      ].join('\n') + '\n',
    );
    return 0;
  } catch (e) {
    if (e instanceof GoogleTemplateError) throw new UsageError(`${e.message}（${e.code}）`, false);
    throw e;
  }
}
