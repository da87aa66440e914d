import type { ReadResult } from '../registry/read';
import type { Issue } from '../issues';

export function crossSheetIssues(_read: ReadResult): Issue[] {
  return [];
}
