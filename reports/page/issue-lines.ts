// The page's issue list, shorter than the issues: the same issue in many rows (年代「不詳」 in every
// row) is one line with its rows as ranges. Only the page groups; the JSON and the CLI list every
// issue as it is.
import type { Issue } from '../../core/issues';

/** One line of the page's issue list: an issue, and the rows where the same issue stands. */
export interface IssueLine {
  first: Issue;
  /** The rows of the issues this line stands for, in the list's order; empty for an issue of no row. */
  rows: number[];
}

/**
 * Issues of the same sheet, column and code whose messages differ only by their row (so the same
 * typed value: 年代「不詳」 in every row) as one line each, at the place of the first; the others as
 * they are. Only the page groups: the JSON and the CLI list every issue.
 */
export function issueLines(issues: readonly Issue[]): IssueLine[] {
  const lines: IssueLine[] = [];
  const byKey = new Map<string, IssueLine>();
  for (const i of issues) {
    if (i.row === null) {
      lines.push({ first: i, rows: [] });
      continue;
    }
    const key = [i.sheet, i.column ?? '', i.code, i.message.replace(` ${i.row}行目`, '')].join('\u0000');
    const line = byKey.get(key);
    if (line) line.rows.push(i.row);
    else {
      const l = { first: i, rows: [i.row] };
      byKey.set(key, l);
      lines.push(l);
    }
  }
  return lines;
}

/** `2〜301行目（300行）`, `4・7〜9行目（4行）`: the rows as runs of consecutive numbers. */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let k = 0; k < sorted.length;) {
    let j = k;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j === k ? String(sorted[k]) : `${sorted[k]}〜${sorted[j]}`);
    k = j + 1;
  }
  return `${runs.join('・')}行目（${sorted.length}行）`;
}
