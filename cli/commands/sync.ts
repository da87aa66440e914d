// kasane sync --input FILE --server URL [--base-revision N] [--format text|json]: sends a registry
// (.xlsx or .json) to the sync server as the add-on does — read first with core's row rules, then
// only the readable cells in the interchange's canonical form (core/registry/shared-payload.ts);
// PII columns never leave, and cells that cannot be read are held back and counted. The token is
// read from KASANE_TOKEN only (a command-line argument would show in process lists and shell
// history). Exit 0: stored with no issues and nothing held back; 1: stored, with issues or held-back
// cells; 2: not stored (unreadable file, layout faults, server refusal, no connection).
import { readRegistry } from '../../core/registry/read';
import { sharedPayload, syncBlockers } from '../../core/registry/shared-payload';
import { canonicalFaults } from '../../core/registry/canonical';
import { oneOf, parse, required, wholeNumber, UsageError } from '../args';
import { SPECS } from './specs';
import { loadRegistryFile } from '../input';

/** Layout faults that would make the server count a different registry than the file holds. */

interface SyncAnswer {
  revision: number;
  created: boolean;
  issues: Array<{ message: string; code: string }>;
  issueTotal?: number;
  issueCounts?: Record<string, number>;
}

function serverUrl(value: string | undefined): URL {
  const given = required(value ?? process.env.KASANE_SERVER, 'server');
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError('--server はサーバーのアドレス（例: https://kasane.example.jp）で指定してください。');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError('--server は http:// か https:// で始まるアドレスにしてください。');
  return url;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.sync);
  const format = oneOf(values.format, 'format', ['text', 'json'] as const, 'text');
  const input = required(values.input, 'input');
  const server = serverUrl(values.server);
  const token = process.env.KASANE_TOKEN?.trim();
  if (!token)
    throw new UsageError(
      'トークンを環境変数 KASANE_TOKEN に入れてから実行してください（kasane token create で発行したもの）。',
      false,
    );
  const base =
    values['base-revision'] === undefined
      ? null
      : wholeNumber(values['base-revision'], 'base-revision', 0, 2 ** 31 - 1);

  const raw = await loadRegistryFile(input);
  const blocking = syncBlockers(raw);
  if (blocking.length)
    throw new UsageError(
      [`${input} は同期していません。先に次の点を直してください:`, ...blocking.map((i) => `  ${i.message}`)].join('\n'),
      false,
    );
  const read = readRegistry(raw);
  const { doc, heldBack } = sharedPayload(raw, read);
  // What is sent is canonical by construction; a fault here is a bug, never sent.
  const check = canonicalFaults(doc);
  if (check.total) throw new Error(`payload not canonical: ${check.faults[0]!.code}`);
  if (base !== null) doc.baseRevision = base;

  let res: Response;
  try {
    res = await fetch(new URL('api/v1/sync', server.href.endsWith('/') ? server : `${server.href}/`), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    });
  } catch (e) {
    throw new UsageError(
      `サーバー ${server.origin} に接続できません（${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}）。アドレスとネットワークを確かめてください。`,
      false,
    );
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new UsageError(
      typeof err?.message === 'string'
        ? `サーバーが同期を受け付けませんでした（${res.status} ${String(err.code)}）: ${err.message}`
        : `サーバーが同期を受け付けませんでした（HTTP ${res.status}）。`,
      false,
    );
  }
  const answer = body as SyncAnswer;
  const total = answer.issueTotal ?? answer.issues.length;
  if (format === 'json') {
    process.stdout.write(
      JSON.stringify(
        {
          revision: answer.revision,
          created: answer.created,
          heldBack,
          issueTotal: total,
          issueCounts: answer.issueCounts ?? {},
          issues: answer.issues,
        },
        null,
        1,
      ) + '\n',
    );
  } else {
    const lines = [
      answer.created
        ? `版 ${answer.revision} として保存しました。`
        : `サーバーの版 ${answer.revision} と同じ内容のため、新しい版は作りませんでした。`,
    ];
    if (heldBack)
      lines.push(
        `読めないため送らなかったセル・設定が ${heldBack} 件あります（kasane validate --input ${input} で確かめられます）。`,
      );
    if (total) {
      lines.push(
        `検証の問題が ${total} 件あります${total > answer.issues.length ? `（最初の ${answer.issues.length} 件）` : ''}:`,
      );
      for (const i of answer.issues) lines.push(`- ${i.message} [${i.code}]`);
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return heldBack || total ? 1 : 0;
}
