// Core issues carry a location prefix (「ケース」シート 2行目「受付日」: …); next to a form field
// only the advice is shown. The first issue of each field wins.
import type { Issue } from '../../core/issues';

const LOCATION = /^「[^」]*」シート(?: \d+行目)?(?:「[^」]*」)?[:：]\s*/;

export function adviceOf(message: string): string {
  return message.replace(LOCATION, '');
}

export function fieldErrors(issues: readonly Issue[], keyOf: (issue: Issue) => string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = keyOf(issue);
    if (key !== null && !(key in out)) out[key] = adviceOf(issue.message);
  }
  return out;
}
