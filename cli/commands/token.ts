// kasane token create|list|revoke --workbook NAME [--data-dir DIR]: bearer tokens of a workbook.
// `create` prints the token as its last line; only its hash is stored.
import { parse, required, oneOf, UsageError } from '../args';
import { SPECS } from './specs';
import { withStore } from '../store';
import { isWorkbookName } from '../../server/store';

const USAGE =
  'kasane token create --workbook NAME [--label TEXT] | list --workbook NAME [--format text|json] | revoke --workbook NAME --id ID  [--data-dir ./data]';

function workbookOf(v: string | undefined): string {
  const name = required(v, 'workbook');
  if (!isWorkbookName(name))
    throw new UsageError('--workbook は 1〜100 文字の名前で指定してください（前後の空白や制御文字は使えません）。');
  return name;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, SPECS.token);
  const [action, ...extra] = positionals;
  if (extra.length) throw new UsageError(`余分な引数があります: ${extra.join(' ')}（kasane token --help）。`);
  const dataDir = values['data-dir'];
  switch (action) {
    case 'create': {
      const workbook = workbookOf(values.workbook);
      const t = await withStore(dataDir, 'token create', (s) => s.createToken(workbook, values.label ?? '', 'cli'));
      process.stdout.write(
        `ワークブック「${workbook}」のトークンを発行しました（ID: ${t.id}）。\n` +
          'トークンはこの一度だけ表示されます。安全な場所に保管し、Authorization: Bearer <トークン> で使ってください。\n' +
          `${t.token}\n`,
      );
      return 0;
    }
    case 'list': {
      const workbook = workbookOf(values.workbook);
      const format = oneOf(values.format, 'format', ['text', 'json'] as const, 'text');
      const tokens = await withStore(dataDir, 'token list', (s) => s.listTokens(workbook));
      if (tokens === null) throw new UsageError(`ワークブック「${workbook}」はありません。`, false);
      if (format === 'json') {
        process.stdout.write(JSON.stringify({ workbook, tokens }, null, 1) + '\n');
        return 0;
      }
      if (!tokens.length) process.stdout.write(`ワークブック「${workbook}」にトークンはありません。\n`);
      for (const t of tokens) {
        const state = t.revokedAt ? `失効 ${t.revokedAt}` : '有効';
        process.stdout.write(`${t.id}  発行 ${t.createdAt}  ${state}${t.label ? `  ${t.label}` : ''}\n`);
      }
      return 0;
    }
    case 'revoke': {
      const workbook = workbookOf(values.workbook);
      const id = required(values.id, 'id');
      const done = await withStore(dataDir, 'token revoke', (s) => s.revokeToken(workbook, id, 'cli'));
      if (!done)
        throw new UsageError(
          `ワークブック「${workbook}」に有効なトークン ${id} はありません（kasane token list で確かめてください）。`,
          false,
        );
      process.stdout.write(`トークン ${id} を失効させました。\n`);
      return 0;
    }
    default:
      throw new UsageError(`token の操作は create / list / revoke のいずれかです。\n  ${USAGE}`);
  }
}
