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
  export: '月次集計の出力',
  'token.create': 'トークン発行',
  'token.revoke': 'トークン失効',
};

function line(e: AuditEntry): string {
  const rows = e.rowCounts ? Object.values(e.rowCounts).reduce((a, b) => a + b, 0) : null;
  return [
    e.at,
    ACTIONS[e.action] ?? e.action,
    `トークン ${e.tokenId ?? '-'}`,
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
  const entries = await withStore(values['data-dir'], 'audit', (s) => s.auditLog(workbook));
  if (entries === null) throw new UsageError(`ワークブック「${workbook}」はありません。`, false);
  if (format === 'json') process.stdout.write(JSON.stringify({ workbook, entries }, null, 1) + '\n');
  else
    process.stdout.write(
      (entries.length ? entries.map(line).join('\n') : `ワークブック「${workbook}」の監査記録はありません。`) + '\n',
    );
  return 0;
}
