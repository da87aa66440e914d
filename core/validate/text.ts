import type { Issue } from '../issues';
import { SHEETS } from '../registry/definition';

const sheetName = new Map<string, string>(SHEETS.map((s) => [s.key, s.name]));

/**
 * Where the issue is, in Japanese: 「ケース」シート 5行目「caseId」, 「設定」シート, 台帳全体. Messages
 * of the row and cross-sheet rules already begin with it; this is for any that do not.
 */
function place(issue: Issue): string {
  if (issue.sheet === 'registry') return '台帳全体';
  const name = issue.sheet === 'settings' ? '設定' : (sheetName.get(issue.sheet) ?? issue.sheet);
  return `「${name}」シート${issue.row === null ? '' : ` ${issue.row}行目`}`;
}

/** True when the message already leads with its place (「…」シート, 設定「…」). */
const leadsWithPlace = (message: string): boolean => /^(「[^」]+」シート|設定「)/.test(message);

/**
 * A plain Japanese listing of issues for a terminal or a log: each line leads with the sheet, row
 * and column, then what to do, and ends with the code in brackets:
 * `- 「ケース」シート 5行目「世帯人数」: 整数（小数点のない数）を入力してください。 [value.integer]`
 */
export function formatIssuesText(issues: Issue[], notices: Issue[] = []): string {
  const line = (i: Issue) => `- ${leadsWithPlace(i.message) ? i.message : `${place(i)}: ${i.message}`} [${i.code}]`;
  const said = notices.length ? ['', 'お知らせ（問題ではありません）:', ...notices.map(line)] : [];
  if (!issues.length) return ['検証結果: 問題は見つかりませんでした。', ...said].join('\n');
  return [`検証結果: ${issues.length}件の問題が見つかりました。`, ...issues.map(line), ...said].join('\n');
}
