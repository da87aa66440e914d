import type { Issue } from '../issues';

/** A plain Japanese listing of issues for a terminal or a log. */
export function formatIssuesText(issues: Issue[]): string {
  if (!issues.length) return '検証結果: 問題は見つかりませんでした。';
  const lines = issues.map((i) => `- [${i.code}] ${i.message}`);
  return [`検証結果: ${issues.length}件の問題が見つかりました。`, ...lines].join('\n');
}
