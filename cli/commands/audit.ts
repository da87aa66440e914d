// kasane audit --workbook NAME [--data-dir DIR] [--format text|json]: the workbook's audit trail.
import { parse, required, oneOf, UsageError } from '../args';
import { SPECS } from './specs';
import { withStore } from '../store';
import type { AuditEntry } from '../../server/store';

const ACTIONS: Record<string, string> = {
  sync: '同期（新しい版）',
  'sync.unchanged': '同期（変更なし）',
  'sync.conflict': '同期（版の競合）',
  indicators: '指標の取得',
  issues: '検証結果の取得',
  export: '月次集計の出力',
  'token.create': 'トークン発行',
  'token.revoke': 'トークン失効',
};

/** One line per entry; the token is named with its label, so the trail says who synced. */
function line(e: AuditEntry, labels: ReadonlyMap<string, string>): string {
  const rows = e.rowCounts ? Object.values(e.rowCounts).reduce((a, b) => a + b, 0) : null;
  const label = e.tokenId === null ? '' : (labels.get(e.tokenId) ?? '');
  return [
    e.at,
    ACTIONS[e.action] ?? e.action,
    `トークン ${e.tokenId ?? '-'}${label ? `（${label}）` : ''}`,
    `版 ${e.revision ?? '-'}`,
    `行数 ${rows ?? '-'}`,
    `実行 ${e.actor}`,
    `リクエスト ${e.requestId ?? '-'}`,
  ].join('  ');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.audit);
  const workbook = required(values.workbook, 'workbook');
  const format = oneOf(values.format, 'format', ['text', 'json'] as const, 'text');
  const read = await withStore(values['data-dir'], 'audit', async (s) => ({
    entries: await s.auditLog(workbook),
    tokens: (await s.listTokens(workbook)) ?? [],
  }));
  const entries = read.entries;
  if (entries === null) throw new UsageError(`ワークブック「${workbook}」はありません。`, false);
  const labels = new Map(read.tokens.map((t) => [t.id, t.label]));
  if (format === 'json')
    process.stdout.write(
      JSON.stringify(
        {
          workbook,
          entries: entries.map((e) => ({
            ...e,
            tokenLabel: e.tokenId === null ? null : (labels.get(e.tokenId) ?? null),
          })),
        },
        null,
        1,
      ) + '\n',
    );
  else
    process.stdout.write(
      (entries.length
        ? entries.map((e) => line(e, labels)).join('\n')
        : `ワークブック「${workbook}」の監査記録はありません。`) + '\n',
    );
  return 0;
}
