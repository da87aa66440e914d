// Bounded issue lists: /sync and /validate answer the first ISSUES_IN_ANSWER issues with the total
// and the counts by code; GET /revisions/{revision}/issues pages through all of a stored revision's
// issues. A revision never changes, so its issues are the validation of its stored snapshot — the
// same list the sync answered — kept for the latest synced revisions within a budget, and computed
// again from the store otherwise.
import * as z from 'zod/mini';
import { validateRegistry } from '../../core/validate';
import type { Issue } from '../../core/issues';
import type { Store } from '../store';
import { toRaw } from '../snapshot';
import { ApiError } from './errors';

import { ISSUES_IN_ANSWER, issueCounts, type IssueCounts, type IssueSlice } from './work';

export { ISSUES_IN_ANSWER, issueCounts, type IssueCounts };
/** Issues per page: the default and the most a page may ask for. */
export const ISSUES_PAGE = 200;
export const ISSUES_PAGE_MAX = 1000;

/** Issue lists of recent revisions, least recently used first, within a budget of issues. */
export class IssueCache {
  private readonly entries = new Map<string, Issue[]>();
  private held = 0;
  constructor(private readonly maxIssues = 200_000) {}

  put(workbookId: number, revision: number, issues: Issue[]): void {
    const key = `${workbookId}:${revision}`;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.held -= old.length;
    }
    if (issues.length > this.maxIssues) return;
    this.entries.set(key, issues);
    this.held += issues.length;
    for (const [k, e] of this.entries) {
      if (this.held <= this.maxIssues) break;
      this.entries.delete(k);
      this.held -= e.length;
    }
  }

  get(workbookId: number, revision: number): Issue[] | undefined {
    const key = `${workbookId}:${revision}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }
}

/** A stored revision's issues (validation of its snapshot); null when the workbook has no such revision. */
export async function revisionIssues(
  store: Store,
  cache: IssueCache,
  workbookId: number,
  revision: number,
): Promise<Issue[] | null> {
  const hit = cache.get(workbookId, revision);
  if (hit) return hit;
  const snapshot = await store.snapshot(workbookId, revision);
  if (!snapshot) return null;
  const { issues } = validateRegistry(toRaw(snapshot));
  cache.put(workbookId, revision, issues);
  return issues;
}

const pageQuery = z.object({
  offset: z.optional(z.string().check(z.regex(/^\d{1,9}$/))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
});

export interface IssuesPage {
  revision: number;
  offset: number;
  limit: number;
}

const badQuery = (message: string) => new ApiError(400, 'query.invalid', message);

/** The revision of the path and the page of the query, or a 400 naming the field. */
export function issuesPageOf(revisionParam: unknown, query: unknown): IssuesPage {
  const rev = typeof revisionParam === 'string' && /^\d{1,9}$/.test(revisionParam) ? Number(revisionParam) : 0;
  if (rev < 1) throw badQuery('revision: 版は 1 以上の整数で指定してください（/api/v1/revisions/3/issues など）。');
  const q = pageQuery.safeParse(query);
  if (!q.success) {
    const field = q.error.issues[0]?.path[0];
    throw badQuery(
      field === 'offset'
        ? 'offset: 0 以上の整数を一つ指定してください（既定 0）。'
        : field === 'limit'
          ? `limit: 1〜${ISSUES_PAGE_MAX} の整数を一つ指定してください（既定 ${ISSUES_PAGE}）。`
          : 'クエリは offset と limit を一つずつ指定してください。',
    );
  }
  const limit = q.data.limit === undefined ? ISSUES_PAGE : Number(q.data.limit);
  if (limit < 1 || limit > ISSUES_PAGE_MAX)
    throw badQuery(`limit: 1〜${ISSUES_PAGE_MAX} の整数を一つ指定してください（既定 ${ISSUES_PAGE}）。`);
  return { revision: rev, offset: q.data.offset === undefined ? 0 : Number(q.data.offset), limit };
}

/** The page's answer: the slice, where it is, and the next page's offset (null on the last). */
export function issuesAnswer(workbook: string, page: IssuesPage, slice: IssueSlice) {
  const end = Math.min(slice.total, page.offset + page.limit);
  return {
    workbook,
    revision: page.revision,
    total: slice.total,
    issueCounts: slice.issueCounts,
    offset: page.offset,
    limit: page.limit,
    next: end < slice.total ? end : null,
    issues: slice.issues,
  };
}
